#!/usr/bin/python3
"""Captures real HTTP/1.1 messages into the parser's test corpus.

Requests: curl and aiohttp's client talk to a socket here that records what they send.
Responses: raw requests sent here to nginx, Python's http.server and an aiohttp server, each
started on a loopback port the OS chose, and what they answer recorded until they close.

Writes src/test/resources/dev/asyncio4j/http/internal/corpus/{requests,responses}/NAME.http;
a response file's name starts with the request method it answers (head-..., get-...).
Run from the module directory: /usr/bin/python3 src/test/corpus/capture.py
Needs curl, nginx and python3-aiohttp (scripts/install-test-peers installs them).
"""
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

OUT = os.path.join("src", "test", "resources", "dev", "asyncio4j", "http", "internal", "corpus")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on {port}")


def save(kind, name, data):
    os.makedirs(os.path.join(OUT, kind), exist_ok=True)
    with open(os.path.join(OUT, kind, name + ".http"), "wb") as f:
        f.write(data)
    print(f"{kind}/{name}.http: {len(data)} bytes")


# ---- requests ---------------------------------------------------------------------------

def record_request(name, client):
    """Runs client(port) against a socket that records the request and answers 200."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    got = bytearray()

    def serve():
        conn, _ = server.accept()
        conn.settimeout(0.7)
        sent_continue = False
        while True:
            try:
                chunk = conn.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            got.extend(chunk)
            if not sent_continue and b"100-continue" in got.lower() and b"\r\n\r\n" in got:
                conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
                sent_continue = True
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        conn.close()

    t = threading.Thread(target=serve)
    t.start()
    client(port)
    t.join()
    server.close()
    save("requests", name, bytes(got))


def curl(*args):
    return lambda port: subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "--http1.1", *[a.replace("PORT", str(port)) for a in args]],
        check=False, timeout=20)


def aiohttp_client(kind):
    async def run(port):
        import aiohttp
        url = f"http://127.0.0.1:{port}/api/items?q=caf%C3%A9&page=2"
        async with aiohttp.ClientSession() as s:
            if kind == "get":
                r = await s.get(url)
            elif kind == "json":
                r = await s.post(url, json={"name": "asyncio4j", "tags": ["a", "b"]})
            elif kind == "form":
                r = await s.post(url, data={"a": "1 2", "b": "&="})
            else:
                form = aiohttp.FormData()
                form.add_field("title", "Caf\u00e9")
                form.add_field("upload", b"\x00\x01binary\r\n--x", filename="r\u00e9sum\u00e9.bin",
                               content_type="application/octet-stream")
                r = await s.post(url, data=form)
            await r.read()
    return lambda port: asyncio.run(run(port))


def capture_requests(tmp):
    upload = os.path.join(tmp, "upload.txt")
    with open(upload, "w") as f:
        f.write("line one\nline two\n" * 50)
    record_request("curl-get", curl("http://127.0.0.1:PORT/path/to?x=1&y=%20"))
    record_request("curl-post-form", curl("-d", "a=1&b=two+words", "http://127.0.0.1:PORT/form"))
    record_request("curl-multipart", curl("-F", "name=value", "-F", f"file=@{upload}", "http://127.0.0.1:PORT/up"))
    record_request("curl-chunked-upload", curl("-H", "Transfer-Encoding: chunked", "--data-binary", f"@{upload}",
                                               "http://127.0.0.1:PORT/chunked"))
    record_request("curl-expect-continue", curl("-H", "Expect: 100-continue", "--data-binary", f"@{upload}",
                                                "http://127.0.0.1:PORT/expect"))
    record_request("curl-head", curl("-I", "http://127.0.0.1:PORT/"))
    for kind in ("get", "json", "form", "multipart"):
        record_request(f"aiohttp-{kind}", aiohttp_client(kind))


# ---- responses --------------------------------------------------------------------------

def record_response(name, port, request):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(request)
        got = bytearray()
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got.extend(chunk)
    save("responses", name, bytes(got))


def req(method, path, *headers):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *headers, "Connection: close", "", ""]
    return "\r\n".join(lines).encode()


def capture_nginx(tmp):
    port = free_port()
    root = os.path.join(tmp, "www")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "hello.json"), "w") as f:
        f.write('{"message":"Hello, World!"}')
    with open(os.path.join(root, "big.txt"), "w") as f:
        f.write("The quick brown fox jumps over the lazy dog.\n" * 400)
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
daemon off; pid {tmp}/nginx.pid; error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off; client_body_temp_path {tmp}; proxy_temp_path {tmp}; fastcgi_temp_path {tmp};
  uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
  types {{ application/json json; text/plain txt; }}
  gzip on; gzip_types text/plain application/json; gzip_min_length 20;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    location = /redirect {{ return 301 /hello.json; }}
  }}
}}
""")
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", tmp], stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        record_response("get-nginx-json", port, req("GET", "/hello.json"))
        record_response("get-nginx-gzip-chunked", port, req("GET", "/big.txt", "Accept-Encoding: gzip"))
        record_response("head-nginx-json", port, req("HEAD", "/hello.json"))
        record_response("get-nginx-404", port, req("GET", "/missing"))
        record_response("get-nginx-301", port, req("GET", "/redirect"))
        with open(os.path.join(OUT, "responses", "get-nginx-json.http"), "rb") as f:
            etag = [line for line in f.read().split(b"\r\n") if line.lower().startswith(b"etag:")][0].decode()
        record_response("get-nginx-304", port, req("GET", "/hello.json", "If-None-Match:" + etag.split(":", 1)[1]))
        record_response("get-nginx-range", port, req("GET", "/big.txt", "Range: bytes=0-99"))
    finally:
        proc.terminate()
        proc.wait()


def capture_http_server(tmp):
    port = free_port()
    root = os.path.join(tmp, "www")
    proc = subprocess.Popen(["/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1", str(port)],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        record_response("get-httpserver-file", port, req("GET", "/hello.json"))
        record_response("get-httpserver-404", port, req("GET", "/missing"))
        record_response("get-httpserver-listing", port, req("GET", "/"))
        record_response("head-httpserver-file", port, req("HEAD", "/hello.json"))
    finally:
        proc.terminate()
        proc.wait()


AIOHTTP_APP = r'''
import sys
from aiohttp import web

async def json_(request):
    return web.json_response({"message": "Hello, World!"})

async def stream(request):
    resp = web.StreamResponse()
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    for i in range(3):
        await resp.write(f"chunk {i}\n".encode())
    await resp.write_eof()
    return resp

async def empty(request):
    return web.Response(status=204)

async def gz(request):
    resp = web.Response(text="compress me " * 100)
    resp.enable_compression(web.ContentCoding.gzip)
    return resp

app = web.Application()
app.router.add_get("/json", json_)
app.router.add_get("/stream", stream)
app.router.add_get("/empty", empty)
app.router.add_get("/gzip", gz)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
'''


def capture_aiohttp(tmp):
    port = free_port()
    app = os.path.join(tmp, "app.py")
    with open(app, "w") as f:
        f.write(AIOHTTP_APP)
    proc = subprocess.Popen(["/usr/bin/python3", app, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        record_response("get-aiohttp-json", port, req("GET", "/json"))
        record_response("get-aiohttp-chunked", port, req("GET", "/stream"))
        record_response("get-aiohttp-204", port, req("GET", "/empty"))
        record_response("get-aiohttp-gzip", port, req("GET", "/gzip", "Accept-Encoding: gzip"))
        record_response("get-aiohttp-404", port, req("GET", "/nope"))
        record_response("head-aiohttp-json", port, req("HEAD", "/json"))
        record_response("post-aiohttp-405", port, req("POST", "/json", "Content-Length: 0"))
    finally:
        proc.terminate()
        proc.wait()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        capture_requests(tmp)
        capture_nginx(tmp)
        capture_http_server(tmp)
        capture_aiohttp(tmp)


if __name__ == "__main__":
    sys.exit(main())
