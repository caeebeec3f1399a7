"""Forbidden: under gevent, without init_gevent(), server.start() hangs."""

from gevent import monkey

monkey.patch_all()  # a gevent program: first thing, before any other import

from concurrent.futures import ThreadPoolExecutor  # noqa: E402

import grpc  # noqa: E402


def main() -> None:
    server = grpc.server(ThreadPoolExecutor(max_workers=4))
    server.add_insecure_port("127.0.0.1:0")
    print("calling server.start()", flush=True)
    server.start()  # (1)!
    print("server.start() returned", flush=True)
    server.stop(0)


if __name__ == "__main__":
    main()
