"""The bundled server in its own process, shared by every in-process example of a test run."""

import os
import subprocess
import sys

import grpc

from guide_server import ADDRESS_VARIABLE
from guidepb import greeter_pb2, greeter_pb2_grpc


class SharedServer:
    """Started on first use; its address goes to GUIDE_SERVER_ADDRESS, where snippets look."""

    _instance: "SharedServer | None" = None

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "guide_server", "--address", "127.0.0.1:0"],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        announcement = self.process.stdout.readline()  # "guide server (sync) listening on HOST:PORT"
        if "listening on" not in announcement:
            self.process.kill()
            raise RuntimeError(f"the bundled server did not start: {announcement!r}")
        self.address = announcement.split()[-1]
        os.environ[ADDRESS_VARIABLE] = self.address
        self.channel = grpc.insecure_channel(self.address)
        self.monitor = greeter_pb2_grpc.MonitorStub(self.channel)

    @classmethod
    def get(cls) -> "SharedServer":
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def active_handlers(self) -> int:
        return self.monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5).active

    @classmethod
    def stop(cls) -> None:
        if cls._instance is not None:
            cls._instance.channel.close()
            cls._instance.process.terminate()
            cls._instance.process.wait(timeout=10)
            cls._instance.process.stdout.close()
            cls._instance = None
