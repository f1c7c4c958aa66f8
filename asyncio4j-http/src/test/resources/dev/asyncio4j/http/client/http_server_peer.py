"""Python's http.server for the client's integration tests: two servers, printed as two ports.

The first speaks HTTP/1.0 as http.server does by default: no Content-Length, the body ends
when the connection closes. The second speaks HTTP/1.1 with Content-Length and keeps
connections alive.
"""
import http.server
import threading


class Http10(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write(("close-delimited " + self.path).encode())

    def log_message(self, *args):
        pass


class Http11(Http10):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = ("kept alive " + self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) for handler in (Http10, Http11)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(" ".join(str(s.server_address[1]) for s in servers), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
