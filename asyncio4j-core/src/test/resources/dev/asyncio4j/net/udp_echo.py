"""An asyncio UDP echo endpoint, the peer of asyncio4j's integration tests: prints its port,
then sends every datagram back to where it came from, until its standard input closes."""
import asyncio
import sys


class Echo(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data, addr)


async def main():
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(Echo, local_addr=('127.0.0.1', 0))
    print(transport.get_extra_info('sockname')[1], flush=True)
    stdin_closed = loop.create_future()
    loop.add_reader(sys.stdin.fileno(), lambda: stdin_closed.done() or stdin_closed.set_result(None))
    await stdin_closed
    transport.close()


asyncio.run(main())
