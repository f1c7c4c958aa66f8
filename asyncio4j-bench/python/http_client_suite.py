"""The http-client suite of asyncio4j's benchmarks: HTTP client throughput against nginx.

bench.py runs it as the suite "http-client" and prints its Report. The workload is the issue's:
100 concurrent GETs of a small JSON file from nginx (nginx_server.py: Debian's nginx, one
worker, on a loopback port the OS chose), each client looping for a bounded time after a
warm-up: asyncio4j's ClientSession (dev.asyncio4j.bench.http.HttpClientLoad), the JDK's
java.net.http.HttpClient driven the same way (JdkHttpClientLoad), and aiohttp's ClientSession
on uvloop (http_client_bench.py). nginx and the client are pinned to different cores when
there are two. Each round starts nginx once and runs every client in turn, the order rotating
from round to round; the table shows medians of requests per second.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile

import net_bench
import nginx_server

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = net_bench.PYTHON
FAST_MODE = net_bench.FAST_MODE
BENCH_HTTP = "dev.asyncio4j.bench.http."


def add_arguments(parser):
    group = parser.add_argument_group("http-client suite")
    group.add_argument("--client-seconds", type=float, help="measured seconds per client (default 5; --quick 1)")
    group.add_argument("--client-warmup", type=float, help="warm-up seconds per client (default 3; --quick 1)")
    group.add_argument("--client-concurrency", type=int, default=100,
                       help="requests in flight at once (default 100)")


def contenders(java, classpath):
    """(key, command without the load options) of each client."""
    return [
        ("asyncio4j", [java, FAST_MODE, "-cp", classpath, BENCH_HTTP + "HttpClientLoad"]),
        ("jdk", [java, "-cp", classpath, BENCH_HTTP + "JdkHttpClientLoad"]),
        ("aiohttp-uvloop", [PYTHON, os.path.join(HERE, "http_client_bench.py"), "--loop", "uvloop"]),
    ]


def run_client(name, command, cpu, url, concurrency, seconds, warmup, nginx):
    full = net_bench.pinned(cpu, command + ["--url", url, "--concurrency", str(concurrency),
                                           "--seconds", str(seconds), "--warmup", str(warmup)])
    done = subprocess.run(full, capture_output=True, text=True, timeout=seconds + warmup + 120)
    if done.returncode != 0:
        raise RuntimeError(f"the {name} client failed: {done.stderr.strip()}\nnginx's log:\n{nginx.log_tail()}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["errors"]:
        raise RuntimeError(f"the {name} client saw {result['errors']} failed requests")
    return result


def http_client_suite(args, java, classpath):
    quick = args.quick
    seconds = args.client_seconds or (1.0 if quick else 5.0)
    warmup = args.client_warmup if args.client_warmup is not None else (1.0 if quick else 3.0)
    concurrency = args.client_concurrency
    rounds = net_bench.rounds_of(args)
    server_cpu, client_cpu, cores = net_bench.cpu_plan()
    clients = contenders(java, classpath)
    samples = {key: [] for key, _ in clients}
    for r in range(rounds):
        with tempfile.TemporaryDirectory(prefix="asyncio4j-nginx-") as prefix:
            nginx = net_bench.Server("nginx", net_bench.pinned(
                server_cpu, [PYTHON, os.path.join(HERE, "nginx_server.py"), "--prefix", prefix]))
            try:
                url = f"http://127.0.0.1:{nginx.port}/small.json"
                order = clients[r % len(clients):] + clients[:r % len(clients)]
                for key, command in order:
                    print(f"  http-client: round {r + 1}/{rounds}, {key}", file=sys.stderr, flush=True)
                    samples[key].append(run_client(key, command, client_cpu, url, concurrency, seconds, warmup,
                                                   nginx)["requests_per_s"])
            finally:
                nginx.stop()

    medians = {key: statistics.median(values) for key, values in samples.items()}
    workload = f"{concurrency} concurrent GETs of a small JSON file"
    header = ["workload", "unit", "asyncio4j", "JDK HttpClient", "aiohttp (uvloop)", "vs JDK", "vs aiohttp"]
    rows = [[workload, "requests/s", f"{medians['asyncio4j']:,.0f}", f"{medians['jdk']:,.0f}",
             f"{medians['aiohttp-uvloop']:,.0f}", net_bench.ratio_text(medians["asyncio4j"], medians["jdk"], True),
             net_bench.ratio_text(medians["asyncio4j"], medians["aiohttp-uvloop"], True)]]

    def check(label, theirs, at_least):
        value = medians["asyncio4j"] / theirs if theirs else 0.0
        return f"{label}: {value:.2f}x (target {at_least:g}x or more): {'met' if value >= at_least else 'NOT met'}"

    targets = [check("vs aiohttp on uvloop", medians["aiohttp-uvloop"], 2.0),
               check("vs the JDK's HttpClient", medians["jdk"], 1.0)]
    notes = [
        f"Server: nginx (Debian's package, one worker, keep-alive, no access log) serving a "
        f"{len(nginx_server.SMALL_JSON.encode())}-byte JSON file "
        f"(nginx_server.py); each client keeps {concurrency} GETs in flight (one per worker loop, the body "
        f"read before the next) for {seconds:g} s after {warmup:g} s of warm-up; medians of {rounds} round(s), "
        f"the clients' order rotating from round to round.",
        f"Cores: {cores}.",
        "Clients: asyncio4j ClientSession (one loop, " + FAST_MODE + "); the JDK's java.net.http.HttpClient "
        "(HTTP/1.1, sendAsync chains, default executor); aiohttp ClientSession on uvloop "
        "(TCPConnector(limit=" + str(concurrency) + ")).",
    ]
    if quick:
        notes.append("Quick mode: short runs, one round; a sanity check, not a measurement.")
    json_rows = [{"workload": "http_client_small_json", "unit": "requests/s", "higher_is_better": True,
                  "medians": medians}]
    return net_bench.Report("HTTP client: requests per second against nginx", header, rows, notes, targets,
                            json_rows)


SUITES = {"http-client": http_client_suite}
