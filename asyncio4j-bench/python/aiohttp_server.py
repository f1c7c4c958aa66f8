"""aiohttp on uvloop, the Python peer of the http-server benchmark.

GET /json answers {"message":"Hello, World!"} through web.json_response, with a dumps that writes
the same bytes as the JVM servers (no spaces). Access log as aiohttp's default (logging not
configured, so its INFO lines go nowhere). Listens on 127.0.0.1 on a port the OS chooses, prints
"port N" and runs until killed. Debian's python3-aiohttp and python3-uvloop.
"""

import asyncio
import functools
import json
import socket

import uvloop
from aiohttp import web

MESSAGE = {"message": "Hello, World!"}
DUMPS = functools.partial(json.dumps, separators=(",", ":"))


async def handle(request):
    return web.json_response(MESSAGE, dumps=DUMPS)


async def main():
    app = web.Application()
    app.router.add_get("/json", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    site = web.SockSite(runner, sock, backlog=4096)
    await site.start()
    print(f"port {sock.getsockname()[1]}", flush=True)
    await asyncio.Event().wait()


uvloop.install()
asyncio.run(main())
