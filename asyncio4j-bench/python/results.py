"""What a benchmark run produces: rows of figures per contender, grouped in sections, the targets
the issues set, and their rendering as markdown tables and JSON.

Every suite returns a Section. A Row holds each contender's samples (one per round, or per launch)
for one workload and one unit; its medians and asyncio4j's ratio to every other contender are
computed here, always oriented so that a ratio above 1 means asyncio4j is better, whichever
direction "better" is for the unit.
"""

import statistics

# Contender keys (as the suites and the JSON use them) and the names shown in tables and charts.
NAMES = {
    "asyncio4j": "asyncio4j",
    "uvloop": "uvloop",
    "asyncio": "CPython asyncio",
    "netty": "Netty 4.2",
    "nginx": "nginx",
    "aiohttp-uvloop": "aiohttp on uvloop",
    "jdk-httpclient": "JDK HttpClient",
    "c-ceiling": "C ceiling",
}
# Contenders shown for context, not peers: nobody is "behind" them in the report's sense.
REFERENCES = ("c-ceiling",)
OURS = "asyncio4j"


def name(key):
    return NAMES.get(key, key)


def ratio(ours, theirs, higher_is_better):
    """asyncio4j's ratio to a peer, above 1 when asyncio4j is better; None when either is missing."""
    if not ours or not theirs:
        return None
    return ours / theirs if higher_is_better else theirs / ours


class Target:
    """A goal an issue set for one row: a ratio to a peer (at least `value`), or a bound on
    asyncio4j's own figure (`at_most` or `at_least` in the row's unit)."""

    def __init__(self, text, peer=None, at_least=None, at_most=None, issue=None):
        self.text = text
        self.peer = peer
        self.at_least = at_least
        self.at_most = at_most
        self.issue = issue

    def check(self, row):
        """(figure as text, met) for this target on `row`; met is None when there is no figure."""
        ours = row.median(OURS)
        if self.peer:
            value = row.ratio(self.peer)
            if value is None:
                return "-", None
            return f"{value:.2f}x", value >= self.at_least
        if ours is None:
            return "-", None
        figure = f"{format_value(ours)} {row.unit}"
        if self.at_most is not None:
            return figure, ours <= self.at_most
        return figure, ours >= self.at_least

    @classmethod
    def from_json(cls, data):
        return cls(data["target"], data["peer"], data["at_least"], data["at_most"], data["issue"])

    def to_json(self, row):
        figure, met = self.check(row)
        return {"target": self.text, "peer": self.peer, "at_least": self.at_least, "at_most": self.at_most,
                "issue": self.issue, "figure": figure, "met": met}


class Row:
    """One workload in one unit: each contender's samples, and the targets on it."""

    def __init__(self, key, label, unit, higher_is_better, samples, targets=(), chart=True, note=None):
        self.key = key
        self.label = label
        self.unit = unit
        self.higher_is_better = higher_is_better
        self.samples = {contender: [v for v in values if v is not None] for contender, values in samples.items()}
        self.targets = list(targets)
        self.chart = chart
        self.note = note

    def median(self, contender):
        values = self.samples.get(contender)
        return statistics.median(values) if values else None

    def ratio(self, peer):
        return ratio(self.median(OURS), self.median(peer), self.higher_is_better)

    def peers(self):
        return [c for c in self.samples if c != OURS]

    @classmethod
    def from_json(cls, data):
        return cls(data["key"], data["label"], data["unit"], data["higher_is_better"], data["samples"],
                   [Target.from_json(t) for t in data["targets"]], data.get("chart", True), data.get("note"))

    def to_json(self):
        return {
            "key": self.key, "label": self.label, "unit": self.unit, "higher_is_better": self.higher_is_better,
            "medians": {c: self.median(c) for c in self.samples},
            "samples": self.samples,
            "ratios": {peer: self.ratio(peer) for peer in self.peers()},
            "targets": [t.to_json(self) for t in self.targets],
            "chart": self.chart,
            "note": self.note,
        }


class Section:
    """A suite's result: a title, its rows (all with the same contenders, in `contenders` order),
    the notes that say how it was measured, and the rounds it got."""

    def __init__(self, suite, title, contenders, rows, notes, rounds):
        self.suite = suite
        self.title = title
        self.contenders = contenders
        self.rows = rows
        self.notes = notes
        self.rounds = rounds

    def peers(self):
        return [c for c in self.contenders if c != OURS]

    def table(self):
        """The section's markdown table: each figure, then asyncio4j's ratio to every peer."""
        header = ["workload", "unit"] + [name(c) for c in self.contenders] + [f"vs {name(p)}" for p in self.peers()]
        lines = ["| " + " | ".join(header) + " |",
                 "| " + " | ".join(["---", "---"] + ["---:"] * (len(header) - 2)) + " |"]
        for row in self.rows:
            cells = [row.label, row.unit]
            cells += [format_value(row.median(c)) if row.median(c) is not None else "-" for c in self.contenders]
            cells += [format_ratio(row.ratio(p)) if p in row.samples else "-" for p in self.peers()]
            lines.append("| " + " | ".join(cells) + " |")
        return lines

    def markdown(self):
        lines = [f"### {self.title}", ""] + self.table() + [""]
        lines += [f"- {note}" for note in self.notes]
        return lines

    @classmethod
    def from_json(cls, data):
        return cls(data["suite"], data["title"], data["contenders"], [Row.from_json(r) for r in data["rows"]],
                   data["notes"], data["rounds"])

    def to_json(self):
        return {"suite": self.suite, "title": self.title, "contenders": self.contenders, "rounds": self.rounds,
                "notes": self.notes, "rows": [row.to_json() for row in self.rows]}


def format_value(value):
    if value is None:
        return "-"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:,.1f}"
    return f"{value:,.2f}"


def format_ratio(value):
    return "-" if value is None else f"{value:.2f}x"


def behind(sections):
    """(section, row, peer, ratio) wherever asyncio4j's median is worse than a peer's (references
    such as the C ceiling left out), worst first."""
    found = []
    for section in sections:
        for row in section.rows:
            for peer in row.peers():
                value = row.ratio(peer)
                if peer not in REFERENCES and value is not None and value < 1:
                    found.append((section, row, peer, value))
    return sorted(found, key=lambda item: item[3])


def targets(sections):
    """(section, row, target, figure, met) for every target of every row."""
    return [(section, row, target) + target.check(row)
            for section in sections for row in section.rows for target in row.targets]
