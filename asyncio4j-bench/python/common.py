"""What every suite of asyncio4j's benchmarks shares: the programs it runs (Debian's Python, the
JDK, the bench jar's class path), the plan of a run (quick or full, rounds, time budget), how
processes are pinned to cores, and the server processes under test.
"""

import functools
import json
import os
import queue
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's Python, which has uvloop and aiohttp (python3-uvloop, python3-aiohttp); a python3
# earlier on PATH may not.
PYTHON = "/usr/bin/python3"
FAST_MODE = "--add-opens=java.base/java.lang=ALL-UNNAMED"
# Netty 4.2 uses sun.misc.Unsafe on JDK 24+ only when it is allowed explicitly; without it Netty
# runs slower paths. It gets its best configuration.
NETTY_FLAGS = ["--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"]
BENCH = "dev.asyncio4j.bench."

# Per-process file descriptors beyond the connections themselves (JVM jars, selector, warm-up).
FD_MARGIN = 2048


def progress(message):
    print(f"  {message}", file=sys.stderr, flush=True)


class Context:
    """One run: where things are, quick or full, and the time budget each suite's rounds draw on.

    A suite asks `rounds(suite, planned)` for its rounds: the first always runs; a further one
    runs only while the suite's time so far plus its last round's fits the suite's allotment, and
    the run's deadline still leaves `reserve[suite]` seconds for the suites after it, so that a
    slow or busy machine gets fewer rounds rather than a longer run. `rounds_note(suite)` says how
    many it got.
    """

    def __init__(self, root, java, quick, args, allotments, deadline=float("inf"), reserve=None):
        self.root = root
        self.java = java
        self.quick = quick
        self.args = args
        self.allotments = allotments
        self.deadline = deadline
        self.reserve = reserve or {}
        self.done = {}
        self.cores = Cores()

    @functools.cached_property
    def classpath(self):
        """The bench jar and its dependencies, as the build left them in asyncio4j-bench/target."""
        target = os.path.join(self.root, "asyncio4j-bench", "target")
        jars = [os.path.join(target, "asyncio4j-bench-0.1.0-SNAPSHOT.jar")]
        lib = os.path.join(target, "lib")
        jars += [os.path.join(lib, name) for name in sorted(os.listdir(lib))]
        return os.pathsep.join(jars)

    def rounds(self, suite, planned):
        start = time.monotonic()
        last = 0.0
        for r in range(planned):
            elapsed = time.monotonic() - start
            too_long = elapsed + last > self.allotments.get(suite, float("inf"))
            too_late = time.time() + last > self.deadline - self.reserve.get(suite, 0)
            if r > 0 and (too_long or too_late):
                progress(f"{suite}: {r} of {planned} rounds fit its time budget "
                         f"({self.allotments[suite]:.0f} s); skipping the rest")
                break
            began = time.monotonic()
            yield r
            last = time.monotonic() - began
            self.done[suite] = (r + 1, planned)

    def rounds_note(self, suite):
        done, planned = self.done.get(suite, (0, 0))
        if done == planned:
            return f"{done} round{'s' if done != 1 else ''}"
        return f"{done} of {planned} planned rounds (the rest did not fit the suite's time budget)"

    def jvm(self, main_class, args=(), flags=()):
        """The command that runs a main class of the bench jar, in fast mode."""
        return [self.java, FAST_MODE, *flags, "-cp", self.classpath, BENCH + main_class, *map(str, args)]

    def python(self, script, args=()):
        return [PYTHON, os.path.join(HERE, script), *map(str, args)]


def rotated(items, r):
    """The contenders' order in round r: the list rotated by r, so each goes first in turn."""
    items = list(items)
    k = r % len(items) if items else 0
    return items[k:] + items[:k]


def run_json(command, timeout, what):
    """Runs `command`, fails with its output if it fails, and returns the JSON objects it printed
    one a line (other lines ignored)."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr.strip()[-3000:]}")
    return json_lines(done.stdout, what)


def json_lines(out, what):
    """The JSON objects printed one a line in `out` (other lines ignored); at least one."""
    objects = [json.loads(line) for line in map(str.strip, out.splitlines()) if line.startswith("{")]
    if not objects:
        raise RuntimeError(f"{what} printed no result: {out.strip()[-2000:]}")
    return objects


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ticks(pid):
    """utime + stime of process `pid` (all its threads), in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


class Cores:
    """Where servers and load generators run: on a machine of two cores or more, the server under
    test on the first core and its load generator on the second (taskset), for the measured window
    only. Each contender warms up unpinned, so that a JVM's JIT compiler threads get a core of
    their own, as on any multi-core machine, and is pinned when the measurement starts."""

    def __init__(self):
        cpus = sorted(os.sched_getaffinity(0))
        total = os.cpu_count()
        self.enabled = len(cpus) >= 2 and shutil.which("taskset") is not None
        self.all = ",".join(map(str, cpus))
        self.server = str(cpus[0]) if self.enabled else None
        self.client = str(cpus[1]) if self.enabled else None
        if self.enabled:
            self.description = (f"the machine has {total} cores, shared by the load generators and the servers; "
                                f"each contender warms up unpinned, then for the measured window the server is "
                                f"pinned to CPU {self.server} and the load generator to CPU {self.client} "
                                f"(taskset), its JIT compiler and GC threads included")
        else:
            self.description = (f"the machine has {total} core(s), shared by the load generators and the servers "
                                f"(not pinned: {'only one core' if len(cpus) < 2 else 'taskset is missing'})")

    def pinned(self, cpu, command):
        """`command` started on `cpu` (None: anywhere)."""
        return ["taskset", "-c", cpu] + command if self.enabled and cpu is not None else command

    def pin(self, pid, cpu):
        """Moves every thread of process `pid` to `cpu` (None: back to every core of the run)."""
        if self.enabled:
            subprocess.run(["taskset", "-a", "-p", "-c", cpu if cpu is not None else self.all, str(pid)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def run_pinned_after(self, command, cpu, after, timeout, what):
        """Runs a load program that warms up itself, pinned to `cpu` once `after` seconds have
        passed (a little before its warm-up ends); returns the JSON objects it printed."""
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        timer = threading.Timer(after, self.pin, (process.pid, cpu))
        timer.start()
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise RuntimeError(f"{what} did not finish in {timeout} s")
        finally:
            timer.cancel()
        if process.returncode != 0:
            raise RuntimeError(f"{what} failed ({process.returncode}): {err.strip()[-3000:]}")
        return json_lines(out, what)


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


def build_netload(root):
    """Compiles c/netload.c into asyncio4j-bench/target/netload when it is missing or older."""
    source = os.path.join(root, "asyncio4j-bench", "c", "netload.c")
    binary = os.path.join(root, "asyncio4j-bench", "target", "netload")
    if os.path.exists(binary) and os.path.getmtime(binary) >= os.path.getmtime(source):
        return binary
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        raise SystemExit("The network suites need a C compiler: install gcc (Debian: apt install gcc).")
    os.makedirs(os.path.dirname(binary), exist_ok=True)
    # With OpenSSL's headers netload can speak TLS (echo --tls); without them it cannot.
    tls = ["-DNETLOAD_TLS"] if os.path.exists("/usr/include/openssl/ssl.h") else []
    libraries = ["-lssl", "-lcrypto"] if tls else []
    subprocess.run([gcc, "-O2", "-Wall", *tls, "-o", binary, source, *libraries], check=True)
    return binary


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

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
