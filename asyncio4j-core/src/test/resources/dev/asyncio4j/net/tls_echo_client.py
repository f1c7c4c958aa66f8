"""An asyncio TLS client, the peer of asyncio4j's TLS integration tests: talks to an echo server.

Usage: tls_echo_client.py PORT CAFILE [uvloop]. Connects with TLS to 127.0.0.1:PORT, verifying the
server's certificate against CAFILE and the name "localhost" and offering ALPN http/1.1; sends
messages of several sizes, checks each comes back whole, prints the TLS version and the ALPN
protocol, closes (close_notify) and waits for the close. Prints OK and exits 0 on success.
"""
import asyncio
import ssl
import sys


async def main(port, cafile):
    context = ssl.create_default_context(cafile=cafile)
    context.set_alpn_protocols(['http/1.1'])
    reader, writer = await asyncio.open_connection('127.0.0.1', port, ssl=context, server_hostname='localhost')
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
    writer.close()
    await writer.wait_closed()
    print('OK', flush=True)


if len(sys.argv) > 3 and sys.argv[3] == 'uvloop':
    import uvloop
    uvloop.install()
asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
