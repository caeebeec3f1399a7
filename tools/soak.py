"""./dev soak: the whole example suite many times in a row, in random order, in parallel.

    ./dev soak                 50 runs
    ./dev soak --runs 5        (CI)
    ./dev soak --busy          with both cores kept busy by burner processes it starts and stops
    ./dev soak -- -k streams   anything after -- goes to pytest

Each run is `pytest docs` with a new random seed (pytest-randomly), the workers and bundled
servers of ./dev test. It prints each run's seed, time and outcome, and at the end the
totals; a failing run's failures are printed and kept in .soak/. Exit status 1 if any run failed.
"""

import argparse
import multiprocessing
import random
import subprocess
import sys
import time

from docs_harness import PROJECT_ROOT

LOGS = PROJECT_ROOT / ".soak"
RUN_SECONDS = 600


def burn(stop) -> None:  # a busy core, until told to stop
    while not stop.is_set():
        for _ in range(100_000):
            pass


def run_once(seed: int, extra: list[str]) -> tuple[bool, float, str]:
    started = time.monotonic()
    command = [
        sys.executable,
        "-m",
        "pytest",
        "docs",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--randomly-seed={seed}",
        *extra,
    ]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=RUN_SECONDS)
    seconds = time.monotonic() - started
    lines = done.stdout.strip().splitlines()
    return done.returncode == 0, seconds, done.stdout if done.returncode else (lines[-1] if lines else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev soak", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--busy", action="store_true", help="keep both cores busy with burner processes meanwhile")
    parser.add_argument("pytest_args", nargs="*", help="after --: passed to pytest")
    args = parser.parse_args(argv)
    LOGS.mkdir(exist_ok=True)
    stop = multiprocessing.Event()
    burners = [multiprocessing.Process(target=burn, args=(stop,), daemon=True) for _ in range(2 if args.busy else 0)]
    for burner in burners:
        burner.start()
    failures, times, seeds = 0, [], []
    started = time.monotonic()
    try:
        for number in range(1, args.runs + 1):
            seed = random.randrange(2**32)
            passed, seconds, output = run_once(seed, args.pytest_args)
            times.append(seconds)
            seeds.append(seed)
            if not passed:
                failures += 1
                (LOGS / f"failed-{seed}.log").write_text(output)
            summary = output if passed else f"FAILED (.soak/failed-{seed}.log)\n" + _failure_lines(output)
            print(f"run {number}/{args.runs} seed {seed}: {seconds:.1f} s: {summary}", flush=True)
    finally:
        stop.set()
        for burner in burners:
            burner.join(timeout=5)
            if burner.is_alive():
                burner.kill()
    busy = " with both cores busy" if args.busy else ""
    times.sort()
    print(
        f"soak{busy}: {args.runs} runs, {failures} failed, {time.monotonic() - started:.0f} s; per run "
        f"min {times[0]:.1f} s, median {times[len(times) // 2]:.1f} s, max {times[-1]:.1f} s; seeds {' '.join(map(str, seeds))}",
        flush=True,
    )
    return 1 if failures else 0


def _failure_lines(output: str) -> str:
    return "\n".join("  " + line for line in output.splitlines() if line.startswith(("FAILED", "ERROR", "docs/")))[
        :4000
    ]


if __name__ == "__main__":
    sys.exit(main())
