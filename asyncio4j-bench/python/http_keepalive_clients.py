"""Opens N keep-alive HTTP connections to a server, one request each, and holds them idle.

Usage: http_keepalive_clients.py PORT N. Each connection sends GET /json HTTP/1.1 and reads the
whole response (Content-Length framing), at most 256 connects in flight; then it prints one line
{"connected": N} and holds every connection open, idle, until its standard input closes. Used by
HttpKeepAliveMemory (a separate process, so the server's heap holds the server side only).
"""

import asyncio
import json
import sys

REQUEST = b"GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


async def one(port, window, held):
    async with window:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(REQUEST)
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await reader.readexactly(length)
        if b"connection: close" in head.lower():
            raise RuntimeError("the server closed a keep-alive connection")
        held.append(writer)


async def main(port, count):
    window = asyncio.Semaphore(256)
    held = []
    await asyncio.gather(*(one(port, window, held) for _ in range(count)))
    print(json.dumps({"connected": len(held)}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for writer in held:
        writer.close()


asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
