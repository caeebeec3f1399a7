"""The guide's bundled gRPC server, and how examples find it.

Readers start the server with ``./dev server`` (or ``python -m guide_server``);
every example then calls ``server_address()`` to get its address.
"""

import os
import socket
import sys
from pathlib import Path

DEFAULT_ADDRESS = "127.0.0.1:50051"
ADDRESS_VARIABLE = "GUIDE_SERVER_ADDRESS"
RESULTS = Path(__file__).resolve().parent.parent / "results"  # grpcio-<version>.json per verified release
_noted = []


class ServerNotRunning(RuntimeError):
    """Nothing listens at the address the examples use."""


def unverified_grpcio_note(version: str | None = None) -> str | None:
    """A note for a reader whose grpcio is not one the guide was verified on, else None."""
    if version is None:
        import grpc

        version = grpc.__version__
    verified = sorted(p.stem.removeprefix("grpcio-") for p in RESULTS.glob("grpcio-*.json"))
    if not verified or version in verified:
        return None
    return (
        f"note: grpcio {version} is not one this guide was verified on ({', '.join(verified)}); "
        "an example may do something else here. `./dev verify` runs them all on your grpcio."
    )


def server_address(timeout: float = 2.0) -> str:
    """The bundled server's address; fails at once, saying how to start it, if it is down.

    On a grpcio the guide was not verified on, it says so once, on standard error.
    """
    if not _noted:
        _noted.append(True)
        note = unverified_grpcio_note()
        if note:
            print(note, file=sys.stderr)
    address = os.environ.get(ADDRESS_VARIABLE, DEFAULT_ADDRESS)
    host, _, port = address.rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except (OSError, ValueError) as error:
        raise ServerNotRunning(
            f"no server listens at {address} ({error}). Start the bundled server in "
            f"another terminal with `./dev server` (or `python -m guide_server`), "
            f"or set {ADDRESS_VARIABLE} to where it runs."
        ) from None
    return address
