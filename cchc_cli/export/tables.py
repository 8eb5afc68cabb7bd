"""The task table with status, for colleagues who work in Excel: CSV, JSON or XLSX.

One row per item as `stats` counts them (a milestone, or one occurrence of a recurring
milestone whose period has begun): the task's cells, the milestone, its due day, status,
done day and evidence. Filtering the sheet on "Trạng thái" gives the same numbers as
`cchc stats`. CSV meant for a file starts with a UTF-8 BOM so that Excel shows Vietnamese
correctly; openpyxl is imported only inside `to_xlsx`.

A cell is a spreadsheet's input, so a plan's text must not become a formula there
(`=HYPERLINK(…)`, `-2+3+cmd|…`): in CSV a text cell starting with = + - @ tab or CR gets a
leading `'` (`safetext.spreadsheet_text`, OWASP's rule), in XLSX it is stored as a text cell
marked quote-prefixed, never a formula. Dates stay dates ("Hạn" and "Ngày hoàn thành" are
date cells in XLSX).
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
from cchc_cli.safetext import document_text, spreadsheet_text

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
SEVERAL_HEADERS = ("Cơ quan", "Tệp kế hoạch")
"""The columns put first when the table holds the items of several plans (one agency each)."""
_SEVERAL_WIDTHS = (30, 25)


@dataclass(frozen=True)
class TableRow:
    item: Item
    lead: tuple[str, ...]
    support: tuple[str, ...]
    explained: str
    agency: str = ""  # the plan's agency
    plan: str = ""  # the plan file, as shown to the user

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
            "agency": self.agency,
            "plan": self.plan,
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
    path: str = "",
) -> list[TableRow]:
    """One row per item the selection keeps; `path` is the plan file as the user knows it."""
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
                plan.plan.agency,
                path,
            )
        )
    return rows


def _text(value: Any) -> str:
    """A cell for CSV: dates as dd/mm/yyyy, text that would start a formula behind a `'`."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return vn_date(value)
    if isinstance(value, str):
        return spreadsheet_text(value)
    return str(value)


def _values(row: TableRow, several: bool) -> tuple[Any, ...]:
    return (row.agency, row.plan, *row.values()) if several else row.values()


def to_csv(rows: list[TableRow], *, bom: bool = False, several: bool = False) -> str:
    """CSV of the rows; `several` (the items of several plans) puts the agency and the plan file
    first."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*SEVERAL_HEADERS, *HEADERS) if several else HEADERS)
    for row in rows:
        writer.writerow([_text(v) for v in _values(row, several)])
    return buffer.getvalue()


def to_json(rows: list[TableRow], as_of: dt.date, unit: str | None) -> str:
    data = {"as_of": as_of.isoformat(), "unit": unit, "items": [r.to_json() for r in rows]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_xlsx(rows: list[TableRow], *, title: str, several: bool = False) -> bytes:
    """An .xlsx workbook: bold frozen header row, column widths, wrapped text, date cells;
    `several` puts the agency and the plan file first."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = title[:31]
    headers = (*SEVERAL_HEADERS, *HEADERS) if several else HEADERS
    widths = (*_SEVERAL_WIDTHS, *_WIDTHS) if several else _WIDTHS
    dates = {headers.index("Hạn"), headers.index("Ngày hoàn thành")}
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for row in rows:
        # Excel cannot hold C0 controls (openpyxl refuses them): every control character is
        # shown as an escape, as in the terminal (safetext).
        sheet.append([document_text(v) if isinstance(v, str) else v for v in _values(row, several)])
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.alignment = wrap
            if index in dates and cell.value is not None:
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, str) and spreadsheet_text(cell.value) != cell.value:
                # openpyxl makes "=…" a formula: keep it a text cell, and quote-prefixed so
                # that Excel keeps it text when someone edits it.
                cell.data_type = "s"
                cell.quotePrefix = True
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
