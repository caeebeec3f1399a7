"""Allowed: one event loop per thread, each with its own grpc.aio channel."""

import asyncio
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

LOOPS = 4


def added_threads(before: set) -> list[str]:
    names = [t.name for t in threading.enumerate() if t not in before]
    poller = "(_poll_wrapper)"  # the end of the poller thread's name
    return sorted("grpc poller" if n.endswith(poller) else n for n in names)


def main() -> None:
    before = set(threading.enumerate())
    ready = [threading.Event() for _ in range(LOOPS)]
    counted = threading.Event()
    replies, errors = [0] * LOOPS, []

    async def calls(n: int) -> None:  # runs in thread n's own loop
        address = server_address()
        async with grpc.aio.insecure_channel(address) as channel:  # (1)!
            stub = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.HelloRequest(name=f"loop {n}", delay_ms=100)
            calls = [stub.SayHello(request, timeout=5) for _ in range(10)]
            replies[n] = len(await asyncio.gather(*calls))
            ready[n].set()
            for _ in range(500):  # keep the loop and channel until counted
                if counted.is_set():
                    break
                await asyncio.sleep(0.01)

    def worker(n: int) -> None:
        try:
            asyncio.run(calls(n))  # (2)!
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
    print("threads added:", added_threads(before))
    counted.set()
    for thread in threads:
        thread.join(timeout=5)
    if errors:
        raise errors[0]
    left = [name for name in added_threads(before) if name.startswith("loop")]
    print("loop threads left once they end:", left)


if __name__ == "__main__":
    main()
