"""The grpcio versions the guide speaks of: the pin, and the releases it was verified on.

The pin is read from pyproject.toml (the one place it is written); the verified releases
are those with a results file. Pages never type a version: they write ``{{ grpcio }}``
(the pin) or ``{{ grpcio_verified }}`` (every verified release), which the build fills in.
"""

import functools
import re
import tomllib
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from docs_harness import PROJECT_ROOT
from docs_harness.labels import LABELS
from docs_harness.results import recorded_versions

PLACEHOLDERS = {"pinned": "{{ grpcio }}", "verified": "{{ grpcio_verified }}"}
HAND_WRITTEN_VERSION = re.compile(r"grpcio[ -]?\d+\.\d+(\.\d+)?")  # what a page must not contain


@functools.lru_cache(maxsize=8)
def pinned(root: Path = PROJECT_ROOT) -> str:
    """The grpcio version pyproject.toml pins ("grpcio==1.85.1")."""
    dependencies = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for dependency in dependencies:
        name, _, version = dependency.partition("==")
        if name.strip() == "grpcio":
            return version.strip()
    raise ValueError("pyproject.toml does not pin grpcio (grpcio==X.Y.Z)")


def verified(root: Path = PROJECT_ROOT) -> list[str]:
    return recorded_versions(root)


def in_range(spec: SpecifierSet | None, versions: list[str]) -> list[str]:
    return [v for v in versions if spec is None or spec.contains(Version(v), prereleases=True)]


def range_text(spec: SpecifierSet | None, language: str) -> str:
    """ ">=1.83" -> "1.83 以降" / "1.83 and later"; ">=1.70,<1.83" -> both parts."""
    labels = LABELS[language]
    if spec is None:
        return ""
    words = {
        ">=": "range_from",
        ">": "range_from",
        "<": "range_before",
        "<=": "range_upto",
        "==": "range_only",
        "!=": "range_except",
    }
    parts = sorted(spec, key=lambda s: (s.operator not in (">=", ">"), s.version))
    return labels["range_join"].join(
        labels[words.get(s.operator, "range_only")].format(version=s.version) for s in parts
    )


def fill_placeholders(markdown: str, root: Path = PROJECT_ROOT) -> str:
    versions = verified(root)
    return markdown.replace(PLACEHOLDERS["pinned"], pinned(root)).replace(PLACEHOLDERS["verified"], ", ".join(versions))
