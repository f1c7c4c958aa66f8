"""Runs asyncio4j's benchmarks and its peers' side by side and prints one comparison table.

Called by asyncio4j-bench/run after the build. Each workload is measured on every contender in
the same run, contenders alternating round by round; the table shows medians and asyncio4j's
ratio to each peer (above 1 means asyncio4j is better, whichever direction "better" is).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

import http_bench
import http_client_suite
import net_bench

HERE = os.path.dirname(os.path.abspath(__file__))
FAST_MODE = "--add-opens=java.base/java.lang=ALL-UNNAMED"

# workload -> (JMH benchmark regex or None, higher_is_better, unit, description)
CORE = {
    "task_switch": ("TaskSwitchBenchmark", False, "ns/switch",
                    "two tasks handing control back and forth through futures"),
    "task_spawn": ("TaskSpawnBenchmark", False, "ms",
                   "create, run and finish 1,000,000 tasks that each await sleep(0)"),
    "call_soon": ("CallSoonBenchmark", True, "callbacks/s", "callSoon throughput"),
    "pending_memory": (None, False, "bytes/task", "heap per task, 1,000,000 pending on a future"),
    "gather": ("GatherBenchmark", False, "ms",
               "one gather of 10,000 coroutines that each await sleep(0)"),
}
SYNC = {
    "lock_handoff": ("SyncBenchmark.lockHandoff", False, "ns/handoff",
                     "two tasks taking turns on a Lock, each holding it across sleep(0)"),
    "queue_put_get": ("SyncBenchmark.queuePutGet", False, "ns/item",
                      "a producer and a consumer passing items through a Queue of maxsize 1"),
}
SUBPROCESS = {
    "spawn_true": ("SubprocessSpawnBenchmark", False, "ms",
                   "spawn 1,000 `true` children, at most 50 at once, and wait for each"),
}
SUITES = {"core": CORE, "sync": SYNC, "subprocess": SUBPROCESS}
# The Python script that runs a suite's workloads on asyncio and uvloop (default: core_bench.py).
PYTHON_SCRIPTS = {"subprocess": "subprocess_bench.py"}
# Suites that run their own contenders and print their own table (see net_bench.py, http_bench.py,
# http_client_suite.py).
NET_SUITES = {**net_bench.SUITES, **http_bench.SUITES, **http_client_suite.SUITES}


def java_classpath(root):
    target = os.path.join(root, "asyncio4j-bench", "target")
    jars = [os.path.join(target, "asyncio4j-bench-0.1.0-SNAPSHOT.jar")]
    lib = os.path.join(target, "lib")
    jars += [os.path.join(lib, name) for name in sorted(os.listdir(lib))]
    return os.pathsep.join(jars)


def java():
    return os.path.join(os.environ["JAVA_HOME"], "bin", "java")


def run_jmh(root, benchmark, quick):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        result_file = out.name
    args = [java(), "-cp", java_classpath(root), "org.openjdk.jmh.Main", benchmark,
            "-rf", "json", "-rff", result_file, "-foe", "true"]
    if quick:
        args += ["-f", "1", "-wi", "2", "-i", "3"]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    with open(result_file) as f:
        result = json.load(f)[0]["primaryMetric"]
    os.unlink(result_file)
    return result["score"], result["scoreUnit"]


def jmh_value(workload, score, unit):
    # Convert JMH's units to the table's.
    if workload in ("task_spawn", "gather", "spawn_true") and unit == "ms/op":
        return score
    if workload in ("task_switch", "lock_handoff", "queue_put_get") and unit == "ns/op":
        return score
    if workload == "call_soon" and unit == "ops/s":
        return score
    raise ValueError(f"unexpected JMH unit {unit} for {workload}")


def run_java_main(root, main_class, args):
    out = subprocess.run([java(), FAST_MODE, "-cp", java_classpath(root), main_class] + args,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_python(loop, workload, quick, script="core_bench.py"):
    rounds = "1" if quick else "3"
    out = subprocess.run(["/usr/bin/python3", os.path.join(HERE, script), "--loop", loop,
                          "--rounds", rounds, workload],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["value"]


def measure(root, workload, spec, rounds, quick, script="core_bench.py"):
    benchmark, _, _, _ = spec
    values = {"asyncio4j": [], "uvloop": [], "asyncio": []}
    for i in range(rounds):
        print(f"  {workload}: round {i + 1}/{rounds}", file=sys.stderr, flush=True)
        if benchmark:
            score, unit = run_jmh(root, benchmark, quick)
            values["asyncio4j"].append(jmh_value(workload, score, unit))
        else:
            result = run_java_main(root, "dev.asyncio4j.bench.core.PendingTasksMemory", [])
            values["asyncio4j"].append(result["bytes_per_task"])
        values["uvloop"].append(run_python("uvloop", workload, quick, script))
        values["asyncio"].append(run_python("asyncio", workload, quick, script))
    return {name: statistics.median(v) for name, v in values.items()}


def ratio(ours, theirs, higher_is_better):
    return ours / theirs if higher_is_better else theirs / ours


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    java_version = subprocess.run([java(), "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} cores, {cpu}; {java_version}; Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--quick", action="store_true", help="short runs, one round: a sanity check")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("suites", nargs="*", default=list(SUITES) + list(NET_SUITES))
    net_bench.add_arguments(parser)
    http_bench.add_arguments(parser)
    http_client_suite.add_arguments(parser)
    args = parser.parse_args()
    unknown = [suite for suite in args.suites if suite not in SUITES and suite not in NET_SUITES]
    if unknown:
        parser.error(f"unknown suite(s) {', '.join(unknown)}; known: {', '.join(list(SUITES) + list(NET_SUITES))}")
    rounds = 1 if args.quick else 3
    results = []
    net_reports = []
    for suite in args.suites:
        if suite in NET_SUITES:
            net_reports.append(NET_SUITES[suite](args, java(), java_classpath(args.root)))
            continue
        for workload, spec in SUITES[suite].items():
            medians = measure(args.root, workload, spec, rounds, args.quick,
                              PYTHON_SCRIPTS.get(suite, "core_bench.py"))
            results.append((workload, spec, medians))
    print()
    print(f"Machine: {machine()}")
    if results:
        print_core_table(results, rounds)
    for report in net_reports:
        report.print()
    if args.json:
        with open(args.json, "w") as f:
            json.dump([{"workload": w, "unit": s[2], "higher_is_better": s[1], "medians": m}
                       for w, s, m in results] + [row for report in net_reports for row in report.json_rows],
                      f, indent=2)


def print_core_table(results, rounds):
    print(f"Each figure is the median of {rounds} round(s); contenders alternate within a round.")
    print()
    print(f"| workload | unit | asyncio4j | uvloop | asyncio | vs uvloop | vs asyncio |")
    print(f"| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for workload, (_, higher, unit, _), m in results:
        print(f"| {workload} | {unit} | {m['asyncio4j']:,.1f} | {m['uvloop']:,.1f} | {m['asyncio']:,.1f} "
              f"| {ratio(m['asyncio4j'], m['uvloop'], higher):.1f}x | {ratio(m['asyncio4j'], m['asyncio'], higher):.1f}x |")


if __name__ == "__main__":
    main()
