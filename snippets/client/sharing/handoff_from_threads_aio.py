"""Allowed: worker threads hand their calls to the loop of the channel."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    loop = asyncio.get_running_loop()
    loop_thread = threading.current_thread()
    callers, ran_on = set(), set()
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)

        async def greet(n: int) -> str:  # (1)!
            ran_on.add(threading.current_thread())
            reply = await stub.SayHello(
                greeter_pb2.HelloRequest(name=f"thread {n}"), timeout=5
            )
            return reply.message

        def from_a_thread(n: int) -> str:
            callers.add(threading.current_thread())
            future = asyncio.run_coroutine_threadsafe(greet(n), loop)  # (2)!
            return future.result(timeout=10)

        with ThreadPoolExecutor(max_workers=4) as pool:
            replies = await asyncio.gather(
                *(
                    loop.run_in_executor(pool, from_a_thread, n)
                    for n in range(20)
                )
            )
    print(len(replies), "replies;", replies[0], "...", replies[-1])
    print("handed over from other threads:", loop_thread not in callers)
    print("calls ran on the loop's thread:", ran_on == {loop_thread})


if __name__ == "__main__":
    asyncio.run(main())
