"""./dev verify: every example on YOUR grpcio, and the rule table for it, marking what differs.

    ./dev verify                   the grpcio that `python3` (or $PYTHON) imports: your environment's
    ./dev verify --grpcio 1.66.2   any release on the package index

The examples run as in the matrix (an environment of that release, cached in .matrix/); the
table shows each rule's verdict for your release next to the site's, so a reader on an older
or newer grpcio learns in one command which rules differ for them.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docs_harness import LANGUAGES
from docs_harness.pages import all_pages
from docs_harness.results import Recorded, Results
from docs_harness.rules import collect
from docs_harness.versions import pinned, verified
from tools import environments
from tools.matrix import run_examples


def readers_grpcio() -> str | None:
    import os

    python = os.environ.get("PYTHON", "python3")
    found = subprocess.run([python, "-c", "import grpc; print(grpc.__version__)"], capture_output=True, text=True)
    return found.stdout.strip() if found.returncode == 0 else None


def verdict(recorded: Recorded | None) -> str:
    if recorded is None:
        return "no outcome (it failed to run or ran past its deadline)"
    if recorded.succeeded:
        return "OK"
    if not recorded.ended_by_itself:
        return f"forbidden: {recorded.error}"
    if recorded.own:
        return "forbidden (no error)"
    code = f" {recorded.code}" if recorded.code else ""
    return f"forbidden: {recorded.error.rpartition('.')[2]}{code}"


def table(mine: Results, site: Results) -> tuple[list[str], int]:
    """The rule table for one release, with the site's (pinned) verdict where it differs."""
    rules = collect([page for page in all_pages(LANGUAGES[1]) if page.path not in ("index.md", "errors.md")])
    lines, differ = [], 0
    for rule in rules:
        cells = []
        for api in ("sync", "aio"):
            examples = rule.examples[api]
            if not examples:
                cells.append("—")
                continue
            ours = verdict(mine.examples.get(examples[0].id))
            theirs = verdict(site.examples.get(examples[0].id))
            if ours != theirs:
                differ += 1
                cells.append(f"{ours}   <-- differs (site, grpcio {site.grpcio}: {theirs})")
            else:
                cells.append(ours)
        lines.append(f"- {rule.operation}\n    sync: {cells[0]}\n    aio:  {cells[1]}")
    return lines, differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev verify", description=__doc__.splitlines()[0])
    parser.add_argument("--grpcio", help="the grpcio release to verify (default: the one python3 imports)")
    args = parser.parse_args(argv)
    version = args.grpcio or readers_grpcio()
    if version is None:
        print("dev verify: python3 cannot import grpc; name a release: ./dev verify --grpcio X.Y.Z", file=sys.stderr)
        return 2
    releases = verified()
    if version not in releases:
        print(
            f"grpcio {version} is not one this guide was verified on ({', '.join(releases)}): running every example on it."
        )
    release = environments.release_for(version)
    started = time.monotonic()
    environments.CACHE.mkdir(exist_ok=True)
    with open(environments.CACHE / "install.log", "a") as log:
        environments.ensure(release, log)
    with tempfile.TemporaryDirectory(prefix="verify-") as scratch:
        run = run_examples(release, Path(scratch))
        mine = Results.load(version, Path(scratch))
    if mine is None:
        print(run.stdout[-3000:] + run.stderr[-2000:], file=sys.stderr)
        return 2
    site = Results.load(pinned())
    lines, differ = table(mine, site)
    print(f"\nThe rules on grpcio {version} (Python {mine.python}), next to the site's (grpcio {site.grpcio}):\n")
    print("\n".join(lines))
    total = time.monotonic() - started
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    print(f"\n{differ} verdict(s) differ from the site's. Examples: {summary} ({total:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
