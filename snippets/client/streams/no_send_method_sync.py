"""Allowed: the sync API's streaming calls have no method that sends."""

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def sending_methods(call) -> list[str]:
    """Public attributes whose name says they send or write."""
    names = [name for name in dir(call) if not name.startswith("_")]
    return [name for name in names if "send" in name or "write" in name]


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        requests = [greeter_pb2.HelloRequest(name="only")]
        chat = stub.Chat(iter(requests), timeout=5)  # (1)!
        collect = stub.CollectGreetings.future(iter(requests), timeout=5)
        print("Chat call, methods that send:", sending_methods(chat))  # (2)!
        print("CollectGreetings future, same:", sending_methods(collect))
        print("Chat replied:", [reply.message for reply in chat])
        print("CollectGreetings received:", list(collect.result().names))


if __name__ == "__main__":
    main()
