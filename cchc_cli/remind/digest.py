"""Each unit's reminder: what it has not been told yet, from the due report and the send log.

Pure: the plan, the day, the progress and the log are parameters; nothing here sends, prints,
writes or reads the clock.

**Who gets a digest.** The plan's units (groups are not recipients). A unit's items are exactly
what `cchc due --unit U --within N` lists for it (`query/due.py`, so "overdue" means what it
means everywhere): milestones it leads or supports directly or through a group, so a task of
"Các phòng, ban, đơn vị thuộc và trực thuộc Sở" reaches every member unit.

**Once, not daily.** Each item of the due report has a reason: `overdue`, `due_today` (an
upcoming item with 0 days left), `upcoming` (due within N days) or `waiting` (for an event).
An item is identified by its task, milestone, period and due date (`sendlog.item_key`; the
one line of an untracked weekly/monthly milestone by task and milestone alone). For unit U:

- *new*: U was never told this item for this reason. So an item is told when it enters the
  window, again on its due day, again when it becomes overdue, and a waiting item once;
- *repeated*: an overdue item U was last told about `repeat_overdue_days` days ago or more;
- otherwise *already told*: not in the message, only counted in its closing line.

A unit's message is sent when it holds at least one new or repeated item; a digest of
repeats alone is still sent (that is the weekly reminder of what is still late). Done items
(`cchc done`) leave the due report and so stop. `force` tells every item, new or not.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cchc_cli.plan.model import Plan
from cchc_cli.plan.units import Directory
from cchc_cli.query.due import DueItem, Selection, due_report
from cchc_cli.query.status import Progress
from cchc_cli.remind.sendlog import ItemKey, Reason, SendLog, ToldItem, item_key


def reason_of(item: DueItem) -> Reason:
    if item.status == "overdue":
        return "overdue"
    if item.status == "waiting":
        return "waiting"
    return "due_today" if item.days == 0 else "upcoming"


def key_of(item: DueItem) -> ItemKey:
    return item_key(item.task_id, item.milestone, item.period, item.due, item.collapsed)


@dataclass(frozen=True)
class Told:
    """An item of a digest: the due item, why it is told, and when it was last told (None: new)."""

    item: DueItem
    reason: Reason
    last_told: dt.date | None = None

    @property
    def repeat(self) -> bool:
        return self.last_told is not None

    def logged(self) -> ToldItem:
        item = self.item
        return ToldItem(
            task=item.task_id,
            milestone=item.milestone,
            period=item.period,
            due=item.due,
            missed=item.missed if item.collapsed else None,
            reason=self.reason,
        )

    def to_json(self) -> dict[str, object]:
        return {
            **self.item.to_json(),
            "collapsed": self.item.collapsed,
            "reason": self.reason,
            "repeat": self.repeat,
            "last_told": self.last_told.isoformat() if self.last_told else None,
        }


@dataclass
class Digest:
    """One unit's reminder on one day: the items it is told, and what it was already told."""

    unit_id: str
    unit: str
    as_of: dt.date
    within: int
    items: list[Told] = field(default_factory=list)
    already_told: Counter[str] = field(default_factory=Counter)  # by "overdue"/"upcoming"/"waiting"

    def told(self, *reasons: Reason) -> list[Told]:
        return [t for t in self.items if t.reason in reasons]

    @property
    def overdue(self) -> list[Told]:
        return self.told("overdue")

    @property
    def upcoming(self) -> list[Told]:
        """Due today first, then the rest of the window (the due report's order)."""
        return self.told("due_today") + self.told("upcoming")

    @property
    def waiting(self) -> list[Told]:
        return self.told("waiting")

    def logged(self) -> list[ToldItem]:
        return [t.logged() for t in self.items]

    def fingerprint(self) -> list[list[object]]:
        """What the digest says, as plain values: the content its Message-ID is derived from."""
        return [
            [
                t.item.task_id,
                t.item.milestone,
                t.item.period,
                t.item.due.isoformat() if t.item.due else None,
                t.item.missed,
                t.item.role,
                t.reason,
                t.repeat,
            ]
            for t in self.items
        ]

    def to_json(self) -> dict[str, object]:
        return {
            "unit_id": self.unit_id,
            "unit": self.unit,
            "as_of": self.as_of.isoformat(),
            "within": self.within,
            "overdue": [t.to_json() for t in self.overdue],
            "upcoming": [t.to_json() for t in self.upcoming],
            "waiting": [t.to_json() for t in self.waiting],
            "already_told": {k: self.already_told.get(k, 0) for k in ("overdue", "upcoming", "waiting")},
        }


def recipient_units(plan: Plan, chosen: Iterable[str] | None = None) -> list[str]:
    """The units to remind, in plan order: every unit, or those chosen (a group stands for its
    member units)."""
    units = [u.id for u in plan.units]
    if chosen is None:
        return units
    directory = Directory(plan)
    wanted = directory.expand_all(chosen)
    return [u for u in units if u in wanted]


def digest_for(
    plan: Plan,
    unit_id: str,
    as_of: dt.date,
    *,
    within: int,
    repeat_overdue_days: int,
    log: SendLog,
    progress: Progress | None = None,
    force: bool = False,
    directory: Directory | None = None,
) -> Digest:
    """The unit's digest on `as_of` (possibly with no items: nothing to tell)."""
    report = due_report(plan, as_of, within=within, selection=Selection(unit=unit_id), progress=progress)
    name = (directory or Directory(plan)).name(unit_id)
    digest = Digest(unit_id, name, as_of, within)
    for item in [*report.overdue, *report.upcoming, *report.waiting]:
        reason = reason_of(item)
        last = log.last_told(unit_id, key_of(item), reason)
        if last is None:
            digest.items.append(Told(item, reason))
        elif force or (reason == "overdue" and (as_of - last).days >= repeat_overdue_days):
            digest.items.append(Told(item, reason, last))
        else:
            digest.already_told["upcoming" if reason == "due_today" else reason] += 1
    return digest


def build_digests(
    plan: Plan,
    as_of: dt.date,
    unit_ids: Sequence[str],
    *,
    within: int,
    repeat_overdue_days: int,
    log: SendLog,
    progress: Progress | None = None,
    force: bool = False,
) -> list[Digest]:
    """The digests with something to tell, one per unit, in the order of `unit_ids`."""
    directory = Directory(plan)
    found = []
    for unit_id in unit_ids:
        digest = digest_for(
            plan,
            unit_id,
            as_of,
            within=within,
            repeat_overdue_days=repeat_overdue_days,
            log=log,
            progress=progress,
            force=force,
            directory=directory,
        )
        if digest.items:
            found.append(digest)
    return found
