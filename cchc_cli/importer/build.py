"""Building the plan: heading, columns, sections, tasks, units, deadlines checked.

`import_plan(path)` is the importer's one entry point: it reads the file, recognises the
table and returns an ImportResult (the validated Plan and every doubt, as values). It
never prints, exits or reads the clock; the command line (cli/import_cmds.py) writes the
plan and prints the summary.

Task ids are the section numeral and the STT as printed ("III.4"); a number used twice in
a section gets "b", "c"… on its second use (the seed's second "3" of section III is
III.3b), a task printed without a number takes its position. A STT that already starts
with its section's number ("1.2" under "1") is the id itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cchc_cli.deadlines.language import parse_deadlines
from cchc_cli.errors import CchcError, UsageError
from cchc_cli.importer.assignees import Mention, Role, read_assignment
from cchc_cli.importer.columns import expected_synonyms
from cchc_cli.importer.doubts import Doubt
from cchc_cli.importer.files import MAX_CELL_CHARS
from cchc_cli.importer.heading import Heading, read_heading
from cchc_cli.importer.registry import build_registry
from cchc_cli.importer.structure import Layout, SectionDraft, read_layout
from cchc_cli.importer.table import Source
from cchc_cli.plan.model import FORMAT_VERSION, Plan

_KIND_NAMES = {"docx": "tài liệu Word", "xlsx": "bảng tính Excel", "text": "văn bản"}


@dataclass(frozen=True)
class ImportResult:
    plan: Plan
    doubts: tuple[Doubt, ...]
    kind: str  # "docx", "xlsx", "text"
    tables: int  # task tables read

    @property
    def warnings(self) -> tuple[Doubt, ...]:
        return tuple(d for d in self.doubts if d.kind == "warning")

    @property
    def notes(self) -> tuple[Doubt, ...]:
        return tuple(d for d in self.doubts if d.kind == "note")

    def summary_lines(self, shown: str) -> list[str]:
        """What the command prints: one line of counts, the columns, then each doubt."""
        plan = self.plan
        tasks = sum(len(s.tasks) for s in plan.sections)
        lines = [
            f"Đã đọc {shown} ({_KIND_NAMES.get(self.kind, self.kind)}): {self.tables} bảng nhiệm vụ, "
            f"{len(plan.sections)} mục, {tasks} nhiệm vụ, {len(plan.units)} đơn vị, "
            f"{len(plan.groups)} nhóm đơn vị; năm {plan.year}.",
            "Các cột: " + " | ".join(_heading(c.heading, c.group) for c in plan.table_columns) + ".",
        ]
        if plan.units:
            lines.append("Đơn vị: " + "; ".join(u.name for u in plan.units) + ".")
        if plan.groups:
            lines.append(
                "Nhóm (gọi chung, chưa có thành viên — thêm members trong tệp khi cần): "
                + "; ".join(g.name for g in plan.groups)
                + "."
            )
        if self.warnings:
            lines.append(f"Cần xem lại ({len(self.warnings)}):")
            lines.extend(f"  {d.line()}" for d in self.warnings)
        else:
            lines.append("Không có điểm nào cần xem lại.")
        if self.notes:
            lines.append(f"Ghi chú ({len(self.notes)}):")
            lines.extend(f"  {d.line()}" for d in self.notes)
        return lines


def _heading(heading: str, group: str | None) -> str:
    text = " ".join(heading.split())
    return f"{' '.join(group.split())} / {text}" if group else text


def import_plan(
    path: Path, shown: str, *, year: int | None = None, agency: str | None = None
) -> ImportResult:
    """Read `path` (.docx, .xlsx or extracted text) into a plan; CchcError when it cannot."""
    from cchc_cli.importer.sources import read_source

    source = read_source(path, shown)
    return build_plan(source, shown, year=year, agency=agency)


def build_plan(
    source: Source, shown: str, *, year: int | None = None, agency: str | None = None
) -> ImportResult:
    layout = read_layout(source)
    if layout is None:
        raise CchcError(_no_table(source, shown))
    heading = read_heading(layout.heading)
    doubts: list[Doubt] = [*heading.doubts, *layout.doubts]
    plan_year = _year(heading, year, doubts)
    builder = _Builder(layout, plan_year, doubts)
    sections = builder.sections()
    registry = build_registry([m.name for m in builder.mentions])
    doubts.extend(Doubt(note, kind="note") for note in registry.notes)
    for task, mentions in builder.assigned:
        lead = list(dict.fromkeys(registry.id_of(m.name) for m in mentions if m.role == "lead"))
        support = [u for u in dict.fromkeys(registry.id_of(m.name) for m in mentions) if u not in lead]
        task["lead"], task["support"] = lead, support
    plan_agency = (agency or heading.issuer or "").strip()
    if not plan_agency:
        doubts.append(Doubt("không biết tên cơ quan (không có dòng “Kèm theo … của …”); thêm --agency"))
    data = {
        "format_version": FORMAT_VERSION,
        "plan": {
            "agency": plan_agency,
            "year": plan_year,
            "title": heading.title,
            "attachment": heading.attachment,
            "document": {
                "kind": heading.kind,
                "number": heading.number,
                "symbol": heading.symbol,
                "date": heading.date,
                "issuer": heading.issuer or plan_agency,
            },
        },
        "columns": [{"key": c.key, "heading": c.heading, "group": c.group} for c in layout.columns],
        "units": registry.units,
        "groups": registry.groups,
        "sections": sections,
    }
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:  # pragma: no cover - the builder only makes valid values
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CchcError(f"{shown}: không dựng được kế hoạch ({where}: {first['msg']})") from None
    doubts.sort(key=lambda doubt: doubt.at)  # stable: the heading's and the table's own first
    return ImportResult(plan, tuple(doubts), source.kind, layout.tables)


def _year(heading: Heading, option: int | None, doubts: list[Doubt]) -> int:
    if option is not None and heading.year is not None and option != heading.year:
        doubts.append(Doubt(f"văn bản ghi năm {heading.year}, dùng năm {option} theo --year", kind="note"))
    chosen = option if option is not None else heading.year
    if chosen is None:
        raise UsageError(
            "không thấy năm kế hoạch trong văn bản (tên phụ lục, dòng “Kèm theo”); thêm --year NĂM"
        )
    if not 2000 <= chosen <= 2100:
        raise UsageError(f"năm kế hoạch {chosen} nằm ngoài 2000–2100; thêm --year NĂM")
    return chosen


def _no_table(source: Source, shown: str) -> str:
    tables = source.tables()
    if not tables:
        if source.kind == "text":
            return f"{shown}: không thấy bảng nào (các ô của một dòng bảng cách nhau bằng dấu tab)"
        return f"{shown}: không thấy bảng nào trong tệp; phụ lục phải là một bảng (Word: Chèn > Bảng)"
    seen = []
    for table in tables[:3]:
        first = next((row for row in table.rows if not row.is_blank()), None)
        if first is not None:
            cells = " | ".join(" ".join(t.split())[:40] for t in first.texts() if t.strip())
            seen.append(f"{table.where or 'bảng'}: {cells}")
    return (
        f"{shown}: không nhận ra cột nào của bảng nhiệm vụ "
        "(cần ít nhất cột Nhiệm vụ/Nội dung và một cột khác). "
        f"Tiêu đề đã thấy — {'; '.join(seen)}. Tên cột được hiểu — {expected_synonyms()}"
    )


class _Builder:
    def __init__(self, layout: Layout, year: int, doubts: list[Doubt]) -> None:
        self.layout = layout
        self.year = year
        self.doubts = doubts
        self.mentions: list[Mention] = []
        self.assigned: list[tuple[dict[str, Any], list[Mention]]] = []  # each task and its units
        self.used: set[str] = set()  # task ids given so far
        self.headings = {c.key: c.heading for c in layout.columns}

    def sections(self) -> list[dict[str, Any]]:
        keys = {c.key for c in self.layout.columns}
        if "schedule" not in keys:
            self.doubts.append(Doubt("bảng không có cột Tiến độ/Thời gian: các nhiệm vụ không có hạn"))
        if not keys & {"assignment", "lead", "support"}:
            self.doubts.append(Doubt("bảng không có cột Phân công/Chủ trì: các nhiệm vụ chưa có đơn vị"))
        built = []
        for section in self.layout.sections:
            built.append(
                {"numeral": section.numeral, "title": section.title, "tasks": self.tasks(section, keys)}
            )
        return built

    def tasks(self, section: SectionDraft, keys: set[str]) -> list[dict[str, Any]]:
        tasks = []
        for position, draft in enumerate(section.tasks, start=1):
            for key, text in draft.cells.items():
                if len(text) > MAX_CELL_CHARS:
                    raise CchcError(
                        f"{draft.where}, cột “{self.headings.get(key, key)}”: "
                        f"ô dài hơn {MAX_CELL_CHARS} ký tự; "
                        "không giống một ô của phụ lục kế hoạch"
                    )
            task: dict[str, Any] = {"id": _task_id(section.numeral, draft.number, position, self.used)}
            if draft.number is not None:
                task["number"] = draft.number
            cells = {}
            for key, text in draft.cells.items():
                if key in ("task", "output", "schedule", "assignment"):
                    task[key] = text
                elif key in keys and text:
                    cells[key] = text
            task.setdefault("task", "")
            task["cells"] = cells
            self.assigned.append((task, self.units(draft.cells, draft.where, draft.at)))
            if "schedule" in keys:
                self.check_deadlines(str(task.get("schedule", "")), draft.where, draft.at)
            tasks.append(task)
        return tasks

    def units(self, cells: dict[str, str], where: str, at: tuple[int, int]) -> list[Mention]:
        found: list[Mention] = []
        columns: tuple[tuple[str, Role | None], ...] = (
            ("assignment", None),
            ("lead", "lead"),
            ("support", "support"),
        )
        for key, role in columns:
            text = cells.get(key, "")
            if not text.strip():
                continue
            mentions, doubts = read_assignment(text, role)
            found.extend(mentions)
            column = self.headings.get(key)
            for message in doubts:
                self.doubts.append(Doubt(message, where, column, at=at))
            for mention in mentions:
                if mention.doubt:
                    self.doubts.append(Doubt(mention.doubt, where, column, at=at))
        has_column = any(k in self.headings for k in ("assignment", "lead"))
        if has_column and found and not any(m.role == "lead" for m in found):
            column = self.headings.get("assignment") or self.headings.get("lead")
            self.doubts.append(
                Doubt("không thấy đơn vị chủ trì (chỉ có đơn vị phối hợp)", where, column, at=at)
            )
        self.mentions.extend(found)
        return found

    def check_deadlines(self, text: str, where: str, at: tuple[int, int]) -> None:
        column = self.headings.get("schedule")
        if not text.strip():
            self.doubts.append(Doubt("ô trống: nhiệm vụ không có hạn", where, column, at=at))
            return
        for deadline in parse_deadlines(text, self.year):
            if deadline.kind == "unknown":
                reason = f" ({deadline.reason})" if deadline.reason else ""
                self.doubts.append(
                    Doubt(f"chưa đọc được hạn “{deadline.label}”{reason}", where, column, at=at)
                )


def _task_id(numeral: str, number: str | None, position: int, used: set[str]) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9.]", "", number or "").strip(".")
    cleaned = re.sub(r"\.{2,}", ".", cleaned)[:20] or str(position)
    base = cleaned if cleaned.startswith(f"{numeral}.") else f"{numeral}.{cleaned}"
    candidate = base
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        if candidate not in used:
            break
        candidate = f"{base}{suffix}"
    index = 2
    while candidate in used:
        candidate = f"{base}-{index}"
        index += 1
    used.add(candidate)
    return candidate
