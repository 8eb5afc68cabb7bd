"""The overview's chart: one bar per section and one for the whole plan, split into the VPCP
buckets (sớm hạn, đúng hạn, trễ hạn, trong hạn, quá hạn, chờ sự kiện), each bar the whole of
its counted milestones. Shares only: the page draws the bars in HTML (they reflow on a phone)
and puts the same numbers in a table beside them, the chart's text equivalent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cchc_cli.export.site.model import BUCKETS, STATUS_SHORT
from cchc_cli.progress.stats import Counts

MIN_TEXT = 7.0  # percent: a narrower segment shows no number (the table has it)


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    percent: float  # of the bar
    title: str
    show_count: bool


@dataclass(frozen=True)
class Bar:
    name: str  # "I", "Tổng"
    title: str  # the section's title
    total: int
    segments: tuple[Segment, ...]
    label: str  # the whole bar in words, for screen readers
    strong: bool  # the plan's total


def stacked_bars(rows: Sequence[tuple[str, str, Counts]], total: Counts) -> tuple[Bar, ...]:
    bars = []
    everything = [*rows, ("Tổng", "Toàn kế hoạch", total)]
    for index, (name, title, counts) in enumerate(everything):
        values = [(status, int(getattr(counts, status))) for status in BUCKETS]
        whole = sum(v for _s, v in values)
        segments = tuple(
            Segment(
                status,
                value,
                round(value * 100 / whole, 2),
                f"{STATUS_SHORT[status]}: {value}/{whole}",
                value * 100 / whole >= MIN_TEXT,
            )
            for status, value in values
            if value
        )
        words = ", ".join(f"{STATUS_SHORT[s.status].lower()} {s.count}" for s in segments)
        label = f"{title}: {whole} mốc" + (f" ({words})" if words else "")
        bars.append(Bar(name, title, whole, segments, label, index == len(everything) - 1))
    return tuple(bars)
