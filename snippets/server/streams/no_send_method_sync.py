"""Allowed: a sync handler's context has no method that sends; it yields."""

from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def StreamGreetings(self, request, context):
        names = [name for name in dir(context) if not name.startswith("_")]
        sending = [name for name in names if "send" in name or "write" in name]
        print("the handler's context, methods that send:", sending)  # (1)!
        for index in range(request.count):
            yield greeter_pb2.HelloReply(  # (2)!
                message="sent by yield", index=index
            )


def main() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.StreamRequest(count=2)
            replies = stub.StreamGreetings(request, timeout=5)
            print(
                "the client received:", [(r.message, r.index) for r in replies]
            )
        server.stop(0)


if __name__ == "__main__":
    main()
