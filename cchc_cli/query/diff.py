"""What an edit of a plan really changes, task by task: the review of a pull request.

`diff_plans(old, new)` compares two plans by task id: tasks added and removed; for a task in
both, the cells whose text changed (task, output, schedule, assignment, and the cells of the
plan's other columns, named by their heading), the milestones whose
deadline moved (matched by milestone key 1, 2, … as `cchc done --milestone` uses them), the
lead and support units added or removed, and a move to another section. Renderers turn the
result into Markdown (for the pull request's job summary), JSON or plain text. Pure: nothing
here reads files, prints or knows about git.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from cchc_cli.deadlines.schedule import Deadline, deadline_to_json, describe
from cchc_cli.plan.milestones import task_milestones
from cchc_cli.plan.model import CELL_LABELS, Plan, Task
from cchc_cli.plan.units import Directory
from cchc_cli.textfold import squash

ROLES: dict[str, str] = {"lead": "Chủ trì", "support": "Phối hợp"}


@dataclass(frozen=True)
class TaskRef:
    id: str
    section: str
    text: str


@dataclass(frozen=True)
class CellChange:
    cell: str  # task | output | schedule | assignment, or the key of another column (`cells`)
    old: str
    new: str


@dataclass(frozen=True)
class DeadlineMove:
    key: str
    label: str
    old: Deadline | None  # None: the milestone is new
    new: Deadline | None  # None: the milestone was removed


@dataclass(frozen=True)
class UnitChange:
    role: str  # lead | support
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class TaskChange:
    id: str
    section: str
    text: str
    old_section: str | None = None  # set when the task moved to another section
    cells: tuple[CellChange, ...] = ()
    deadlines: tuple[DeadlineMove, ...] = ()
    units: tuple[UnitChange, ...] = ()


@dataclass
class PlanDiff:
    old_name: str
    new_name: str
    added: list[TaskRef] = field(default_factory=list)
    removed: list[TaskRef] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    unit_names: dict[str, str] = field(default_factory=dict)  # id -> name, both plans
    cell_names: dict[str, str] = field(default_factory=lambda: dict(CELL_LABELS))  # key -> heading

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _tasks(plan: Plan) -> dict[str, tuple[str, Task]]:
    found: dict[str, tuple[str, Task]] = {}
    for section, task in plan.iter_tasks():
        found.setdefault(task.id, (section.numeral, task))
    return found


def _when(deadline: Deadline) -> tuple[Any, ...]:
    """What makes two deadlines the same date(s), whatever their wording."""
    return (
        deadline.kind,
        deadline.due,
        deadline.start,
        deadline.recurrence,
        deadline.event,
        deadline.offset,
        deadline.working_days,
    )


def _moves(old_plan: Plan, old: Task, new_plan: Plan, new: Task) -> tuple[DeadlineMove, ...]:
    before = {m.key: m.deadline for m in task_milestones(old_plan, old)}
    after = {m.key: m.deadline for m in task_milestones(new_plan, new)}
    moves = []
    for key in sorted(before.keys() | after.keys(), key=int):
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None and _when(a) == _when(b):
            continue
        shown = b or a
        if shown is not None:
            moves.append(DeadlineMove(key, shown.label, a, b))
    return tuple(moves)


def _units(old: Task, new: Task) -> tuple[UnitChange, ...]:
    changes = []
    for role in ROLES:
        a, b = getattr(old, role), getattr(new, role)
        added = tuple(u for u in b if u not in a)
        removed = tuple(u for u in a if u not in b)
        if added or removed:
            changes.append(UnitChange(role, added, removed))
    return tuple(changes)


def diff_plans(old: Plan, new: Plan, old_name: str = "cũ", new_name: str = "mới") -> PlanDiff:
    result = PlanDiff(old_name, new_name)
    for plan in (old, new):
        directory = Directory(plan)
        result.unit_names.update({k: ref.name for k, ref in directory.refs.items()})
        result.cell_names.update({c.key: c.heading for c in plan.columns or () if c.key not in CELL_LABELS})
    old_tasks, new_tasks = _tasks(old), _tasks(new)
    for task_id, (section, task) in new_tasks.items():
        if task_id not in old_tasks:
            result.added.append(TaskRef(task_id, section, task.task))
            continue
        old_section, old_task = old_tasks[task_id]
        cells = tuple(
            CellChange(cell, getattr(old_task, cell), getattr(task, cell))
            for cell in CELL_LABELS
            if getattr(old_task, cell) != getattr(task, cell)
        ) + tuple(
            CellChange(key, old_task.cells.get(key, ""), task.cells.get(key, ""))
            for key in dict.fromkeys([*old_task.cells, *task.cells])
            if old_task.cells.get(key, "") != task.cells.get(key, "")
        )
        change = TaskChange(
            task_id,
            section,
            task.task,
            old_section if old_section != section else None,
            cells,
            _moves(old, old_task, new, task),
            _units(old_task, task),
        )
        if change.old_section or change.cells or change.deadlines or change.units:
            result.changed.append(change)
    result.removed = [
        TaskRef(task_id, section, task.task)
        for task_id, (section, task) in old_tasks.items()
        if task_id not in new_tasks
    ]
    return result


# --- rendering --------------------------------------------------------------------------------


def summary_line(diff: PlanDiff) -> str:
    if diff.empty:
        return "Không có thay đổi nào về nhiệm vụ."
    return f"Thêm {len(diff.added)} nhiệm vụ, xóa {len(diff.removed)}, sửa {len(diff.changed)}."


def _unit_list(diff: PlanDiff, ids: tuple[str, ...]) -> str:
    return ", ".join(f"{diff.unit_names.get(u, u)} ({u})" for u in ids)


def _change_lines(diff: PlanDiff, change: TaskChange) -> list[tuple[str, list[str]]]:
    """(line, sub-lines) for each fact about a changed task, shared by text and Markdown."""
    facts: list[tuple[str, list[str]]] = []
    if change.old_section:
        facts.append((f"chuyển từ mục {change.old_section} sang mục {change.section}", []))
    for cell in change.cells:
        facts.append(
            (
                f"ô {diff.cell_names.get(cell.cell, cell.cell)} đổi",
                [f"cũ: {squash(cell.old)}", f"mới: {squash(cell.new)}"],
            )
        )
    for move in change.deadlines:
        if move.old is None:
            text = f"thêm mốc {move.key} “{move.label}”: {describe(move.new)}"
        elif move.new is None:
            text = f"bỏ mốc {move.key} “{move.label}” ({describe(move.old)})"
        else:
            text = f"mốc {move.key} “{move.label}” dời hạn: {describe(move.old)} → {describe(move.new)}"
        facts.append((text, []))
    for unit in change.units:
        parts = []
        if unit.added:
            parts.append("thêm " + _unit_list(diff, unit.added))
        if unit.removed:
            parts.append("bỏ " + _unit_list(diff, unit.removed))
        facts.append((f"{ROLES[unit.role]}: {'; '.join(parts)}", []))
    return facts


def _short(text: str, limit: int = 120) -> str:
    text = squash(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def to_text(diff: PlanDiff) -> str:
    lines = [f"So sánh kế hoạch: {diff.old_name} → {diff.new_name}", summary_line(diff)]
    for title, mark, refs in (("Thêm mới", "+", diff.added), ("Đã xóa", "-", diff.removed)):
        if refs:
            lines += ["", f"{title}:"]
            lines += [f"  {mark} {r.id} (mục {r.section}): {_short(r.text)}" for r in refs]
    if diff.changed:
        lines += ["", "Đã sửa:"]
        for change in diff.changed:
            lines.append(f"  * {change.id} (mục {change.section}): {_short(change.text)}")
            for fact, details in _change_lines(diff, change):
                lines.append(f"      - {fact}")
                lines += [f"          {d}" for d in details]
    return "\n".join(lines) + "\n"


def md_escape(text: str) -> str:
    """Text safe inside Markdown (the job summary renders HTML too)."""
    for char, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(char, escaped)
    for char in "\\`*_[]|#":
        text = text.replace(char, "\\" + char)
    return text


def to_markdown(diff: PlanDiff) -> str:
    lines = [
        f"## So sánh kế hoạch: `{diff.old_name}` → `{diff.new_name}`",
        "",
        summary_line(diff),
    ]
    for title, refs in (("Thêm mới", diff.added), ("Đã xóa", diff.removed)):
        if refs:
            lines += ["", f"### {title}", ""]
            lines += [f"- **{md_escape(r.id)}** (mục {r.section}): {md_escape(_short(r.text))}" for r in refs]
    if diff.changed:
        lines += ["", "### Đã sửa"]
        for change in diff.changed:
            lines += [
                "",
                f"#### {md_escape(change.id)} (mục {change.section}): {md_escape(_short(change.text))}",
                "",
            ]
            for fact, details in _change_lines(diff, change):
                lines.append(f"- {md_escape(fact)}")
                lines += [f"  - {md_escape(d)}" for d in details]
    return "\n".join(lines) + "\n"


def _deadline_json(deadline: Deadline | None) -> dict[str, object] | None:
    return deadline_to_json(deadline) if deadline is not None else None


def to_json_data(diff: PlanDiff) -> dict[str, Any]:
    def ref(r: TaskRef) -> dict[str, str]:
        return {"id": r.id, "section": r.section, "task": r.text}

    return {
        "old": diff.old_name,
        "new": diff.new_name,
        "added": [ref(r) for r in diff.added],
        "removed": [ref(r) for r in diff.removed],
        "changed": [
            {
                "id": c.id,
                "section": c.section,
                "old_section": c.old_section,
                "cells": [{"cell": x.cell, "old": x.old, "new": x.new} for x in c.cells],
                "deadlines": [
                    {
                        "key": m.key,
                        "label": m.label,
                        "old": _deadline_json(m.old),
                        "new": _deadline_json(m.new),
                    }
                    for m in c.deadlines
                ],
                "units": [
                    {"role": u.role, "added": list(u.added), "removed": list(u.removed)} for u in c.units
                ],
            }
            for c in diff.changed
        ],
    }


def to_json(diff: PlanDiff) -> str:
    return json.dumps(to_json_data(diff), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"markdown": to_markdown, "json": to_json, "text": to_text}
