"""The plan format: pydantic v2 models of a yearly CCHC plan (the phụ lục as data).

The YAML file maps one to one onto these models. Every model forbids unknown keys so that
a typo ("shedule:") is an error, not a silently ignored field. Cross-references (unit ids,
event ids, task ids) are checked by `reference_problems`, which returns problems as values
so the loader and the linter can place them on a line of the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from cchc_cli.deadlines.schedule import Freq as Frequency  # one definition of the kinds and
from cchc_cli.deadlines.schedule import Kind as DeadlineKind  # frequencies, in schedule.py

FORMAT_VERSION = 2
"""The newest plan format this program understands (top-level key `format_version`).

Format 2 adds the agency's own table: `columns` (headings and order), each task's printed
STT (`number`) and the text of extra columns (`cells`); format 1 files load unchanged."""

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60),
    Field(description="Mã ổn định: chữ thường không dấu, số và dấu gạch ngang"),
]
TaskId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$", max_length=30),
    Field(description="Mã nhiệm vụ người dùng gõ trên dòng lệnh, ví dụ I.1, III.3b"),
]
Text = Annotated[str, StringConstraints(min_length=0)]
Numeral = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[IVXLC]+|[0-9]{1,3}|[A-Z])$"),
    Field(description="Số thứ tự của mục như văn bản in: La Mã (I, II…), số (1, 2…) hoặc chữ (A, B…)"),
]
ColumnKey = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60),
    Field(description="Mã cột: number, task, output, schedule, assignment, lead, support hoặc mã cột khác"),
]

CELL_LABELS: dict[str, str] = {
    "task": "Nhiệm vụ",
    "output": "Kết quả/sản phẩm",
    "schedule": "Tiến độ",
    "assignment": "Phân công",
}
"""The four cells of an appendix row: the Task field and the column's name in the document."""

TASK_FIELDS: tuple[str, ...] = ("task", "output", "schedule", "assignment")
"""Column keys whose text is a Task field; `number` is the STT; any other key lives in `cells`."""

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# Numbers and true/false are strict (`strict=True`): the loader reads YAML 1.2 core scalars,
# so `0x7E9`, `1_000`, `1:20`, `yes` and `"2025"` arrive as text, and pydantic's lax mode
# would still turn some of them into numbers or booleans. A plan has one way to write a number.


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class DocumentRef(_Strict):
    """The plan document the appendix is attached to (số, ký hiệu, ngày, cơ quan)."""

    kind: str = Field("Kế hoạch", description="Tên loại văn bản, ví dụ 'Kế hoạch'")
    number: str = Field("", description="Số văn bản; để trống khi chưa có số")
    symbol: str = Field(description="Ký hiệu, ví dụ 'KH-SXD'")
    date: dt.date | None = Field(None, description="Ngày ban hành; để trống khi chưa ký")
    issuer: str = Field(description="Cơ quan ban hành, ví dụ 'Sở Xây dựng'")


class PlanInfo(_Strict):
    agency: str = Field(description="Tên cơ quan, ví dụ 'Sở Xây dựng tỉnh Khánh Hòa'")
    year: int = Field(ge=2000, le=2100, strict=True, description="Năm kế hoạch")
    title: str = Field(description="Tên phụ lục (in hoa trong văn bản)")
    attachment: str = Field(description="Dòng '(Kèm theo Kế hoạch số …)' như văn bản gốc ghi")
    document: DocumentRef


class Unit(_Strict):
    id: Identifier
    name: str = Field(description="Tên chính thức của đơn vị")
    aliases: list[str] = Field(default_factory=list, description="Các tên gọi khác")
    note: str | None = None


class Group(_Strict):
    """A named set of units ("Các đơn vị sự nghiệp trực thuộc Sở"); members may be groups."""

    id: Identifier
    name: str
    aliases: list[str] = Field(default_factory=list)
    members: list[Identifier]
    note: str | None = None


class Event(_Strict):
    """Something a deadline waits for ("Đề án được phê duyệt"); `date` is set once it happens."""

    id: Identifier
    name: str = Field(description="Sự kiện như văn bản ghi, ví dụ 'Đề án được phê duyệt'")
    aliases: list[str] = Field(default_factory=list)
    date: dt.date | None = Field(None, description="Ngày sự kiện xảy ra; trống khi chưa có")
    evidence: str | None = None


class DeadlineSpec(_Strict):
    """An explicit deadline, replacing what the Tiến độ prose would give.

    Either `text` (prose read by the deadline language) or `kind` with its fields.
    """

    text: str | None = Field(None, description="Tiến độ bằng lời, đọc bằng ngôn ngữ hạn")
    kind: DeadlineKind | None = None
    label: str | None = None
    due: dt.date | None = None
    start: dt.date | None = None
    freq: Frequency | None = None
    weekday: Weekday | None = None
    day: int | None = Field(None, ge=-1, le=31, strict=True)
    month: int | None = Field(None, ge=1, le=12, strict=True)
    until: dt.date | None = None
    event: Identifier | None = Field(None, description="Mã sự kiện trong mục events")
    offset: int | None = Field(None, ge=0, le=3650, strict=True)
    working_days: bool = Field(False, strict=True)
    lead: list[Identifier] | None = Field(None, description="Đơn vị chủ trì riêng của mốc này")

    @model_validator(mode="after")
    def _text_or_kind(self) -> DeadlineSpec:
        if (self.text is None) == (self.kind is None):
            raise ValueError("mỗi mốc cần đúng một trong hai: 'text' hoặc 'kind'")
        if self.kind == "date" and self.due is None:
            raise ValueError("mốc kiểu 'date' cần 'due'")
        if self.kind == "recurring" and self.freq is None:
            raise ValueError("mốc kiểu 'recurring' cần 'freq'")
        if self.kind == "event" and self.event is None:
            raise ValueError("mốc kiểu 'event' cần 'event' (mã sự kiện)")
        if self.start and self.due and self.start > self.due:
            raise ValueError("'start' sau 'due'")
        return self


class Column(_Strict):
    """One column of the agency's table, as printed: its key, heading and (two-row headers)
    the heading it stands under ("Phân công thực hiện" over "Chủ trì" and "Phối hợp")."""

    key: ColumnKey
    heading: str = Field(description="Tên cột như văn bản in")
    group: str | None = Field(None, description="Tên chung ở dòng tiêu đề trên (tiêu đề hai dòng)")


DEFAULT_COLUMNS: tuple[Column, ...] = tuple(
    Column.model_construct(key=key, heading=heading, group=None)  # no validation at import time
    for key, heading in (
        ("number", "STT"),
        ("task", "Nhiệm vụ"),
        ("output", "Kết quả/sản phẩm"),
        ("schedule", "Tiến độ"),
        ("assignment", "Phân công (chủ trì/phối hợp) và cách thức thực hiện"),
    )
)
"""The table of a plan that does not record its own (format 1, hand-typed plans)."""


class Task(_Strict):
    id: TaskId
    number: str | None = Field(None, description="STT như văn bản in; trống: thứ tự trong mục")
    task: Text = Field(description="Ô Nhiệm vụ, nguyên văn")
    output: Text = Field("", description="Ô Kết quả/sản phẩm, nguyên văn")
    schedule: Text = Field("", description="Ô Tiến độ, nguyên văn")
    assignment: Text = Field("", description="Ô Phân công (chủ trì/phối hợp), nguyên văn")
    cells: dict[ColumnKey, str] = Field(
        default_factory=dict, description="Ô của các cột khác (chủ trì, phối hợp, ghi chú…), theo mã cột"
    )
    lead: list[Identifier] = Field(description="Đơn vị chủ trì (mã đơn vị hoặc nhóm)")
    support: list[Identifier] = Field(
        default_factory=list, description="Đơn vị phối hợp/thực hiện (mã đơn vị hoặc nhóm)"
    )
    deadlines: list[DeadlineSpec] | None = Field(
        None, description="Mốc hạn ghi rõ, thay cho cách đọc ô Tiến độ"
    )
    repeats: TaskId | None = Field(None, description="Mã nhiệm vụ mà nhiệm vụ này nhắc lại")
    note: str | None = None

    def cell(self, key: str, position: int) -> str:
        """The text of column `key` in this task's row; `position` (1-based, in its section)
        stands for the STT when the plan does not record the printed one."""
        if key == "number":
            return self.number if self.number is not None else str(position)
        if key in TASK_FIELDS:
            return str(getattr(self, key))
        return self.cells.get(key, "")


class Section(_Strict):
    numeral: Numeral
    title: str
    tasks: list[Task]


class Plan(_Strict):
    format_version: int = Field(strict=True, description="Phiên bản định dạng tệp kế hoạch")
    plan: PlanInfo
    columns: list[Column] | None = Field(
        None, description="Các cột của bảng phụ lục theo thứ tự in; trống: năm cột mặc định"
    )
    units: list[Unit]
    groups: list[Group] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    sections: list[Section]

    @property
    def year(self) -> int:
        return self.plan.year

    @property
    def table_columns(self) -> tuple[Column, ...]:
        """The columns the appendix prints: the plan's own, else the default five."""
        return tuple(self.columns) if self.columns is not None else DEFAULT_COLUMNS

    def iter_tasks(self) -> Iterator[tuple[Section, Task]]:
        for section in self.sections:
            for task in section.tasks:
                yield section, task

    def task_paths(self) -> Iterator[tuple[tuple[str | int, ...], Section, Task]]:
        for s_index, section in enumerate(self.sections):
            for t_index, task in enumerate(section.tasks):
                yield ("sections", s_index, "tasks", t_index), section, task


Problem = tuple[tuple[str | int, ...], str, str]
"""(path in the document, code, message): a problem as a value, placed by the caller."""


def reference_problems(plan: Plan) -> list[Problem]:
    """Unresolved unit/event ids, duplicate ids and group cycles, with the path of each."""
    problems: list[Problem] = []
    known: dict[str, str] = {}
    registries: tuple[tuple[str, list[str]], ...] = (
        ("units", [unit.id for unit in plan.units]),
        ("groups", [group.id for group in plan.groups]),
    )
    for kind, ids in registries:
        for index, item_id in enumerate(ids):
            if item_id in known:
                problems.append(((kind, index, "id"), "duplicate-id", f"mã đơn vị '{item_id}' bị trùng"))
            known[item_id] = kind
    for index, group in enumerate(plan.groups):
        for m_index, member in enumerate(group.members):
            if member not in known:
                problems.append(
                    (
                        ("groups", index, "members", m_index),
                        "unknown-unit",
                        f"nhóm '{group.id}' có thành viên '{member}' không có trong danh mục đơn vị",
                    )
                )
    problems.extend(_group_cycles(plan))
    problems.extend(_column_problems(plan))
    event_ids = [event.id for event in plan.events]
    seen_tasks: dict[str, str] = {}
    for path, section, task in plan.task_paths():
        if task.id in seen_tasks:
            problems.append(
                (
                    (*path, "id"),
                    "duplicate-task-id",
                    f"mã nhiệm vụ '{task.id}' đã dùng ở mục {seen_tasks[task.id]}",
                )
            )
        seen_tasks.setdefault(task.id, section.numeral)
        for role in ("lead", "support"):
            for u_index, unit_id in enumerate(getattr(task, role)):
                if unit_id not in known:
                    problems.append(((*path, role, u_index), "unknown-unit", _unknown_unit(unit_id, task.id)))
        for d_index, spec in enumerate(task.deadlines or []):
            for u_index, unit_id in enumerate(spec.lead or []):
                if unit_id not in known:
                    problems.append(
                        (
                            (*path, "deadlines", d_index, "lead", u_index),
                            "unknown-unit",
                            _unknown_unit(unit_id, task.id),
                        )
                    )
            if spec.event is not None and spec.event not in event_ids:
                problems.append(
                    (
                        (*path, "deadlines", d_index, "event"),
                        "unknown-event",
                        f"nhiệm vụ {task.id}: sự kiện '{spec.event}' không có trong mục events",
                    )
                )
    all_ids = {task.id for _s, task in plan.iter_tasks()}
    for path, _section, task in plan.task_paths():
        if task.repeats is not None and task.repeats not in all_ids:
            problems.append(
                (
                    (*path, "repeats"),
                    "unknown-task",
                    f"nhiệm vụ {task.id} nhắc lại nhiệm vụ '{task.repeats}' không tồn tại",
                )
            )
    return problems


def _column_problems(plan: Plan) -> list[Problem]:
    """Columns named twice, a table without a Nhiệm vụ column, cells of no column."""
    problems: list[Problem] = []
    keys = [column.key for column in plan.table_columns]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            problems.append((("columns", index, "key"), "schema", f"cột '{key}' khai báo hai lần"))
    if plan.columns is not None and "task" not in keys:
        problems.append((("columns",), "schema", "bảng cần một cột có key: task (cột Nhiệm vụ)"))
    extra = set(keys) - {"number", *TASK_FIELDS}
    for path, _section, task in plan.task_paths():
        for key in task.cells:
            if key not in extra:
                problems.append(
                    (
                        (*path, "cells", key),
                        "schema",
                        f"nhiệm vụ {task.id}: ô '{key}' không thuộc cột nào của bảng (xem mục columns)",
                    )
                )
    return problems


def _unknown_unit(unit_id: str, task_id: str) -> str:
    return (
        f"nhiệm vụ {task_id}: đơn vị '{unit_id}' không có trong danh mục; "
        "thêm vào mục units/groups hoặc sửa mã (xem `cchc units`)"
    )


def _group_cycles(plan: Plan) -> list[Problem]:
    members = {group.id: group.members for group in plan.groups}
    problems: list[Problem] = []
    for index, group in enumerate(plan.groups):
        stack = list(group.members)
        seen: set[str] = set()
        while stack:
            current = stack.pop()
            if current == group.id:
                problems.append(
                    (("groups", index, "members"), "group-cycle", f"nhóm '{group.id}' chứa chính nó")
                )
                break
            if current in seen:
                continue
            seen.add(current)
            stack.extend(members.get(current, []))
    return problems
