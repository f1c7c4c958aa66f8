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

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import net_bench

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH_HTTP = "dev.asyncio4j.bench.http."
PAYLOAD = b'{"message":"Hello, World!"}'
CONTENDERS = ("asyncio4j", "aiohttp-uvloop", "netty", "nginx")
TARGETS = (("aiohttp-uvloop", "aiohttp on uvloop", 2.0), ("nginx", "nginx", 1.0), ("netty", "Netty", 0.9))


def add_arguments(parser):
    group = parser.add_argument_group("http-server suite")
    group.add_argument("--http-seconds", type=float, help="measured seconds per server (default 10; --quick 3)")
    group.add_argument("--http-warmup", type=float, help="warm-up seconds per server (default 5; --quick 2)")
    group.add_argument("--http-threads", type=int, default=2, help="wrk threads (default 2)")
    group.add_argument("--http-connections", type=int, default=64, help="wrk connections (default 64)")
    group.add_argument("--keepalive-connections", type=int,
                       help="open keep-alive connections for the memory figure (default 10,000; --quick 1,000)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def commands(java, classpath, workdir):
    def jvm(main, flags=()):
        return [java, net_bench.FAST_MODE, *flags, "-cp", classpath, BENCH_HTTP + main]
    return {
        "asyncio4j": jvm("HttpJsonServer"),
        "aiohttp-uvloop": [net_bench.PYTHON, os.path.join(HERE, "aiohttp_server.py")],
        "netty": jvm("NettyHttpServer", net_bench.NETTY_FLAGS),
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


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(cpu, port, threads, connections, seconds, latency):
    command = net_bench.pinned(cpu, ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s"]
                               + (["--latency"] if latency else []) + [f"http://127.0.0.1:{port}/json"])
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed: {done.stderr.strip()}")
    out = done.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    result = {"requests_per_s": rps, "errors": errors.group(0) if errors else None}
    scale = {"us": 1.0, "ms": 1000.0, "s": 1_000_000.0}
    for pct, value, unit in LATENCY.findall(out):
        result[f"p{pct}_us"] = float(value) * scale[unit]
    return result


def measure(server, cpu, args, seconds, warmup):
    check_body(server)
    wrk(cpu, server.port, args.http_threads, args.http_connections, warmup, False)
    ticks_before = cpu_ticks(server.pid)
    result = wrk(cpu, server.port, args.http_threads, args.http_connections, seconds, True)
    ticks = cpu_ticks(server.pid) - ticks_before
    hz = os.sysconf("SC_CLK_TCK")
    result["server_cpu_us_per_request"] = ticks / hz * 1e6 / max(result["requests_per_s"] * seconds, 1)
    return result


def keepalive_memory(java, classpath, connections):
    wanted, note = net_bench.fit_fd_limit(connections)
    command = [java, net_bench.FAST_MODE, "-Xmx1g", f"-Dasyncio4j.bench.python={HERE}", "-cp", classpath,
               BENCH_HTTP + "HttpKeepAliveMemory", str(wanted), net_bench.PYTHON]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"HttpKeepAliveMemory failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), note


def http_suite(args, java, classpath):
    if shutil.which("wrk") is None:
        raise SystemExit("The http-server suite needs wrk: run scripts/install-test-peers (apt install wrk).")
    quick = args.quick
    seconds = args.http_seconds or (3.0 if quick else 10.0)
    warmup = args.http_warmup if args.http_warmup is not None else (2.0 if quick else 5.0)
    rounds = net_bench.rounds_of(args)
    server_cpu, client_cpu, cores = net_bench.cpu_plan()
    samples = {key: [] for key in CONTENDERS}
    memory = []
    keepalive = args.keepalive_connections or (1_000 if quick else 10_000)
    memory_note = None
    with tempfile.TemporaryDirectory(prefix="http-bench-") as workdir:
        contenders = commands(java, classpath, workdir)
        for r in range(rounds):
            order = CONTENDERS[r % len(CONTENDERS):] + CONTENDERS[:r % len(CONTENDERS)]
            for key in order:
                print(f"  http-server: round {r + 1}/{rounds}, {key}", file=sys.stderr, flush=True)
                server = net_bench.Server(key, net_bench.pinned(server_cpu, contenders[key]))
                try:
                    samples[key].append(measure(server, client_cpu, args, seconds, warmup))
                finally:
                    server.stop()
            print(f"  http-server: round {r + 1}/{rounds}, keep-alive memory ({keepalive:,} connections)",
                  file=sys.stderr, flush=True)
            result, memory_note = keepalive_memory(java, classpath, keepalive)
            memory.append(result)

    def median(key, field):
        values = [s[field] for s in samples[key] if field in s]
        return statistics.median(values) if values else 0.0

    peers = [("aiohttp on uvloop", "aiohttp-uvloop"), ("nginx", "nginx"), ("Netty", "netty")]
    header = ["workload", "unit", "asyncio4j"] + [name for name, _ in peers] + [f"vs {name}" for name, _ in peers]
    rows, json_rows, targets = [], [], []
    for field, unit, higher, fmt in (("requests_per_s", "requests/s", True, "{:,.0f}"),
                                     ("server_cpu_us_per_request", "server CPU µs/request", False, "{:,.2f}"),
                                     ("p99_us", "p99 latency µs", False, "{:,.0f}")):
        values = [median("asyncio4j", field)] + [median(key, field) for _, key in peers]
        rows.append(["JSON, wrk -t%d -c%d" % (args.http_threads, args.http_connections), unit]
                    + [fmt.format(v) for v in values]
                    + [net_bench.ratio_text(values[0], v, higher) for v in values[1:]])
        json_rows.append({"workload": "http_json_" + field, "unit": unit, "higher_is_better": higher,
                          "medians": {"asyncio4j": values[0], "aiohttp_uvloop": values[1], "nginx": values[2],
                                      "netty": values[3]}})
    per = statistics.median(m["bytes_per_connection"] for m in memory)
    count = memory[0]["connections"]
    rows.append([f"{count:,} open keep-alive connections", "heap bytes/connection", f"{per:,.0f}", "-", "-", "-",
                 "-", "-", "-"])
    json_rows.append({"workload": "http_keepalive_memory", "unit": "heap bytes/connection", "higher_is_better": False,
                      "connections": count, "medians": {"asyncio4j": per}})
    ours = median("asyncio4j", "requests_per_s")
    for key, name, at_least in TARGETS:
        theirs = median(key, "requests_per_s")
        value = ours / theirs if theirs else 0.0
        targets.append(f"requests/s vs {name}: {value:.3f}x (target {at_least:g}x or more): "
                       f"{'met' if value >= at_least else 'NOT met'}")
    errors = sorted({f"{key}: {s['errors']}" for key in CONTENDERS for s in samples[key] if s.get("errors")})
    notes = [
        f"Load: wrk -t{args.http_threads} -c{args.http_connections} (keep-alive), {seconds:g} s measured after "
        f"{warmup:g} s of warm-up, GET /json answered {PAYLOAD.decode()} (checked before each run); medians of "
        f"{rounds} round(s), the contenders' order rotating from round to round.",
        f"Cores: {cores}.",
        "Servers: asyncio4j (HttpJsonServer: Response.json per request via Jackson, default options, the "
        "access logger not enabled for INFO); aiohttp 3 on uvloop (aiohttp_server.py: web.json_response, "
        "default access log, logging not configured); Netty 4.2 (NettyHttpServer: NIO, one event-loop "
        "thread, HttpServerCodec as in Netty's hello world example, Jackson per request); nginx (one "
        "process, no master, access log off, the same bytes as a static file).",
        "Server CPU: user + system time of the whole server process over the measured window, from "
        "/proc/PID/stat (10 ms ticks), divided by the requests.",
        f"Keep-alive memory: live heap of asyncio4j's server after full GCs holding {count:,} connections that "
        "each served one request (clients in another process: http_keepalive_clients.py), minus the same "
        "before, per connection; -Xmx1g.",
    ]
    if memory_note:
        notes.append(memory_note)
    if errors:
        notes.append("wrk reported errors: " + "; ".join(errors))
    if quick:
        notes.append("Quick mode: short runs, one round; a sanity check, not a measurement.")
    return net_bench.Report("HTTP server: a small JSON response under wrk", header, rows, notes, targets, json_rows)


SUITES = {"http-server": http_suite}
