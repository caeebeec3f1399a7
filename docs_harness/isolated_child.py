"""The child process of an isolated example: the snippet, what happened into a file, exit.

Started by ``docs_harness.isolation``; it imports only the standard library (and
``docs_harness.observation``, which does too) before the snippet runs.
"""

import json
import os
import sys
from pathlib import Path

from docs_harness.observation import observe


def main(snippet: str, timeout: str, result_file: str) -> None:
    observation = observe(Path(snippet), float(timeout), interrupt_is_outcome=True)
    Path(result_file).write_text(json.dumps(observation.to_dict()), encoding="utf-8")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # a wedged channel or server must not hold the exit


if __name__ == "__main__":
    main(*sys.argv[1:])
