"""Forbidden: start a second server on a port in use: by default it binds.

grpcio sets SO_REUSEPORT by default, so add_insecure_port() on a port that
another server already listens on succeeds. Two servers then share the port,
and new connections go to either one.
"""

from concurrent.futures import ThreadPoolExecutor

import grpc


def main() -> None:
    with (
        ThreadPoolExecutor(max_workers=2) as pool_a,
        ThreadPoolExecutor(max_workers=2) as pool_b,
    ):
        first = grpc.server(pool_a)
        port = first.add_insecure_port("127.0.0.1:0")
        first.start()
        second = grpc.server(pool_b)  # default options
        try:
            bound = second.add_insecure_port(f"127.0.0.1:{port}")  # (1)!
            second.start()
            print("the second server bound the port in use:", bound == port)
            assert bound != port, (
                "a second server should not get a port in use"
            )
        finally:
            second.stop(0).wait()
            first.stop(0).wait()


if __name__ == "__main__":
    main()
