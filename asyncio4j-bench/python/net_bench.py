"""The network suites of asyncio4j's benchmarks: echo throughput and the memory of idle connections.

bench.py runs them as the suites "echo" and "idle-connections"; each returns a Report (a table,
its notes and the target checks) that bench.py prints, and rows for its JSON output.

echo: the same load against each echo server in the same run: asyncio4j in both styles (streams
and protocol; dev.asyncio4j.bench.net), CPython asyncio and uvloop in both styles (echo_server.py),
Netty 4.2 (NIO, one event-loop thread) and, as the ceiling, an echo server in C (netload serve).
The load is netload (c/netload.c, compiled here with gcc): C and epoll, N connections, each
sending a message and waiting for the whole echo before the next, for a bounded time. Each server
is started once per round and measured at 1, 10 and 100 KiB; the contenders' order rotates from
round to round; the table shows medians over rounds of requests/s and of the server's CPU time
per request (read from /proc/PID/stat around the measured window).

echo-tls: the same over TLS (TLS 1.3, a self-signed RSA 2048 certificate made for the run with
openssl): asyncio4j in both styles against CPython asyncio and uvloop in both styles, at 1 and
100 KiB; netload speaks TLS through OpenSSL (built in when libssl-dev's headers are there).

idle-connections: one server loop holding many idle TCP connections (opened by netload idle from
several 127.0.0.x source addresses), live heap per connection after full GCs: asyncio4j in both
styles and Netty 4.2 (IdleConnectionsMemory), each in a JVM of -Xmx1g.
"""

import json
import os
import queue
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's Python, which has uvloop (python3-uvloop); a python3 earlier on PATH may not.
PYTHON = "/usr/bin/python3"
FAST_MODE = "--add-opens=java.base/java.lang=ALL-UNNAMED"
# Netty 4.2 uses sun.misc.Unsafe on JDK 24+ only when it is allowed explicitly; without it Netty
# runs slower paths. It gets its best configuration.
NETTY_FLAGS = ["--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"]
BENCH_NET = "dev.asyncio4j.bench.net."

KIB = 1024
ECHO_SIZES = (1 * KIB, 10 * KIB, 100 * KIB)
STYLES = ("streams", "protocol")
CLIENT_BOUND = 0.9  # load generator CPU utilisation above which a figure may be the client's limit

# Per-process file descriptors beyond the connections themselves (JVM jars, selector, warm-up).
FD_MARGIN = 2048


class Report:
    """What a suite prints: a title, a markdown table, notes under it and the target checks."""

    def __init__(self, title, header, rows, notes, targets, json_rows):
        self.title = title
        self.header = header
        self.rows = rows
        self.notes = notes
        self.targets = targets
        self.json_rows = json_rows

    def print(self, out=sys.stdout):
        print(file=out)
        print(f"### {self.title}", file=out)
        print(file=out)
        print("| " + " | ".join(self.header) + " |", file=out)
        print("| " + " | ".join(["---", "---"] + ["---:"] * (len(self.header) - 2)) + " |", file=out)
        for row in self.rows:
            print("| " + " | ".join(row) + " |", file=out)
        print(file=out)
        for note in self.notes:
            print(f"- {note}", file=out)
        if self.targets:
            print(file=out)
            print("Targets:", file=out)
            for target in self.targets:
                print(f"- {target}", file=out)


def add_arguments(parser):
    group = parser.add_argument_group("echo and idle-connections suites")
    group.add_argument("--echo-seconds", type=float,
                       help="measured seconds per server and message size (default 5; --quick 2)")
    group.add_argument("--echo-warmup", type=float,
                       help="warm-up seconds before each measurement, doubled for a server's first "
                            "size (default 2; --quick 1)")
    group.add_argument("--echo-connections", type=int, default=50,
                       help="concurrent connections of the echo load (default 50)")
    group.add_argument("--echo-buffered", action="store_true",
                       help="also measure asyncio4j's BufferedProtocol echo (the bytes stay in a direct "
                            "buffer), against the peers' protocol style")
    group.add_argument("--idle-connections", type=int,
                       help="idle connections to hold (default 100,000; --quick 10,000)")
    group.add_argument("--net-rounds", type=int,
                       help="rounds of the echo and idle-connections suites (default: as the others)")


def rounds_of(args):
    if args.net_rounds:
        return args.net_rounds
    return 1 if args.quick else 3


# ------------------------------------------------------------------------------------ processes

def build_netload(root):
    """Compiles c/netload.c into asyncio4j-bench/target/netload when it is missing or older."""
    source = os.path.join(root, "asyncio4j-bench", "c", "netload.c")
    binary = os.path.join(root, "asyncio4j-bench", "target", "netload")
    if os.path.exists(binary) and os.path.getmtime(binary) >= os.path.getmtime(source):
        return binary
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        raise SystemExit("The echo and idle-connections suites need a C compiler: install gcc "
                         "(Debian: apt install gcc).")
    os.makedirs(os.path.dirname(binary), exist_ok=True)
    # With OpenSSL's headers netload can speak TLS (echo --tls); without them it cannot.
    tls = ["-DNETLOAD_TLS"] if os.path.exists("/usr/include/openssl/ssl.h") else []
    libraries = ["-lssl", "-lcrypto"] if tls else []
    subprocess.run([gcc, "-O2", "-Wall", *tls, "-o", binary, source, *libraries], check=True)
    return binary


def make_certificate(directory):
    """A self-signed certificate and key for localhost, for the TLS echo: (certfile, keyfile)."""
    if shutil.which("openssl") is None:
        raise SystemExit("The echo-tls suite needs openssl to make its certificate: install it "
                         "(Debian: apt install openssl).")
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def cpu_plan():
    """(server CPU, client CPU, description): separate cores when there are at least two."""
    cpus = sorted(os.sched_getaffinity(0))
    total = os.cpu_count()
    if len(cpus) >= 2 and shutil.which("taskset"):
        return (str(cpus[0]), str(cpus[1]),
                f"the machine has {total} cores, shared by the load generator and the server: "
                f"server pinned to CPU {cpus[0]}, load generator to CPU {cpus[1]} (taskset); the "
                f"JVM then sees one CPU (serial GC, as any JVM given one core)")
    return (None, None,
            f"the machine has {total} core(s), shared by the load generator and the server "
            f"(not pinned: {'only one core' if len(cpus) < 2 else 'taskset is missing'})")


def pinned(cpu, command):
    return ["taskset", "-c", cpu] + command if cpu is not None else command


class Server:
    """A server process under test: its first line of output is "port N"; stopped by its pid."""

    def __init__(self, name, command, start_timeout=120):
        self.name = name
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=self.log, text=True)
        self.pid = self.process.pid
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        first = self.next_line(start_timeout)
        if first is None or not first.startswith("port "):
            self.stop()
            raise RuntimeError(f"{name} did not start (first line {first!r}); its log:\n{self.log_tail()}")
        self.port = int(first.split()[1])

    def _pump(self):
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def next_line(self, timeout):
        """The next line of output; None when the process ended; raises TimeoutError."""
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"{self.name} printed nothing in {timeout} s; its log:\n{self.log_tail()}")

    def log_tail(self, lines=20):
        self.log.seek(0)
        return "".join(self.log.readlines()[-lines:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def java_command(java, classpath, main_class, args=(), flags=()):
    return [java, FAST_MODE, *flags, "-cp", classpath, BENCH_NET + main_class, *args]


# ------------------------------------------------------------------------------------ echo

def echo_contenders(java, classpath, netload, buffered, tls=None):
    """(key, command) of each echo server, in the order of a first round; with tls, a
    (certfile, keyfile) pair, the servers that speak TLS."""
    tls_args = ["--tls", *tls] if tls else []
    contenders = []
    for style in STYLES:
        main = "StreamsEchoServer" if style == "streams" else "ProtocolEchoServer"
        contenders.append((f"asyncio4j {style}", java_command(java, classpath, main, tls_args)))
    if buffered:
        contenders.append(("asyncio4j buffered", java_command(java, classpath, "ProtocolEchoServer",
                                                              ["--buffered", *tls_args])))
    for loop in ("uvloop", "asyncio"):
        for style in STYLES:
            contenders.append((f"{loop} {style}", [PYTHON, os.path.join(HERE, "echo_server.py"),
                                                   "--loop", loop, "--style", style, *tls_args]))
    if not tls:
        contenders.append(("netty", java_command(java, classpath, "NettyEchoServer", flags=NETTY_FLAGS)))
        contenders.append(("ceiling", [netload, "serve"]))
    return contenders


def run_echo_load(netload, cpu, server, size, seconds, warmup, connections, tls=False):
    command = pinned(cpu, [netload, "echo", "--port", str(server.port), "--connections", str(connections),
                           "--size", str(size), "--seconds", str(seconds), "--warmup", str(warmup),
                           "--server-pid", str(server.pid)] + (["--tls"] if tls else []))
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + warmup + 120)
    if done.returncode != 0:
        raise RuntimeError(f"the echo load against {server.name} failed: {done.stderr.strip()}\n"
                           f"{server.name}'s log:\n{server.log_tail()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def size_name(size):
    return f"{size // KIB} KiB"


def ratio_text(ours, theirs, higher_is_better):
    if not ours or not theirs:
        return "-"
    return f"{(ours / theirs if higher_is_better else theirs / ours):.2f}x"


def echo_suite(args, java, classpath):
    return run_echo_suite(args, java, classpath, None)


def echo_tls_suite(args, java, classpath):
    with tempfile.TemporaryDirectory() as directory:
        return run_echo_suite(args, java, classpath, make_certificate(directory))


def run_echo_suite(args, java, classpath, tls):
    """The echo suite in plain TCP (tls None) or over TLS (tls: the servers' certfile and keyfile)."""
    quick = args.quick
    seconds = args.echo_seconds or (2.0 if quick else 5.0)
    warmup = args.echo_warmup if args.echo_warmup is not None else (1.0 if quick else 2.0)
    connections = args.echo_connections
    rounds = rounds_of(args)
    netload = build_netload(args.root)
    server_cpu, client_cpu, cores = cpu_plan()
    contenders = echo_contenders(java, classpath, netload, args.echo_buffered, tls)
    styles = STYLES + (("buffered",) if args.echo_buffered else ())
    sizes = (ECHO_SIZES[0], ECHO_SIZES[-1]) if tls else ECHO_SIZES
    samples = {key: {size: [] for size in sizes} for key, _ in contenders}
    for r in range(rounds):
        order = contenders[r % len(contenders):] + contenders[:r % len(contenders)]
        for key, command in order:
            print(f"  echo: round {r + 1}/{rounds}, {key}", file=sys.stderr, flush=True)
            server = Server(key, pinned(server_cpu, command))
            try:
                for i, size in enumerate(sizes):
                    samples[key][size].append(run_echo_load(
                        netload, client_cpu, server, size, seconds, warmup * (2 if i == 0 else 1), connections,
                        tls is not None))
            finally:
                server.stop()

    def median(key, size, field):
        return statistics.median(s[field] for s in samples[key][size])

    peers = [("uvloop", "uvloop {style}"), ("asyncio", "asyncio {style}")]
    if not tls:
        peers += [("Netty", "netty"), ("C ceiling", "ceiling")]
    compared = peers[:3]
    header = ["workload", "unit", "asyncio4j"] + [name for name, _ in peers] + \
             [f"vs {name}" for name, _ in compared]
    rows, json_rows, targets = [], [], []
    suffix = "_tls" if tls else ""
    for size in sizes:
        for style in styles:
            # The peers have no buffered style of their own (uvloop keeps a reference to a pending
            # write's buffer, so it could not be reused): their protocol style stands in.
            peer_style = "protocol" if style == "buffered" else style
            keys = [f"asyncio4j {style}"] + [pattern.format(style=peer_style) for _, pattern in peers]
            workload = f"echo{' TLS' if tls else ''} {size_name(size)}, {style}"
            for field, unit, higher, fmt in (("requests_per_s", "requests/s", True, "{:,.0f}"),
                                             ("server_cpu_us_per_request", "server CPU µs/request", False,
                                              "{:,.2f}")):
                values = [median(key, size, field) for key in keys]
                rows.append([workload, unit] + [fmt.format(v) for v in values]
                            + [ratio_text(values[0], v, higher) for v in values[1:1 + len(compared)]])
                names = ["asyncio4j", "uvloop", "asyncio", "netty", "c_ceiling"]
                json_rows.append({"workload": f"echo_{size // KIB}k_{style}{suffix}", "unit": unit,
                                  "higher_is_better": higher, "medians": dict(zip(names, values))})

    def rps(key, size):
        return median(key, size, "requests_per_s")

    def check(label, ours, theirs, at_least):
        value = ours / theirs if theirs else 0.0
        verdict = "met" if value >= at_least else "NOT met"
        return f"{label}: {value:.3f}x (target {at_least:g}x or more): {verdict}"

    small, large = sizes[0], sizes[-1]
    for style in STYLES:
        ours = f"asyncio4j {style}"
        if tls:
            # The target over TLS: at least as fast as uvloop over TLS.
            for size in sizes:
                targets.append(check(f"TLS, {style}, {size_name(size)}, vs uvloop", rps(ours, size),
                                     rps(f"uvloop {style}", size), 1.0))
            continue
        targets.append(check(f"{style}, {size_name(small)}, vs uvloop", rps(ours, small), rps(f"uvloop {style}", small), 1.5))
        targets.append(check(f"{style}, {size_name(large)}, vs uvloop", rps(ours, large), rps(f"uvloop {style}", large), 1.0))
        for size in sizes:
            targets.append(check(f"{style}, {size_name(size)}, vs Netty", rps(ours, size), rps("netty", size), 1.0))

    client_bound = sorted({f"{key} at {size_name(size)}" for key, _ in contenders for size in sizes
                           if max(s["client_utilisation"] for s in samples[key][size]) >= CLIENT_BOUND})
    notes = [
        f"Load: netload (C, epoll; asyncio4j-bench/c/netload.c), {connections} connections, each sending a "
        f"message and waiting for its whole echo before the next; {seconds:g} s measured after {warmup:g} s "
        f"of warm-up ({2 * warmup:g} s before a server's first size); medians of {rounds} round(s), the "
        f"contenders' order rotating from round to round.",
        f"Cores: {cores}.",
        "Server CPU: user + system time of the whole server process (event loop, GC and JIT threads) over "
        "the measured window, from /proc/PID/stat (10 ms ticks), divided by the requests. On loopback a "
        "send also does the receiving side's TCP work, so each side pays part of the other's kernel cost.",
        "JVM flags: asyncio4j " + FAST_MODE + " (fast mode); Netty " + " ".join(NETTY_FLAGS) + ".",
    ]
    if tls:
        notes.append("TLS: TLS 1.3 with the cipher both ends prefer, a self-signed RSA 2048 certificate; netload "
                     "(OpenSSL) makes every connection's handshake before the load starts and does not verify "
                     "the certificate; the servers are asyncio4j on the JDK's SSLEngine and CPython's ssl module "
                     "(OpenSSL) under uvloop and asyncio. No Netty or C ceiling over TLS.")
    else:
        notes.insert(3, "C ceiling: netload serve, an echo server in C on epoll (one thread): about the most any "
                        "server can do on this machine; the load generator costs about as much per request, so near "
                        "the ceiling the figures are the client's limit and server CPU per request is the fairer "
                        "comparison.")
    if client_bound:
        notes.append(f"The load generator used {CLIENT_BOUND:.0%} or more of its core in: "
                     + ", ".join(client_bound) + ": those servers may be faster than their figure shows.")
    if args.echo_buffered:
        notes.append("buffered: asyncio4j's BufferedProtocol echo (reads into one direct buffer, writes from it: "
                     "no heap copy), compared with the peers' protocol style.")
    if quick:
        notes.append("Quick mode: short runs, one round; a sanity check, not a measurement.")
    title = "Echo over TLS" if tls else "Echo"
    return Report(f"{title}: requests per second and server CPU per request", header, rows, notes, targets,
                  json_rows)


# ------------------------------------------------------------------------------------ idle connections

IDLE_CONTENDERS = ("asyncio4j-protocol", "asyncio4j-streams", "netty")


def fit_fd_limit(wanted):
    """Raises the open-file limit for `wanted` connections per process; returns (count, note)."""
    needed = wanted + FD_MARGIN
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return wanted, None
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, max(hard, needed)))
        return wanted, None
    except (ValueError, OSError):
        pass
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    count = max(hard - FD_MARGIN, 0)
    return count, (f"The open-file limit is {hard:,} here and cannot be raised (that needs root with "
                   f"CAP_SYS_RESOURCE): measured {count:,} connections instead of {wanted:,}. For the full "
                   f"figure, raise it before running, e.g. `ulimit -Hn {needed}; ulimit -n {needed}` as "
                   f"root (or LimitNOFILE= in a systemd unit).")


def run_idle(java, classpath, netload, contender, connections):
    flags = ["-Xmx1g"] + (NETTY_FLAGS if contender == "netty" else [])
    timeout = 120 + connections // 500
    server = Server(contender, java_command(java, classpath, "IdleConnectionsMemory",
                                            [contender, str(connections), str(timeout)], flags),
                    start_timeout=180)
    client = subprocess.Popen([netload, "idle", "--port", str(server.port), "--connections", str(connections),
                               "--hold-seconds", str(timeout + 60)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        waited = 0
        while True:
            try:
                line = server.next_line(1)
                break
            except TimeoutError:
                waited += 1
                if client.poll() not in (None, 0):
                    raise RuntimeError(f"netload idle failed against {contender}: {client.stderr.read().strip()}")
                if waited > timeout + 30:
                    raise
        if line is None:
            raise RuntimeError(f"{contender} ended without a result; its log:\n{server.log_tail()}")
        return json.loads(line)
    finally:
        client.stdin.close()  # netload holds its connections until its standard input closes
        try:
            client.wait(timeout=30)
        except subprocess.TimeoutExpired:
            client.kill()
            client.wait()
        server.stop()


def idle_suite(args, java, classpath):
    wanted = args.idle_connections or (10_000 if args.quick else 100_000)
    connections, limit_note = fit_fd_limit(wanted)
    rounds = rounds_of(args)
    netload = build_netload(args.root)
    samples = {contender: [] for contender in IDLE_CONTENDERS}
    for r in range(rounds):
        order = IDLE_CONTENDERS[r % 3:] + IDLE_CONTENDERS[:r % 3]
        for contender in order:
            print(f"  idle-connections: round {r + 1}/{rounds}, {contender} ({connections:,} connections)",
                  file=sys.stderr, flush=True)
            samples[contender].append(run_idle(java, classpath, netload, contender, connections))

    def median(contender, field):
        return statistics.median(s[field] for s in samples[contender])

    netty_per = median("netty", "bytes_per_connection")
    netty_heap = median("netty", "heap_after") / 2**20
    header = ["workload", "unit", "asyncio4j", "Netty", "vs Netty"]
    rows, json_rows, targets = [], [], []
    for style in ("protocol", "streams"):
        contender = f"asyncio4j-{style}"
        per = median(contender, "bytes_per_connection")
        heap = median(contender, "heap_after") / 2**20
        workload = f"{connections:,} idle connections, {style}"
        rows.append([workload, "heap bytes/connection", f"{per:,.0f}", f"{netty_per:,.0f}",
                     ratio_text(per, netty_per, False)])
        rows.append([workload, "live heap MiB", f"{heap:,.1f}", f"{netty_heap:,.1f}",
                     ratio_text(heap, netty_heap, False)])
        json_rows.append({"workload": f"idle_connections_{style}", "unit": "heap bytes/connection",
                          "higher_is_better": False, "connections": connections,
                          "medians": {"asyncio4j": per, "netty": netty_per}})
        projected = per * 100_000 / 2**30
        scale = "for" if connections == 100_000 else "projected to"
        targets.append(f"{style}: {per:,.0f} bytes per connection, {projected:.2f} GiB {scale} 100,000 "
                       f"(target under 1 GiB): {'met' if projected < 1 else 'NOT met'}; vs Netty's "
                       f"{netty_per:,.0f}: {'met' if per < netty_per else 'NOT met'} (target: below Netty)")
    notes = [
        f"One server loop, {connections:,} idle TCP connections on loopback opened by netload idle (another "
        f"process) from {max(1, -(-connections // 25_000))} source address(es) 127.0.0.2 and up; live heap after "
        f"full GCs, minus the same before the connections, per connection. Each server JVM runs with -Xmx1g "
        f"and is warmed up first (256 connections of 64 echoes each, closed again).",
        "asyncio4j protocol: one EchoProtocol per connection. asyncio4j streams: startServer, one task "
        "per connection suspended in reader.read(). Netty 4.2: NIO, one event-loop thread, the echo "
        "handler of Netty's example. Kernel socket buffers and direct memory are not heap and not counted.",
        f"Medians of {rounds} round(s).",
    ]
    if limit_note:
        notes.append(limit_note)
    return Report("Idle connections: heap per connection", header, rows, notes, targets, json_rows)


SUITES = {"echo": echo_suite, "echo-tls": echo_tls_suite, "idle-connections": idle_suite}
