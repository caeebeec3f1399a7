"""Allowed, read right: wait_for_termination() returns True on timeout."""

import asyncio

import grpc


async def main() -> None:
    server = grpc.aio.server()
    server.add_insecure_port("127.0.0.1:0")
    await server.start()
    print(
        "still running, timed out:",
        await server.wait_for_termination(timeout=0.2),  # (1)!
    )
    await server.stop(0)
    print("stopped:", await server.wait_for_termination(timeout=0.2))  # (2)!


if __name__ == "__main__":
    asyncio.run(main())
