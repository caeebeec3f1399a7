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

from guide_server import ADDRESS_VARIABLE, DEFAULT_ADDRESS, aio_servicers, servicers
from guide_server.tracking import HandlerTracker
from guidepb import greeter_pb2_grpc


def create_server(address: str = DEFAULT_ADDRESS, *, max_workers: int = 32) -> tuple[grpc.Server, int]:
    """A thread-pool server with Greeter and Monitor, bound to address; not started."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="guide-handler"))
    tracker = HandlerTracker()
    greeter_pb2_grpc.add_GreeterServicer_to_server(servicers.Greeter(tracker), server)
    greeter_pb2_grpc.add_MonitorServicer_to_server(servicers.Monitor(tracker), server)
    return server, server.add_insecure_port(address)


def create_aio_server(address: str = DEFAULT_ADDRESS) -> tuple[grpc.aio.Server, int]:
    """An asyncio server with the same services; create it inside the loop that runs it."""
    server = grpc.aio.server()
    tracker = HandlerTracker()
    greeter_pb2_grpc.add_GreeterServicer_to_server(aio_servicers.Greeter(tracker), server)
    greeter_pb2_grpc.add_MonitorServicer_to_server(aio_servicers.Monitor(tracker), server)
    return server, server.add_insecure_port(address)


def _announce(flavour: str, address: str, port: int) -> None:
    host = address.rpartition(":")[0]
    print(f"guide server ({flavour}) listening on {host}:{port}", flush=True)


def _serve_sync(address: str) -> None:
    server, port = create_server(address)
    server.start()
    _announce("sync", address, port)
    signal.signal(signal.SIGTERM, lambda *_: server.stop(0))
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        server.stop(0)


async def _serve_aio(address: str) -> None:
    server, port = create_aio_server(address)
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
    args = parser.parse_args(argv)
    if args.aio:
        try:
            asyncio.run(_serve_aio(args.address))
        except KeyboardInterrupt:
            pass
    else:
        _serve_sync(args.address)
