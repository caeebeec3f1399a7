"""./dev matrix: every example on each grpcio release of matrix.toml.

    ./dev matrix                     run them all; record each release's results/grpcio-<v>.json
    ./dev matrix --check             the same, but leave results/ alone: fail on any outcome that
                                     differs from the fences or from the committed results (CI)
    ./dev matrix --versions 1.70.0   only these releases (any release on the package index)

Each release gets its own cached environment (tools/environments.py); the examples run through
the same pytest plugin as ./dev test, with their own bundled server per worker. Releases run
one after another (each already runs its examples in parallel); environments are built in
parallel first.
"""

import argparse
import concurrent.futures
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.fences import parse_examples
from docs_harness.judge import RACY_DETAILS, without_debug_string
from docs_harness.pages import all_pages
from docs_harness.results import Results
from tools import environments
from tools.environments import Release

RUN_SECONDS = 600  # a release's example run is stopped after this long


def run_examples(release: Release, record_to: Path, extra: list[str] = ()) -> subprocess.CompletedProcess:
    """The examples of one language (each example runs once) on the release, recorded into record_to."""
    command = [
        environments.python(release), "-m", "pytest", f"docs/{LANGUAGES[0]}",
        "-p", "no:cacheprovider", "-q", "--record", "--record-to", str(record_to), *extra,
    ]  # fmt: skip
    return subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=environments.environment(release),
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
    )


def differences(committed: Results | None, fresh: Results | None) -> list[str]:
    """Examples whose recorded outcome changed (type, status, message or printed text)."""
    if fresh is None:
        return ["no results were recorded"]
    if committed is None:
        return [f"no committed results/grpcio-{fresh.grpcio}.json to compare with"]
    open_status = _examples_leaving_the_status_open(fresh.grpcio)
    found = []
    for example, now in sorted(fresh.examples.items()):
        before = committed.examples.get(example)
        if _comparable(before, example in open_status) != _comparable(now, example in open_status):
            found.append(f"{example}: was {_outcome(before)}, now {_outcome(now)}")
    found += [
        f"{example}: recorded before, not run now" for example in sorted(set(committed.examples) - set(fresh.examples))
    ]
    return found


def _examples_leaving_the_status_open(version: str) -> set[str]:
    """Examples whose fence, for this release, states an RPC error but not its status (it varies)."""
    examples = [e for page in all_pages(LANGUAGES[0]) for e in parse_examples(page)]
    return {e.id for e in examples if not e.outcomes.for_version(version).expectation.code}


def _comparable(recorded, status_open: bool = False):
    """A recorded outcome, with the parts that vary between runs masked: the snippet's own
    message, DEADLINE_EXCEEDED's details, a status the fence leaves open, grpc's debug string."""
    if recorded is None:
        return None
    if status_open and recorded.code:
        return dataclasses.replace(recorded, code=None, message=None, printed=None)
    if recorded.own or recorded.code in RACY_DETAILS:
        return dataclasses.replace(recorded, message=None, printed=None)
    return dataclasses.replace(recorded, printed=without_debug_string(recorded.printed))


def _outcome(recorded) -> str:
    if recorded is None:
        return "not recorded"
    if recorded.succeeded:
        return "success"
    code = f" {recorded.code}" if recorded.code else ""
    return f"{recorded.error.rpartition('.')[2]}{code} {recorded.message!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev matrix", description=__doc__.splitlines()[0])
    parser.add_argument("--versions", help="comma-separated grpcio releases (default: every release of matrix.toml)")
    parser.add_argument("--check", action="store_true", help="do not write results/; fail on any difference")
    args = parser.parse_args(argv)
    chosen = (
        [environments.release_for(v) for v in args.versions.split(",")] if args.versions else environments.releases()
    )
    started = time.monotonic()
    log_dir = environments.CACHE
    log_dir.mkdir(exist_ok=True)
    with open(log_dir / "install.log", "a") as log, concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        installs = dict(zip(chosen, pool.map(lambda r: environments.ensure(r, log), chosen), strict=True))
    failed = False
    summary = []
    for release in chosen:
        with tempfile.TemporaryDirectory(prefix="matrix-") as scratch:
            target = Path(scratch) if args.check else PROJECT_ROOT
            committed = Results.load(release.grpcio)
            run_started = time.monotonic()
            run = run_examples(release, target)
            seconds = time.monotonic() - run_started
            fresh = Results.load(release.grpcio, target)
            changed = differences(committed, fresh) if args.check else []
        tail = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "(no output)"
        status = "ok" if run.returncode == 0 and not changed else "DIFFERS"
        failed |= status != "ok"
        summary.append(
            {
                "grpcio": release.grpcio,
                "install_s": round(installs[release], 1),
                "run_s": round(seconds, 1),
                "pytest": tail,
            }
        )
        print(
            f"grpcio {release.grpcio}: {status} - {tail} ({seconds:.0f} s; environment {installs[release]:.0f} s)",
            flush=True,
        )
        if run.returncode != 0:
            print(_failures(run.stdout), flush=True)
        for line in changed:
            print(f"  changed: {line}", flush=True)
    print(f"matrix: {len(chosen)} releases in {time.monotonic() - started:.0f} s", flush=True)
    (log_dir / "last-run.json").write_text(json.dumps(summary, indent=1))
    return 1 if failed else 0


def _failures(stdout: str) -> str:
    """Each failing example's report: which example, expected and got, and what differs (a few lines)."""
    lines, out, keep = stdout.splitlines(), [], 0
    for line in lines:
        if line.startswith("docs/") and ": expected " in line:
            out.append(f"  {line}")
            keep = 12
        elif keep and not line.startswith(("snippet traceback", "____", "====")):
            out.append(f"    {line}")
            keep -= 1
        else:
            keep = 0
    return "\n".join(out) or stdout[-3000:]


if __name__ == "__main__":
    sys.exit(main())
