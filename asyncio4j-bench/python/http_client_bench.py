"""The HTTP client load of the http-client suite, on aiohttp's ClientSession (Debian's
python3-aiohttp) on uvloop (or asyncio): the same workload as asyncio4j's HttpClientLoad.

`concurrency` coroutines on one loop, each GETting the URL and reading the body again and again
with one ClientSession (TCPConnector(limit=concurrency)), for a bounded time after a warm-up.
Prints one line of JSON: requests, seconds, requests_per_s, errors.

Usage: http_client_bench.py --url URL [--loop uvloop|asyncio] [--concurrency 100]
       [--seconds 5] [--warmup 2]
"""
import argparse
import asyncio
import json
import time

import aiohttp
import yarl


async def phase(session, url, concurrency, seconds):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    counts = {"requests": 0, "errors": 0}

    async def worker():
        while loop.time() < deadline:
            async with session.get(url) as response:
                await response.read()
                if response.status != 200:
                    counts["errors"] += 1
            counts["requests"] += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return counts


async def main(args):
    url = yarl.URL(args.url)
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        await phase(session, url, args.concurrency, args.warmup)
        start = time.perf_counter()
        counts = await phase(session, url, args.concurrency, args.seconds)
        elapsed = time.perf_counter() - start
    print(json.dumps({"requests": counts["requests"], "seconds": round(elapsed, 3),
                      "requests_per_s": round(counts["requests"] / elapsed, 1), "errors": counts["errors"]}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--loop", choices=("uvloop", "asyncio"), default="uvloop")
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--warmup", type=float, default=2)
    arguments = parser.parse_args()
    if arguments.loop == "uvloop":
        import uvloop
        uvloop.install()
    asyncio.run(main(arguments))
