"""An asyncio client, the peer of asyncio4j's integration tests: talks to an echo server.

Usage: echo_client.py PORT [asyncio|uvloop] [CAFILE]. Sends messages of several sizes, checks each
comes back whole, then half-closes and expects the server to close too. With a CA file it speaks
TLS, verifying the server against it and the name "localhost", offers ALPN http/1.1, prints the
TLS version and ALPN protocol, and closes (close_notify) instead of half-closing, which TLS cannot.
Prints OK and exits 0 on success.
"""
import asyncio
import ssl
import sys


async def main(port, cafile):
    context = None
    if cafile:
        context = ssl.create_default_context(cafile=cafile)
        context.set_alpn_protocols(['http/1.1'])
    reader, writer = await asyncio.open_connection('127.0.0.1', port, ssl=context,
                                                   server_hostname='localhost' if context else None)
    if context:
        ssl_object = writer.get_extra_info('ssl_object')
        print('version', ssl_object.version(), 'alpn', ssl_object.selected_alpn_protocol(), flush=True)
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
    if not context:
        writer.write_eof()
        assert await reader.read() == b'', 'the server should close after our EOF'
    writer.close()
    await writer.wait_closed()
    print('OK', flush=True)


if len(sys.argv) > 2 and sys.argv[2] == 'uvloop':
    import uvloop
    uvloop.install()
asyncio.run(main(int(sys.argv[1]), sys.argv[3] if len(sys.argv) > 3 else None))
