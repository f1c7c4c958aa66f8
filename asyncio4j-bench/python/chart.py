"""The bar chart of a benchmark run: asyncio4j's ratio to each peer on every charted row, drawn
with matplotlib (Debian's python3-matplotlib) into a PNG. A ratio above 1 means asyncio4j is
better; the axis is logarithmic when the ratios span more than a factor of ten.
"""

import textwrap

import results

# One colour per peer, the same in every chart (colour-blind safe: Okabe and Ito's palette).
COLOURS = {
    "uvloop": "#0072B2",
    "asyncio": "#E69F00",
    "netty": "#009E73",
    "nginx": "#CC79A7",
    "aiohttp-uvloop": "#56B4E9",
    "jdk-httpclient": "#D55E00",
}


def bars(sections):
    """[(row label, [(peer, ratio)])] for every charted row, in report order."""
    groups = []
    for section in sections:
        for row in section.rows:
            if not row.chart:
                continue
            pairs = [(peer, row.ratio(peer)) for peer in row.peers()
                     if peer not in results.REFERENCES and row.ratio(peer) is not None]
            if pairs:
                groups.append((row.label, pairs))
    return groups


def draw(sections, path, title, subtitle):
    """Writes the chart to `path`; returns None, or why it could not (matplotlib missing, nothing
    to draw)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed (Debian: apt install python3-matplotlib)"
    groups = bars(sections)
    if not groups:
        return "no ratios to draw"
    bar = 0.28  # every bar the same thickness; groups one bar apart
    positions, values, colours, labels_at, peers_seen = [], [], [], [], []
    y = 0.0
    for label, pairs in reversed(groups):
        first = y
        for peer, value in reversed(pairs):
            positions.append(y)
            values.append(value)
            colours.append(COLOURS.get(peer, "#999999"))
            if peer not in peers_seen:
                peers_seen.append(peer)
            y += bar
        labels_at.append((first + (len(pairs) - 1) * bar / 2, label))
        y += bar
    logarithmic = max(values) / min(values) > 10
    figure, axes = plt.subplots(figsize=(11, 1.5 + 0.19 * len(values) + 0.19 * len(groups)))
    axes.barh(positions, values, height=bar * 0.85, color=colours)
    if logarithmic:
        axes.set_xscale("log")
    axes.axvline(1.0, color="#333333", linewidth=1)
    for position, value in zip(positions, values):
        axes.text(value, position, f" {value:.2f}x", va="center", ha="left", fontsize=7)
    axes.set_yticks([at for at, _ in labels_at])
    axes.set_yticklabels([label for _, label in labels_at], fontsize=8)
    axes.set_xlabel("asyncio4j's ratio to the peer (above 1: asyncio4j is better; " +
                    ("logarithmic" if logarithmic else "linear") + " scale)")
    axes.set_xlim(right=max(values) * (3 if logarithmic else 1.25))
    peers_seen.sort(key=lambda p: list(COLOURS).index(p) if p in COLOURS else len(COLOURS))
    handles = [plt.Rectangle((0, 0), 1, 1, color=COLOURS.get(p, "#999999")) for p in peers_seen]
    axes.legend(handles, [results.name(p) for p in peers_seen], loc="lower right", fontsize=8)
    axes.set_title(title + "\n" + "\n".join(textwrap.wrap(subtitle, 120)), fontsize=10)
    axes.grid(axis="x", color="#dddddd", linewidth=0.5)
    axes.set_axisbelow(True)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return None
