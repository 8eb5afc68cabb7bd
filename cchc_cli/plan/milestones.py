"""A task's milestones: its deadlines, read from the Tiến độ prose or from explicit specs,
with events resolved once the plan records their date and per-milestone leads applied."""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, replace

from cchc_cli.deadlines.schedule import Deadline, Recurrence, resolve_event
from cchc_cli.plan.model import WEEKDAYS, DeadlineSpec, Event, Plan, Task
from cchc_cli.textfold import fold


@dataclass(frozen=True)
class Milestone:
    task_id: str
    key: str  # "1", "2", … in the order of the cell; what `cchc done --milestone` takes
    deadline: Deadline  # resolved: an event with a recorded date becomes a "date" deadline
    lead: tuple[str, ...]  # the milestone's own lead, else the task's
    support: tuple[str, ...]
    event: Event | None = None  # the plan event the deadline waits for, when known

    @property
    def label(self) -> str:
        return self.deadline.label


def spec_deadlines(spec: DeadlineSpec, plan: Plan) -> list[Deadline]:
    """Turn one explicit deadline spec into deadlines (prose specs may give several)."""
    year = plan.year
    if spec.text is not None:
        from cchc_cli.deadlines.language import parse_deadlines

        found = parse_deadlines(spec.text, year)
        if spec.label and len(found) == 1:
            found = [replace(found[0], label=spec.label)]
        return found
    label = spec.label or ""
    kind = spec.kind or "unknown"
    if kind == "recurring" and spec.freq is not None:
        rec = Recurrence(
            freq=spec.freq,
            start=spec.start or dt.date(year, 1, 1),
            until=spec.until or dt.date(year, 12, 31),
            weekday=WEEKDAYS.index(spec.weekday) if spec.weekday else None,
            day=spec.day,
            month=spec.month,
        )
        return [Deadline(kind="recurring", label=label, recurrence=rec)]
    if kind == "event":
        event = next((e for e in plan.events if e.id == spec.event), None)
        return [
            Deadline(
                kind="event",
                label=label,
                event=event.name if event else spec.event,
                offset=spec.offset,
                working_days=spec.working_days,
            )
        ]
    return [Deadline(kind=kind, label=label, due=spec.due, start=spec.start)]


def find_event(plan: Plan, text: str | None) -> Event | None:
    """The plan event a deadline's trigger phrase names (by name or alias, any case/diacritics)."""
    if not text:
        return None
    wanted = fold(text)
    for event in plan.events:
        if any(fold(name) == wanted for name in (event.name, *event.aliases)):
            return event
    for event in plan.events:
        if any(fold(name) in wanted or wanted in fold(name) for name in (event.name, *event.aliases)):
            return event
    return None


# Milestones computed once per plan object (plans are frozen), keyed by the task object.
_MEMO: dict[int, tuple[weakref.ref[Plan], dict[int, list[Milestone]]]] = {}


def _table(plan: Plan) -> dict[int, list[Milestone]]:
    entry = _MEMO.get(id(plan))
    if entry is None or entry[0]() is not plan:
        entry = (weakref.ref(plan), {})
        _MEMO[id(plan)] = entry
        weakref.finalize(plan, _MEMO.pop, id(plan), None)
    return entry[1]


def remember(plan: Plan, milestones: list[list[Milestone]]) -> None:
    """Hand over already-computed milestones, one list per task in plan order (plan cache)."""
    table = _table(plan)
    for (_section, task), found in zip(plan.iter_tasks(), milestones, strict=True):
        table[id(task)] = found


def task_milestones(plan: Plan, task: Task) -> list[Milestone]:
    table = _table(plan)
    found = table.get(id(task))
    if found is None:
        found = table[id(task)] = _compute(plan, task)
    return list(found)


def all_milestones(plan: Plan) -> list[list[Milestone]]:
    """Every task's milestones, in plan order."""
    return [task_milestones(plan, task) for _section, task in plan.iter_tasks()]


def _compute(plan: Plan, task: Task) -> list[Milestone]:
    pairs: list[tuple[Deadline, tuple[str, ...]]] = []
    if task.deadlines is None:
        from cchc_cli.deadlines.language import parse_deadlines

        pairs = [(d, tuple(task.lead)) for d in parse_deadlines(task.schedule, plan.year)]
    else:
        for spec in task.deadlines:
            lead = tuple(spec.lead) if spec.lead else tuple(task.lead)
            pairs.extend((d, lead) for d in spec_deadlines(spec, plan))
    result = []
    for index, (deadline, lead) in enumerate(pairs, start=1):
        event = None
        if deadline.kind == "event":
            event = find_event(plan, deadline.event)
            if event is not None and event.date is not None:
                deadline = resolve_event(deadline, event.date, plan.year)
        support = tuple(task.support) + tuple(u for u in task.lead if u not in lead)
        result.append(Milestone(task.id, str(index), deadline, lead, support, event))
    return result


def period_key(freq: str, day: dt.date) -> str:
    """The name of the reporting period an occurrence belongs to: 2025-W05, 2025-03, 2025-Q1…"""
    if freq == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if freq == "monthly":
        return f"{day.year}-{day.month:02d}"
    if freq == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if freq == "semiannual":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return f"{day.year}"
