"""The HTTP client suites of asyncio4j's benchmarks, both against nginx (nginx_server.py: Debian's
nginx, one worker, on a loopback port the OS chose), so that the server is not what is measured.

http-client: the issue's workload, 100 concurrent GETs of a small JSON file, each client looping
for a bounded time after a warm-up: asyncio4j's ClientSession (dev.asyncio4j.bench.http.
HttpClientLoad), the JDK's java.net.http.HttpClient driven the same way (JdkHttpClientLoad), and
aiohttp's ClientSession on uvloop (http_client_bench.py).

demo-fetch: the tutorial's closing program, the top posts of its three subreddits fetched
concurrently with one session (listings of Reddit's shape and size, listings.py): asyncio4j's
ClientSession (DemoFetchLoad) against aiohttp's on uvloop, the tutorial's own code
(demo_fetch_bench.py). Two figures: the time of one fetch in a warm process (each fetch opens a
new session, as the program does), and the wall time of the whole program in a fresh process
(start-up included: what a user waits for).

nginx is pinned to one core; each client under test warms up unpinned and is pinned to the other
core for the end of its warm-up and the measured window. Each round starts nginx once and runs
every client in turn, the order rotating from round to round; the tables show medians.
"""

import os
import subprocess
import tempfile
import time

import listings
import nginx_server
from common import FAST_MODE, Server, progress, rotated
from results import Row, Section, Target


def add_arguments(parser):
    group = parser.add_argument_group("http-client and demo-fetch suites")
    group.add_argument("--client-seconds", type=float, help="measured seconds per client (default 3; --quick 1)")
    group.add_argument("--client-warmup", type=float, help="warm-up seconds per client (default 3, the demo's 6; --quick 1)")
    group.add_argument("--client-concurrency", type=int, default=100,
                       help="requests in flight at once (default 100)")


def durations(ctx, demo=False):
    """(measured seconds, warm-up seconds) of a client; the demo's fetch runs a few hundred times a
    second, so the JIT needs a longer warm-up to compile its path."""
    args = ctx.args
    seconds = args.client_seconds or (1.0 if ctx.quick else 3.0)
    if args.client_warmup is not None:
        return seconds, args.client_warmup
    return seconds, (1.0 if ctx.quick else 6.0 if demo else 3.0)


def start_nginx(ctx, prefix):
    return Server("nginx", ctx.cores.pinned(ctx.cores.server, ctx.python("nginx_server.py", ["--prefix", prefix])))


def run_client(ctx, what, command, warmup, timeout, nginx):
    """Runs a client load that warms up for `warmup` seconds: unpinned, then pinned to the client
    core for the last quarter of its warm-up and the measured window."""
    try:
        result = ctx.cores.run_pinned_after(command, ctx.cores.client, 0.75 * warmup, timeout, what)[-1]
    except RuntimeError as e:
        raise RuntimeError(f"{e}\nnginx's log:\n{nginx.log_tail()}") from None
    if result["errors"]:
        raise RuntimeError(f"{what} saw {result['errors']} failed requests")
    return result


def cores_note(ctx):
    if not ctx.cores.enabled:
        return ctx.cores.description
    return (f"nginx pinned to CPU {ctx.cores.server}; each client warms up unpinned and is pinned to CPU "
            f"{ctx.cores.client} (taskset) for the last quarter of its warm-up and the measured window")


# ------------------------------------------------------------------------------------ http-client

def client_commands(ctx):
    """(key, command without the load options) of each client."""
    return [
        ("asyncio4j", ctx.jvm("http.HttpClientLoad")),
        # The JDK's client needs no fast mode; it runs as any JVM program.
        ("jdk-httpclient", [ctx.java, "-cp", ctx.classpath, "dev.asyncio4j.bench.http.JdkHttpClientLoad"]),
        ("aiohttp-uvloop", ctx.python("http_client_bench.py", ["--loop", "uvloop"])),
    ]


def http_client_suite(ctx):
    seconds, warmup = durations(ctx)
    concurrency = ctx.args.client_concurrency
    planned = 1 if ctx.quick else 3
    clients = client_commands(ctx)
    samples = {key: [] for key, _ in clients}
    for r in ctx.rounds("http-client", planned):
        with tempfile.TemporaryDirectory(prefix="asyncio4j-nginx-") as prefix, start_nginx(ctx, prefix) as nginx:
            url = f"http://127.0.0.1:{nginx.port}/small.json"
            for key, command in rotated(clients, r):
                progress(f"http-client: round {r + 1}/{planned}, {key}")
                options = ["--url", url, "--concurrency", str(concurrency), "--seconds", str(seconds),
                           "--warmup", str(warmup)]
                samples[key].append(run_client(ctx, f"the {key} client", command + options, warmup,
                                               seconds + warmup + 120, nginx)["requests_per_s"])
    row = Row("http_client_small_json", f"HTTP client, {concurrency} concurrent GETs", "requests/s", True,
              samples, [Target("at least 2x aiohttp on uvloop", peer="aiohttp-uvloop", at_least=2, issue=6),
                        Target("at least as fast as the JDK's HttpClient", peer="jdk-httpclient", at_least=1,
                               issue=6)])
    notes = [
        f"Server: nginx (Debian's package, one worker, keep-alive, no access log) serving a "
        f"{len(nginx_server.SMALL_JSON.encode())}-byte JSON file (nginx_server.py); each client keeps "
        f"{concurrency} GETs in flight (one per worker coroutine, the body read before the next) for {seconds:g} s "
        f"after {warmup:g} s of warm-up; medians of {ctx.rounds_note('http-client')}, the clients' order rotating "
        f"from round to round.",
        f"Cores: {cores_note(ctx)}.",
        "Clients: asyncio4j ClientSession (one loop, " + FAST_MODE + "); the JDK's java.net.http.HttpClient "
        "(HTTP/1.1, sendAsync chains, default executor); aiohttp ClientSession on uvloop "
        "(TCPConnector(limit=" + str(concurrency) + ")).",
    ]
    return Section("http-client", "HTTP client: requests per second against nginx",
                   [key for key, _ in clients], [row], notes, ctx.rounds_note("http-client"))


# ------------------------------------------------------------------------------------ demo-fetch

DEMO_CLIENTS = ("asyncio4j", "aiohttp-uvloop")


def demo_command(ctx, key, options, flags=()):
    if key == "asyncio4j":
        return ctx.jvm("http.DemoFetchLoad", options, flags)
    return ctx.python("demo_fetch_bench.py", ["--loop", "uvloop", *options])


def cold_run(ctx, key, base, flags=()):
    """Wall time in ms of one whole program run (process start to exit, not pinned), its output
    checked; `flags` go to the JVM."""
    command = demo_command(ctx, key, ["--base-url", base, "--once"], flags)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    elapsed = (time.perf_counter() - start) * 1e3
    if done.returncode != 0:
        raise RuntimeError(f"the {key} demo failed: {done.stderr.strip()[-2000:]}")
    if "[aot]" in done.stderr:
        raise RuntimeError(f"the {key} demo could not use its AOT cache: {done.stderr.strip()[-2000:]}")
    for subreddit in listings.SUBREDDITS:
        if f"DONE: {subreddit}\n" not in done.stdout:
            raise RuntimeError(f"the {key} demo did not finish r/{subreddit}: {done.stdout[-2000:]}")
    return elapsed


def train_aot_cache(ctx, base, cache):
    """One run of the asyncio4j demo that writes JDK 25's AOT cache to `cache`, as the asyncio4j
    launcher does after each build; returns the flags that use it."""
    cold_run(ctx, "asyncio4j", base, [f"-XX:AOTCacheOutput={cache}"])
    if not os.path.isfile(cache):
        raise RuntimeError(f"the AOT training run wrote no {cache}")
    return [f"-XX:AOTCache={cache}"]


def demo_suite(ctx):
    seconds, warmup = durations(ctx, demo=True)
    planned = 1 if ctx.quick else 3
    launches = 1 if ctx.quick else 2
    warm = {key: [] for key in DEMO_CLIENTS}
    cold = {key: [] for key in DEMO_CLIENTS}
    cold_aot = []
    with tempfile.TemporaryDirectory(prefix="asyncio4j-aot-") as aot_dir:  # removed even when a run fails
        aot_flags = None
        for r in ctx.rounds("demo-fetch", planned):
            with tempfile.TemporaryDirectory(prefix="asyncio4j-nginx-") as prefix, start_nginx(ctx, prefix) as nginx:
                base = f"http://127.0.0.1:{nginx.port}"
                for key in rotated(DEMO_CLIENTS, r):
                    progress(f"demo-fetch: round {r + 1}/{planned}, {key}")
                    options = ["--base-url", base, "--seconds", str(seconds), "--warmup", str(warmup)]
                    warm[key].append(run_client(ctx, f"the {key} demo fetch", demo_command(ctx, key, options), warmup,
                                                seconds + warmup + 120, nginx)["ms_per_fetch"])
                if aot_flags is None:
                    aot_flags = train_aot_cache(ctx, base, os.path.join(aot_dir, "demo.aot"))
                for _ in range(launches):
                    for key in rotated(DEMO_CLIENTS, r):
                        cold[key].append(cold_run(ctx, key, base))
                    cold_aot.append(cold_run(ctx, "asyncio4j", base, aot_flags))
    count = len(listings.SUBREDDITS)
    rows = [
        Row("demo_fetch_warm", f"demo fetch of {count} listings, warm", "ms/fetch", False, warm),
        Row("demo_fetch_cold", "demo program, fresh process", "ms", False, cold),
        Row("demo_fetch_cold_aot", "demo program, fresh process, AOT cache (as the launcher runs it)", "ms", False,
            {"asyncio4j": cold_aot, "aiohttp-uvloop": cold["aiohttp-uvloop"]}),
    ]
    size = len(listings.listing(listings.SUBREDDITS[0]).encode()) // 1024
    notes = [
        f"The tutorial's closing program: r/{', r/'.join(listings.SUBREDDITS)} fetched concurrently with one "
        f"session, each listing (five posts in Reddit's JSON shape, about {size} KiB, listings.py) parsed and its "
        f"score: title (url) lines made as it arrives. Server: nginx serving the listings as static files "
        f"(nginx_server.py), so the server is not what is measured.",
        f"Warm: one fetch after the other for {seconds:g} s after {warmup:g} s of warm-up, each with a new "
        f"session (new connections), as the program makes; the figure is the mean time of one fetch. "
        f"Clients: asyncio4j DemoFetchLoad (ClientSession, Jackson) and the tutorial's own code on aiohttp "
        f"and uvloop (demo_fetch_bench.py).",
        f"Cold: the wall time of the whole program (process start to exit, output printed), {launches} launch(es) "
        f"per contender and round; the JVM starts with its defaults and " + FAST_MODE + ". With an AOT cache: "
        f"the same, with JDK 25's AOT cache (-XX:AOTCache) written by one training run of the program "
        f"(-XX:AOTCacheOutput) at the start of the suite, as the asyncio4j launcher makes one after each build; "
        f"aiohttp's figures are the same launches as the row above (CPython uses its own bytecode cache).",
        f"Medians of {ctx.rounds_note('demo-fetch')}, the clients' order rotating from round to round. "
        f"Cores: {cores_note(ctx)}; the fresh processes are not pinned.",
    ]
    return Section("demo-fetch", "The demo's fetch: the tutorial's subreddit reader against a local server",
                   list(DEMO_CLIENTS), rows, notes, ctx.rounds_note("demo-fetch"))


SUITES = {"http-client": http_client_suite, "demo-fetch": demo_suite}
