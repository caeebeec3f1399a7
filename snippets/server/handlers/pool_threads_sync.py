"""Allowed: each handler runs on a thread of the pool given to the server."""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.both_running = threading.Barrier(2, timeout=5)

    def StreamGreetings(self, request, context):
        self.both_running.wait()  # both handlers run at the same time
        for index in range(request.count):
            yield greeter_pb2.HelloReply(
                message=threading.current_thread().name,  # (1)!
                index=index,
            )


def main() -> None:
    with ThreadPoolExecutor(
        max_workers=4, thread_name_prefix="handler"
    ) as pool:
        server = grpc.server(pool)  # (2)!
        greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            streams = [
                stub.StreamGreetings(
                    greeter_pb2.StreamRequest(count=5), timeout=5
                )
                for _ in range(2)
            ]
            names = [{reply.message for reply in stream} for stream in streams]
            print("threads per stream:", [len(threads) for threads in names])
            print("handler threads:", sorted(set.union(*names)))
        server.stop(0)


if __name__ == "__main__":
    main()
