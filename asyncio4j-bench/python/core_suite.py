"""The suites that run in one process per contender: the core workloads, the memory of pending
tasks, and subprocess spawning; each on asyncio4j (dev.asyncio4j.bench.Workloads and
PendingTasksMemory), uvloop and CPython asyncio (core_bench.py), in the same run.

Every contender is timed by the same harness (see Workloads and core_bench.py): in one process,
each workload runs on a fresh loop until the warm-up time has passed (at least once), then a few
measured runs; the process reports its median. A round starts one such process per contender,
the contenders' order rotating from round to round; the tables show the median over rounds.
"""

from common import Context, progress, rotated, run_json
from results import Row, Section, Target

LOOPS = ("asyncio4j", "uvloop", "asyncio")
MILLION = 1_000_000


def peer_targets(issue):
    return [Target("at least 10x CPython asyncio", peer="asyncio", at_least=10, issue=issue),
            Target("at least 3x uvloop", peer="uvloop", at_least=3, issue=issue)]


# key -> (label, unit, higher is better, targets)
CORE = {
    "task_switch": ("task switch", "ns/switch", False,
                    [Target("at most 300 ns a switch", at_most=300, issue=2)]),
    "call_soon": ("callSoon throughput", "callbacks/s", True,
                  [Target("at least 10 million callbacks a second", at_least=10e6, issue=2)]),
    "timers": ("100,000 timers, 3/4 cancelled", "ms", False, []),
    "gather": ("gather of 10,000 coroutines", "ms", False, peer_targets(3)),
    "lock_handoff": ("Lock hand-off", "ns/handoff", False,
                     peer_targets(3)),
    "queue_put_get": ("Queue put/get", "ns/item", False,
                      peer_targets(3)),
}


# A workload's measured runs stop once this many seconds have passed (at least one run), so that a
# slow machine gets fewer runs rather than a longer suite.
MEASURE_SECONDS = 3


def settings(ctx):
    """(warm-up seconds, measured runs per process, tasks of task_spawn and pending memory, scale of
    the per-operation workloads, rounds)."""
    if ctx.quick:
        return 0.3, 1, 100_000, 0.1, 1
    return 1.0, 5, MILLION, 1, 3


def command(ctx, loop, workloads, warmup, runs, tasks, children, scale):
    options = ["--warmup-seconds", warmup, "--runs", runs, "--measure-seconds", MEASURE_SECONDS, "--tasks", tasks,
               "--children", children, "--scale", scale, *workloads]
    if loop == "asyncio4j":
        return ctx.jvm("Workloads", options)
    return ctx.python("core_bench.py", ["--loop", loop, *options])


def run_workloads(ctx, loop, workloads, warmup, runs, tasks=0, children=0, scale=1):
    """{workload: value} from one process of `loop`."""
    objects = run_json(command(ctx, loop, workloads, warmup, runs, tasks, children, scale), 1800,
                       f"the {', '.join(workloads)} workload(s) on {loop}")
    return {o["workload"]: o["value"] for o in objects}


def core_suite(ctx: Context):
    warmup, runs, tasks, scale, planned = settings(ctx)
    workloads = list(CORE) + ["task_spawn"]
    samples = {key: {loop: [] for loop in LOOPS} for key in workloads}
    for r in ctx.rounds("core", planned):
        for loop in rotated(LOOPS, r):
            progress(f"core: round {r + 1}/{planned}, {loop}")
            for key, value in run_workloads(ctx, loop, workloads, warmup, runs, tasks, scale=scale).items():
                samples[key][loop].append(value)
    spawn_targets = [Target("1,000,000 tasks in under 2 s", at_most=2000, issue=2)] if tasks == MILLION else []
    rows = [Row("task_switch", *CORE["task_switch"][:3], samples["task_switch"], CORE["task_switch"][3]),
            Row("task_spawn", f"spawn {tasks:,} tasks", "ms", False, samples["task_spawn"], spawn_targets)]
    rows += [Row(key, label, unit, higher, samples[key], targets)
             for key, (label, unit, higher, targets) in CORE.items() if key != "task_switch"]
    notes = [
        f"Workloads: task switch, two tasks handing control back and forth through futures (one switch is a "
        f"suspend and a resume); spawn, create, run and finish {tasks:,} tasks that each await sleep(0), the "
        f"whole batch timed; callSoon, 100 chains of callbacks each scheduling the next, 1,000,000 in all; "
        f"timers, one callback schedules 100,000 callLater with pseudo-random delays under 1 ms (the same "
        f"sequence everywhere) and cancels three of every four, then the loop runs until the rest have fired; "
        f"gather, one gather of 10,000 coroutines that each await sleep(0); Lock, two tasks taking turns, each "
        f"holding it across sleep(0); Queue, a producer and a consumer through a Queue of maxsize 1.",
        f"Harness: one process per contender and round (asyncio4j: dev.asyncio4j.bench.Workloads; uvloop and "
        f"CPython asyncio: core_bench.py); in it each workload runs on a fresh loop until {warmup:g} s of warm-up "
        f"have passed (at least once), then {runs} measured run(s), fewer if they take over {MEASURE_SECONDS} s "
        f"(task spawn: 1, warmed up on a tenth of its tasks), and the process reports their median; the table shows the median over {ctx.rounds_note('core')}, the contenders' order rotating "
        f"from round to round. The workloads are the code of the JMH benchmarks in dev.asyncio4j.bench.core "
        f"and .sync.",
        *([f"Quick run: the per-operation workloads repeated {scale:g} times as often as in a full run."]
          if scale != 1 else []),
        "Not pinned: each contender is one process; the JVM's JIT compiler and garbage collector threads may use "
        "the other core, CPython and uvloop are single-threaded.",
    ]
    return Section("core", "Core: tasks, callbacks, timers, gather, Lock and Queue", list(LOOPS), rows, notes,
                   ctx.rounds_note("core"))


def memory_suite(ctx: Context):
    tasks = 100_000 if ctx.quick else MILLION
    planned = 1 if ctx.quick else 3
    samples = {loop: [] for loop in LOOPS}
    for r in ctx.rounds("memory", planned):
        for loop in rotated(LOOPS, r):
            progress(f"memory: round {r + 1}/{planned}, {loop} ({tasks:,} pending tasks)")
            if loop == "asyncio4j":
                result = run_json(ctx.jvm("core.PendingTasksMemory", [tasks]), 900, "PendingTasksMemory")[-1]
                samples[loop].append(result["bytes_per_task"])
            else:
                samples[loop].append(run_workloads(ctx, loop, ["pending_memory"], 0, 1, tasks)["pending_memory"])
    row = Row("pending_memory", f"{tasks:,} pending tasks", "bytes/task", False,
              samples, [Target("1,000,000 pending tasks in under 1 GiB", at_most=2**30 / MILLION, issue=2)])
    notes = [
        f"{tasks:,} tasks pending at once, each awaiting one future.",
        "Not the same measure on both sides: asyncio4j's figure is live heap after full GCs with the tasks pending, "
        "minus the same before, per task (what a JVM heap must hold; PendingTasksMemory, run twice in its JVM, the "
        "second counts); CPython's and uvloop's is the growth of the process's resident memory per task (objects "
        "plus allocator overhead; core_bench.py pending_memory, one run in a fresh process).",
        f"Medians of {ctx.rounds_note('memory')}, the contenders' order rotating from round to round.",
    ]
    return Section("memory", "Memory of pending tasks", list(LOOPS), [row], notes, ctx.rounds_note("memory"))


def subprocess_suite(ctx: Context):
    # No warm-up and one run per process: a batch takes seconds (uvloop forks slowly), and the time
    # is the operating system's more than the JIT's.
    children, planned = (200, 1) if ctx.quick else (1000, 3)
    samples = {loop: [] for loop in LOOPS}
    for r in ctx.rounds("subprocess", planned):
        for loop in rotated(LOOPS, r):
            progress(f"subprocess: round {r + 1}/{planned}, {loop}")
            samples[loop].append(run_workloads(ctx, loop, ["spawn_true"], 0, 1, children=children)["spawn_true"])
    row = Row("spawn_true", f"spawn {children:,} children", "ms", False,
              samples, [Target("at least as fast as uvloop", peer="uvloop", at_least=1, issue=5)])
    notes = [
        f"Spawn {children:,} `true` children (streams inherited), at most 50 at once, and wait for each.",
        f"Same harness as the core workloads, but one measured run per process and no warm-up (a run takes "
        f"seconds, mostly the operating system's); medians of {ctx.rounds_note('subprocess')}. asyncio4j starts children with the JDK's ProcessBuilder "
        f"(posix_spawn through jspawnhelper); CPython and uvloop fork/exec or posix_spawn directly.",
    ]
    return Section("subprocess", "Subprocesses", list(LOOPS), [row], notes, ctx.rounds_note("subprocess"))


SUITES = {"core": core_suite, "memory": memory_suite, "subprocess": subprocess_suite}
