"""What profiling found where asyncio4j is behind a peer or a target: what remains and why.

BENCHMARKS.md's last section lists the rows where a run shows asyncio4j behind, and quotes the
finding of each row from here. Written by hand after profiling (JFR, async-profiler), kept next
to the figures' code so that it is updated with it. A finding names the rows it explains by
regular expressions on their keys (see the suites' Row keys).
"""

import re

# (title, regular expression on row keys, what remains and why)
FINDINGS = []


def explain(keys):
    """[(title, text)] of the findings that cover any of `keys`, in FINDINGS order."""
    return [(title, text) for title, pattern, text in FINDINGS if any(re.fullmatch(pattern, k) for k in keys)]


def covered(keys):
    """The keys some finding covers."""
    return {k for k in keys for _, pattern, _ in FINDINGS if re.fullmatch(pattern, k)}
