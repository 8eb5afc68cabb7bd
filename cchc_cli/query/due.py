"""Questions asked of a plan: what is overdue, upcoming or waiting; which tasks match.

`as_of` (today) is always a parameter: nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol

from cchc_cli.deadlines.schedule import occurrences
from cchc_cli.plan.milestones import Milestone, period_key, task_milestones
from cchc_cli.plan.model import Plan, Section, Task
from cchc_cli.plan.units import Directory, Role

RoleFilter = Literal["lead", "support", "any"]
Status = Literal["overdue", "upcoming", "waiting"]


class Progress(Protocol):
    """What the due list needs to know of recorded results (see progress/log.py)."""

    def is_done(self, task_id: str, key: str, period: str | None) -> bool: ...

    def has_records(self, task_id: str) -> bool: ...


class NoProgress:
    def is_done(self, task_id: str, key: str, period: str | None) -> bool:
        return False

    def has_records(self, task_id: str) -> bool:
        return False


@dataclass(frozen=True)
class DueItem:
    status: Status
    task_id: str
    section: str
    task: str
    label: str
    due: dt.date | None
    days: int | None  # days late (overdue) or left (upcoming)
    role: Role | None
    milestone: str
    period: str | None = None
    event: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.task_id,
            "section": self.section,
            "task": self.task,
            "due": self.due.isoformat() if self.due else None,
            "days": self.days,
            "role": self.role,
            "label": self.label,
            "milestone": self.milestone,
            "period": self.period,
            "event": self.event,
        }


@dataclass
class DueReport:
    as_of: dt.date
    within: int
    unit: str | None
    overdue: list[DueItem] = field(default_factory=list)
    upcoming: list[DueItem] = field(default_factory=list)
    waiting: list[DueItem] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)  # ongoing / reference / unknown / done

    def to_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "unit": self.unit,
            "within": self.within,
            "overdue": [i.to_json() for i in self.overdue],
            "upcoming": [i.to_json() for i in self.upcoming],
            "waiting": [i.to_json() for i in self.waiting],
            "left_out": dict(self.left_out),
        }


@dataclass(frozen=True)
class Selection:
    """Which tasks a command looks at: a unit (and its role), a section."""

    unit: str | None = None  # unit id
    role: RoleFilter = "any"
    section: str | None = None  # section numeral


def select(
    plan: Plan, directory: Directory, selection: Selection
) -> Iterator[tuple[Section, Task, list[tuple[Milestone, Role | None]]]]:
    """Tasks in plan order with the milestones the selection keeps and the unit's role in each."""
    for section, task in plan.iter_tasks():
        if selection.section and section.numeral != selection.section:
            continue
        milestones = task_milestones(plan, task)
        if selection.unit is None:
            yield section, task, [(m, None) for m in milestones]
            continue
        kept: list[tuple[Milestone, Role | None]] = []
        for milestone in milestones:
            role = directory.role(selection.unit, milestone.lead, milestone.support)
            if role is not None and selection.role in ("any", role):
                kept.append((milestone, role))
        task_role = directory.role(selection.unit, task.lead, task.support)
        if kept or (task_role is not None and selection.role in ("any", task_role)):
            yield section, task, kept


def _item(
    as_of: dt.date,
    section: Section,
    task: Task,
    milestone: Milestone,
    role: Role | None,
    status: Status,
    due: dt.date | None,
    period: str | None = None,
) -> DueItem:
    days = None
    if due is not None:
        days = (as_of - due).days if status == "overdue" else (due - as_of).days
    return DueItem(
        status=status,
        task_id=task.id,
        section=section.numeral,
        task=task.task,
        label=milestone.deadline.label,
        due=due,
        days=days,
        role=role,
        milestone=milestone.key,
        period=period,
        event=milestone.deadline.event,
    )


def due_report(
    plan: Plan,
    as_of: dt.date,
    *,
    within: int = 14,
    selection: Selection | None = None,
    progress: Progress | None = None,
) -> DueReport:
    selection = selection or Selection()
    progress = progress or NoProgress()
    directory = Directory(plan)
    report = DueReport(as_of, within, directory.name(selection.unit) if selection.unit else None)
    horizon = as_of + dt.timedelta(days=within)
    for section, task, kept in select(plan, directory, selection):
        for milestone, role in kept:
            d = milestone.deadline
            item = functools.partial(_item, as_of, section, task, milestone, role)
            if d.kind == "date" and d.due is not None:
                if progress.is_done(task.id, milestone.key, None):
                    report.left_out["done"] += 1
                elif d.due < as_of:
                    report.overdue.append(item("overdue", d.due))
                elif d.due <= horizon:
                    report.upcoming.append(item("upcoming", d.due))
            elif d.kind == "recurring" and d.recurrence is not None:
                rec = d.recurrence
                if progress.has_records(task.id):
                    # Once a task is being tracked, each missed occurrence is overdue.
                    for day in occurrences(rec, end=as_of - dt.timedelta(days=1)):
                        period = period_key(rec.freq, day)
                        if not progress.is_done(task.id, milestone.key, period):
                            report.overdue.append(item("overdue", day, period))
                for day in occurrences(rec, start=as_of, end=horizon):
                    period = period_key(rec.freq, day)
                    if progress.is_done(task.id, milestone.key, period):
                        continue
                    report.upcoming.append(item("upcoming", day, period))
                    break
            elif d.kind == "event":
                if progress.is_done(task.id, milestone.key, None):
                    report.left_out["done"] += 1
                else:
                    report.waiting.append(item("waiting", None))
            else:
                report.left_out[d.kind] += 1
    report.overdue.sort(key=lambda i: (i.due or as_of, i.task_id))
    report.upcoming.sort(key=lambda i: (i.due or as_of, i.task_id))
    return report
