"""The geometry of the batch index's bar charts (findings by rule, by document); the template draws it as SVG."""
from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")
BAR_HEIGHT = 14
BAR_GAP = 4
LABEL_WIDTH = 260       # px kept left of the bars for their names
BARS_WIDTH = 360        # px the longest bar spans
COUNT_WIDTH = 40        # px right of the bars for the total
MAX_BARS = 40           # a chart of more bars than this stops being glanced at: the rest are summed up


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    severity: str
    count: int


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    total: int
    segments: tuple[Segment, ...]
    href: str | None = None


@dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    label_width: int
    bars: tuple[Bar, ...]
    left_out: int           # bars not drawn (beyond MAX_BARS)


def bar_chart(title: str, counts: list[tuple[str, dict[str, int], str | None]]) -> BarChart:
    """One stacked bar per (label, {severity: count}, link), largest first; bars of no finding are left out."""
    rows = sorted(((label, by, href) for label, by, href in counts if sum(by.values())),
                  key=lambda row: -sum(row[1].values()))
    shown = rows[:MAX_BARS]
    largest = max((sum(by.values()) for _label, by, _href in shown), default=1)
    bars = []
    for index, (label, by, href) in enumerate(shown):
        x, segments = float(LABEL_WIDTH), []
        for severity in SEVERITIES:
            count = by.get(severity, 0)
            if count:
                width = BARS_WIDTH * count / largest
                segments.append(Segment(round(x, 1), round(width, 1), severity, count))
                x += width
        bars.append(Bar(label, index * (BAR_HEIGHT + BAR_GAP), sum(by.values()), tuple(segments), href))
    height = max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(title, LABEL_WIDTH + BARS_WIDTH + COUNT_WIDTH, height, LABEL_WIDTH, tuple(bars),
                    len(rows) - len(shown))
