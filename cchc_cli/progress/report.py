"""The periodic CCHC progress report: one official table (task, deadline, status, evidence).

Reports go to Sở Nội vụ for quý I, 6 tháng, quý III and the year, within the 14th day of the
period's last month (14/03, 14/06, 14/09, 14/12 of the plan year); that day is also the data
cut-off, so `default_as_of` is the earlier of today and that day. A report is cumulative from
01/01: it lists every task, with each milestone's status as of the day and, for recurring
milestones, the occurrences due by the end of the period (31/03, 30/06, 30/09, 31/12). The
summary under the table counts the items due by that end (or already done), as `stats` does.

Pure: builds a `PeriodReport` (what the report says); `export/report.py` lays it out as the
appendix-style table that the Word and Markdown writers print. Nothing here writes files,
prints or reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.calendar import month_end
from cchc_cli.plan.model import DocumentRef, Plan
from cchc_cli.plan.units import Directory
from cchc_cli.progress.log import ProgressLog, record_of
from cchc_cli.progress.stats import count, percent, status_text
from cchc_cli.query.due import Selection, select
from cchc_cli.query.status import Item, milestone_items, missed_text

PeriodName = Literal["q1", "h1", "q3", "year"]


@dataclass(frozen=True)
class ReportPeriod:
    name: PeriodName
    title: str  # in the report's title, before the year: "QUÝ I NĂM", "6 THÁNG ĐẦU NĂM"…
    words: str  # in a sentence, before the year: "quý I năm", "6 tháng đầu năm"…
    last_month: int


PERIODS: dict[str, ReportPeriod] = {
    "q1": ReportPeriod("q1", "QUÝ I NĂM", "quý I năm", 3),
    "h1": ReportPeriod("h1", "6 THÁNG ĐẦU NĂM", "6 tháng đầu năm", 6),
    "q3": ReportPeriod("q3", "QUÝ III NĂM", "quý III năm", 9),
    "year": ReportPeriod("year", "NĂM", "năm", 12),
}


@dataclass(frozen=True)
class ReportSection:
    """A section's row: the Roman numeral and the title in capitals."""

    numeral: str
    title: str


@dataclass(frozen=True)
class ReportRow:
    """One task: STT, the task and Tiến độ cells, its status and the evidence recorded."""

    number: str
    task: str
    schedule: str
    status: str
    evidence: str

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        return (self.number, self.task, self.schedule, self.status, self.evidence)


@dataclass(frozen=True)
class PeriodReport:
    title: str  # "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2025 CỦA …"
    document: DocumentRef  # the report itself: "Báo cáo số …/BC-SXD", for the Kèm-theo line
    year: int
    body: tuple[ReportSection | ReportRow, ...]
    notes: tuple[str, ...]


def report_due(year: int, period: ReportPeriod) -> dt.date:
    """The day the report must reach Sở Nội vụ: the 14th of the period's last month."""
    return dt.date(year, period.last_month, 14)


def period_end(year: int, period: ReportPeriod) -> dt.date:
    return month_end(year, period.last_month)


def default_as_of(year: int, period: ReportPeriod, today: dt.date) -> dt.date:
    return min(today, report_due(year, period))


def _report_symbol(symbol: str) -> str:
    """'KH-SXD' -> 'BC-SXD': the report carries the agency's suffix."""
    _kind, sep, suffix = symbol.partition("-")
    return f"BC-{suffix}" if sep else f"BC-{symbol}"


def _milestone_status(items: list[Item], recurring: bool, as_of: dt.date) -> str:
    """The status of one milestone; recurring ones summarised over their occurrences."""
    if not recurring:
        return status_text(items[0], as_of)
    if not items:
        return "Chưa đến kỳ thực hiện"
    counts = count(items)
    text = f"Đã hoàn thành {counts.done}/{sum(i.missed for i in items)} kỳ"
    parts = [
        f"{word} {n}"
        for word, n in (("sớm hạn", counts.early), ("đúng hạn", counts.on_time), ("trễ hạn", counts.late))
        if n
    ]
    if parts:
        text += f" ({', '.join(parts)})"
    overdue = [i for i in items if i.status == "overdue"]
    listed = [i.period or "" for i in overdue if i.missed == 1]
    if listed:
        text += f"; quá hạn {len(listed)} kỳ: {', '.join(listed)}"
    for collapsed in overdue:
        if collapsed.missed > 1 and collapsed.due is not None:
            text += f"; quá hạn {missed_text(collapsed.missed, collapsed.due)}"
    if counts.open:
        text += f"; {counts.open} kỳ đang trong hạn"
    return text


def _in_period(item: Item, end: dt.date) -> bool:
    """Whether an item counts in a report whose period ends on `end`: what was due by then, an
    event milestone done by then, and what still waits for its event."""
    if item.due is not None:
        return item.due <= end
    if item.status == "done_undated":
        return item.done is not None and item.done <= end
    return item.status == "waiting"


def _evidence_lines(items: list[Item]) -> list[str]:
    lines = []
    for item in items:
        record = record_of(item.entry)
        if record is None:
            continue
        text = f"Kỳ {item.period}: {record.evidence}" if item.period else record.evidence
        if record.note:
            text += f" ({record.note})"
        lines.append(text)
    return lines


def build_report(
    plan: Plan,
    period: ReportPeriod,
    as_of: dt.date,
    *,
    progress: ProgressLog | None = None,
    selection: Selection | None = None,
) -> PeriodReport:
    year = plan.year
    end = period_end(year, period)
    items = list(milestone_items(plan, as_of, progress=progress, until=end))
    by_milestone: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in items:
        by_milestone[(item.task.id, item.milestone.key)].append(item)
    directory = Directory(plan)
    body: list[ReportSection | ReportRow] = []
    counted: list[Item] = []
    current = None
    for section, task, kept in select(plan, directory, selection or Selection()):
        if section is not current:
            body.append(ReportSection(section.numeral, section.title.upper()))
            current = section
        status_lines: list[str] = []
        evidence: list[str] = []
        for milestone, _role in kept:
            mine = by_milestone.get((task.id, milestone.key), [])
            recurring = milestone.deadline.kind == "recurring"
            if not mine and not recurring:
                continue
            line = _milestone_status(mine, recurring, as_of)
            status_lines.append(f"- {milestone.label}: {line}" if len(kept) > 1 else line)
            evidence.extend(_evidence_lines(mine))
            counted.extend(i for i in mine if _in_period(i, end))
        number = section.tasks.index(task) + 1
        body.append(
            ReportRow(str(number), task.task, task.schedule, "\n".join(status_lines), "\n".join(evidence))
        )
    doc = plan.plan.document
    totals = count(counted)
    due_day = report_due(year, period)
    notes = (
        f"Báo cáo gửi Sở Nội vụ trong ngày 14 của tháng cuối kỳ báo cáo: hạn gửi báo cáo "
        f"{period.words} {year} là ngày {vn_date(due_day)}.",
        f"Số liệu tính đến ngày {vn_date(as_of)}, các mốc có hạn đến {vn_date(end)}: "
        f"{totals.done} mốc đã hoàn thành (sớm hạn {totals.early}, đúng hạn {totals.on_time}, "
        f"trễ hạn {totals.late}), {totals.open} đang thực hiện trong hạn, {totals.overdue} quá "
        f"hạn, {totals.waiting} chờ sự kiện; tỷ lệ hoàn thành {percent(totals.completion_rate)}, "
        f"tỷ lệ hoàn thành sớm hạn {percent(totals.early_rate)}.",
        "Sớm hạn: hoàn thành trước ngày hạn; đúng hạn: hoàn thành trong ngày hạn; trễ hạn: "
        "hoàn thành sau ngày hạn. Mốc định kỳ tính theo từng kỳ.",
    )
    report_ref = DocumentRef(
        kind="Báo cáo", number="", symbol=_report_symbol(doc.symbol), date=None, issuer=doc.issuer
    )
    return PeriodReport(
        title=(
            f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {period.title} {year} CỦA {doc.issuer.upper()}"
        ),
        document=report_ref,
        year=year,
        body=tuple(body),
        notes=notes,
    )
