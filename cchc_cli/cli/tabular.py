"""Plain rows for the terminal, CSV and Markdown: headers and cells as Vietnamese text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from cchc_cli.dates import vn_date
from cchc_cli.query.due import DueItem, DueReport
from cchc_cli.query.status import missed_text
from cchc_cli.safetext import spreadsheet_text

ROLE_VI = {"lead": "chủ trì", "support": "phối hợp", None: ""}
STATUS_VI = {"overdue": "Quá hạn", "upcoming": "Sắp đến hạn", "waiting": "Chờ sự kiện"}
LEFT_OUT_VI = {
    "ongoing": "thường xuyên",
    "reference": "theo quy định/kế hoạch khác",
    "unknown": "chưa đọc được tiến độ",
    "done": "đã hoàn thành",
}
DUE_HEADERS = ("Trạng thái", "Mã", "Mục", "Nhiệm vụ", "Mốc", "Hạn", "Còn/quá", "Vai trò")
AGENCY_HEADER = "Cơ quan"


def with_agency(headers: Sequence[str], several: bool) -> tuple[str, ...]:
    """Headers with "Cơ quan" second (after the status or id), when several plans are read."""
    return (headers[0], AGENCY_HEADER, *headers[1:]) if several else tuple(headers)


def days_text(item: DueItem) -> str:
    if item.status == "waiting":
        return f"chờ: {item.event}" if item.event else "chờ sự kiện"
    if item.days is None:
        return ""
    if item.status == "overdue":
        return f"quá {item.days} ngày"
    return "hạn hôm nay" if item.days == 0 else f"còn {item.days} ngày"


def due_rows(report: DueReport, *, several: bool = False) -> list[tuple[str, ...]]:
    """The rows of `cchc due`; with several plans the agency is the second column."""
    rows: list[tuple[str, ...]] = []
    for item in [*report.overdue, *report.upcoming, *report.waiting]:
        if item.missed > 1 and item.due is not None:
            label = f"{item.label} ({missed_text(item.missed, item.due)})"
        elif item.period is not None:
            label = f"{item.label} (kỳ {item.period})"
        else:
            label = item.label
        rows.append(
            (
                STATUS_VI[item.status],
                *((item.agency,) if several else ()),
                item.task_id,
                item.section,
                item.task,
                label,
                vn_date(item.due),
                days_text(item),
                ROLE_VI[item.role],
            )
        )
    return rows


def due_summary(report: DueReport) -> str:
    who = f" của {report.unit}" if report.unit else ""
    head = (
        f"Tính đến {vn_date(report.as_of)}{who}: {len(report.overdue)} quá hạn, "
        f"{len(report.upcoming)} đến hạn trong {report.within} ngày tới, "
        f"{len(report.waiting)} chờ sự kiện."
    )
    if report.left_out:
        parts = ", ".join(
            f"{count} {LEFT_OUT_VI.get(kind, kind)}" for kind, count in sorted(report.left_out.items())
        )
        head += f" Không liệt kê {sum(report.left_out.values())} mốc ({parts})."
    return head


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV whose text cells cannot start a spreadsheet formula (`safetext.spreadsheet_text`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([spreadsheet_text(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def to_plain(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Tab-separated text for pipes: one record a line, no colours or box drawing."""
    lines = ["\t".join(headers)]
    lines += ["\t".join(c.replace("\n", " ").replace("\t", " ") for c in row) for row in rows]
    return "\n".join(lines) + "\n"
