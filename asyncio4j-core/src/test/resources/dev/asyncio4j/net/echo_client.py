"""An asyncio client, the peer of asyncio4j's integration tests: talks to an echo server.

Usage: echo_client.py PORT [uvloop]. Sends messages of several sizes, checks each comes back
whole, then half-closes and expects the server to close too. Prints OK and exits 0 on success.
"""
import asyncio
import sys


async def main(port):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    for size in (1, 10, 1024, 10 * 1024, 100 * 1024, 1024 * 1024):
        payload = bytes((i * 7 + size) % 256 for i in range(size))
        writer.write(payload)
        await writer.drain()
        echoed = await reader.readexactly(size)
        assert echoed == payload, f'{size}-byte message came back different'
    lines = [f'line {i}\n'.encode() for i in range(100)]
    writer.writelines(lines)
    for line in lines:
        assert await reader.readline() == line
    writer.write_eof()
    assert await reader.read() == b'', 'the server should close after our EOF'
    writer.close()
    await writer.wait_closed()
    print('OK', flush=True)


if len(sys.argv) > 2 and sys.argv[2] == 'uvloop':
    import uvloop
    uvloop.install()
asyncio.run(main(int(sys.argv[1])))
