"""Allowed: one event loop per thread, each loop with its own grpc.aio channel."""

import asyncio
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

LOOPS = 4


def added_threads(before: set) -> list[str]:
    names = [thread.name for thread in threading.enumerate() if thread not in before]
    return sorted("grpc poller" if n.endswith("(_poll_wrapper)") else n for n in names)


def main() -> None:
    before = set(threading.enumerate())
    ready = [threading.Event() for _ in range(LOOPS)]
    counted = threading.Event()
    replies, errors = [0] * LOOPS, []

    async def calls(n: int) -> None:  # in thread n's own loop, with its own channel
        async with grpc.aio.insecure_channel(server_address()) as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.HelloRequest(name=f"loop {n}", delay_ms=100)
            calls = [stub.SayHello(request, timeout=5) for _ in range(10)]
            replies[n] = len(await asyncio.gather(*calls))
            ready[n].set()
            for _ in range(500):  # keep this loop and its channel until counted
                if counted.is_set():
                    break
                await asyncio.sleep(0.01)

    def worker(n: int) -> None:
        try:
            asyncio.run(calls(n))
        except Exception as error:
            errors.append(error)
        finally:
            ready[n].set()

    threads = [
        threading.Thread(target=worker, args=(n,), name=f"loop-{n}")
        for n in range(LOOPS)
    ]
    for thread in threads:
        thread.start()
    for event in ready:
        event.wait(timeout=5)
    print("replies per loop:", replies)
    print("threads added while the loops run:", added_threads(before))
    counted.set()
    for thread in threads:
        thread.join(timeout=5)
    if errors:
        raise errors[0]
    left = [name for name in added_threads(before) if name.startswith("loop")]
    print("loop threads left once they end:", left)


if __name__ == "__main__":
    main()
