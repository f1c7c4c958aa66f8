"""The http-server suite of asyncio4j's benchmarks: a small JSON response under wrk.

bench.py runs it as the suite "http-server". The same load against each server in the same run:
asyncio4j's server (dev.asyncio4j.bench.http.HttpJsonServer), aiohttp on uvloop
(aiohttp_server.py), Netty 4.2 (NettyHttpServer: NIO, one event-loop thread, as Netty's hello
world example) and nginx (one process, no master, serving the same bytes as a static file). Each
answers GET /json with {"message":"Hello, World!"}; the body is checked before each measurement.
The load is wrk (Debian's package) with 2 threads and 64 keep-alive connections for a bounded time
after a warm-up; the contenders' order rotates from round to round; the table shows medians over
rounds of requests/s, server CPU per request (from /proc/PID/stat) and the 99th percentile latency.

It also reports the heap held per open keep-alive connection by asyncio4j's server
(HttpKeepAliveMemory, with the clients in another process).
"""

import math
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

from common import NETTY_FLAGS, PYTHON, Server, cpu_ticks, fit_fd_limit, free_port, progress, rotated, run_json
from results import Row, Section, Target

PAYLOAD = b'{"message":"Hello, World!"}'
CONTENDERS = ("asyncio4j", "aiohttp-uvloop", "netty", "nginx")


def add_arguments(parser):
    group = parser.add_argument_group("http-server suite")
    group.add_argument("--http-seconds", type=int, help="measured seconds per server (default 5; --quick 1)")
    group.add_argument("--http-warmup", type=int, help="warm-up seconds per server (default 5; --quick 1)")
    group.add_argument("--http-threads", type=int, default=2, help="wrk threads (default 2)")
    group.add_argument("--http-connections", type=int, default=64, help="wrk connections (default 64)")
    group.add_argument("--keepalive-connections", type=int,
                       help="open keep-alive connections for the memory figure (default 10,000; --quick 1,000)")


def nginx_command(workdir):
    """nginx in the foreground, one process (no master), access log off, serving PAYLOAD at /json."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        raise SystemExit("The http-server suite needs nginx: run scripts/install-test-peers (apt install nginx).")
    with open(os.path.join(workdir, "json"), "wb") as f:
        f.write(PAYLOAD)
    port = free_port()
    conf = os.path.join(workdir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""master_process off;
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 10000000;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    types {{ }}
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        location = /json {{
            default_type "application/json; charset=utf-8";
            alias {workdir}/json;
        }}
    }}
}}
""")
    # The wrapper prints the "port N" line the Server class waits for, then becomes nginx (same pid).
    return ["sh", "-c", 'echo "port $0"; exec "$@"', str(port), nginx, "-p", workdir, "-c", conf]


def commands(ctx, workdir):
    return {
        "asyncio4j": ctx.jvm("http.HttpJsonServer"),
        "aiohttp-uvloop": ctx.python("aiohttp_server.py"),
        "netty": ctx.jvm("http.NettyHttpServer", flags=NETTY_FLAGS),
        "nginx": nginx_command(workdir),
    }


def check_body(server):
    """Fetches /json until the server answers (nginx binds after printing); checks the bytes."""
    url = f"http://127.0.0.1:{server.port}/json"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{server.name} does not answer {url}; its log:\n{server.log_tail()}")
            time.sleep(0.1)
    if body != PAYLOAD:
        raise RuntimeError(f"{server.name} answered {body!r}, expected {PAYLOAD!r}")


LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(cores, port, threads, connections, seconds, latency):
    # wrk takes whole seconds.
    command = cores.pinned(cores.client, ["wrk", f"-t{threads}", f"-c{connections}", f"-d{math.ceil(seconds)}s"]
                           + (["--latency"] if latency else []) + [f"http://127.0.0.1:{port}/json"])
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed: {(done.stderr + done.stdout).strip()[-2000:]}")
    out = done.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    result = {"requests_per_s": rps, "errors": errors.group(0) if errors else None}
    scale = {"us": 1.0, "ms": 1000.0, "s": 1_000_000.0}
    for pct, value, unit in LATENCY.findall(out):
        result[f"p{pct}_us"] = float(value) * scale[unit]
    return result


def measure(server, cores, args, seconds, warmup):
    """Warms the server up under wrk unpinned, pins it to the server core, and measures."""
    check_body(server)
    wrk(cores, server.port, args.http_threads, args.http_connections, warmup, False)
    cores.pin(server.pid, cores.server)
    ticks_before = cpu_ticks(server.pid)
    result = wrk(cores, server.port, args.http_threads, args.http_connections, seconds, True)
    ticks = cpu_ticks(server.pid) - ticks_before
    hz = os.sysconf("SC_CLK_TCK")
    result["server_cpu_us_per_request"] = ticks / hz * 1e6 / max(result["requests_per_s"] * seconds, 1)
    return result


def keepalive_memory(ctx, connections):
    wanted, note = fit_fd_limit(connections)
    command = ctx.jvm("http.HttpKeepAliveMemory", [wanted, PYTHON],
                      ["-Xmx1g", f"-Dasyncio4j.bench.python={os.path.dirname(os.path.abspath(__file__))}"])
    return run_json(command, 600, "HttpKeepAliveMemory")[-1], note


def http_suite(ctx):
    if shutil.which("wrk") is None:
        raise SystemExit("The http-server suite needs wrk: run scripts/install-test-peers (apt install wrk).")
    args = ctx.args
    seconds = args.http_seconds or (1 if ctx.quick else 5)
    warmup = args.http_warmup if args.http_warmup is not None else (1 if ctx.quick else 5)
    planned = 1 if ctx.quick else 3
    samples = {key: [] for key in CONTENDERS}
    with tempfile.TemporaryDirectory(prefix="http-bench-") as workdir:
        contenders = commands(ctx, workdir)
        for r in ctx.rounds("http-server", planned):
            for key in rotated(CONTENDERS, r):
                progress(f"http-server: round {r + 1}/{planned}, {key}")
                with Server(key, contenders[key]) as server:
                    samples[key].append(measure(server, ctx.cores, args, seconds, warmup))
    keepalive = args.keepalive_connections or (1_000 if ctx.quick else 10_000)
    progress(f"http-server: keep-alive memory ({keepalive:,} connections)")
    memory, memory_note = keepalive_memory(ctx, keepalive)

    def series(field):
        return {key: [s[field] for s in samples[key] if field in s] for key in CONTENDERS}

    workload = f"HTTP server, small JSON (wrk -t{args.http_threads} -c{args.http_connections})"
    rows = [
        Row("http_json", workload, "requests/s", True, series("requests_per_s"),
            [Target("at least 2x aiohttp on uvloop", peer="aiohttp-uvloop", at_least=2, issue=7),
             Target("at least as fast as nginx serving the same bytes", peer="nginx", at_least=1, issue=7),
             Target("within 10 % of Netty", peer="netty", at_least=0.9, issue=7)]),
        Row("http_json_cpu", workload, "server CPU µs/request", False, series("server_cpu_us_per_request"),
            chart=False),
        Row("http_json_p99", workload, "p99 latency µs", False, series("p99_us"), chart=False),
        Row("http_keepalive_memory", f"HTTP server, {memory['connections']:,} keep-alive connections",
            "heap bytes/connection", False, {"asyncio4j": [memory["bytes_per_connection"]]}, chart=False),
    ]
    errors = sorted({f"{key}: {s['errors']}" for key in CONTENDERS for s in samples[key] if s.get("errors")})
    notes = [
        f"Load: wrk -t{args.http_threads} -c{args.http_connections} (keep-alive), {seconds:g} s measured after "
        f"{warmup:g} s of warm-up (a wrk run of its own, the server unpinned), GET /json answered {PAYLOAD.decode()} (checked before each run); medians of "
        f"{ctx.rounds_note('http-server')}, the contenders' order rotating from round to round.",
        f"Cores: {ctx.cores.description}.",
        "Servers: asyncio4j (HttpJsonServer: Response.json per request via Jackson, default options, the "
        "access logger not enabled for INFO); aiohttp on uvloop (aiohttp_server.py: web.json_response, "
        "default access log, logging not configured); Netty 4.2 (NettyHttpServer: NIO, one event-loop "
        "thread, HttpServerCodec as in Netty's hello world example, Jackson per request); nginx (one "
        "process, no master, access log off, the same bytes as a static file).",
        "Server CPU: user + system time of the whole server process over the measured window, from "
        "/proc/PID/stat (10 ms ticks), divided by the requests.",
        f"Keep-alive memory (one measurement): live heap of asyncio4j's server after full GCs holding "
        f"{memory['connections']:,} connections that each served one request (clients in another process: "
        "http_keepalive_clients.py), minus the same before, per connection; -Xmx1g.",
    ]
    if memory_note:
        notes.append(memory_note)
    if errors:
        notes.append("wrk reported errors: " + "; ".join(errors))
    return Section("http-server", "HTTP server: a small JSON response under wrk", list(CONTENDERS), rows, notes,
                   ctx.rounds_note("http-server"))


SUITES = {"http-server": http_suite}
