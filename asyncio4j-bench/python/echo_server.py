"""An echo server on CPython asyncio or uvloop: the peers of asyncio4j's echo benchmark.

The same two styles as asyncio4j's (dev.asyncio4j.bench.net): streams (start_server, then read,
write, drain until EOF) and protocol (a Protocol whose data_received writes the data back).
Listens on 127.0.0.1 on a port the OS chooses, prints "port N" on the first line of standard
output, and runs until killed. With --tls it speaks TLS with that certificate and key (the
echo-tls suite). Usage:

    python3 echo_server.py [--loop asyncio|uvloop] [--style streams|protocol] [--tls CERT KEY]
"""

import argparse
import asyncio
import ssl
import sys


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def echo_stream(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, ssl.SSLError):
        pass
    finally:
        writer.close()


async def serve(style, tls, ready):
    loop = asyncio.get_running_loop()
    context = None
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
    if style == "streams":
        server = await asyncio.start_server(echo_stream, "127.0.0.1", 0, backlog=4096, ssl=context)
    else:
        server = await loop.create_server(EchoProtocol, "127.0.0.1", 0, backlog=4096, ssl=context)
    ready(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--style", choices=["streams", "protocol"], default="protocol")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="speak TLS with this certificate and key")
    args = parser.parse_args()

    def ready(port):
        print(f"port {port}", flush=True)

    if args.loop == "uvloop":
        import uvloop
        runner = asyncio.Runner(loop_factory=uvloop.new_event_loop)
    else:
        runner = asyncio.Runner()
    try:
        with runner:
            runner.run(serve(args.style, args.tls, ready))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
