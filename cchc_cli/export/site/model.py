"""What the site's pages say, as plain values: built from the plan, its progress and a day.

Every status comes from `query/status.py` (through `milestone_items`, `due_report` and
`compute_stats`), so the site shows what `due`, `stats` and the exports show; nothing here
decides again what "overdue" means. Records dated after the as-of day are left out, as the
statuses leave them out. Pure: no files, no clock, no HTML.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.schedule import FREQ_VI, occurrences
from cchc_cli.export.appendix import attachment_line
from cchc_cli.plan.milestones import Milestone, period_key, task_milestones
from cchc_cli.plan.model import CELL_LABELS, Plan
from cchc_cli.plan.units import Directory
from cchc_cli.progress.log import ProgressLog, record_of
from cchc_cli.progress.stats import Counts, Score, StatsConfig, compute_stats, status_text
from cchc_cli.query.due import DueItem, Selection, due_report, select
from cchc_cli.query.status import Item, milestone_items, missed_text
from cchc_cli.textfold import squash

BUCKETS: tuple[str, ...] = ("early", "on_time", "late", "open", "overdue", "waiting")
"""The VPCP buckets, in the order the overview charts and tables show them."""

STATUS_SHORT: dict[str, str] = {
    "early": "Sớm hạn",
    "on_time": "Đúng hạn",
    "late": "Trễ hạn",
    "done_undated": "Hoàn thành",
    "open": "Trong hạn",
    "overdue": "Quá hạn",
    "waiting": "Chờ sự kiện",
    "ongoing": "Thường xuyên",
    "reference": "Theo quy định",
    "unknown": "Chưa rõ hạn",
}
"""The short name of each status, for badges, filters and chart legends."""

SUMMARY_CHARS = 140
OVERVIEW_ROWS = 100
"""At most this many overdue (and as many upcoming) rows on the overview; the rest are counted."""


@dataclass(frozen=True)
class SiteSettings:
    """What a build takes besides the plan, its progress and the day."""

    stats: StatsConfig = field(default_factory=StatsConfig)
    within: int = 14  # "falls due in the next N days"
    remind_days: int = 3  # the calendars' reminders
    page_budget: int = 300_000  # bytes: a page that would be larger is split by section


@dataclass(frozen=True)
class ItemView:
    """One counted item of a milestone (an occurrence, for recurring ones)."""

    status: str
    short: str
    text: str  # "Quá hạn 12 ngày (hạn 18/02/2025)", "Hoàn thành sớm hạn ngày …"
    due: dt.date | None
    period: str | None
    done: dt.date | None
    evidence: str | None
    missed: int


@dataclass(frozen=True)
class MilestoneView:
    key: str
    label: str  # the deadline as the Tiến độ cell words it
    kind: str  # "date", "recurring", "event", "ongoing", "reference", "unknown"
    kind_text: str  # "hạn 18/02/2025", "định kỳ hằng quý", "chờ sự kiện: …"
    due: dt.date | None  # dated milestones
    start: dt.date | None  # dated milestones that name a period (Quý II: 01/04)
    lead: tuple[str, ...]  # unit names
    items: tuple[ItemView, ...]
    future: tuple[dt.date, ...]  # later occurrences of a recurring milestone (not items yet)

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)


@dataclass(frozen=True)
class RecordView:
    done: dt.date
    what: str  # "Mốc 1", "Mốc 1, kỳ 2025-Q1"
    evidence: str
    note: str | None
    recorded_by: str | None


@dataclass(frozen=True)
class TaskView:
    id: str
    anchor: str  # the HTML id of the task on its section page
    section: str  # the section's numeral
    position: int  # STT: the task's position in its section
    summary: str  # the Nhiệm vụ cell on one line, shortened
    cells: tuple[tuple[str, str], ...]  # (column name, the cell verbatim)
    lead: tuple[str, ...]  # unit and group names
    support: tuple[str, ...]
    units: str  # every unit concerned, groups expanded, space-separated ids (the filter)
    statuses: str  # the statuses of its items, space-separated (the filter)
    milestones: tuple[MilestoneView, ...]
    records: tuple[RecordView, ...]


@dataclass(frozen=True)
class SectionView:
    numeral: str
    slug: str  # file name part: the numeral, made unique
    title: str
    counts: Counts
    tasks: tuple[TaskView, ...]


@dataclass(frozen=True)
class UnitTask:
    task: TaskView
    role: str  # "lead" or "support"
    milestones: tuple[MilestoneView, ...]  # the milestones the unit leads or supports


@dataclass(frozen=True)
class UnitView:
    id: str
    name: str
    counts: Counts  # the milestones it leads (chủ trì)
    lead: tuple[UnitTask, ...]
    support: tuple[UnitTask, ...]


@dataclass(frozen=True)
class DueView:
    """A row of the overview's overdue or upcoming list."""

    task_id: str
    section: str
    summary: str
    label: str
    due: dt.date | None
    text: str  # "quá 12 ngày", "24 kỳ chưa ghi nhận, gần nhất 13/06/2025", "còn 3 ngày"
    lead: tuple[str, ...]
    units: str
    status: str


@dataclass(frozen=True)
class Overview:
    agency: str
    title: str
    attachment: str
    year: int
    as_of: dt.date
    within: int
    until: dt.date  # the last day of the upcoming window
    total: Counts
    by_section: tuple[tuple[SectionView, Counts], ...]
    overdue: tuple[DueView, ...]
    overdue_more: int  # overdue items not listed (beyond OVERVIEW_ROWS)
    upcoming: tuple[DueView, ...]
    upcoming_more: int
    waiting: int
    score: Score | None


@dataclass(frozen=True)
class SiteData:
    plan: Plan
    as_of: dt.date
    settings: SiteSettings
    overview: Overview
    sections: tuple[SectionView, ...]
    units: tuple[UnitView, ...]
    tasks: dict[str, TaskView]


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    flat = squash(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def section_slugs(plan: Plan) -> list[str]:
    """One file-name part per section: its numeral, with -2, -3… should a numeral repeat."""
    seen: dict[str, int] = defaultdict(int)
    slugs = []
    for section in plan.sections:
        seen[section.numeral] += 1
        n = seen[section.numeral]
        slugs.append(section.numeral if n == 1 else f"{section.numeral}_{n}")
    return slugs


def _kind_text(milestone: Milestone) -> str:
    d = milestone.deadline
    if d.kind == "date" and d.due is not None:
        return f"hạn {vn_date(d.due)}"
    if d.kind == "recurring" and d.recurrence is not None:
        return f"định kỳ {FREQ_VI[d.recurrence.freq]}"
    if d.kind == "event":
        return f"chờ sự kiện: {d.event}" if d.event else "chờ sự kiện"
    if d.kind == "ongoing":
        return "thường xuyên"
    if d.kind == "reference":
        return "theo quy định/kế hoạch khác"
    return "chưa đọc được tiến độ"


def _item_view(item: Item, as_of: dt.date) -> ItemView:
    record = record_of(item.entry)
    return ItemView(
        status=item.status,
        short=STATUS_SHORT[item.status],
        text=status_text(item, as_of),
        due=item.due,
        period=item.period,
        done=item.done,
        evidence=record.evidence if record is not None else None,
        missed=item.missed,
    )


def _future(milestone: Milestone, items: Sequence[Item], as_of: dt.date) -> tuple[dt.date, ...]:
    rec = milestone.deadline.recurrence
    if milestone.deadline.kind != "recurring" or rec is None:
        return ()
    counted = {item.period for item in items}
    return tuple(d for d in occurrences(rec) if d > as_of and period_key(rec.freq, d) not in counted)


def _record_views(log: ProgressLog | None, as_of: dt.date) -> dict[str, list[RecordView]]:
    found: dict[str, list[RecordView]] = defaultdict(list)
    if log is None:
        return found
    for entry in log.entries:
        record = entry.record
        if record.done > as_of:  # the site "as of" a day does not know of later work
            continue
        target = entry.target
        what = f"Mốc {target.milestone.key}"
        if target.period:
            what += f", kỳ {target.period}"
        found[target.task.id].append(
            RecordView(record.done, what, record.evidence, record.note, record.recorded_by)
        )
    for records in found.values():
        records.sort(key=lambda r: (r.done, r.what))
    return found


def _task_views(
    plan: Plan, as_of: dt.date, log: ProgressLog | None, directory: Directory
) -> dict[str, TaskView]:
    by_milestone: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in milestone_items(plan, as_of, progress=log):
        by_milestone[(item.task.id, item.milestone.key)].append(item)
    records = _record_views(log, as_of)
    tasks: dict[str, TaskView] = {}
    for section in plan.sections:
        for position, task in enumerate(section.tasks, start=1):
            views = []
            statuses: set[str] = set()
            milestones = task_milestones(plan, task)
            for milestone in milestones:
                items = by_milestone.get((task.id, milestone.key), [])
                statuses.update(i.status for i in items)
                d = milestone.deadline
                views.append(
                    MilestoneView(
                        key=milestone.key,
                        label=milestone.label,
                        kind=d.kind,
                        kind_text=_kind_text(milestone),
                        due=d.due if d.kind == "date" else None,
                        start=d.start if d.kind == "date" else None,
                        lead=tuple(directory.names(milestone.lead)),
                        items=tuple(_item_view(i, as_of) for i in items),
                        future=_future(milestone, items, as_of),
                    )
                )
            concerned = directory.expand_all([*task.lead, *task.support])
            for milestone in milestones:
                concerned |= directory.expand_all(milestone.lead)
            tasks[task.id] = TaskView(
                id=task.id,
                anchor=f"nv-{task.id}",
                section=section.numeral,
                position=position,
                summary=shorten(task.task),
                cells=tuple((CELL_LABELS[name], getattr(task, name)) for name in CELL_LABELS),
                lead=tuple(directory.names(task.lead)),
                support=tuple(directory.names(task.support)),
                units=" ".join(u for u in _unit_order(plan) if u in concerned),
                statuses=" ".join(s for s in STATUS_SHORT if s in statuses),
                milestones=tuple(views),
                records=tuple(records.get(task.id, [])),
            )
    return tasks


def _unit_order(plan: Plan) -> list[str]:
    return [unit.id for unit in plan.units]


def _due_view(item: DueItem, task: TaskView, lead: tuple[str, ...]) -> DueView:
    if item.status == "overdue":
        if item.missed > 1 and item.due is not None:
            text = missed_text(item.missed, item.due)
        else:
            text = f"quá {item.days} ngày"
    else:
        text = "đến hạn hôm nay" if item.days == 0 else f"còn {item.days} ngày"
    return DueView(
        task_id=item.task_id,
        section=item.section,
        summary=task.summary,
        label=item.label,
        due=item.due,
        text=text,
        lead=lead,
        units=task.units,
        status="overdue" if item.status == "overdue" else "open",
    )


def _milestone_lead(task: TaskView, key: str) -> tuple[str, ...]:
    for milestone in task.milestones:
        if milestone.key == key:
            return milestone.lead
    return task.lead


def _unit_views(
    plan: Plan, directory: Directory, tasks: dict[str, TaskView], lead_counts: dict[str, Counts]
) -> tuple[UnitView, ...]:
    units = []
    for unit in plan.units:
        lead: list[UnitTask] = []
        support: list[UnitTask] = []
        for _section, task, kept in select(plan, directory, Selection(unit=unit.id)):
            view = tasks[task.id]
            keys = {m.key for m, _role in kept}
            roles = {role for _m, role in kept}
            role = directory.role(unit.id, task.lead, task.support)
            leads = "lead" in roles or (not kept and role == "lead")
            chosen = tuple(m for m in view.milestones if m.key in keys)
            (lead if leads else support).append(UnitTask(view, "lead" if leads else "support", chosen))
        units.append(
            UnitView(unit.id, unit.name, lead_counts.get(unit.id, Counts()), tuple(lead), tuple(support))
        )
    return tuple(units)


def build_data(plan: Plan, progress: ProgressLog | None, as_of: dt.date, settings: SiteSettings) -> SiteData:
    """Everything the pages show, computed once."""
    directory = Directory(plan)
    slugs = section_slugs(plan)
    tasks = _task_views(plan, as_of, progress, directory)
    stats = compute_stats(plan, as_of, progress=progress, config=settings.stats)
    by_numeral = {row.key: row.counts for row in stats.by_section}
    sections = tuple(
        SectionView(
            numeral=section.numeral,
            slug=slug,
            title=section.title,
            counts=by_numeral.get(section.numeral, Counts()),
            tasks=tuple(tasks[task.id] for task in section.tasks),
        )
        for section, slug in zip(plan.sections, slugs, strict=True)
    )
    due = due_report(plan, as_of, within=settings.within, progress=progress)
    overdue = [
        _due_view(i, tasks[i.task_id], _milestone_lead(tasks[i.task_id], i.milestone)) for i in due.overdue
    ]
    upcoming = [
        _due_view(i, tasks[i.task_id], _milestone_lead(tasks[i.task_id], i.milestone)) for i in due.upcoming
    ]
    overview = Overview(
        agency=plan.plan.agency,
        title=plan.plan.title,
        attachment=attachment_line(plan.plan.document, plan.year),
        year=plan.year,
        as_of=as_of,
        within=settings.within,
        until=as_of + dt.timedelta(days=settings.within),
        total=stats.total,
        by_section=tuple((s, s.counts) for s in sections if s.numeral in by_numeral),
        overdue=tuple(overdue[:OVERVIEW_ROWS]),
        overdue_more=max(0, len(overdue) - OVERVIEW_ROWS),
        upcoming=tuple(upcoming[:OVERVIEW_ROWS]),
        upcoming_more=max(0, len(upcoming) - OVERVIEW_ROWS),
        waiting=len(due.waiting),
        score=stats.score,
    )
    lead_counts = {row.key: row.counts for row in stats.by_unit}
    units = _unit_views(plan, directory, tasks, lead_counts)
    return SiteData(plan, as_of, settings, overview, sections, units, tasks)
