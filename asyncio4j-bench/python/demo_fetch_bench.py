"""The demo-fetch suite's client on aiohttp (Debian's python3-aiohttp) on uvloop or asyncio: the
tutorial's closing program, its own code (get_json, get_reddit_top) with the lines collected
instead of printed in the timed loop; the same workload as asyncio4j's DemoFetchLoad.

With --once it fetches once, prints the program's output and exits (the suite times the whole
process); otherwise it fetches again and again, each time with a new ClientSession as the program
does, one fetch after the other, for a bounded time after a warm-up, and prints one line of JSON:
fetches, seconds, ms_per_fetch, errors.

Usage: demo_fetch_bench.py --base-url URL [--loop uvloop|asyncio] [--subreddits a,b,c]
       (--once | [--seconds 3] [--warmup 2])
"""
import argparse
import asyncio
import json
import time

import aiohttp


async def get_json(client, url):
    async with client.get(url) as response:
        assert response.status == 200
        return await response.read()


async def get_reddit_top(subreddit, client, base, out, echo):
    data1 = await get_json(client, base + '/r/' + subreddit + '/top.json?sort=top&t=day&limit=5')

    j = json.loads(data1.decode('utf-8'))
    lines = []
    for i in j['data']['children']:
        score = i['data']['score']
        title = i['data']['title']
        link = i['data']['url']
        lines.append(str(score) + ': ' + title + ' (' + link + ')\n')
    lines.append('DONE: ' + subreddit + '\n\n')
    text = ''.join(lines)
    out.append(text)
    if echo:
        print(text, end='')


async def fetch_all(base, subreddits, out, echo=False):
    async with aiohttp.ClientSession() as client:
        await asyncio.gather(*(get_reddit_top(s, client, base, out, echo) for s in subreddits))


async def phase(base, subreddits, seconds):
    deadline = time.perf_counter() + seconds
    fetches = 0
    characters = 0
    while True:
        out = []
        await fetch_all(base, subreddits, out)
        characters += sum(map(len, out))
        fetches += 1
        if time.perf_counter() >= deadline:
            break
    if not characters:
        raise RuntimeError("the listings had no posts")
    return fetches


async def load(args, subreddits):
    await phase(args.base_url, subreddits, args.warmup)
    start = time.perf_counter()
    fetches = await phase(args.base_url, subreddits, args.seconds)
    elapsed = time.perf_counter() - start
    print(json.dumps({"fetches": fetches, "seconds": round(elapsed, 3),
                      "ms_per_fetch": round(elapsed * 1e3 / fetches, 3), "errors": 0}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--loop", choices=("uvloop", "asyncio"), default="uvloop")
    parser.add_argument("--subreddits", default="python,programming,compsci")
    parser.add_argument("--once", action="store_true")
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--warmup", type=float, default=2)
    args = parser.parse_args()
    if args.loop == "uvloop":
        import uvloop
        uvloop.install()
    subreddits = args.subreddits.split(",")
    if args.once:
        asyncio.run(fetch_all(args.base_url, subreddits, [], echo=True))
    else:
        asyncio.run(load(args, subreddits))


if __name__ == "__main__":
    main()
