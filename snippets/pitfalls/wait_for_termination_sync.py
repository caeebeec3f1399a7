"""Allowed, read right: wait_for_termination() returns True on timeout."""

from concurrent.futures import ThreadPoolExecutor

import grpc


def main() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        server = grpc.server(pool)
        server.add_insecure_port("127.0.0.1:0")
        server.start()
        print(
            "still running, timed out:",
            server.wait_for_termination(timeout=0.2),  # (1)!
        )
        server.stop(0).wait()
        print("stopped:", server.wait_for_termination(timeout=0.2))  # (2)!


if __name__ == "__main__":
    main()
