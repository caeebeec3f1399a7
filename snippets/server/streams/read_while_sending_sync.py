"""Allowed: in a bidi handler, a thread reads while the generator sends."""

import queue
import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

END = object()


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def Chat(self, request_iterator, context):
        inbox = queue.Queue()

        def receive() -> None:  # (1)!
            for request in request_iterator:
                inbox.put(request)
            inbox.put(END)

        reader = threading.Thread(target=receive)
        reader.start()
        index = 0
        while (request := inbox.get()) is not END:  # (2)!
            yield greeter_pb2.HelloReply(
                message=f"Hello, {request.name}!", index=index
            )
            index += 1
        reader.join()


def main() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            outbox = queue.Queue()

            # ping-pong: the next request only after the previous reply
            def requests():
                while (name := outbox.get()) is not END:
                    yield greeter_pb2.HelloRequest(name=name)

            outbox.put("name 0")
            replies = []
            for reply in stub.Chat(requests(), timeout=10):
                replies.append(reply.message)
                outbox.put(
                    f"name {reply.index + 1}" if reply.index < 99 else END
                )
        server.stop(0)
    print(len(replies), "replies:", replies[0], "...", replies[-1])


if __name__ == "__main__":
    main()
