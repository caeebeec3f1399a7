"""One channel and one stub, shared by eight threads."""

from concurrent.futures import ThreadPoolExecutor

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)

        def greet(n: int) -> str:
            return stub.SayHello(greeter_pb2.HelloRequest(name=f"call {n}"), timeout=5).message

        with ThreadPoolExecutor(max_workers=8) as pool:
            replies = list(pool.map(greet, range(400)))

    print(len(replies), "replies from 8 threads")
    print(replies[0], "...", replies[-1])


if __name__ == "__main__":
    main()
