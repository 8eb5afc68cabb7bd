"""What each milestone's status is on a day: the one meaning of "overdue" in every command.

`due`, `stats`, `report`, the table exports, reminders and the site all count the same
*items*. An item is a milestone, or one occurrence of a recurring milestone:

* A dated milestone (a date, a period, an event whose date the plan records) is one item.
  Not done: "open" (trong hạn) while the as-of day is on or before its due date, "overdue"
  (quá hạn) after it.
* A yearly, half-yearly or quarterly milestone gives one item per occurrence whose period
  has begun by the as-of day (plus any later one already done): a passed occurrence with no
  record is overdue, like a dated milestone.
* A weekly or monthly milestone is *tracked* once any of its occurrences has a record
  (tracking is per milestone, not per task). Tracked, it is counted like a quarterly one.
  Untracked, its missed occurrences are ONE overdue item ("12 kỳ chưa ghi nhận, gần nhất
  13/06/2025"): a Sở that never records its weekly report sees one line, not fifty, and
  the completion rate is not swamped by it. The occurrence of the current period stays an
  item of its own (open, or overdue once passed).
* An event milestone whose event has no date yet is "waiting" (chờ sự kiện); done anyway, it
  is "done_undated": done, with no deadline to compare (never "on time").
* Ongoing ("Thường xuyên"), reference ("Theo quy định…") and unreadable milestones are kept
  apart and never counted in rates.

Done statuses compare the record's date D with the due date: early (sớm hạn) D < due,
on_time (đúng hạn) D = due, late (trễ hạn) D > due. Records dated after the as-of day are
ignored (a report "as of 31/03" does not know of April's work).

`until` (reports, the due list's look-ahead) replaces "the period has begun" by "due on or
before `until`". Overdue items do not depend on it, so every view agrees on what is overdue.
Pure: the as-of day is a parameter; nothing here prints or reads the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.calendar import half_bounds, month_bounds, quarter_bounds, year_bounds
from cchc_cli.deadlines.schedule import Recurrence, occurrences
from cchc_cli.plan.milestones import Milestone, period_key, task_milestones
from cchc_cli.plan.model import Plan, Section, Task

Status = Literal[
    "early",
    "on_time",
    "late",
    "done_undated",
    "open",
    "overdue",
    "waiting",
    "ongoing",
    "reference",
    "unknown",
]
DONE: frozenset[str] = frozenset({"early", "on_time", "late", "done_undated"})
APART: frozenset[str] = frozenset({"ongoing", "reference", "unknown"})
COLLAPSED_FREQS: frozenset[str] = frozenset({"weekly", "monthly"})
"""Frequencies whose missed occurrences are shown once while the milestone is untracked."""


class Record(Protocol):
    """A recorded result, as the status needs it (progress/log.py's Entry is one)."""

    @property
    def done(self) -> dt.date: ...


class Progress(Protocol):
    """What statuses need to know of recorded results (progress/log.py's ProgressLog)."""

    def entry(self, task_id: str, key: str, period: str | None) -> Record | None: ...

    def milestone_entries(self, task_id: str, key: str) -> Sequence[Record]: ...


class NoProgress:
    def entry(self, task_id: str, key: str, period: str | None) -> Record | None:
        return None

    def milestone_entries(self, task_id: str, key: str) -> Sequence[Record]:
        return ()


@dataclass(frozen=True)
class Occurrence:
    """One counted thing of a milestone on the as-of day."""

    status: Status
    due: dt.date | None = None
    period: str | None = None
    entry: Record | None = None  # the record, when done by the as-of day
    missed: int = 1  # > 1: an untracked weekly/monthly milestone's missed occurrences, as one
    collapsed: bool = False  # the one item standing for an untracked milestone's missed occurrences

    @property
    def done(self) -> dt.date | None:
        return self.entry.done if self.entry is not None else None


@dataclass(frozen=True)
class Item:
    """An occurrence with the section, task and milestone it belongs to."""

    section: Section
    task: Task
    milestone: Milestone
    occurrence: Occurrence

    @property
    def status(self) -> Status:
        return self.occurrence.status

    @property
    def due(self) -> dt.date | None:
        return self.occurrence.due

    @property
    def period(self) -> str | None:
        return self.occurrence.period

    @property
    def entry(self) -> Record | None:
        return self.occurrence.entry

    @property
    def done(self) -> dt.date | None:
        return self.occurrence.done

    @property
    def missed(self) -> int:
        return self.occurrence.missed


def period_start(freq: str, day: dt.date) -> dt.date:
    """First day of the period `period_key(freq, day)` names (a week starts on Monday)."""
    if freq == "weekly":
        return day - dt.timedelta(days=day.weekday())
    if freq == "monthly":
        return month_bounds(day.year, day.month, day.month)[0]
    if freq == "quarterly":
        quarter = (day.month - 1) // 3 + 1
        return quarter_bounds(day.year, quarter, quarter)[0]
    if freq == "semiannual":
        return half_bounds(day.year, 1 if day.month <= 6 else 2)[0]
    return year_bounds(day.year)[0]


def dated_status(due: dt.date, entry: Record | None, as_of: dt.date) -> Status:
    if entry is None:
        return "open" if as_of <= due else "overdue"
    if entry.done < due:
        return "early"
    return "on_time" if entry.done == due else "late"


@functools.lru_cache(maxsize=1024)
def _occurrences(rec: Recurrence) -> tuple[dt.date, ...]:
    """The days of a recurring rule, worked out once a process: plans of one year share their
    rules ("Hằng quý", "Định kỳ hàng tháng"), and dateutil's rrule is slow."""
    return tuple(occurrences(rec))


def milestone_occurrences(
    task_id: str,
    milestone: Milestone,
    as_of: dt.date,
    progress: Progress | None = None,
    *,
    until: dt.date | None = None,
) -> list[Occurrence]:
    """The items of one milestone on `as_of` (see the module documentation)."""
    log = progress or NoProgress()

    def recorded(period: str | None) -> Record | None:
        entry = log.entry(task_id, milestone.key, period)
        return entry if entry is not None and entry.done <= as_of else None

    d = milestone.deadline
    if d.kind == "date" and d.due is not None:
        entry = recorded(None)
        return [Occurrence(dated_status(d.due, entry, as_of), d.due, None, entry)]
    if d.kind == "recurring" and d.recurrence is not None:
        freq = d.recurrence.freq
        tracked = freq not in COLLAPSED_FREQS or any(
            e.done <= as_of for e in log.milestone_entries(task_id, milestone.key)
        )
        found: list[Occurrence] = []
        missed: list[dt.date] = []
        for day in _occurrences(d.recurrence):
            period = period_key(freq, day)
            entry = recorded(period)
            shown = day <= until if until is not None else period_start(freq, day) <= as_of
            if not tracked and entry is None and day < as_of and shown:
                missed.append(day)
                continue
            if shown or entry is not None:
                found.append(Occurrence(dated_status(day, entry, as_of), day, period, entry))
        if missed:
            latest = missed[-1]
            collapsed = Occurrence(
                "overdue", latest, period_key(freq, latest), None, len(missed), collapsed=True
            )
            found.insert(0, collapsed)
        return found
    if d.kind == "event":
        entry = recorded(None)
        return [Occurrence("done_undated" if entry is not None else "waiting", None, None, entry)]
    if d.kind == "ongoing" or d.kind == "reference":
        return [Occurrence(d.kind, None, None, recorded(None))]
    return [Occurrence("unknown", None, None, recorded(None))]


def missed_text(missed: int, latest: dt.date) -> str:
    """'12 kỳ chưa ghi nhận, gần nhất 13/06/2025': an untracked milestone's missed occurrences."""
    return f"{missed} kỳ chưa ghi nhận, gần nhất {vn_date(latest)}"


def milestone_items(
    plan: Plan,
    as_of: dt.date,
    *,
    progress: Progress | None = None,
    until: dt.date | None = None,
) -> Iterator[Item]:
    """Every item of the plan as of `as_of`, in plan order."""
    for section, task in plan.iter_tasks():
        for milestone in task_milestones(plan, task):
            for occurrence in milestone_occurrences(task.id, milestone, as_of, progress, until=until):
                yield Item(section, task, milestone, occurrence)
