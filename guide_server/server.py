"""Create the bundled server in-process, or run it from the command line.

server, port = create_server("127.0.0.1:0")   # port 0: any free port
server.start()

It listens on loopback unless told otherwise (--address 0.0.0.0:PORT), refuses messages
larger than --max-message-bytes (RESOURCE_EXHAUSTED), and does not share its port with
another process (grpc.so_reuseport off): a second server on a busy port says so and exits.
"""

import argparse
import asyncio
import errno
import ipaddress
import os
import signal
import socket
import sys
from concurrent import futures

import grpc

from guide_server import ADDRESS_VARIABLE, DEFAULT_ADDRESS, aio_servicers, bench_servicers, servicers
from guide_server.tracking import HandlerTracker
from guidepb import greeter_pb2_grpc

MAX_MESSAGE_BYTES = 4 * 1024 * 1024  # a request larger than this ends with RESOURCE_EXHAUSTED


class CannotListen(RuntimeError):
    """The server could not bind its address (for a port in use, the message says so)."""


def create_server(
    address: str = DEFAULT_ADDRESS,
    *,
    max_workers: int = 32,
    max_concurrent_streams: int | None = None,
    max_message_bytes: int = MAX_MESSAGE_BYTES,
) -> tuple[grpc.Server, int]:
    """A thread-pool server with Greeter and Monitor (and Bench), bound to address; not started."""
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="guide-handler"),
        options=_options(max_concurrent_streams, max_message_bytes),
    )
    tracker = HandlerTracker()
    greeter_pb2_grpc.add_GreeterServicer_to_server(servicers.Greeter(tracker), server)
    greeter_pb2_grpc.add_MonitorServicer_to_server(servicers.Monitor(tracker), server)
    greeter_pb2_grpc.add_BenchServicer_to_server(bench_servicers.Bench(), server)
    return server, _bind(server, address)


def create_aio_server(
    address: str = DEFAULT_ADDRESS,
    *,
    max_concurrent_streams: int | None = None,
    max_message_bytes: int = MAX_MESSAGE_BYTES,
) -> tuple[grpc.aio.Server, int]:
    """An asyncio server with the same services; create it inside the loop that runs it."""
    server = grpc.aio.server(options=_options(max_concurrent_streams, max_message_bytes))
    tracker = HandlerTracker()
    greeter_pb2_grpc.add_GreeterServicer_to_server(aio_servicers.Greeter(tracker), server)
    greeter_pb2_grpc.add_MonitorServicer_to_server(aio_servicers.Monitor(tracker), server)
    greeter_pb2_grpc.add_BenchServicer_to_server(bench_servicers.AioBench(), server)
    return server, _bind(server, address)


def _options(max_concurrent_streams: int | None, max_message_bytes: int) -> list[tuple[str, int]]:
    """Server channel args: the largest request accepted; one process per port (by default gRPC
    sets SO_REUSEPORT, and a second server on the same port would silently share it); and
    HTTP/2 streams allowed per connection (the client queues the rest)."""
    options = [("grpc.max_receive_message_length", max_message_bytes), ("grpc.so_reuseport", 0)]
    if max_concurrent_streams is not None:
        options.append(("grpc.max_concurrent_streams", max_concurrent_streams))
    return options


def _bind(server, address: str) -> int:
    """add_insecure_port, with one clear error instead of grpc's log line and "Failed to bind"."""
    problem = _bind_problem(address)  # checked first; and again if gRPC still fails (a race)
    if problem is None:
        try:
            return server.add_insecure_port(address)
        except RuntimeError:
            problem = _bind_problem(address)
    if problem is not None and problem.errno == errno.EADDRINUSE:
        raise CannotListen(
            f"port {address} is already in use: is another guide server running? stop it, or pick another --address"
        )
    raise CannotListen(f"cannot listen on {address}: {problem.strerror if problem else 'gRPC could not bind it'}")


def _bind_problem(address: str) -> OSError | None:
    """What binding address as gRPC does (SO_REUSEADDR, no SO_REUSEPORT) fails with, if anything."""
    host, _, port = address.rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), int(port)))
        except OSError as error:
            return error
        except ValueError:  # not HOST:PORT: gRPC says what it makes of it
            pass
    return None


def _is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _announce(flavour: str, address: str, port: int) -> None:
    """The first line is what ServerProcess (and readers' scripts) parse; keep its form."""
    host = address.rpartition(":")[0]
    print(f"guide server ({flavour}) listening on {host}:{port}", flush=True)
    if _is_loopback(host):
        print(
            "(loopback only: other machines cannot reach it; --address 0.0.0.0:PORT to listen on all interfaces)",
            flush=True,
        )
    else:
        print("(reachable from other machines: it has no TLS and no authentication)", flush=True)


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
    parser.add_argument(
        "--max-message-bytes",
        type=int,
        default=MAX_MESSAGE_BYTES,
        help=f"largest request message accepted; larger ones end with RESOURCE_EXHAUSTED (default: {MAX_MESSAGE_BYTES}, 4 MiB)",
    )
    args = parser.parse_args(argv)
    if args.max_message_bytes <= 0:
        parser.error("--max-message-bytes must be positive")
    settings = {"max_concurrent_streams": args.max_concurrent_streams, "max_message_bytes": args.max_message_bytes}
    if args.max_workers is not None:
        if args.aio:
            parser.error("--max-workers applies to the thread-pool server only")
        settings["max_workers"] = args.max_workers
    try:
        if args.aio:
            try:
                asyncio.run(_serve_aio(args.address, **settings))
            except KeyboardInterrupt:
                pass
        else:
            _serve_sync(args.address, **settings)
    except CannotListen as error:
        print(error, file=sys.stderr)
        sys.exit(1)
