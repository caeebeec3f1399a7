"""Run an example isolated: in a child process, against a bundled server process of its own.

For examples that wedge a channel or a whole server, fork, or leave threads behind: the
child is killed at the deadline (after its own alarm had the chance to report where it
hung), and the server, started as readers start it (``python -m guide_server``), goes too.
The child (``docs_harness.isolated_child``) imports nothing but the standard library before
its snippet, so the snippet starts as in a fresh ``python snippet.py`` (gevent's patching).
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from docs_harness.observation import Observation
from guide_server import ADDRESS_VARIABLE
from guide_server.process import ServerProcess

KILL_GRACE = 5.0  # past its deadline, the child gets this long to report where it hung


def run_isolated(
    snippet: Path, timeout: float, root: Path, *, alarm: bool = True, env: dict[str, str] | None = None
) -> Observation:
    """alarm=False: no SIGALRM in the child (an example expected to hang is just stopped at its deadline;
    an alarm there could land in a thread that gevent made a greenlet, and end the hang itself)."""
    env = {**os.environ, **(env or {})}
    with tempfile.TemporaryDirectory(prefix="isolated-example-") as folder:
        folder = Path(folder)
        server_log, result_file = folder / "server.log", folder / "result.json"
        with ServerProcess.start(log=server_log, env=env) as server:
            child = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "docs_harness.isolated_child",
                    str(snippet),
                    str(timeout if alarm else 0),
                    str(result_file),
                ],
                cwd=root,
                env={**env, ADDRESS_VARIABLE: server.address},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,  # the example's own children die with it
            )
            try:
                output, _ = child.communicate(timeout=timeout + (KILL_GRACE if alarm else 0))
                killed = False
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                output, _ = child.communicate()
                killed = True
            _kill_group(child.pid)  # whatever the example forked and left
        log = output + _server_log(server_log)
        if killed:  # past its deadline and deaf to its own alarm: it hung
            return Observation(timed_out=timeout, log=log + ("\n(killed after its deadline)" if alarm else ""))
        if child.returncode < 0:  # it died of a signal before it could report
            return Observation(signal=signal.Signals(-child.returncode).name, log=log)
        if not result_file.exists():
            return Observation(
                failure=f"the isolated example's process exited with status {child.returncode} before reporting",
                log=log,
            )
        observation = Observation.from_dict(json.loads(result_file.read_text(encoding="utf-8")))
        observation.log = observation.log + log
        return observation


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _server_log(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return f"\n(its server's log)\n{text}" if text.strip() else ""
