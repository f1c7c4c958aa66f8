"""Drives the asyncio4j server with Python's aiohttp client (Debian's python3-aiohttp).

Usage: aiohttp_client.py BASE_URL. Prints one JSON object with what it saw; the Java test
(AiohttpClientIT) checks it. One connection (limit=1) carries every request, so the ports the
server reports show keep-alive reuse.
"""

import asyncio
import json
import sys

import aiohttp


async def main(base):
    out = {}
    connector = aiohttp.TCPConnector(limit=1)
    # unsafe=True: aiohttp ignores cookies from IP-address hosts otherwise.
    async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        ports = []
        for _ in range(3):
            async with session.get(base + "/port") as resp:
                ports.append((await resp.text()).strip())
        out["ports"] = ports
        async with session.get(base + "/json") as resp:
            out["json"] = await resp.json()
            out["json_type"] = resp.headers["Content-Type"]
            out["date"] = "Date" in resp.headers
        async with session.post(base + "/echo-json", json={"a": [1, 2, 3]}) as resp:
            out["echo_json"] = await resp.json()
        async with session.post(base + "/form", data={"name": "ada", "lang": "python"}) as resp:
            out["form"] = await resp.text()
        data = aiohttp.FormData()
        data.add_field("name", "bob")
        data.add_field("upload", b"x" * 100000, filename="f.bin", content_type="application/x-test")
        async with session.post(base + "/multipart", data=data) as resp:
            out["multipart"] = await resp.text()

        async def chunks():
            for i in range(5):
                yield ("piece %d;" % i).encode()

        async with session.post(base + "/echo", data=chunks()) as resp:
            out["chunked_upload"] = await resp.text()
        async with session.get(base + "/stream") as resp:
            pieces = []
            async for piece in resp.content.iter_any():
                pieces.append(piece.decode())
            out["stream"] = "".join(pieces)
            out["stream_te"] = resp.headers.get("Transfer-Encoding")
        async with session.get(base + "/missing") as resp:
            out["missing"] = resp.status
        async with session.put(base + "/json") as resp:
            out["not_allowed"] = [resp.status, resp.headers.get("Allow")]
        async with session.get(base + "/cookie") as resp:
            out["cookie"] = resp.cookies["session"].value
        async with session.get(base + "/cookie-echo") as resp:
            out["cookie_echo"] = await resp.text()
        async with session.get(base + "/port") as resp:
            out["last_port"] = (await resp.text()).strip()
    print(json.dumps(out))


asyncio.run(main(sys.argv[1]))
