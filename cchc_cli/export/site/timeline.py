"""The plan year as a timeline: months across, tasks down, milestones as marks, the as-of day
as a line. Geometry only (numbers and words); `templates/html/site/timeline.svg` draws it,
escaped like every template.

Marks, one per thing the pages count:
* a dated milestone: ONE mark on its due day ("date"), coloured by its status; a milestone that
  names a period (Quý II) also gets a bar from the period's first day to the due day; a due
  day outside the plan year sits on the year's edge (its title gives the real date);
* a recurring milestone: one mark per item `query/status.py` counts ("recurring": an
  occurrence, or the one item standing for an untracked milestone's missed occurrences), and a
  hollow mark for each later occurrence ("future");
* ongoing milestones are a pale band across the year; milestones waiting for an event, by
  regulation or unreadable have no day, so no mark: the lane says so in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cchc_cli.dates import vn_date
from cchc_cli.export.site.model import MilestoneView, TaskView

WIDTH = 960
LEFT = 76  # the task ids' gutter
RIGHT = 12
TOP = 34  # month names
LANE = 22
BOTTOM = 10
MONTHS = ("Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10", "Th11", "Th12")


@dataclass(frozen=True)
class Month:
    x: float
    width: float
    label: str
    shaded: bool


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    kind: str  # "date", "recurring", "future"
    status: str  # a status of query/status.py, or "future"
    title: str
    edge: bool  # the day lies outside the plan year: drawn on the edge


@dataclass(frozen=True)
class Span:
    x1: float
    x2: float
    y: float
    status: str


@dataclass(frozen=True)
class Lane:
    y: float  # the lane's middle
    top: float
    task_id: str
    href: str
    title: str
    marks: tuple[Mark, ...]
    spans: tuple[Span, ...]
    band: bool  # an ongoing milestone: a band across the year
    note: str  # words for milestones with no day ("chờ sự kiện")


@dataclass(frozen=True)
class Timeline:
    width: int
    height: float
    left: int
    right: float
    top: int
    months: tuple[Month, ...]
    today: float | None
    today_label: str
    lanes: tuple[Lane, ...]
    label: str  # what the picture shows, for screen readers

    @property
    def mark_count(self) -> int:
        return sum(1 for lane in self.lanes for mark in lane.marks if mark.kind != "future")


def _scale(year: int) -> Callable[[dt.date], tuple[float, bool]]:
    first = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - first).days
    plot = WIDTH - LEFT - RIGHT

    def x_of(day: dt.date) -> tuple[float, bool]:
        # The middle of the day; a day outside the year sits on the edge.
        offset = (day - first).days
        edge = offset < 0 or offset >= days
        offset = min(max(offset, 0), days - 1)
        return round(LEFT + (offset + 0.5) * plot / days, 1), edge

    return x_of


def _months(year: int) -> tuple[Month, ...]:
    first = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - first).days
    plot = WIDTH - LEFT - RIGHT
    out = []
    for month in range(1, 13):
        start = (dt.date(year, month, 1) - first).days
        end = (dt.date(year + (month == 12), month % 12 + 1, 1) - first).days
        x = round(LEFT + start * plot / days, 1)
        width = round((end - start) * plot / days, 1)
        out.append(Month(x, width, MONTHS[month - 1], month % 2 == 0))
    return tuple(out)


def _milestone_marks(
    task: TaskView, milestone: MilestoneView, y: float, x_of: Callable[[dt.date], tuple[float, bool]]
) -> tuple[list[Mark], list[Span]]:
    marks: list[Mark] = []
    spans: list[Span] = []
    name = f"{task.id} mốc {milestone.key}"
    if milestone.kind == "date" and milestone.due is not None:
        status = milestone.items[0].status if milestone.items else "open"
        text = milestone.items[0].text if milestone.items else ""
        x, edge = x_of(milestone.due)
        where = " (ngoài năm kế hoạch)" if edge else ""
        marks.append(
            Mark(x, y, "date", status, f"{name}: hạn {vn_date(milestone.due)}{where} — {text}", edge)
        )
        if milestone.start is not None and milestone.start < milestone.due:
            x1, _ = x_of(milestone.start)
            if x1 < x:
                spans.append(Span(x1, x, y, status))
    elif milestone.kind == "recurring":
        for item in milestone.items:
            if item.due is None:
                continue
            x, edge = x_of(item.due)
            period = f", kỳ {item.period}" if item.period and item.missed == 1 else ""
            marks.append(Mark(x, y, "recurring", item.status, f"{name}{period}: {item.text}", edge))
        for day in milestone.future:
            x, edge = x_of(day)
            marks.append(Mark(x, y, "future", "future", f"{name}: kỳ sau, hạn {vn_date(day)}", edge))
    return marks, spans


def build_timeline(
    year: int, as_of: dt.date, tasks: Sequence[TaskView], href: Callable[[TaskView], str], label: str
) -> Timeline:
    """The timeline of `tasks` (one lane each, in the given order) for the plan year."""
    x_of = _scale(year)
    lanes = []
    for index, task in enumerate(tasks):
        top = TOP + index * LANE
        y = top + LANE / 2
        marks: list[Mark] = []
        spans: list[Span] = []
        notes: list[str] = []
        band = False
        for milestone in task.milestones:
            found, bars = _milestone_marks(task, milestone, y, x_of)
            marks += found
            spans += bars
            if milestone.kind == "ongoing":
                band = True
            elif milestone.kind not in ("date", "recurring"):
                notes.append(milestone.kind_text)
        if not marks and band:
            notes.insert(0, "thường xuyên")
        lanes.append(
            Lane(
                y=y,
                top=top,
                task_id=task.id,
                href=href(task),
                title=f"{task.id}. {task.summary}",
                marks=tuple(sorted(marks, key=lambda m: (m.kind == "future", m.x))),
                spans=tuple(spans),
                band=band,
                note="; ".join(dict.fromkeys(notes)) if not marks else "",
            )
        )
    x_today, edge = x_of(as_of)
    return Timeline(
        width=WIDTH,
        height=TOP + len(lanes) * LANE + BOTTOM,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        months=_months(year),
        today=None if edge else x_today,
        today_label=f"Tính đến {vn_date(as_of)}",
        lanes=tuple(lanes),
        label=label,
    )
