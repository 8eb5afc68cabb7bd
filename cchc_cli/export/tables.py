"""The task table with status, for colleagues who work in Excel: CSV, JSON or XLSX.

One row per item as `stats` counts them (a milestone, or one occurrence of a recurring
milestone whose period has begun): the task's cells, the milestone, its due day, status,
done day and evidence. Filtering the sheet on "Trạng thái" gives the same numbers as
`cchc stats`. CSV meant for a file starts with a UTF-8 BOM so that Excel shows Vietnamese
correctly; openpyxl is imported only inside `to_xlsx`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.schedule import KIND_VI
from cchc_cli.plan.model import Plan
from cchc_cli.plan.units import Directory
from cchc_cli.progress.log import ProgressLog, record_of
from cchc_cli.progress.stats import STATUS_VI, status_text
from cchc_cli.query.due import Selection, select
from cchc_cli.query.status import Item, milestone_items

HEADERS = (
    "Mã",
    "Mục",
    "Nhiệm vụ",
    "Kết quả/sản phẩm",
    "Tiến độ",
    "Mốc",
    "Nội dung mốc",
    "Loại mốc",
    "Kỳ",
    "Hạn",
    "Chủ trì",
    "Phối hợp",
    "Trạng thái",
    "Diễn giải",
    "Ngày hoàn thành",
    "Văn bản chứng minh",
    "Ghi chú",
    "Người ghi",
)
_WIDTHS = (8, 6, 50, 35, 25, 5, 30, 14, 10, 11, 25, 25, 22, 40, 12, 40, 25, 16)
_DATE_COLUMNS = {HEADERS.index("Hạn"), HEADERS.index("Ngày hoàn thành")}


@dataclass(frozen=True)
class TableRow:
    item: Item
    lead: tuple[str, ...]
    support: tuple[str, ...]
    explained: str

    def values(self) -> tuple[Any, ...]:
        """Cells in HEADERS order; dates as dates, missing values as None."""
        item = self.item
        record = record_of(item.entry)
        return (
            item.task.id,
            item.section.numeral,
            item.task.task,
            item.task.output,
            item.task.schedule,
            item.milestone.key,
            item.milestone.label,
            KIND_VI.get(item.milestone.deadline.kind, item.milestone.deadline.kind),
            item.period,
            item.due,
            "; ".join(self.lead),
            "; ".join(self.support),
            STATUS_VI[item.status],
            self.explained,
            item.done,
            record.evidence if record else None,
            record.note if record else None,
            record.recorded_by if record else None,
        )

    def to_json(self) -> dict[str, Any]:
        item = self.item
        record = record_of(item.entry)
        return {
            "id": item.task.id,
            "section": item.section.numeral,
            "task": item.task.task,
            "output": item.task.output,
            "schedule": item.task.schedule,
            "milestone": item.milestone.key,
            "label": item.milestone.label,
            "kind": item.milestone.deadline.kind,
            "period": item.period,
            "due": item.due.isoformat() if item.due else None,
            "lead": list(self.lead),
            "support": list(self.support),
            "status": item.status,
            "status_text": self.explained,
            "missed": item.missed,
            "done": item.done.isoformat() if item.done else None,
            "evidence": record.evidence if record else None,
            "note": record.note if record else None,
            "recorded_by": record.recorded_by if record else None,
        }


def table_rows(
    plan: Plan,
    as_of: dt.date,
    *,
    progress: ProgressLog | None = None,
    selection: Selection | None = None,
) -> list[TableRow]:
    directory = Directory(plan)
    kept_keys = {
        (task.id, milestone.key)
        for _section, task, kept in select(plan, directory, selection or Selection())
        for milestone, _role in kept
    }
    rows = []
    for item in milestone_items(plan, as_of, progress=progress):
        if (item.task.id, item.milestone.key) not in kept_keys:
            continue
        rows.append(
            TableRow(
                item,
                tuple(directory.names(item.milestone.lead)),
                tuple(directory.names(item.milestone.support)),
                status_text(item, as_of),
            )
        )
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return vn_date(value)
    return str(value)


def to_csv(rows: list[TableRow], *, bom: bool = False) -> str:
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_text(v) for v in row.values()])
    return buffer.getvalue()


def to_json(rows: list[TableRow], as_of: dt.date, unit: str | None) -> str:
    data = {"as_of": as_of.isoformat(), "unit": unit, "items": [r.to_json() for r in rows]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_xlsx(rows: list[TableRow], *, title: str) -> bytes:
    """An .xlsx workbook: bold frozen header row, column widths, wrapped text, date cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = title[:31]
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        sheet.append(list(row.values()))
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.alignment = wrap
            if index in _DATE_COLUMNS and cell.value is not None:
                cell.number_format = "DD/MM/YYYY"
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{max(sheet.max_row, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
