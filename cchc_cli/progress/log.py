"""Recorded results: the progress file beside a plan (`plans/2025.progress.yaml`).

The approved plan never changes when work is done; results live in their own file:

    format_version: 1
    plan: 2025                  # the plan year (or the plan file name): catches a wrong pair
    records:
      - task: I.1               # task id, as in the plan
        milestone: "1"          # which milestone ("1", "2"… in the order of the Tiến độ cell)
        done: 2025-02-10        # the day the result was issued
        evidence: Báo cáo số 45/BC-SXD ngày 18/02/2025
        note: …                 # optional
        recorded_by: Nguyễn Văn A   # optional
      - task: VII.5
        milestone: "1"
        period: 2025-Q1         # recurring deadlines: one record per occurrence
        done: 2025-03-14
        evidence: Báo cáo số 12/BC-SXD ngày 14/03/2025

Occurrence periods are named as `milestones.period_key` names them: 2025-W05 (weekly),
2025-03 (monthly), 2025-Q1, 2025-H1, 2025 (yearly). `milestone` may be left out when the task
has a single milestone (or, with `period`, a single recurring one).

The file is read through `loader.parse_document` (syntax errors, duplicated keys… with
file:line:column) and checked against the plan: an unknown task, milestone or period, a
record for the same milestone twice, or a done date outside the allowed window is an error on
its line. The window is 01/01 of the plan year to 31/12 of the following year: work for a
plan cannot be done before its year starts, and late results (and the yearly report) may
still come in during the next year. Writing is `progress.store`'s job; nothing here writes,
prints or reads the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.schedule import FREQ_VI, Recurrence, occurrences
from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.errors import PlanFileError, UsageError
from cchc_cli.plan.collector import collector_paused
from cchc_cli.plan.discovery import progress_path_for
from cchc_cli.plan.lookup import NotFoundError, find_task
from cchc_cli.plan.milestones import Milestone, period_key, task_milestones
from cchc_cli.plan.model import Plan, Section, Task
from cchc_cli.plan.sourcemap import LoadedPlan, SourceMap, display_path
from cchc_cli.plan.validation import null_as_empty_list

if TYPE_CHECKING:  # the loader imports PyYAML: only once there is a file to read
    from cchc_cli.plan.loader import Document

PROGRESS_FORMAT_VERSION = 1
"""The newest progress-file format this program understands."""


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ProgressRecord(BaseModel):
    """One result: a task milestone (or one occurrence of a recurring one) done, with evidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    task: NonEmpty = Field(description="Mã nhiệm vụ, ví dụ I.1")
    milestone: str | None = Field(None, description="Mốc: 1, 2… theo thứ tự trong ô Tiến độ")
    period: str | None = Field(None, description="Kỳ của mốc định kỳ: 2025-Q1, 2025-03…")
    done: dt.date = Field(description="Ngày hoàn thành (ngày của văn bản kết quả)")
    evidence: NonEmpty = Field(description="Văn bản chứng minh, ví dụ 'Báo cáo số 45/BC-SXD'")
    note: str | None = None
    recorded_by: str | None = None

    @field_validator("milestone", "period", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        # `milestone: 1` and `period: 2025` are read by YAML as numbers; they name keys.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value


class ProgressFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    plan: str | int = Field(description="Năm kế hoạch hoặc tên tệp kế hoạch")
    records: list[ProgressRecord] = Field(default_factory=list)

    _null_records = field_validator("records", mode="before")(null_as_empty_list)


# --- which milestone a record (or a `cchc done`) is about ------------------------------------


@dataclass(frozen=True)
class Target:
    section: Section
    task: Task
    milestone: Milestone
    period: str | None  # the occurrence, for recurring milestones
    due: dt.date | None  # the due date of that milestone or occurrence, when it has one

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.task.id, self.milestone.key, self.period)

    def describe(self) -> str:
        """'I.1 mốc 1 (Trước ngày 19/02/2025)' or 'VII.5 mốc 1, kỳ 2025-Q1'."""
        what = f"{self.task.id} mốc {self.milestone.key}"
        if self.period:
            what += f", kỳ {self.period}"
        return f"{what} ({self.milestone.label})" if self.milestone.label else what


def milestone_choices(milestones: Iterable[Milestone]) -> str:
    """'1 — Trước ngày 19/02/2025 (hạn 18/02/2025); 2 — …' for messages."""
    parts = []
    for m in milestones:
        d = m.deadline
        extra = ""
        if d.kind == "date" and d.due is not None:
            extra = f" (hạn {vn_date(d.due)})"
        elif d.kind == "recurring" and d.recurrence is not None:
            extra = f" (định kỳ {FREQ_VI[d.recurrence.freq]})"
        parts.append(f"{m.key} — {d.label}{extra}")
    return "; ".join(parts)


def occurrence_periods(milestone: Milestone) -> dict[str, dt.date]:
    """Period name -> due date of every occurrence of a recurring milestone."""
    rec = milestone.deadline.recurrence
    if rec is None:
        return {}
    return dict(_periods(rec))


@functools.lru_cache(maxsize=1024)
def _periods(rec: Recurrence) -> tuple[tuple[str, dt.date], ...]:
    """A progress file names a recurring milestone once per record, and plans of one year share
    their rules ("Hằng quý"): the occurrences (dateutil's rrule, slow) are worked out once."""
    return tuple((period_key(rec.freq, day), day) for day in occurrences(rec))


def _periods_hint(periods: dict[str, dt.date]) -> str:
    names = list(periods)
    if len(names) > 6:
        names = [*names[:3], "…", *names[-2:]]
    return ", ".join(names)


def resolve_target(
    plan: Plan,
    task_id: str,
    milestone_key: str | None,
    period: str | None,
    *,
    cli: bool = True,
) -> Target:
    """The milestone (and occurrence) a record is about, or a NotFoundError saying what is wrong.

    `cli` picks how the message names the fields: `--milestone` on the command line,
    `milestone:` in the file.
    """
    opt_m, opt_p = ("--milestone", "--period") if cli else ("milestone:", "period:")
    section, task = find_task(plan, task_id)
    milestones = task_milestones(plan, task)
    if not milestones:
        raise NotFoundError("task", f"nhiệm vụ {task.id} không có mốc nào (ô Tiến độ trống)")
    if milestone_key is not None and milestone_key.strip():
        key = milestone_key.strip()
        found = [m for m in milestones if m.key == key]
        if not found:
            raise NotFoundError(
                "milestone",
                f"nhiệm vụ {task.id} không có mốc “{key}”; các mốc: {milestone_choices(milestones)}",
            )
        milestone = found[0]
    elif period is not None and period.strip():
        recurring = [m for m in milestones if m.deadline.kind == "recurring"]
        if not recurring:
            raise NotFoundError(
                "period", f"nhiệm vụ {task.id} không có mốc định kỳ nên không có kỳ; bỏ {opt_p}"
            )
        if len(recurring) > 1:
            raise NotFoundError(
                "milestone",
                f"nhiệm vụ {task.id} có {len(recurring)} mốc định kỳ; chỉ rõ bằng {opt_m}: "
                f"{milestone_choices(recurring)}",
            )
        milestone = recurring[0]
    elif len(milestones) == 1:
        milestone = milestones[0]
    else:
        raise NotFoundError(
            "milestone",
            f"nhiệm vụ {task.id} có {len(milestones)} mốc; chỉ rõ mốc bằng {opt_m}: "
            f"{milestone_choices(milestones)}",
        )
    deadline = milestone.deadline
    if deadline.kind == "recurring" and deadline.recurrence is not None:
        periods = occurrence_periods(milestone)
        freq = FREQ_VI[deadline.recurrence.freq]
        if period is None or not period.strip():
            raise NotFoundError(
                "period",
                f"mốc {milestone.key} của nhiệm vụ {task.id} là định kỳ ({freq}); chỉ rõ kỳ bằng "
                f"{opt_p}, ví dụ {next(iter(periods), '2025-Q1')} (các kỳ: {_periods_hint(periods)})",
            )
        name = period.strip().upper()
        if name not in periods:
            raise NotFoundError(
                "period",
                f"“{period.strip()}” không phải một kỳ của mốc {milestone.key} nhiệm vụ {task.id} "
                f"({freq}); các kỳ: {_periods_hint(periods) or 'không có'}",
            )
        return Target(section, task, milestone, name, periods[name])
    if period is not None and period.strip():
        raise NotFoundError(
            "period",
            f"mốc {milestone.key} của nhiệm vụ {task.id} không định kỳ nên không có kỳ; bỏ {opt_p}",
        )
    due = deadline.due if deadline.kind == "date" else None
    return Target(section, task, milestone, None, due)


def done_window(year: int) -> tuple[dt.date, dt.date]:
    """The days a result of a `year` plan may be dated: 01/01/year to 31/12/(year + 1)."""
    return dt.date(year, 1, 1), dt.date(year + 1, 12, 31)


def check_done_date(day: dt.date, year: int) -> str | None:
    """Why `day` cannot be a done date of a `year` plan (not counting the future), or None."""
    first, last = done_window(year)
    if day < first:
        return (
            f"ngày hoàn thành {vn_date(day)} trước năm kế hoạch {year}; kết quả của kế hoạch "
            f"năm {year} phải từ {vn_date(first)} trở đi"
        )
    if day > last:
        return f"ngày hoàn thành {vn_date(day)} quá xa năm kế hoạch {year}; chỉ nhận đến {vn_date(last)}"
    return None


# --- the loaded file -----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A record of the file, resolved against the plan."""

    index: int  # position in `records`
    target: Target
    record: ProgressRecord

    @property
    def done(self) -> dt.date:
        return self.record.done


def record_of(entry: object) -> ProgressRecord | None:
    """The progress record behind a status item's entry (None when it has none)."""
    return entry.record if isinstance(entry, Entry) else None


class ProgressLog:
    """The records of one progress file, indexed by (task id, milestone key, period)."""

    def __init__(
        self, entries: Iterable[Entry] = (), path: Path | None = None, source: SourceMap | None = None
    ) -> None:
        self.path = path
        self.source = source  # where the records stand (at least `records[i]`), when read from a file
        self.entries = list(entries)
        self._by_key = {entry.target.key: entry for entry in self.entries}
        self._tasks = {entry.target.task.id for entry in self.entries}
        self._by_milestone: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.entries:
            self._by_milestone.setdefault(entry.target.key[:2], []).append(entry)

    def entry(self, task_id: str, key: str, period: str | None) -> Entry | None:
        return self._by_key.get((task_id, key, period))

    def is_done(self, task_id: str, key: str, period: str | None) -> bool:
        return (task_id, key, period) in self._by_key

    def has_records(self, task_id: str) -> bool:
        return task_id in self._tasks

    def for_task(self, task_id: str) -> list[Entry]:
        return [e for e in self.entries if e.target.task.id == task_id]

    def milestone_entries(self, task_id: str, key: str) -> list[Entry]:
        """The records of one milestone (all its occurrences)."""
        return self._by_milestone.get((task_id, key), [])

    def __len__(self) -> int:
        return len(self.entries)


def open_progress_for(loaded: LoadedPlan, option: str | None) -> ProgressLog | None:
    """The progress file of a plan: `--progress FILE`, else `<plan stem>.progress.yaml` beside
    the plan; None when that default file does not exist. A missing `--progress` file is an
    error; an invalid file raises PlanFileError with every problem."""
    path = progress_path_for(Path(loaded.path), option)
    if not os.path.lexists(path):  # a dangling link is reported by the reader
        if option:
            raise UsageError(f"--progress: không tìm thấy tệp “{option}”")
        return None
    return load_progress(path, loaded)


def load_progress(path: Path, loaded: LoadedPlan, shown: str | None = None) -> ProgressLog:
    log, problems = check_progress(path, loaded, shown)
    if problems or log is None:
        problems.sort(key=Diagnostic.sort_key)
        raise PlanFileError(shown or display_path(path), problems)
    return log


def _diag(shown: str, where: tuple[int, int], code: str, message: str) -> Diagnostic:
    return Diagnostic(shown, where[0], where[1], Severity.ERROR, code, message)


def check_progress(
    path: Path, loaded: LoadedPlan, shown: str | None = None, text: str | None = None
) -> tuple[ProgressLog | None, list[Diagnostic]]:
    """Read and check a progress file against its plan; every problem with its position.

    The file is first read without recording where every node stands (a clean file, the
    usual case, needs no position); a file with a problem is read again with positions."""
    from cchc_cli.plan.loader import parse_document  # PyYAML: only once there is a file to read

    shown = shown or display_path(path)
    with collector_paused():  # thousands of records, models and entries: no cycle among them
        doc = parse_document(path, shown, text, positions=False)
        log, problems = _checked(doc, path, loaded, shown)
        if problems and not doc.complete:
            doc = parse_document(path, shown, doc.text)
            log, problems = _checked(doc, path, loaded, shown)
    return log, problems


def _checked(
    doc: Document, path: Path, loaded: LoadedPlan, shown: str
) -> tuple[ProgressLog | None, list[Diagnostic]]:
    from cchc_cli.plan.loader import check_versioned

    data, problems = check_versioned(doc, ProgressFile, newest=PROGRESS_FORMAT_VERSION, what="tệp tiến độ")
    if data is None:
        return None, problems
    plan = loaded.plan
    if not _plan_matches(data.plan, loaded):
        problems.append(
            _diag(
                shown,
                doc.source.locate(("plan",)),
                "plan-mismatch",
                f"tệp tiến độ ghi cho kế hoạch “{data.plan}”, nhưng đang mở kế hoạch năm "
                f"{plan.year} ({Path(loaded.path).name}); chọn đúng cặp tệp bằng --plan/--progress",
            )
        )
    entries: list[Entry] = []
    seen: dict[tuple[str, str, str | None], int] = {}
    for index, record in enumerate(data.records):
        base = ("records", index)
        try:
            target = resolve_target(plan, record.task, record.milestone, record.period, cli=False)
        except NotFoundError as exc:
            problems.append(_diag(shown, doc.source.locate((*base, exc.field)), "unknown-target", str(exc)))
            continue
        why = check_done_date(record.done, plan.year)
        if why:
            problems.append(_diag(shown, doc.source.locate((*base, "done")), "done-date", why))
        if target.key in seen:
            first_line = doc.source.locate(("records", seen[target.key]))[0]
            problems.append(
                _diag(
                    shown,
                    doc.source.locate(base),
                    "duplicate-record",
                    f"{target.describe()} đã được ghi ở dòng {first_line}; xóa một trong hai",
                )
            )
            continue
        seen[target.key] = index
        entries.append(Entry(index, target, record))
    if problems:
        return None, problems
    return ProgressLog(entries, path, doc.source), []


def _plan_matches(value: str | int, loaded: LoadedPlan) -> bool:
    text = str(value).strip()
    name = Path(loaded.path).name
    return text in {str(loaded.plan.year), name, Path(name).stem}
