"""Create the bundled server in-process, or run it from the command line.

server, port = create_server("127.0.0.1:0")   # port 0: any free port
server.start()
"""

import argparse
import asyncio
import os
import signal
from concurrent import futures

import grpc

from guide_server import ADDRESS_VARIABLE, DEFAULT_ADDRESS, aio_servicers, bench_servicers, servicers
from guide_server.tracking import HandlerTracker
from guidepb import greeter_pb2_grpc


def create_server(
    address: str = DEFAULT_ADDRESS, *, max_workers: int = 32, max_concurrent_streams: int | None = None
) -> tuple[grpc.Server, int]:
    """A thread-pool server with Greeter and Monitor (and Bench), bound to address; not started."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="guide-handler"),
        options=_options(max_concurrent_streams),
    )
    tracker = HandlerTracker()
    greeter_pb2_grpc.add_GreeterServicer_to_server(servicers.Greeter(tracker), server)
    greeter_pb2_grpc.add_MonitorServicer_to_server(servicers.Monitor(tracker), server)
    greeter_pb2_grpc.add_BenchServicer_to_server(bench_servicers.Bench(), server)
    return server, server.add_insecure_port(address)


def create_aio_server(
    address: str = DEFAULT_ADDRESS, *, max_concurrent_streams: int | None = None
) -> tuple[grpc.aio.Server, int]:
    """An asyncio server with the same services; create it inside the loop that runs it."""
    server = grpc.aio.server(options=_options(max_concurrent_streams))
    tracker = HandlerTracker()
    greeter_pb2_grpc.add_GreeterServicer_to_server(aio_servicers.Greeter(tracker), server)
    greeter_pb2_grpc.add_MonitorServicer_to_server(aio_servicers.Monitor(tracker), server)
    greeter_pb2_grpc.add_BenchServicer_to_server(bench_servicers.AioBench(), server)
    return server, server.add_insecure_port(address)


def _options(max_concurrent_streams: int | None) -> list[tuple[str, int]]:
    """Server channel args: HTTP/2 streams allowed per connection (the client queues the rest)."""
    return [] if max_concurrent_streams is None else [("grpc.max_concurrent_streams", max_concurrent_streams)]


def _announce(flavour: str, address: str, port: int) -> None:
    host = address.rpartition(":")[0]
    print(f"guide server ({flavour}) listening on {host}:{port}", flush=True)


def _serve_sync(address: str, **settings) -> None:
    server, port = create_server(address, **settings)
    server.start()
    _announce("sync", address, port)
    signal.signal(signal.SIGTERM, lambda *_: server.stop(0))
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        server.stop(0)


async def _serve_aio(address: str, **settings) -> None:
    server, port = create_aio_server(address, **settings)
    await server.start()
    _announce("aio", address, port)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, lambda: asyncio.ensure_future(server.stop(0)))
    await server.wait_for_termination()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m guide_server", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--address",
        default=os.environ.get(ADDRESS_VARIABLE, DEFAULT_ADDRESS),
        help=f"host:port to listen on; port 0 picks a free one (default: ${ADDRESS_VARIABLE} or {DEFAULT_ADDRESS})",
    )
    parser.add_argument("--aio", action="store_true", help="serve with grpc.aio instead of a thread pool")
    parser.add_argument("--max-workers", type=int, help="handler threads of the thread-pool server (default: 32)")
    parser.add_argument("--max-concurrent-streams", type=int, help="the server option grpc.max_concurrent_streams")
    args = parser.parse_args(argv)
    settings = {"max_concurrent_streams": args.max_concurrent_streams}
    if args.max_workers is not None:
        if args.aio:
            parser.error("--max-workers applies to the thread-pool server only")
        settings["max_workers"] = args.max_workers
    if args.aio:
        try:
            asyncio.run(_serve_aio(args.address, **settings))
        except KeyboardInterrupt:
            pass
    else:
        _serve_sync(args.address, **settings)
