"""An asyncio echo server, the peer of asyncio4j's integration tests.

Listens on 127.0.0.1 on a port the OS chooses, prints that port on a line of its own, then echoes
every connection until the client half-closes, and closes it. With the argument "uvloop" it runs
on uvloop. It stops when its standard input closes (the test ends it).
"""
import asyncio
import sys


async def handle(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.create_future()
    loop.add_reader(sys.stdin.fileno(), lambda: stdin_closed.done() or stdin_closed.set_result(None))
    async with server:
        await stdin_closed


if len(sys.argv) > 1 and sys.argv[1] == 'uvloop':
    import uvloop
    uvloop.install()
asyncio.run(main())
