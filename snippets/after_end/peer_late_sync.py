"""Allowed: context.peer() after the handler returned names the client."""

from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.kept, self.peer = None, None

    def SayHello(self, request, context):
        self.kept, self.peer = context, context.peer()
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
            stub.SayHello(greeter_pb2.HelloRequest(name="A"), timeout=5)
        server.stop(0)
    late = greeter.kept.peer()  # (1)!
    host = late.rpartition(":")[0]  # the port differs from run to run
    print("context.peer() after the handler returned:", host)
    print("the same as in the handler:", late == greeter.peer)


if __name__ == "__main__":
    main()
