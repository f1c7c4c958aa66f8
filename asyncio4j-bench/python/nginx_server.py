"""nginx serving a small JSON file for the http-client suite, and the subreddit listings of the
demo-fetch suite (listings.py, at /r/<name>/top.json), on a loopback port the OS chose.

Writes a configuration and the file into a fresh directory, binds 127.0.0.1:0 itself, prints
"port N", and execs nginx with NGINX="<fd>;" so that nginx adopts that listening socket (the
mechanism of its binary upgrade; nginx cannot report a port it chose). One worker process,
keep-alive without limits, no access log: the client under test is what is measured. Stop it
with SIGTERM (its workers go with it).

Usage: nginx_server.py --prefix DIR [--workers N]   (DIR: an empty directory, removed by the caller)
"""
import argparse
import os
import socket

import listings

# A small listing in Reddit's JSON shape, as the tutorial's reader fetches: 2 posts, ~0.5 KiB.
SMALL_JSON = (
    '{"kind": "Listing", "data": {"after": "t3_abc", "children": ['
    '{"kind": "t3", "data": {"score": 4521, "title": "Python asyncio, faithfully, in Java", '
    '"url": "https://example.com/asyncio4j", "permalink": "/r/programming/comments/abc/asyncio4j/"}}, '
    '{"kind": "t3", "data": {"score": 1234, "title": "An event loop on virtual threads", '
    '"url": "https://example.com/loop", "permalink": "/r/programming/comments/def/loop/"}}]}}\n'
)

CONFIG = """{user}worker_processes {workers};
pid nginx.pid;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    types {{ application/json json; }}
    default_type application/octet-stream;
    client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    open_file_cache max=16;
    server {{
        listen 127.0.0.1:{port};
        root www;
    }}
}}
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    prefix = os.path.abspath(args.prefix)
    os.makedirs(os.path.join(prefix, "www"))
    os.makedirs(os.path.join(prefix, "tmp"))
    with open(os.path.join(prefix, "www", "small.json"), "w") as f:
        f.write(SMALL_JSON)
    for subreddit in listings.SUBREDDITS:
        os.makedirs(os.path.join(prefix, "www", "r", subreddit))
        with open(os.path.join(prefix, "www", "r", subreddit, "top.json"), "w") as f:
            f.write(listings.listing(subreddit))
    for root, dirs, files in os.walk(prefix):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4096)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        f.write(CONFIG.format(user="user root;\n" if os.geteuid() == 0 else "", workers=args.workers, port=port))
    print(f"port {port}", flush=True)
    os.environ["NGINX"] = f"{listener.fileno()};"
    nginx = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "nginx"
    os.execvp(nginx, [nginx, "-p", prefix, "-c", conf, "-e", "stderr", "-g", "daemon off;"])


if __name__ == "__main__":
    main()
