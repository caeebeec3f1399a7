"""Forbidden: with grpc.so_reuseport=0, binding a port in use raises at once.

With this option, add_insecure_port() raises 'Failed to bind to address ...',
as a second instance on the same port should.
"""

from concurrent.futures import ThreadPoolExecutor

import grpc

NO_REUSEPORT = [("grpc.so_reuseport", 0)]  # (1)!


def main() -> None:
    with (
        ThreadPoolExecutor(max_workers=2) as pool_a,
        ThreadPoolExecutor(max_workers=2) as pool_b,
    ):
        first = grpc.server(pool_a, options=NO_REUSEPORT)
        port = first.add_insecure_port("127.0.0.1:0")
        first.start()
        second = grpc.server(pool_b, options=NO_REUSEPORT)
        try:
            second.add_insecure_port(f"127.0.0.1:{port}")  # (2)!
        finally:
            second.stop(0).wait()
            first.stop(0).wait()


if __name__ == "__main__":
    main()
