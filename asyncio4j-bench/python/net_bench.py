"""The network suites of asyncio4j's benchmarks: echo throughput (plain and TLS) and the memory
of idle connections. Each returns a results.Section.

echo: the same load against each echo server in the same run: asyncio4j in both styles (streams
and protocol; dev.asyncio4j.bench.net), CPython asyncio and uvloop in both styles (echo_server.py),
Netty 4.2 (NIO, one event-loop thread) and, as the ceiling, an echo server in C (netload serve).
The load is netload (c/netload.c, compiled here with gcc): C and epoll, N connections, each
sending a message and waiting for the whole echo before the next, for a bounded time. Each server
is started once per round and measured at every size; the contenders' order rotates from round
to round; the table shows medians over rounds of requests/s and of the server's CPU time per
request (read from /proc/PID/stat around the measured window).

echo-tls: the same over TLS (TLS 1.3, a self-signed RSA 2048 certificate made for the run with
openssl): asyncio4j in both styles against CPython asyncio and uvloop in both styles, at 1 and
100 KiB; netload speaks TLS through OpenSSL (built in when libssl-dev's headers are there).

idle-connections: one server loop holding many idle TCP connections (opened by netload idle from
several 127.0.0.x source addresses), live heap per connection after full GCs: asyncio4j in both
styles and Netty 4.2 (IdleConnectionsMemory), each in a JVM of -Xmx1g.
"""

import json
import os
import shutil
import subprocess
import tempfile

from common import FAST_MODE, NETTY_FLAGS, Server, build_netload, fit_fd_limit, progress, rotated
from results import Row, Section, Target

KIB = 1024
ECHO_SIZES = (1 * KIB, 10 * KIB, 100 * KIB)
STYLES = ("streams", "protocol")
CLIENT_BOUND = 0.9  # load generator CPU utilisation above which a figure may be the client's limit


def add_arguments(parser):
    group = parser.add_argument_group("echo, echo-tls and idle-connections suites")
    group.add_argument("--echo-seconds", type=float,
                       help="measured seconds per server and message size (default 1.5; --quick 1)")
    group.add_argument("--echo-warmup", type=float,
                       help="longest warm-up before each measurement, three times that before a server's "
                            "first size (default 2; --quick 1); it ends sooner once the server is steady")
    group.add_argument("--echo-connections", type=int, default=50,
                       help="concurrent connections of the echo load (default 50)")
    group.add_argument("--echo-buffered", action="store_true",
                       help="also measure asyncio4j's BufferedProtocol echo (the bytes stay in a direct "
                            "buffer), against the peers' protocol style")
    group.add_argument("--idle-connections", type=int,
                       help="idle connections to hold (default 100,000; --quick 10,000)")


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


# ------------------------------------------------------------------------------------ echo

def echo_contenders(ctx, netload, buffered, tls=None):
    """(key, command) of each echo server, in the order of a first round; with tls, a
    (certfile, keyfile) pair, the servers that speak TLS. A quick run leaves out CPython asyncio
    and the C ceiling."""
    tls_args = ["--tls", *tls] if tls else []
    contenders = []
    for style in STYLES:
        main = "StreamsEchoServer" if style == "streams" else "ProtocolEchoServer"
        contenders.append((f"asyncio4j {style}", ctx.jvm("net." + main, tls_args)))
    if buffered:
        contenders.append(("asyncio4j buffered", ctx.jvm("net.ProtocolEchoServer", ["--buffered", *tls_args])))
    for loop in ("uvloop",) if ctx.quick else ("uvloop", "asyncio"):
        for style in STYLES:
            contenders.append((f"{loop} {style}",
                               ctx.python("echo_server.py", ["--loop", loop, "--style", style, *tls_args])))
    if not tls:
        contenders.append(("netty", ctx.jvm("net.NettyEchoServer", flags=NETTY_FLAGS)))
        if not ctx.quick:
            contenders.append(("c-ceiling", [netload, "serve"]))
    return contenders


def run_echo_load(netload, cores, server, size, seconds, warmup, connections, tls=False):
    """One measurement: netload (on the client core) warms the server up unpinned, pins it to the
    server core, and measures."""
    pin = ["--pin-server", cores.server] if cores.enabled else []
    pin.append("--steady")
    command = cores.pinned(cores.client, [netload, "echo", "--port", str(server.port), "--connections",
                                          str(connections), "--size", str(size), "--seconds", str(seconds),
                                          "--warmup", str(warmup), "--server-pid", str(server.pid), *pin]
                           + (["--tls"] if tls else []))
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + warmup + 120)
    if done.returncode != 0:
        raise RuntimeError(f"the echo load against {server.name} failed: {done.stderr.strip()}\n"
                           f"{server.name}'s log:\n{server.log_tail()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def size_name(size):
    return f"{size // KIB} KiB"


def echo_suite(ctx):
    return run_echo_suite(ctx, None)


def echo_tls_suite(ctx):
    with tempfile.TemporaryDirectory() as directory:
        return run_echo_suite(ctx, make_certificate(directory))


def run_echo_suite(ctx, tls):
    """The echo suite in plain TCP (tls None) or over TLS (tls: the servers' certfile and keyfile)."""
    args = ctx.args
    suite = "echo-tls" if tls else "echo"
    seconds = args.echo_seconds or (0.75 if ctx.quick else 1.5)
    warmup = args.echo_warmup if args.echo_warmup is not None else (1.0 if ctx.quick else 2.0)
    # The JIT compiles most of the servers' paths during the first size's warm-up.
    first_warmup = 3 * warmup
    connections = args.echo_connections
    planned = 1 if ctx.quick else 3
    netload = build_netload(ctx.root)
    contenders = echo_contenders(ctx, netload, args.echo_buffered, tls)
    styles = STYLES + (("buffered",) if args.echo_buffered else ())
    if tls:
        sizes = (ECHO_SIZES[0],) if ctx.quick else (ECHO_SIZES[0], ECHO_SIZES[-1])
    else:
        sizes = (ECHO_SIZES[0], ECHO_SIZES[-1]) if ctx.quick else ECHO_SIZES
    samples = {key: {size: [] for size in sizes} for key, _ in contenders}
    for r in ctx.rounds(suite, planned):
        for key, command in rotated(contenders, r):
            progress(f"{suite}: round {r + 1}/{planned}, {key}")
            with Server(key, command) as server:
                for i, size in enumerate(sizes):
                    samples[key][size].append(run_echo_load(
                        netload, ctx.cores, server, size, seconds, first_warmup if i == 0 else warmup,
                        connections, tls is not None))

    shown = {key for key, _ in contenders}
    peers = [(peer, pattern) for peer, pattern in (("uvloop", "uvloop {style}"), ("asyncio", "asyncio {style}"),
                                                   ("netty", "netty"), ("c-ceiling", "c-ceiling"))
             if pattern.format(style="streams") in shown]
    rows = []
    for size in sizes:
        for style in styles:
            # The peers have no buffered style of their own (uvloop keeps a reference to a pending
            # write's buffer, so it could not be reused): their protocol style stands in.
            peer_style = "protocol" if style == "buffered" else style

            def series(field, key):
                return [s[field] for s in samples[key][size]]

            def all_series(field):
                values = {"asyncio4j": series(field, f"asyncio4j {style}")}
                values.update({peer: series(field, pattern.format(style=peer_style)) for peer, pattern in peers})
                return values

            workload = f"echo{' TLS' if tls else ''} {size_name(size)}, {style}"
            key = f"echo{'_tls' if tls else ''}_{size // KIB}k_{style}"
            rows.append(Row(key, workload, "requests/s", True, all_series("requests_per_s"),
                            echo_targets(tls, style, size, sizes)))
            rows.append(Row(key + "_cpu", workload, "server CPU µs/request", False,
                            all_series("server_cpu_us_per_request"), chart=False))

    client_bound = sorted({f"{key} at {size_name(size)}" for key, _ in contenders for size in sizes
                           if samples[key][size]
                           and max(s["client_utilisation"] for s in samples[key][size]) >= CLIENT_BOUND})
    notes = [
        f"Load: netload (C, epoll; asyncio4j-bench/c/netload.c), {connections} connections, each sending a "
        f"message and waiting for its whole echo before the next; {seconds:g} s measured after a warm-up that "
        f"lasts until the server's rate is steady (four half-second slots within 4 % of their mean), at least "
        f"1 s and at most {first_warmup:g} s before a server's first size, {warmup:g} s before the others; "
        f"medians of {ctx.rounds_note(suite)}, the contenders' order rotating from round to round.",
        f"Cores: {ctx.cores.description}.",
        "Server CPU: user + system time of the whole server process (event loop, GC and JIT threads) over the "
        "measured window, from /proc/PID/stat (10 ms ticks), divided by the requests. On loopback a send also "
        "does the receiving side's TCP work, so each side pays part of the other's kernel cost.",
        "JVM flags: asyncio4j " + FAST_MODE + " (fast mode); Netty " + " ".join(NETTY_FLAGS) + ".",
    ]
    if tls:
        notes.append("TLS: TLS 1.3 with the cipher both ends prefer, a self-signed RSA 2048 certificate; netload "
                     "(OpenSSL) makes every connection's handshake before the load starts and does not verify "
                     "the certificate; the servers are asyncio4j on the JDK's SSLEngine and CPython's ssl module "
                     "(OpenSSL) under uvloop and asyncio. No Netty or C ceiling over TLS.")
    else:
        notes.insert(3, "C ceiling: netload serve, an echo server in C on epoll (one thread): about the most any "
                        "server can do on this machine, shown for scale, not as a peer; the load generator costs "
                        "about as much per request, so near the ceiling the figures are the client's limit and "
                        "server CPU per request is the fairer comparison.")
    if client_bound:
        notes.append(f"The load generator used {CLIENT_BOUND:.0%} or more of its core in: "
                     + ", ".join(client_bound) + ": those servers may be faster than their figure shows.")
    if ctx.quick:
        notes.append("Quick run: CPython asyncio and the C ceiling left out.")
    if args.echo_buffered:
        notes.append("buffered: asyncio4j's BufferedProtocol echo (reads into one direct buffer, writes from it: "
                     "no heap copy), compared with the peers' protocol style.")
    title = "Echo over TLS" if tls else "Echo"
    contenders_shown = ["asyncio4j"] + [peer for peer, _ in peers]
    return Section(suite, f"{title}: requests per second and server CPU per request", contenders_shown, rows,
                   notes, ctx.rounds_note(suite))


def echo_targets(tls, style, size, sizes):
    if style == "buffered":
        return []
    if tls:
        return [Target("at least as fast as uvloop over TLS", peer="uvloop", at_least=1, issue=5)]
    targets = [Target("at least as fast as Netty", peer="netty", at_least=1, issue=4)]
    if size == sizes[0]:
        targets.insert(0, Target("at least 1.5x uvloop at 1 KiB", peer="uvloop", at_least=1.5, issue=4))
    if size == sizes[-1]:
        targets.insert(0, Target("not behind uvloop at 100 KiB", peer="uvloop", at_least=1, issue=4))
    return targets


# ------------------------------------------------------------------------------------ idle connections

IDLE_CONTENDERS = ("asyncio4j-protocol", "asyncio4j-streams", "netty")


def run_idle(ctx, netload, contender, connections):
    flags = ["-Xmx1g"] + (NETTY_FLAGS if contender == "netty" else [])
    timeout = 120 + connections // 500
    server = Server(contender, ctx.jvm("net.IdleConnectionsMemory", [contender, connections, timeout], flags),
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


def idle_suite(ctx):
    wanted = ctx.args.idle_connections or (10_000 if ctx.quick else 100_000)
    connections, limit_note = fit_fd_limit(wanted)
    planned = 1 if ctx.quick else 3
    netload = build_netload(ctx.root)
    samples = {contender: [] for contender in IDLE_CONTENDERS}
    for r in ctx.rounds("idle-connections", planned):
        for contender in rotated(IDLE_CONTENDERS, r):
            progress(f"idle-connections: round {r + 1}/{planned}, {contender} ({connections:,} connections)")
            samples[contender].append(run_idle(ctx, netload, contender, connections))

    def series(contender, field, scale=1.0):
        return [s[field] / scale for s in samples[contender]]

    rows = []
    for style in ("protocol", "streams"):
        contender = f"asyncio4j-{style}"
        workload = f"{connections:,} idle connections, {style}"
        rows.append(Row(f"idle_connections_{style}", workload, "heap bytes/connection", False,
                        {"asyncio4j": series(contender, "bytes_per_connection"),
                         "netty": series("netty", "bytes_per_connection")},
                        [Target("100,000 in under 1 GiB of heap", at_most=2**30 / 100_000, issue=4),
                         Target("below Netty's heap per connection", peer="netty", at_least=1, issue=4)]))
        rows.append(Row(f"idle_connections_{style}_heap", workload, "live heap MiB", False,
                        {"asyncio4j": series(contender, "heap_after", 2**20),
                         "netty": series("netty", "heap_after", 2**20)}, chart=False))
    notes = [
        f"One server loop, {connections:,} idle TCP connections on loopback opened by netload idle (another "
        f"process) from {max(1, -(-connections // 25_000))} source address(es) 127.0.0.2 and up; live heap after "
        f"full GCs, minus the same before the connections, per connection. Each server JVM runs with -Xmx1g "
        f"and is warmed up first (256 connections of 64 echoes each, closed again).",
        "asyncio4j protocol: one EchoProtocol per connection. asyncio4j streams: startServer, one task "
        "per connection suspended in reader.read(). Netty 4.2: NIO, one event-loop thread, the echo "
        "handler of Netty's example. Kernel socket buffers and direct memory are not heap and not counted.",
        f"Medians of {ctx.rounds_note('idle-connections')}.",
    ]
    if limit_note:
        notes.append(limit_note)
    return Section("idle-connections", "Idle connections: heap per connection", ["asyncio4j", "netty"], rows, notes,
                   ctx.rounds_note("idle-connections"))


SUITES = {"echo": echo_suite, "echo-tls": echo_tls_suite, "idle-connections": idle_suite}
