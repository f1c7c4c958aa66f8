"""An aiohttp server for the client's integration tests: prints its port, serves until killed.

Routes show what nginx does not: cookies, echoed request bodies, forms as aiohttp reads them,
bodies streamed slowly,
deflate, a 307 that keeps the POST, a body that stalls.
"""
import asyncio
import json
import sys

from aiohttp import web


async def echo(request):
    body = await request.read()
    return web.json_response({
        "method": request.method,
        "content_type": request.headers.get("Content-Type"),
        "transfer_encoding": request.headers.get("Transfer-Encoding"),
        "body": body.decode("utf-8", "replace"),
        "query": dict(request.query),
    })


async def form(request):
    """The form as aiohttp's request.post() reads it: text fields as strings, files as
    filename, content type and content."""
    fields = {}
    for name, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            value = {"filename": value.filename, "content_type": value.content_type,
                     "content": value.file.read().decode("utf-8", "replace")}
        fields.setdefault(name, []).append(value)
    return web.json_response({"content_type": request.content_type, "fields": fields})


async def set_cookie(request):
    response = web.json_response({"set": True})
    response.set_cookie("session", "s3cr3t", path="/")
    response.set_cookie("theme", "dark", path="/cookies")
    return response


async def show_cookies(request):
    return web.json_response(dict(request.cookies))


async def stream(request):
    n = int(request.query.get("n", "5"))
    response = web.StreamResponse()
    response.content_type = "text/plain"
    await response.prepare(request)
    for i in range(n):
        await response.write(f"chunk {i}\n".encode())
        await asyncio.sleep(0.02)
    await response.write_eof()
    return response


async def deflate(request):
    response = web.Response(text="deflated " * 200)
    response.enable_compression(web.ContentCoding.deflate)
    return response


async def redirect307(request):
    raise web.HTTPTemporaryRedirect("/echo")


async def stall(request):
    response = web.StreamResponse(headers={"Content-Length": "100"})
    await response.prepare(request)
    await response.write(b"only the start")
    await asyncio.sleep(30)
    return response


async def main():
    app = web.Application()
    app.router.add_route("*", "/echo", echo)
    app.router.add_post("/form", form)
    app.router.add_get("/cookies/set", set_cookie)
    app.router.add_get("/cookies", show_cookies)
    app.router.add_get("/stream", stream)
    app.router.add_get("/deflate", deflate)
    app.router.add_post("/redirect307", redirect307)
    app.router.add_get("/stall", stall)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(runner.addresses[0][1], flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
