"""Forbidden: set_code() after the handler has returned changes nothing."""

from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.kept = None

    def SayHello(self, request, context):
        self.kept = context  # e.g. for a background job that reports later
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


def main() -> None:
    greeter = Greeter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.HelloRequest(name="job")
            _, call = stub.SayHello.with_call(request, timeout=5)
        server.stop(0)
    greeter.kept.set_code(grpc.StatusCode.INTERNAL)  # (1)!
    greeter.kept.set_details("the job failed")
    print("the server context now says:", greeter.kept.code())
    print("the client got:", call.code())  # (2)!
    assert call.code() == greeter.kept.code(), (
        "the client never learns of the failure"
    )


if __name__ == "__main__":
    main()
