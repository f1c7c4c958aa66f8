"""What profiling found where asyncio4j is behind a peer or a target: what remains and why.

BENCHMARKS.md's last section lists the rows where a run shows asyncio4j behind, and quotes the
finding of each row from here. Written by hand after profiling (JFR: `-XX:StartFlightRecording`,
then `jfr view hot-methods` and `jfr print --events jdk.ObjectAllocationSample`), kept next to
the figures' code so that it is updated with it. A finding names the rows it explains by regular
expressions on their keys (see the suites' Row keys).
"""

import re

# (title, regular expression on row keys, what remains and why)
FINDINGS = [
    ("Short warm-ups measure the JIT, not the loop", r".*",
     "A JVM contender reaches its speed only once the JIT has compiled its paths, and it is measured pinned to "
     "one core: with the quick run's warm-ups (1-3 s) the JVM rows of the network and client suites still "
     "carry compilation, and on a busy machine even the full run's may. Checked by hand: TLS echo at 1 KiB "
     "went from well behind uvloop after 1 s of warm-up to 25 against uvloop's 41 server µs a request after "
     "10 s; the demo's warm fetch from 22 ms to 3.5 ms (uvloop 6.9 ms) pinned to one core after 12 s. A "
     "quick run is a sanity check; compare full runs on a quiet machine."),
    ("Creating tasks: the JDK tracks every virtual thread", r"task_spawn|gather",
     "Each task is a virtual thread, and the JDK adds every started virtual thread to a ConcurrentHashMap "
     "(its root thread container, so that thread dumps list them) and removes it when it ends: in a profile "
     "of gather that insert and remove were about 30 % of the time. -Djdk.trackAllThreads=false removes "
     "the cost (gather of 10,000 took about half the time in a trial on a busy machine) but then "
     "`jcmd Thread.dump_to_file` "
     "no longer lists the tasks, one of the reasons tasks are virtual threads; a loop-owned thread container "
     "would keep both but needs JDK-internal access (jdk.internal.vm). Left as it is; a choice for users. "
     "The gather's ratio to CPython asyncio spreads from run to run: 12.2x, 13.1x and 9.1x in three full runs on "
     "the same quiet machine on 2026-12-07 (asyncio4j 9.7 to 11.5 ms, CPython 104 to 130 ms: both sides move)."),
    ("Spawning 1,000,000 tasks: the garbage collector copies them all", r"task_spawn",
     "The million tasks are alive at once (each waits its turn to run its sleep(0)), about 1 KB each "
     "(see the pending tasks' memory), so every young collection copies all of them: with G1's defaults the "
     "batch's time is mostly GC pauses, and on a busy machine, where the GC threads get little CPU, the "
     "pauses grow. CPython frees by reference counting and copies nothing. A larger young generation "
     "(-Xmn) or the parallel collector shortens it; the benchmark keeps the JVM's defaults."),
    ("A pending task's memory is its stack", r"pending_memory",
     "A task suspended in await holds a virtual thread (168 bytes), a Task, a Coroutine, its strand and the "
     "JDK's thread-tracking entry (about 250 bytes together) and the stack chunk of its suspended frames, "
     "about 650 bytes for the twelve frames from the task's body to the park: most of the kilobyte a "
     "task costs. The figure stays under the target of 1 GiB for 1,000,000; CPython's figure is resident "
     "memory per task, a different measure (see the notes). -XX:+UseCompactObjectHeaders (JDK 25) saves a "
     "few bytes an object."),
    ("Spawning children: the JDK starts each one through a helper", r"spawn_true",
     "ProcessBuilder on Linux posix_spawns the JDK's jspawnhelper, which then execs the program (two execs a "
     "child) and the JDK waits for a report on a pipe; CPython's subprocess execs once. asyncio4j starts "
     "children on a few pooled threads so the loop never waits; a trial with eight threads instead of two "
     "did not change the figure, so the cost is the JDK's launch, not ours. uvloop's fork is far slower on "
     "this machine."),
    ("Echo: copies that uvloop and Netty do not make", r"echo_\d+k_.*",
     "The protocol style gets a byte[] per read (asyncio's bytes) and the streams style reads byte[] "
     "chunks; NIO reads into and writes from a heap array through a temporary direct buffer, a copy each "
     "way, where uvloop hands its buffer to the kernel and Netty keeps pooled direct buffers. At 100 KiB "
     "that copying and the kernel's send are most of the server's CPU (profile of the protocol echo: "
     "SocketDispatcher.write0 44 %, copies next). With a long warm-up the protocol echo used about 20 % "
     "more CPU a request than uvloop's at 100 KiB and the same at 1 KiB. BufferedProtocol "
     "(getBuffer/bufferUpdated, "
     "a direct buffer) avoids the read copy: --echo-buffered measures it. At 1 KiB every server is close "
     "to what the kernel's loopback costs: in the quiet full run of 2026-12-07 00:00 UTC the C echo server on epoll "
     "used 12.0 µs of server CPU a request, uvloop 13.5, Netty 14.8 and asyncio4j 15.6 (protocol) and 16.0 "
     "(streams). The issue's target of 1.5x uvloop at 1 KiB would need less than C's CPU a request, so it "
     "cannot be met on this machine; and as the load generator filled its core for most servers, the "
     "requests a second of the small sizes are close to the client's limit, where CPU a request tells "
     "the servers apart. Successive full runs on the same quiet machine moved the 1 KiB protocol ratio "
     "to uvloop from 1.19x to 0.86x and then 1.05x. Profiled on their own after that (1 KiB, 50 "
     "connections, 8 s of warm-up and 15 s measured, pinned as the suite pins them, JFR on): asyncio4j's "
     "protocol echo used 14.9 µs of server CPU a request and Netty's 16.7; in asyncio4j's profile the "
     "socket write (the kernel's loopback send) is over half the samples and no frame of the loop stands out."),
    ("Task switch and callSoon: absolute figures follow the machine", r"task_switch|call_soon|lock_handoff",
     "Their targets are absolute figures (at most 300 ns a switch, 10 million callbacks a second), and "
     "these depend on the machine as much as on the code: on 2026-12-06 a busy machine of this kind "
     "measured 242 ns a switch and 141 million callbacks a second, while a quiet one a few hours later "
     "measured 355 to 465 ns and 54 to 72 million, for the current commit and for the earlier one alike "
     "(the same Workloads run on both builds, back to back), and uvloop's callSoon fell from 4.1 to 1.4-2.1 "
     "million on the same pair of machines. Within one process the runs spread too (switches 323 to 498 ns). "
     "The profile of the switch (JFR) is the JDK's virtual-thread park, continuation yield, mount and run "
     "(about 70 % of the samples) and the loop's ready queue; asyncio4j's own code is the "
     "future's setResult and the task's wake-up. The Lock hand-off is two such switches and a waiter "
     "queue: its ratio to CPython asyncio was 9.0x in one full run and 13.5x in the core suite run right "
     "after it. The ratios to uvloop and CPython, measured in the same run, are the figures to read."),
    ("Echo over TLS: the JDK's SSLEngine", r"echo_tls_.*",
     "TLS is the JDK's SSLEngine (Java code with AES-GCM intrinsics) against OpenSSL in C under uvloop and "
     "asyncio; its record processing is slower to warm up and, in a profile, crypto and record handling "
     "are nearly all the server's time (SHA-2 and GCM, MessageDigest.isEqual, SSLEngineImpl.wrap/unwrap); "
     "the loop's own share (SslProtocol.flushNow, reads) is small. After 10 s of warm-up asyncio4j's "
     "protocol echo beat uvloop's (25 against 41 server µs a request at 1 KiB), and at 100 KiB after 8 s it "
     "used 125 µs a request where a full run, its second size warmed for 2 s, had measured 752 µs (uvloop "
     "211 µs): the multi-record path compiles late."),
    ("Idle connections in the streams style: a suspended task each", r"idle_connections_streams.*",
     "A streams connection is a task suspended in reader.read(): the stack chunk of its sixteen frames "
     "(about 2 KB, the most of its ~2.8 KB) plus the virtual thread; Netty keeps no stack per connection. "
     "The protocol style holds a connection in about 800 bytes, half of Netty's; use it for very many idle "
     "connections. Shortening the read path's frames (Coroutine.runInline, StreamReader.readNow, "
     "waitForData, Task.await, the strand's suspend) would shrink the chunk; not done."),
    ("HTTP server: fixed the JSON buffers; against nginx and aiohttp", r"http_json.*",
     "Fixed: Jackson recycled its buffers per thread, and every request's handler is a task of its own, so "
     "each JSON response allocated fresh buffers (about 19 KB of garbage a request, at the top of the "
     "profile); the server's and the client's mappers now share one pool (http.internal.Json), about 2 KB a "
     "request remain. What remains against nginx: nginx sends a static file from C with no handler at "
     "all; against aiohttp on uvloop, its parser is llhttp in C. asyncio4j's per-request costs are a task "
     "(virtual thread, with the JDK's tracking above) per handler, the parse into Strings and the Jackson "
     "write."),
    ("The demo's fetch, warm: a long JIT warm-up", r"demo_fetch_warm",
     "Each fetch is a new session, three connections, three 16 KiB listings parsed: a path that runs a few "
     "hundred times a second, so the JIT takes many seconds to compile it, more on one core. At steady "
     "state asyncio4j was ahead (unpinned 1.9 ms against aiohttp's 2.9 ms; pinned 3.5 ms against 6.9 ms "
     "after 12 s of warm-up)."),
    ("The demo program in a fresh process: JVM start-up", r"demo_fetch_cold.*",
     "A fresh JVM loads and initialises asyncio4j, its HTTP client and Jackson and interprets them before "
     "the JIT has compiled anything; Python starts in about a third of the time. JDK 25's AOT cache "
     "(-XX:AOTCacheOutput on a training run, then -XX:AOTCache) has the classes loaded and linked "
     "already: the asyncio4j launcher makes one after each build and uses it (./asyncio4j demo, whose "
     "server answers after deliberate delays, went from 1.84-1.90 s to 1.41-1.51 s wall in three runs "
     "each); the row with the AOT cache measures it. What remains is the JIT's warm-up and the "
     "initialisation the cache does not keep."),
]


def explain(keys):
    """[(title, text)] of the findings that cover any of `keys`, in FINDINGS order; the general
    one (pattern .*) only when something specific is behind too."""
    return [(title, text) for title, pattern, text in FINDINGS if any(re.fullmatch(pattern, k) for k in keys)]


def covered(keys):
    """The keys some specific finding covers (the general one covers none by itself)."""
    return {k for k in keys for _, pattern, _ in FINDINGS if pattern != r".*" and re.fullmatch(pattern, k)}
