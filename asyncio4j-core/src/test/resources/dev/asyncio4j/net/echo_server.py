"""An asyncio echo server, the peer of asyncio4j's integration tests.

Usage: echo_server.py [asyncio|uvloop] [CERTFILE KEYFILE]. Listens on 127.0.0.1 on a port the OS
chooses, prints that port on a line of its own, then echoes every connection until the client
half-closes (or, over TLS, closes), and closes it. With "uvloop" it runs on uvloop; with a
certificate and key it speaks TLS (ALPN: h2, http/1.1). It stops when its standard input closes
(the test ends it).
"""
import asyncio
import ssl
import sys


async def handle(reader, writer):
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


async def main(tls_files):
    context = None
    if tls_files:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls_files)
        context.set_alpn_protocols(['h2', 'http/1.1'])
    server = await asyncio.start_server(handle, '127.0.0.1', 0, ssl=context)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.create_future()
    loop.add_reader(sys.stdin.fileno(), lambda: stdin_closed.done() or stdin_closed.set_result(None))
    async with server:
        await stdin_closed


if len(sys.argv) > 1 and sys.argv[1] == 'uvloop':
    import uvloop
    uvloop.install()
asyncio.run(main(sys.argv[2:4]))
