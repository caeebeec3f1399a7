"""The bundled server in a process of its own, started the way readers start it.

    with ServerProcess.start() as server:     # python -m guide_server --address 127.0.0.1:0
        os.environ[ADDRESS_VARIABLE] = server.address

The one way the project starts a server process: for the examples of a test worker, for
each isolated example, for the server's own tests, the benchmark and the abuse script.
"""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ANNOUNCEMENT = "listening on"  # "guide server (sync) listening on 127.0.0.1:PORT"
STOP_SECONDS = 10.0


class ServerDidNotStart(RuntimeError):
    pass


@dataclass
class ServerProcess:
    process: subprocess.Popen
    address: str
    announcement: str

    @classmethod
    def start(
        cls,
        *,
        flavour: str = "sync",
        address: str = "127.0.0.1:0",
        extra_args: tuple[str, ...] = (),
        log: Path | None = None,
        env: dict[str, str] | None = None,
        python: str = sys.executable,
    ) -> "ServerProcess":
        """Starts the server and waits for its announcement; its stderr goes to log (or is dropped)."""
        command = [python, "-m", "guide_server", "--address", address, *extra_args]
        if flavour == "aio":
            command.append("--aio")
        stderr = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (the child keeps it)
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env
            )
        finally:
            if log:
                stderr.close()
        announcement = process.stdout.readline().strip()
        if ANNOUNCEMENT not in announcement:
            process.kill()
            process.wait()
            process.stdout.close()
            raise ServerDidNotStart(f"the bundled server did not start ({' '.join(command)}): {announcement!r}")
        return cls(process, announcement.split()[-1], announcement)

    def stop(self) -> int:
        """SIGTERM, then SIGKILL if it does not exit in time; returns its exit status."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        return self.process.returncode

    def __enter__(self) -> "ServerProcess":
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
