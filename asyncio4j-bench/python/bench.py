"""asyncio4j's benchmarks against its peers, in one run: the entry of asyncio4j-bench/run.

Runs every suite (or those named), each workload on asyncio4j and on each applicable peer in the
same run, contenders alternating round by round, and prints every section's table. A full run of
every suite writes BENCHMARKS.md at the repository root, docs/benchmarks.png (asyncio4j's ratio
to each peer) and docs/benchmarks.json; a quick or partial run writes the same three files under
asyncio4j-bench/target/bench-results/ instead, unless --write is given.

The full run is bounded in time: each suite has an allotment (ALLOTMENTS, scaled to what is left
of --budget-minutes after the build); its first round always runs, a further one only if it fits
both the suite's allotment and the run's deadline (leaving a first round's time to each suite
after it), so a slow or busy machine gets fewer rounds (the report says how many) rather than a
longer run; a suite whose first round no longer fits before the deadline is not run, and the
report says so.
"""

import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import time
import traceback

import chart
import core_suite
import http_bench
import http_client_suite
import net_bench
import report
from common import Context
from results import Section

SUITES = {**core_suite.SUITES, **net_bench.SUITES, **http_bench.SUITES, **http_client_suite.SUITES}
# Seconds each suite's three planned rounds should take on a quiet 2-core machine, with some room
# (estimated from runs on a busy one): the shares of the time budget. They sum to 19 minutes, so
# echo-tls has room for two rounds, not three.
ALLOTMENTS = {"core": 250, "memory": 55, "subprocess": 40, "echo": 270, "echo-tls": 180, "idle-connections": 90,
              "http-server": 120, "http-client": 60, "demo-fetch": 85}
# Kept back from the budget for writing the report and the chart.
RESERVE_SECONDS = 30


def main():
    parser = argparse.ArgumentParser(prog="asyncio4j-bench/run", description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true",
                        help="short runs, smaller batches, one round: a sanity check in under 3 minutes")
    parser.add_argument("--write", action="store_true",
                        help="write BENCHMARKS.md and docs/benchmarks.{png,json} even for a quick or partial run")
    parser.add_argument("--note", help="a line put at the top of the report (e.g. where the run was made)")
    parser.add_argument("--budget-minutes", type=float, default=20.0,
                        help="the time a full run may take, build included (default 20)")
    parser.add_argument("--render", metavar="JSON",
                        help="run nothing: write the report and the chart again from a run's benchmarks.json")
    parser.add_argument("suites", nargs="*", metavar="suite",
                        help=f"suites to run (default all): {', '.join(SUITES)}")
    net_bench.add_arguments(parser)
    http_bench.add_arguments(parser)
    http_client_suite.add_arguments(parser)
    args = parser.parse_args()
    if args.render:
        render(args.root, args.render, args.write)
        return
    unknown = [s for s in args.suites if s not in SUITES]
    if unknown:
        parser.error(f"unknown suite(s) {', '.join(unknown)}; known: {', '.join(SUITES)}")
    names = args.suites or list(SUITES)
    started = args.started or time.time()
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")

    deadline = started + args.budget_minutes * 60 - RESERVE_SECONDS
    scale = min(1.0, (deadline - time.time()) / sum(ALLOTMENTS[s] for s in names))
    allotments = {s: ALLOTMENTS[s] * scale for s in names}
    # What each suite leaves for the suites after it: a first round each (a third of the allotment).
    reserve = {s: sum(allotments[later] / 3 for later in names[i + 1:]) for i, s in enumerate(names)}
    ctx = Context(args.root, java, args.quick, args, allotments,
                  float("inf") if args.quick else deadline, reserve)
    meta = {"command": shlex.join(["asyncio4j-bench/run"] + user_arguments(sys.argv[1:])),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": commit(args.root), "note": args.note, "quick": args.quick, "suites": names,
            "load_start": report.load_average(), "machine": report.machine(java, args.root),
            "pinning": ctx.cores.description[0].upper() + ctx.cores.description[1:] + "."}

    cpu_start = report.cpu_snapshot()
    sections, failures, skipped = [], [], []
    meta["suite_seconds"] = {}
    for suite in names:
        print(f"{suite}:", file=sys.stderr, flush=True)
        if time.time() + allotments[suite] / 3 > ctx.deadline:
            skipped.append((suite, f"no time left for it in the {args.budget_minutes:g}-minute budget (the suites "
                                   f"before it took longer than planned)"))
            print(f"{suite}: not run (time budget)", file=sys.stderr, flush=True)
            continue
        began = time.monotonic()
        try:
            sections.append(SUITES[suite](ctx))
        except (Exception, SystemExit) as e:  # one suite's failure must not lose the others' figures
            traceback.print_exc()
            failures.append((suite, str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__))
        meta["suite_seconds"][suite] = round(time.monotonic() - began, 1)
        print(f"{suite}: {duration(meta['suite_seconds'][suite])}", file=sys.stderr, flush=True)
    meta["load_end"] = report.load_average()
    meta["other_work"] = report.other_work(cpu_start, report.cpu_snapshot(), os.cpu_count() or 1)
    meta["duration"] = duration(time.time() - started)

    meta["full"] = not args.quick and set(names) == set(SUITES)
    write(args.root, meta, sections, failures, skipped, args.write)
    if failures:
        sys.exit(1)


def render(root, path, publish):
    """Writes the report and the chart again from a run's JSON (after findings.py changed, say)."""
    with open(path) as f:
        data = json.load(f)
    sections = [Section.from_json(s) for s in data["sections"]]
    write(root, data["meta"], sections, [(f["suite"], f["reason"]) for f in data["failures"]],
          [(s["suite"], s["reason"]) for s in data.get("not_run", [])], publish, write_json=False)


def write(root, meta, sections, failures, skipped, publish, write_json=True):
    """BENCHMARKS.md, benchmarks.png and benchmarks.json: at the repository's root and in docs/ for
    a full run (or when `publish`), with the README's summary of the figures; under
    asyncio4j-bench/target/bench-results otherwise."""
    if meta.get("full") or publish:
        markdown_path = os.path.join(root, "BENCHMARKS.md")
        out = os.path.join(root, "docs")
        chart_link = "docs/benchmarks.png"
    else:
        out = os.path.join(root, "asyncio4j-bench", "target", "bench-results")
        markdown_path = os.path.join(out, "BENCHMARKS.md")
        chart_link = "benchmarks.png"
    os.makedirs(out, exist_ok=True)
    title = "asyncio4j against its peers" + (" (quick run)" if meta["quick"] else "")
    subtitle = f"{meta['machine']['cores'].split()[0]} cores, {meta['machine']['cpu']}; {meta['date']}"
    if meta.get("note"):
        subtitle += f"; {meta['note']}"
    why_not = chart.draw(sections, os.path.join(out, "benchmarks.png"), title, subtitle)
    if why_not:
        print(f"No chart: {why_not}.", file=sys.stderr)
    text = report.markdown(meta, sections, failures, None if why_not else chart_link, meta["quick"], skipped)
    with open(markdown_path, "w") as f:
        f.write(text)
    if meta.get("full") or publish:
        readme_path = os.path.join(root, "README.md")
        with open(readme_path) as f:
            readme = f.read()
        with open(readme_path, "w") as f:
            f.write(report.with_readme_figures(readme, report.readme_figures(meta, sections)))
    json_path = os.path.join(out, "benchmarks.json")
    if write_json:
        with open(json_path, "w") as f:
            f.write(report.to_json(meta, sections, failures, skipped))
    print()
    print(text)
    print(f"Written: {markdown_path}, {json_path}" + ("" if why_not else f", {os.path.join(out, 'benchmarks.png')}")
          + f" ({meta['duration']}).", file=sys.stderr)


def user_arguments(argv):
    """The command line as the user gave it to asyncio4j-bench/run (without what run adds)."""
    given, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--root", "--started"):
            skip = True
        else:
            given.append(arg)
    return given


def commit(root):
    def git(*command):
        return subprocess.run(["git", "-C", root, *command], capture_output=True, text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "?"
    return head + (" (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else "")


def duration(seconds):
    minutes, seconds = divmod(int(round(seconds)), 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


if __name__ == "__main__":
    main()
