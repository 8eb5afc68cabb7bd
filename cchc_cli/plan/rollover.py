"""Next year's plan drafted from this year's: what `cchc rollover` changes, and what it flags.

`rollover(plan, year)` returns the draft and the review: what changed outside the tasks (the
title, the Kèm-theo line, the document, the events) and every point it could not decide
alone (`Doubt`). The tasks' own changes are what `query/diff.py` finds between the two plans.

* Units, groups, columns and sections are copied; task ids, STT and units are kept.
* Years move by the rules of `plan/yearshift.py`: Tiến độ cells and explicit milestones as
  `schedule`, the title and Kèm-theo line as `heading`, every other text (task, output,
  assignment, extra cells, notes, section titles, column headings, event names) as `text`.
  Unit and group names are names of bodies and never change. Explicit milestone dates
  (`due`, `start`, `until`) move by the difference, 29/02 becoming 28/02 (flagged).
* The plan document gets no number and no date (the new plan is not signed yet); a
  Kèm-theo line that still writes the old number is flagged.
* Events lose their date and evidence: they have not happened in the new year yet.
* No progress is copied: the new year starts with no results.

Pure: a Plan in, a Plan and values out; writing the file is the command's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cchc_cli.dates import vn_date
from cchc_cli.plan.model import Plan
from cchc_cli.plan.yearshift import Context, Note, Shift, shift_date, shift_text

__all__ = ["Doubt", "FieldChange", "Rollover", "rollover"]


@dataclass(frozen=True)
class FieldChange:
    """A change outside the task rows: `what` in Vietnamese, the old and new value as text."""

    what: str
    old: str
    new: str


@dataclass(frozen=True)
class Doubt:
    """A point to review: where it is (a task id or None), the cell, and the note."""

    task: str | None
    where: str  # "ô Tiến độ", "tên phụ lục", "mốc 2 (due)"…
    note: Note

    def line(self) -> str:
        head = f"{self.task}, {self.where}" if self.task else self.where
        return f"{head}: {self.note.message}"


@dataclass
class Rollover:
    source: Plan
    plan: Plan
    changes: list[FieldChange] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)

    @property
    def shift(self) -> Shift:
        return Shift(self.source.year, self.plan.year)


_CELL_NAMES = {
    "task": "ô Nhiệm vụ",
    "output": "ô Kết quả/sản phẩm",
    "schedule": "ô Tiến độ",
    "assignment": "ô Phân công",
    "note": "ghi chú",
}


class _Mover:
    def __init__(self, shift: Shift) -> None:
        self.shift = shift
        self.doubts: list[Doubt] = []

    def text(self, value: str, context: Context, task: str | None, where: str) -> str:
        shifted = shift_text(value, self.shift, context)
        self.doubts.extend(Doubt(task, where, note) for note in shifted.notes)
        return shifted.text

    def maybe(self, value: str | None, context: Context, task: str | None, where: str) -> str | None:
        return None if value is None else self.text(value, context, task, where)

    def date(self, value: dt.date | None, task: str | None, where: str) -> dt.date | None:
        if value is None:
            return None
        moved, leap = shift_date(value, self.shift)
        if leap:
            message = (
                f"ngày {vn_date(value)}: năm {moved.year} không có ngày 29/02; đã ghi {vn_date(moved)} "
                "(ngày cuối tháng 2), xem lại"
            )
            self.doubts.append(Doubt(task, where, Note("leap-day", vn_date(value), vn_date(moved), message)))
        if value.year < self.shift.source:
            message = (
                f"ngày {vn_date(value)} đã trước năm kế hoạch {self.shift.source} ngay trong bản gốc; "
                f"dời thành {vn_date(moved)}, vẫn trước năm {self.shift.target}: xem lại hạn này"
            )
            self.doubts.append(Doubt(task, where, Note("stale", vn_date(value), vn_date(moved), message)))
        return moved


def _task(mover: _Mover, task: dict[str, Any]) -> dict[str, Any]:
    tid = task["id"]
    for name in ("task", "output", "assignment", "note"):
        if task.get(name) is not None:
            task[name] = mover.text(task[name], "text", tid, _CELL_NAMES[name])
    task["schedule"] = mover.text(task["schedule"], "schedule", tid, _CELL_NAMES["schedule"])
    task["cells"] = {
        key: mover.text(value, "text", tid, f"ô {key}") for key, value in (task.get("cells") or {}).items()
    }
    for index, spec in enumerate(task.get("deadlines") or [], start=1):
        where = f"mốc {index} ghi rõ trong deadlines"
        spec["text"] = mover.maybe(spec.get("text"), "schedule", tid, where)
        spec["label"] = mover.maybe(spec.get("label"), "schedule", tid, where)
        for name in ("due", "start", "until"):
            spec[name] = mover.date(spec.get(name), tid, f"{where} ({name})")
    return task


def rollover(plan: Plan, year: int) -> Rollover:
    """The draft of the `year` plan made from `plan` (see the module's documentation)."""
    shift = Shift(plan.year, year)
    mover = _Mover(shift)
    data = plan.model_dump()
    result_changes: list[FieldChange] = []
    info = data["plan"]
    info["year"] = year
    for name, label in (("title", "tên phụ lục"), ("attachment", "dòng Kèm theo")):
        old = info[name]
        info[name] = mover.text(old, "heading", None, label)
        if info[name] != old:
            result_changes.append(FieldChange(label, old, info[name]))
    document = info["document"]
    number = document["number"].strip()
    if number:
        result_changes.append(FieldChange("số văn bản", number, ""))
        if f"số {number}/" in info["attachment"] or f"{number}/{document['symbol']}" in info["attachment"]:
            mover.doubts.append(
                Doubt(
                    None,
                    "dòng Kèm theo",
                    Note(
                        "stale",
                        number,
                        number,
                        f"dòng Kèm theo còn ghi số {number}/{document['symbol']} của kế hoạch năm "
                        f"{plan.year}; sửa khi kế hoạch năm {year} có số",
                    ),
                )
            )
    if document["date"] is not None:
        result_changes.append(FieldChange("ngày ban hành", vn_date(document["date"]), ""))
    document["number"] = ""
    document["date"] = None
    for column in data.get("columns") or []:
        column["heading"] = mover.text(column["heading"], "text", None, "tên cột")
        column["group"] = mover.maybe(column.get("group"), "text", None, "tên cột")
    for source, event in zip(plan.events, data["events"], strict=True):
        where = f"sự kiện “{source.name}”"
        event["name"] = mover.text(source.name, "text", None, where)
        event["aliases"] = [mover.text(alias, "text", None, where) for alias in source.aliases]
        if event["name"] != source.name or event["aliases"] != source.aliases:
            old = "; ".join([source.name, *source.aliases])
            result_changes.append(FieldChange(where, old, "; ".join([event["name"], *event["aliases"]])))
        if source.date is not None:
            result_changes.append(FieldChange(f"ngày của {where}", vn_date(source.date), ""))
        event["date"] = None
        event["evidence"] = None
    for section in data["sections"]:
        old = section["title"]
        section["title"] = mover.text(old, "text", None, f"tên mục {section['numeral']}")
        if section["title"] != old:
            result_changes.append(FieldChange(f"tên mục {section['numeral']}", old, section["title"]))
        section["tasks"] = [_task(mover, task) for task in section["tasks"]]
    new_plan = Plan.model_validate(data)
    for (_s1, old_task), (_s2, new_task) in zip(plan.iter_tasks(), new_plan.iter_tasks(), strict=True):
        if old_task.note != new_task.note:
            result_changes.append(
                FieldChange(f"ghi chú của nhiệm vụ {old_task.id}", old_task.note or "", new_task.note or "")
            )
    return Rollover(plan, new_plan, result_changes, mover.doubts)
