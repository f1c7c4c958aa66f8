"""BENCHMARKS.md and its JSON twin: a run's machine, command and date, the targets the issues set,
every section's table with each ratio against every peer, and where asyncio4j is behind a peer,
what remains and why (findings.py).
"""

import json
import os
import platform
import re
import resource
import shutil
import subprocess
import time

import findings
import results


def _run(command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout + done.stderr).strip()


def _first(pattern, text, default="?"):
    found = re.search(pattern, text, re.M)
    return found.group(1).strip() if found else default


def machine(java, root):
    """The machine and every contender's version, as a dict of short strings."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = _first(r"^model name\s*:\s*(.*)$", f.read(), cpu)
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            kib = int(_first(r"^MemTotal:\s*(\d+)", f.read(), "0"))
        memory = f"{kib / 2**20:.1f} GiB"
    except OSError:
        memory = "?"
    try:
        with open("/etc/os-release") as f:
            system = _first(r'^PRETTY_NAME="?([^"\n]*)', f.read())
    except OSError:
        system = platform.system()
    java_version = _run([java, "-version"]).splitlines()
    python_versions = _run(["/usr/bin/python3", "-c",
                            "import platform, uvloop, aiohttp; "
                            "print(platform.python_version(), uvloop.__version__, aiohttp.__version__)"]).split()
    lib = os.path.join(root, "asyncio4j-bench", "target", "lib")
    netty = sorted(n for n in os.listdir(lib) if n.startswith("netty-transport-4")) if os.path.isdir(lib) else []
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return {
        "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} available to the run)",
        "cpu": cpu,
        "memory": memory,
        "system": f"{system}, Linux {platform.release()}",
        "jdk": (java_version[1] if len(java_version) > 1 else "?") + (
            f" ({java_version[2]})" if len(java_version) > 2 else ""),
        "python": f"CPython {python_versions[0]} (/usr/bin/python3)" if python_versions else "?",
        "uvloop": python_versions[1] if len(python_versions) > 1 else "?",
        "aiohttp": python_versions[2] if len(python_versions) > 2 else "?",
        "netty": re.sub(r"netty-transport-(.*)\.jar", r"\1", netty[0]) if netty else "?",
        "nginx": _first(r"nginx/(\S+)", _run([nginx, "-v"])),
        "wrk": _first(r"^wrk (\S+)", _run(["wrk", "-v"])),
        "openssl": _run(["openssl", "version"]) or "?",
        "gcc": _first(r"^gcc.*?(\d+\.\d+\.\d+)", _run(["gcc", "--version"])),
    }


def cpu_snapshot():
    """What the machine's CPUs and this process with its children have used so far, in seconds: the
    machine's busy time (all but idle, iowait and steal), its steal time (the hypervisor running
    someone else), this process's and its waited-for children's; and the wall clock."""
    own = sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for field in ("ru_utime", "ru_stime"))
    try:
        with open("/proc/stat") as f:
            ticks = [int(v) for v in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = ticks
    hz = os.sysconf("SC_CLK_TCK")
    return {"busy": (user + nice + system + irq + softirq) / hz, "steal": steal / hz, "own": own,
            "wall": time.monotonic()}


def other_work(start, end, cores):
    """The share of the machine's CPU that went to other work between two snapshots (busy time
    that was not this run's), and the share the hypervisor stole; None when unknown."""
    if not start or not end or end["wall"] <= start["wall"]:
        return None
    capacity = (end["wall"] - start["wall"]) * cores
    others = (end["busy"] - start["busy"]) - (end["own"] - start["own"])
    return {"other": max(0.0, others / capacity), "steal": (end["steal"] - start["steal"]) / capacity}


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return None


def markdown(meta, sections, failures, chart_path, quick, skipped=()):
    lines = ["# asyncio4j benchmarks", ""]
    if meta.get("note"):
        lines += [f"> **{meta['note']}**", ""]
    if quick:
        lines += ["> **Quick run** (`--quick`): shorter runs, smaller batches, one round: a sanity check, not a "
                  "measurement.", ""]
    busy = [f"{when} {value:.2f}" for when, value in (("at the start", meta["load_start"]),
                                                      ("at the end", meta["load_end"])) if value is not None]
    if _busy(meta):
        lines += [f"> The machine was busy with other work during this run ({_busy_how(meta, busy)}): the figures "
                  "are noisy and the ratios only indicative.", ""]
    m = meta["machine"]
    lines += [
        f"Generated by `{meta['command']}` on {meta['date']} in {meta['duration']}, at commit {meta['commit']}. "
        "Every workload ran on asyncio4j and on each of its peers in the same run, the contenders alternating "
        "round by round, each warmed up first; each figure is a median. Rerun the command to check them.",
        "",
        "| machine | |",
        "| --- | --- |",
        f"| cores | {m['cores']} |",
        f"| CPU | {m['cpu']} |",
        f"| memory | {m['memory']} |",
        f"| system | {m['system']} |",
        f"| JDK | {m['jdk']} |",
        f"| Python | {m['python']}, uvloop {m['uvloop']}, aiohttp {m['aiohttp']} |",
        f"| Netty | {m['netty']} (NIO transport, one event-loop thread) |",
        f"| nginx, wrk | nginx {m['nginx']}, wrk {m['wrk']} |",
        f"| OpenSSL, gcc (netload) | {m['openssl']}, gcc {m['gcc']} |",
        f"| load average | {', '.join(busy) if busy else '?'} (the run's own load included) |",
        f"| other work during the run | {_other_work_text(meta)} |",
        "",
        "Ratios are asyncio4j's figure against each peer's, oriented so that **above 1 means asyncio4j is "
        "better** (faster, more requests, less memory), whichever way the unit goes.",
        "",
        "**Cores:** the load generators (netload, wrk, the HTTP clients) and the servers share this machine's "
        f"cores. {meta['pinning']} The single-process workloads (core, memory, subprocess) are not pinned.",
        "",
    ]
    if chart_path:
        lines += [f"![asyncio4j's ratio to each peer]({chart_path})", ""]
    target_rows = results.targets(sections)
    if target_rows:
        lines += ["## Targets", "", "The goals the issues set, against this run's figures.", "",
                  "| workload | target | issue | this run | met |", "| --- | --- | ---: | ---: | --- |"]
        for _, row, target, figure, met in target_rows:
            verdict = "-" if met is None else ("yes" if met else "**no**")
            lines.append(f"| {row.label} | {target.text} | {target.issue or ''} | {figure} | {verdict} |")
        lines.append("")
    lines += ["## Results", ""]
    for section in sections:
        lines += section.markdown() + [""]
    if failures:
        lines += ["## Suites that failed", ""]
        lines += [f"- {suite}: {reason}" for suite, reason in failures] + [""]
    if skipped:
        lines += ["## Suites not run", ""]
        lines += [f"- {suite}: {reason}" for suite, reason in skipped] + [""]
    lines += behind_section(sections)
    return "\n".join(lines).rstrip() + "\n"


def behind_section(sections):
    """Where asyncio4j is behind a peer in this run, and what findings.py knows about why."""
    items = results.behind(sections)
    unmet = [(row, target, figure) for _, row, target, figure, met in results.targets(sections) if met is False]
    lines = ["## Where asyncio4j is behind, and why", ""]
    if not items and not unmet:
        return lines + ["Nowhere in this run: asyncio4j is ahead of every peer and meets every target.", ""]
    if items:
        lines += ["Behind a peer in this run (worst first):", ""]
        lines += [f"- {row.label} ({row.unit}): {value:.2f}x {results.name(peer)}" for _, row, peer, value in items]
        lines.append("")
    if unmet:
        lines += ["Targets not met in this run:", ""]
        lines += [f"- {row.label}: {target.text} (issue {target.issue}); this run: {figure}"
                  for row, target, figure in unmet]
        lines.append("")
    keys = {row.key for _, row, _, _ in items} | {row.key for row, _, _ in unmet}
    explained = findings.explain(keys)
    if explained:
        lines += ["What remains and why (from profiling; see asyncio4j-bench/python/findings.py):", ""]
        for title, text in explained:
            lines += [f"- **{title}.** {text}"]
        lines.append("")
    unexplained = sorted(keys - findings.covered(keys))
    if unexplained:
        lines += ["Not analysed yet: " + ", ".join(unexplained) + ".", ""]
    return lines


def to_json(meta, sections, failures, skipped=()):
    return json.dumps({"meta": meta, "sections": [s.to_json() for s in sections],
                       "failures": [{"suite": s, "reason": r} for s, r in failures],
                       "not_run": [{"suite": s, "reason": r} for s, r in skipped]}, indent=1)


README_BEGIN = "<!-- measured figures: written by asyncio4j-bench/run from its last published run -->"
README_END = "<!-- end of measured figures -->"


def readme_figures(meta, sections):
    """The README's summary of a published run: the command, machine and date, and for every charted
    workload asyncio4j's figure and its ratio to each peer (the C echo server is shown as the ceiling
    it is)."""
    m = meta["machine"]
    busy = "; the machine was busy, so these are indicative" if _busy(meta) else ""
    lines = [README_BEGIN, "",
             f"Measured by `{meta['command']}` on {meta['date']} ({m['cores'].split()[0]} cores, {m['cpu']}, "
             f"{m['jdk'].split(' (')[0]}){busy}; every figure, its peers' and how each was taken are in "
             "[BENCHMARKS.md](BENCHMARKS.md). A ratio above 1 means asyncio4j is better.", "",
             "| workload | asyncio4j | asyncio4j's ratio to each peer |", "| --- | ---: | --- |"]
    for section in sections:
        for row in section.rows:
            if not row.chart or row.median(results.OURS) is None:
                continue
            ratios = ", ".join(f"{results.format_ratio(row.ratio(peer))} {results.name(peer)}"
                               for peer in row.peers() if row.ratio(peer) is not None)
            lines.append(f"| {row.label} | {results.format_value(row.median(results.OURS))} {row.unit} | {ratios} |")
    return "\n".join(lines + ["", README_END])


def with_readme_figures(readme, figures):
    """`readme` with the text between the markers replaced by `figures` (which holds the markers)."""
    start, end = readme.find(README_BEGIN), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"README.md has no block between '{README_BEGIN}' and '{README_END}'")
    return readme[:start] + figures + readme[end + len(README_END):]


BUSY_SHARE = 0.1  # other work, or steal, above this share of the machine's CPU makes a run "busy"


def _busy(meta):
    """Whether other work took a noticeable share of the machine during the run. Runs recorded
    before the CPU accounting existed are judged by their load average, which counts the run's
    own load too."""
    shares = meta.get("other_work")
    if shares is not None:
        return shares["other"] > BUSY_SHARE or shares["steal"] > BUSY_SHARE
    if "other_work" in meta:
        return False  # a run that tried to measure it and could not (no /proc/stat): not flagged
    cores = os.cpu_count() or 1
    return any(v is not None and v > 0.5 * cores for v in (meta.get("load_start"), meta.get("load_end")))


def _other_work_text(meta):
    shares = meta.get("other_work")
    if shares is None:
        return "not measured"
    return (f"{100 * shares['other']:.0f} % of the machine's CPU went to other processes, "
            f"{100 * shares['steal']:.0f} % was stolen by the hypervisor")


def _busy_how(meta, load):
    if meta.get("other_work") is not None:
        return _other_work_text(meta)
    return f"load average {', '.join(load)} on {os.cpu_count() or 1} cores"
