"""The guide's bundled gRPC server, and how examples find it.

Readers start the server with ``./dev server`` (or ``python -m guide_server``);
every example then calls ``server_address()`` to get its address.
"""

import os
import socket

DEFAULT_ADDRESS = "127.0.0.1:50051"
ADDRESS_VARIABLE = "GUIDE_SERVER_ADDRESS"


class ServerNotRunning(RuntimeError):
    """Nothing listens at the address the examples use."""


def server_address(timeout: float = 2.0) -> str:
    """The bundled server's address; fails at once, saying how to start it, if it is down."""
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
