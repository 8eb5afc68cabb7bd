"""The periodic CCHC report laid out as an official table (the appendix's layout).

`progress/report.py` decides what the report says; this module turns it into a `DocTable`
that `export/docx.py` prints as Word and `doctable.to_markdown` as Markdown.
"""

from __future__ import annotations

from cchc_cli.export.appendix import LABEL, attachment_line
from cchc_cli.export.doctable import Column, DocTable, Row, SectionRow
from cchc_cli.progress.report import PeriodReport, ReportSection

COLUMNS = (
    Column("STT", 0.06, "center"),
    Column("Nhiệm vụ", 0.30, "justify"),
    Column("Thời hạn", 0.16),
    Column("Tình hình thực hiện", 0.26),
    Column("Kết quả, văn bản chứng minh", 0.22),
)


def report_table(report: PeriodReport) -> DocTable:
    body: list[Row | SectionRow] = [
        SectionRow(item.numeral, item.title) if isinstance(item, ReportSection) else Row(item.cells)
        for item in report.body
    ]
    return DocTable(
        label=LABEL,
        title=report.title,
        attachment=attachment_line(report.document, report.year),
        columns=COLUMNS,
        body=tuple(body),
        notes=report.notes,
    )
