"""What each example did on each grpcio release: the committed files under ``results/``.

``results/grpcio-<version>.json`` is written by a recording run (``./dev test --record``
for the installed grpcio, ``./dev matrix`` for each release of the matrix). The pages take
every error text and per-version verdict they show from these files; the tests check the
files against the examples' fences, and each run against the file of its grpcio.
"""

import datetime
import json
import platform
from dataclasses import asdict, dataclass
from pathlib import Path

from packaging.version import Version

from docs_harness import PROJECT_ROOT

RESULTS_FOLDER = "results"
PREFIX = "grpcio-"


@dataclass(frozen=True)
class Recorded:
    """One example's outcome on one release."""

    grpcio: str
    error: str | None  # the exception's qualified class name; None: it succeeded
    code: str | None = None
    message: str | None = None
    printed: str | None = None  # as Python prints it (run-specific parts elided)
    own: bool | None = None  # True: the snippet's own assert raised it (a silent failure)

    @property
    def succeeded(self) -> bool:
        return self.error is None

    @property
    def ended_by_itself(self) -> bool:
        """False for a run that hung ("hang") or whose process died of a signal ("crash: SIGSEGV")."""
        return self.error is None or not (self.error == "hang" or self.error.startswith("crash: "))


@dataclass
class Results:
    grpcio: str
    protobuf: str
    python: str
    platform: str
    date: str
    examples: dict[str, Recorded]  # by snippet path, e.g. "snippets/client/streams/two_writers_aio.py"

    @staticmethod
    def path(version: str, root: Path = PROJECT_ROOT) -> Path:
        return root / RESULTS_FOLDER / f"{PREFIX}{version}.json"

    @classmethod
    def load(cls, version: str, root: Path = PROJECT_ROOT) -> "Results | None":
        path = cls.path(version, root)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        examples = {key: Recorded(grpcio=data["grpcio"], **value) for key, value in data.pop("examples").items()}
        return cls(**data, examples=examples)

    @classmethod
    def for_this_process(cls, examples: dict[str, Recorded]) -> "Results":
        import google.protobuf
        import grpc

        return cls(
            grpcio=grpc.__version__,
            protobuf=google.protobuf.__version__,
            python=platform.python_version(),
            platform=f"{platform.system()} {platform.machine()}",
            date=datetime.date.today().isoformat(),
            examples=examples,
        )

    def save(self, root: Path = PROJECT_ROOT) -> Path:
        """Writes the file; the date changes only when an outcome does."""
        path = self.path(self.grpcio, root)
        previous = Results.load(self.grpcio, root)
        if previous is not None and previous.examples == self.examples:
            self.date = previous.date
        data = asdict(self)
        data["examples"] = {
            key: {k: v for k, v in asdict(value).items() if k == "error" or (k != "grpcio" and v is not None)}
            for key, value in sorted(self.examples.items())
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path


def recorded_versions(root: Path = PROJECT_ROOT) -> list[str]:
    """Every release with a committed results file, oldest first."""
    folder = root / RESULTS_FOLDER
    found = [p.stem.removeprefix(PREFIX) for p in folder.glob(f"{PREFIX}*.json")] if folder.is_dir() else []
    return sorted(found, key=Version)


def all_results(root: Path = PROJECT_ROOT) -> list[Results]:
    return [Results.load(version, root) for version in recorded_versions(root)]
