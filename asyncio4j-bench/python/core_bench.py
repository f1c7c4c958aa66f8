"""The core workloads of asyncio4j's benchmarks, on CPython asyncio or uvloop.

Each workload mirrors one of dev.asyncio4j.bench.Workloads (the same code as the JMH benchmarks
in dev.asyncio4j.bench.core, .sync and .subprocess) and is timed by the same harness: in one
process, each workload runs on a fresh loop until the warm-up time has passed (at least once),
then --runs more times or until --measure-seconds have passed (task_spawn: once, as a run takes
seconds, warmed up with a tenth of its tasks), measured; one JSON object per line gives the median
and every run:
{"workload", "loop", "value", "unit", "runs"}. Usage:

    python3 core_bench.py [--loop asyncio|uvloop] [--warmup-seconds S] [--runs N] [--tasks N]
                          [--children N] [--scale F] [workload ...]

(--scale multiplies the repetitions of the workloads whose figure is per operation: task switch,
callSoon, gather's batches, Lock, Queue; quick runs use 0.1.)

Workloads: task_switch (ns per switch), task_spawn (ms for --tasks tasks that each await
sleep(0)), call_soon (callbacks per second), timers (ms for 100,000 call_later, three of every
four cancelled, until the rest have fired), gather (ms for one gather of 10,000 coroutines that
each await sleep(0)), lock_handoff (ns per Lock hand-off between two tasks), queue_put_get (ns
per item through a Queue of maxsize 1 between a producer and a consumer), spawn_true (ms to
spawn --children `true` children, 50 at once, streams inherited, and wait for each), pending_memory (bytes of RSS per
pending task, --tasks of them: run it alone in its process, as its figure is the process's
growth).
"""

import argparse
import asyncio
import gc
import json
import statistics
import time


def new_loop(kind):
    if kind == "uvloop":
        import uvloop
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def task_switch(loop, rounds=100_000):
    async def main():
        to_ping = [loop.create_future()]
        to_pong = [None]

        async def ping():
            for _ in range(rounds):
                await to_ping[0]
                to_ping[0] = loop.create_future()
                to_pong[0].set_result(None)

        async def pong():
            for _ in range(rounds):
                to_pong[0] = loop.create_future()
                to_ping[0].set_result(None)
                await to_pong[0]

        a = loop.create_task(ping())
        b = loop.create_task(pong())
        await a
        await b

    start = time.perf_counter_ns()
    loop.run_until_complete(main())
    return (time.perf_counter_ns() - start) / (2 * rounds), "ns/switch"


def task_spawn(loop, count=1_000_000):
    async def one():
        await asyncio.sleep(0)

    async def main():
        tasks = [loop.create_task(one()) for _ in range(count)]
        for task in tasks:
            await task

    start = time.perf_counter_ns()
    loop.run_until_complete(main())
    return (time.perf_counter_ns() - start) / 1e6, "ms"


def call_soon(loop, count=1_000_000, chains=100):
    state = {"n": 0}

    def callback():
        if state["n"] >= count:
            return
        state["n"] += 1
        if state["n"] < count:
            loop.call_soon(callback)
        else:
            loop.stop()

    for _ in range(chains):
        loop.call_soon(callback)
    start = time.perf_counter_ns()
    loop.run_forever()
    elapsed = time.perf_counter_ns() - start
    return state["n"] / (elapsed / 1e9), "callbacks/s"


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def pending_memory(loop, count=1_000_000):
    release = loop.create_future()

    async def waiter():
        await release

    gc.collect()
    before = rss_bytes()
    tasks = [loop.create_task(waiter()) for _ in range(count)]
    loop.run_until_complete(asyncio.sleep(0))
    gc.collect()
    during = rss_bytes()
    release.set_result(None)
    loop.run_until_complete(asyncio.gather(*tasks))
    return (during - before) / count, "bytes/task"


def lock_handoff(loop, rounds=100_000):
    async def worker(lock):
        for _ in range(rounds):
            async with lock:
                await asyncio.sleep(0)

    async def main():
        lock = asyncio.Lock()
        a = loop.create_task(worker(lock))
        b = loop.create_task(worker(lock))
        await a
        await b

    start = time.perf_counter_ns()
    loop.run_until_complete(main())
    return (time.perf_counter_ns() - start) / (2 * rounds), "ns/handoff"


def queue_put_get(loop, items=100_000):
    async def main():
        queue = asyncio.Queue(1)

        async def producer():
            for i in range(items):
                await queue.put(i)

        async def consumer():
            total = 0
            for _ in range(items):
                total += await queue.get()
            return total

        p = loop.create_task(producer())
        c = loop.create_task(consumer())
        await p
        assert await c == items * (items - 1) // 2

    start = time.perf_counter_ns()
    loop.run_until_complete(main())
    return (time.perf_counter_ns() - start) / items, "ns/item"


def timers(loop, count=100_000, spread_ns=1_000_000):
    """The batch of TimerBenchmark: call_later with pseudo-random delays under 1 ms (the same
    31-bit LCG as the Java side), three of every four cancelled, run until the rest fired."""
    expected = (count + 3) // 4
    state = {"fired": 0}

    def fire():
        state["fired"] += 1
        if state["fired"] == expected:
            loop.stop()

    def schedule():
        seed = 12345
        handles = []
        for _ in range(count):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            handles.append(loop.call_later((seed % spread_ns) / 1e9, fire))
        for i, handle in enumerate(handles):
            if i % 4:
                handle.cancel()

    start = time.perf_counter_ns()
    loop.call_soon(schedule)
    loop.run_forever()
    elapsed = time.perf_counter_ns() - start
    if state["fired"] != expected:
        raise RuntimeError(f"{state['fired']} timers fired, expected {expected}")
    return elapsed / 1e6, "ms"


def gather(loop, count=10_000, batches=20):
    async def one(value):
        await asyncio.sleep(0)
        return value

    async def main():
        results = await asyncio.gather(*[one(i) for i in range(count)])
        assert len(results) == count

    start = time.perf_counter_ns()
    for _ in range(batches):
        loop.run_until_complete(main())
    return (time.perf_counter_ns() - start) / 1e6 / batches, "ms"


def spawn_true(loop, count=1000, concurrency=50):
    """SubprocessSpawnBenchmark: 1,000 `true` children, at most 50 at once, each waited for."""
    async def main():
        slots = asyncio.Semaphore(concurrency)

        async def one():
            async with slots:
                proc = await asyncio.create_subprocess_exec("true")
                return await proc.wait()

        statuses = await asyncio.gather(*(one() for _ in range(count)))
        if any(statuses):
            raise RuntimeError(f"true exited with {set(statuses)}")

    start = time.perf_counter_ns()
    loop.run_until_complete(main())
    return (time.perf_counter_ns() - start) / 1e6, "ms"


WORKLOADS = {
    "task_switch": task_switch,
    "task_spawn": task_spawn,
    "call_soon": call_soon,
    "timers": timers,
    "gather": gather,
    "lock_handoff": lock_handoff,
    "queue_put_get": queue_put_get,
    "spawn_true": spawn_true,
    "pending_memory": pending_memory,
}
# Measured once whatever --runs says: a run of 1,000,000 tasks takes seconds.
ONCE = ("task_spawn",)
# The repetitions --scale multiplies, of the workloads whose figure is per operation.
SCALED = {"task_switch": ("rounds", 100_000), "call_soon": ("count", 1_000_000), "gather": ("batches", 20),
          "lock_handoff": ("rounds", 100_000), "queue_put_get": ("items", 100_000)}


def arguments(name, args):
    """The keyword arguments of workload `name` under the command line's options."""
    if name in ("task_spawn", "pending_memory"):
        return {"count": args.tasks}
    if name == "spawn_true":
        return {"count": args.children}
    if name in SCALED:
        keyword, count = SCALED[name]
        return {keyword: max(1, round(count * args.scale))}
    return {}


def measure(kind, workload, warmup_seconds, runs, kwargs, measure_seconds=0.0, warmup_kwargs=None):
    """Warm-up runs (with warmup_kwargs, if given) until warmup_seconds have passed (at least one),
    then `runs` measured runs, or fewer once measure_seconds have passed (at least one), each on a
    fresh loop; returns (values, unit). pending_memory runs once, unwarmed: its figure is the
    growth of this process."""
    def once(arguments):
        loop = new_loop(kind)
        asyncio.set_event_loop(loop)
        try:
            return workload(loop, **arguments)
        finally:
            asyncio.set_event_loop(None)
            loop.close()

    if workload is pending_memory:
        value, unit = once(kwargs)
        return [value], unit
    if warmup_seconds > 0:
        end = time.perf_counter() + warmup_seconds
        once(warmup_kwargs or kwargs)
        while time.perf_counter() < end:
            once(warmup_kwargs or kwargs)
    values, unit = [], None
    end = time.perf_counter() + measure_seconds
    for _ in range(runs):
        value, unit = once(kwargs)
        values.append(value)
        if measure_seconds and time.perf_counter() >= end:
            break
    return values, unit


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--warmup-seconds", type=float, default=2.0,
                        help="warm-up time per workload (at least one run; 0: none)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per workload")
    parser.add_argument("--measure-seconds", type=float, default=0.0,
                        help="stop measuring a workload once this time has passed (at least one run; 0: never)")
    parser.add_argument("--tasks", type=int, default=1_000_000, help="tasks of task_spawn and pending_memory")
    parser.add_argument("--children", type=int, default=1000, help="children of spawn_true")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiplies the repetitions of the per-operation workloads (quick runs)")
    parser.add_argument("workloads", nargs="*",
                        default=[name for name in WORKLOADS if name not in ("spawn_true", "pending_memory")])
    args = parser.parse_args()
    for name in args.workloads:
        kwargs = arguments(name, args)
        # A warm-up of task_spawn needs its code paths, not a million tasks: a tenth will do.
        warmup_kwargs = {"count": max(1, kwargs["count"] // 10)} if name in ONCE else None
        values, unit = measure(args.loop, WORKLOADS[name], args.warmup_seconds, 1 if name in ONCE else args.runs,
                               kwargs, args.measure_seconds, warmup_kwargs)
        print(json.dumps({"workload": name, "loop": args.loop, "value": statistics.median(values),
                          "unit": unit, "runs": [round(v, 3) for v in values]}), flush=True)


if __name__ == "__main__":
    main()
