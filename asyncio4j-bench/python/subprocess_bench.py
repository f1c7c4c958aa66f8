"""The subprocess workloads of asyncio4j's benchmarks, on CPython asyncio or uvloop.

Each workload mirrors a JMH benchmark in dev.asyncio4j.bench.subprocess and prints one JSON
object per line: {"workload", "loop", "value", "unit"}. Usage:

    python3 subprocess_bench.py [--loop asyncio|uvloop] [--rounds N] [workload ...]

Workloads: spawn_true (ms to spawn 1,000 `true` children, at most 50 at once, streams inherited,
and wait for each: SubprocessSpawnBenchmark).
"""

import argparse
import asyncio
import json
import statistics
import time


def new_loop(kind):
    if kind == "uvloop":
        import uvloop
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def spawn_true(loop, count=1000, concurrency=50):
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


WORKLOADS = {"spawn_true": spawn_true}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds after one warm-up")
    parser.add_argument("workloads", nargs="*", default=list(WORKLOADS))
    args = parser.parse_args()
    for name in args.workloads:
        loop = new_loop(args.loop)
        asyncio.set_event_loop(loop)
        try:
            WORKLOADS[name](loop)  # warm-up
            values = []
            unit = None
            for _ in range(args.rounds):
                value, unit = WORKLOADS[name](loop)
                values.append(value)
        finally:
            loop.close()
        print(json.dumps({"workload": name, "loop": args.loop, "value": statistics.median(values),
                          "unit": unit}), flush=True)


if __name__ == "__main__":
    main()
