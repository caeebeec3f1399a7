"""Forbidden: under gevent, without init_gevent(), server.start() never returns."""

import subprocess
import sys

GEVENT = "--gevent"  # this file runs itself again, as a gevent program
if GEVENT in sys.argv:
    from gevent import monkey

    monkey.patch_all()  # first thing, before any other import

from concurrent.futures import ThreadPoolExecutor

import grpc


def gevent_program() -> None:
    server = grpc.server(ThreadPoolExecutor(max_workers=4))
    server.add_insecure_port("127.0.0.1:0")
    print("calling server.start()", flush=True)
    server.start()
    print("server.start() returned", flush=True)
    server.stop(0)


def main() -> None:
    command = [sys.executable, __file__, GEVENT]
    try:
        child = subprocess.run(command, capture_output=True, text=True, timeout=5)
    except subprocess.TimeoutExpired as hung:  # the child is killed
        print(hung.stdout.decode(), end="")
        raise
    child.check_returncode()
    print(child.stdout, end="")


if __name__ == "__main__":
    gevent_program() if GEVENT in sys.argv else main()
