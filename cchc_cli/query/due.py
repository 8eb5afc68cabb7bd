"""Questions asked of a plan: what is overdue, upcoming or waiting; which tasks match.

`as_of` (today) is always a parameter: nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from cchc_cli.plan.milestones import Milestone, task_milestones
from cchc_cli.plan.model import Plan, Section, Task
from cchc_cli.plan.units import Directory, Role
from cchc_cli.query.status import DONE, Occurrence, Progress, milestone_occurrences
from cchc_cli.textfold import fold

RoleFilter = Literal["lead", "support", "any"]
DueStatus = Literal["overdue", "upcoming", "waiting"]


@dataclass(frozen=True)
class DueItem:
    status: DueStatus
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
    missed: int = 1  # > 1: an untracked weekly/monthly milestone's missed occurrences, one line
    collapsed: bool = False  # that one line (even when it stands for a single occurrence so far)
    agency: str = ""  # the plan's agency (plan.agency)
    plan: str = ""  # the plan file, as shown to the user

    def to_json(self) -> dict[str, object]:
        return {
            "agency": self.agency,
            "plan": self.plan,
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
            "missed": self.missed,
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
    plan: tuple[str, str],
    section: Section,
    task: Task,
    milestone: Milestone,
    role: Role | None,
    status: DueStatus,
    occurrence: Occurrence,
) -> DueItem:
    due = occurrence.due
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
        period=occurrence.period,
        event=milestone.deadline.event,
        missed=occurrence.missed,
        collapsed=occurrence.collapsed,
        agency=plan[0],
        plan=plan[1],
    )


def due_report(
    plan: Plan,
    as_of: dt.date,
    *,
    within: int = 14,
    selection: Selection | None = None,
    progress: Progress | None = None,
    path: str = "",
) -> DueReport:
    """What is overdue, what falls due within `within` days, what waits for an event.

    Overdue is what `status.milestone_occurrences` calls overdue (the same in stats, reports
    and exports); upcoming is each milestone's first open item due by as_of + within. Each
    item names the plan's agency and `path`, the plan file as the user knows it.
    """
    selection = selection or Selection()
    directory = Directory(plan)
    report = DueReport(as_of, within, directory.name(selection.unit) if selection.unit else None)
    horizon = as_of + dt.timedelta(days=within)
    source = (plan.plan.agency, path)
    for section, task, kept in select(plan, directory, selection):
        for milestone, role in kept:
            item = functools.partial(_item, as_of, source, section, task, milestone, role)
            upcoming_found = False
            for occurrence in milestone_occurrences(task.id, milestone, as_of, progress, until=horizon):
                status = occurrence.status
                if status == "overdue":
                    report.overdue.append(item("overdue", occurrence))
                elif status == "open":
                    due = occurrence.due
                    if not upcoming_found and due is not None and due <= horizon:
                        report.upcoming.append(item("upcoming", occurrence))
                        upcoming_found = True
                elif status == "waiting":
                    report.waiting.append(item("waiting", occurrence))
                elif status in DONE:
                    report.left_out["done"] += 1
                else:
                    report.left_out[status] += 1
    report.overdue.sort(key=lambda i: (i.due or as_of, i.task_id))
    report.upcoming.sort(key=lambda i: (i.due or as_of, i.task_id))
    return report


def merge_reports(reports: list[DueReport], unit: str | None) -> DueReport:
    """One report of several plans' reports (same as-of day and window): items in due order,
    then by agency, plan and task id; `left_out` summed. One report comes back as it was."""
    if len(reports) == 1:
        return reports[0]
    first = reports[0]
    merged = DueReport(first.as_of, first.within, unit)
    for report in reports:
        merged.overdue += report.overdue
        merged.upcoming += report.upcoming
        merged.waiting += report.waiting
        merged.left_out.update(report.left_out)

    folded = {name: fold(name) for name in {i.agency for i in [*merged.overdue, *merged.upcoming]}}

    def key(item: DueItem) -> tuple[dt.date, str, str, str]:
        return (item.due or first.as_of, folded[item.agency], item.plan, item.task_id)

    merged.overdue.sort(key=key)
    merged.upcoming.sort(key=key)
    return merged
