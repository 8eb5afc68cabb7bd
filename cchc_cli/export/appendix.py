"""The phụ lục of a plan as a DocTable: heading lines, the plan's columns, section and task rows.

Pure: no Word, no files. The writer (export/docx.py) decides how the page looks; this module
decides what the rows say. The columns are the plan's own (`columns`, kept by `cchc import`:
headings, order, two-row headers), else the five default ones. Each task cell is the YAML cell
exactly as written, line breaks included. STT is the number the signed document printed
(`number`), else the task's position inside its section (1, 2, …), also in a filtered
appendix, so that "mục III, nhiệm vụ 5" means the same row as in the signed plan.
"""

from __future__ import annotations

from typing import Literal

from cchc_cli.export.doctable import Column, DocTable, Row, SectionRow
from cchc_cli.plan import model
from cchc_cli.plan.model import DocumentRef, Plan

LABEL = "Phụ lục"

Align = Literal["left", "center", "justify"]
_LOOK: dict[str, tuple[float, Align]] = {
    "number": (0.05, "center"),
    "task": (0.30, "justify"),
    "output": (0.20, "justify"),
    "schedule": (0.17, "center"),
    "assignment": (0.28, "justify"),
    "lead": (0.15, "justify"),
    "support": (0.15, "justify"),
}
"""Width share and alignment of each known column; any other column gets _OTHER."""
_OTHER: tuple[float, Align] = (0.12, "justify")


def doc_columns(columns: tuple[model.Column, ...]) -> tuple[Column, ...]:
    return tuple(Column(c.heading, *_LOOK.get(c.key, _OTHER), group=c.group) for c in columns)


BLANK = "\u00a0" * 6
"""What stands in an unfilled number or date position of the Kèm-theo line: six no-break
spaces. Blank as ND30 asks for electronic documents (Phụ lục I, III.1.c), wide enough to
write a number in by hand on paper, and never split across two lines."""


def attachment_line(document: DocumentRef, year: int, *, electronic: bool = False) -> str:
    """The Kèm-theo line: (Kèm theo Kế hoạch số 12/KH-SXD ngày 05 tháng 3 năm 2025 của …).

    The date follows ND30 Phụ lục I, II.4.b: a day below 10 and the months 1 and 2 take a
    leading zero ("ngày 05 tháng 02", but "tháng 3"). A missing number or date, and every
    number and date position of an electronic document, is left blank; the year stays
    (the plan's year when the date is unknown).
    """
    number = "" if electronic else document.number.strip()
    date = None if electronic else document.date
    number_text = number if number else BLANK
    if date is None:
        known_year = document.date.year if document.date else year
        date_text = f"ngày {BLANK} tháng {BLANK} năm {known_year}"
    else:
        month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
        date_text = f"ngày {date.day:02d} tháng {month} năm {date.year}"
    return f"(Kèm theo {document.kind} số {number_text}/{document.symbol} {date_text} của {document.issuer})"


def appendix_table(
    plan: Plan, *, unit: str | None = None, section: str | None = None, electronic: bool = False
) -> DocTable:
    """The appendix of `plan`, optionally only the tasks of one unit and/or one section.

    `unit` and `section` are what the user typed (a unit's id, name or alias; a Roman numeral
    or part of a section title); an unknown one is a UsageError. Only sections that keep at
    least one task appear.
    """
    from cchc_cli.plan.lookup import find_section
    from cchc_cli.plan.units import Directory
    from cchc_cli.query.due import Selection, select

    directory = Directory(plan)
    unit_id = directory.find(unit).id if unit else None
    numeral = find_section(plan, section).numeral if section else None
    if unit_id is None:
        # Without a unit every task of the chosen sections stays: no need to read deadlines.
        kept = {id(t) for s, t in plan.iter_tasks() if numeral is None or s.numeral == numeral}
    else:
        selection = Selection(unit=unit_id, role="any", section=numeral)
        kept = {id(t) for _s, t, _m in select(plan, directory, selection)}

    columns = plan.table_columns
    keys = [column.key for column in columns]
    body: list[Row | SectionRow] = []
    for plan_section in plan.sections:
        rows = [
            Row(tuple(task.cell(key, position) for key in keys))
            for position, task in enumerate(plan_section.tasks, start=1)
            if id(task) in kept
        ]
        if rows:
            # A plan that keeps its own table keeps its section titles as printed; the
            # hand-typed format prints them in capitals (ND30 headings).
            title = plan_section.title if plan.columns is not None else plan_section.title.upper()
            body.append(SectionRow(plan_section.numeral, title))
            body.extend(rows)
    return DocTable(
        label=LABEL,
        title=plan.plan.title.upper(),
        attachment=attachment_line(plan.plan.document, plan.year, electronic=electronic),
        columns=doc_columns(columns),
        body=tuple(body),
        numbered=keys[0] == "number",
    )


def task_count(table: DocTable) -> int:
    return sum(1 for row in table.body if isinstance(row, Row))


def section_count(table: DocTable) -> int:
    return sum(1 for row in table.body if isinstance(row, SectionRow))
