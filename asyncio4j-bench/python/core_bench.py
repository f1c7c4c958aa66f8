"""The core workloads of asyncio4j's benchmarks, on CPython asyncio or uvloop.

Each workload mirrors a JMH benchmark in dev.asyncio4j.bench.core (the sync ones, in
dev.asyncio4j.bench.sync) and prints one JSON object per line:
{"workload", "loop", "value", "unit"}. Usage:

    python3 core_bench.py [--loop asyncio|uvloop] [--rounds N] [workload ...]

Workloads: task_switch (ns per switch), task_spawn (ms for 1,000,000 tasks that each await
sleep(0)), call_soon (callbacks per second), pending_memory (bytes per pending task),
lock_handoff (ns per Lock hand-off between two tasks), queue_put_get (ns per item through a
Queue of maxsize 1 between a producer and a consumer), gather (ms for one gather of 10,000
coroutines that each await sleep(0)).
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


def gather(loop, count=10_000, batches=20):
    async def one(value):
        await asyncio.sleep(0)
        return value

    async def main():
        results = await asyncio.gather(*[one(i) for i in range(count)])
        assert len(results) == count

    loop.run_until_complete(main())  # warm-up batch
    start = time.perf_counter_ns()
    for _ in range(batches):
        loop.run_until_complete(main())
    return (time.perf_counter_ns() - start) / 1e6 / batches, "ms"


WORKLOADS = {
    "task_switch": task_switch,
    "task_spawn": task_spawn,
    "call_soon": call_soon,
    "pending_memory": pending_memory,
    "lock_handoff": lock_handoff,
    "queue_put_get": queue_put_get,
    "gather": gather,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], default="asyncio")
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds (after one warm-up)")
    parser.add_argument("workloads", nargs="*", default=list(WORKLOADS))
    args = parser.parse_args()
    for name in args.workloads:
        values = []
        unit = ""
        rounds = 1 if name == "pending_memory" else args.rounds + 1
        for i in range(rounds):
            loop = new_loop(args.loop)
            try:
                value, unit = WORKLOADS[name](loop)
            finally:
                loop.close()
            if rounds == 1 or i > 0:
                values.append(value)
        print(json.dumps({"workload": name, "loop": args.loop,
                          "value": statistics.median(values), "unit": unit}), flush=True)


if __name__ == "__main__":
    main()
