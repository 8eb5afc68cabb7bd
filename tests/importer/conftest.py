"""Building test documents: Word files with python-docx (real merges through `cell.merge`),
Excel files with openpyxl, and reading an imported plan back as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from cchc_cli.importer.build import ImportResult, import_plan
from cchc_cli.plan.model import Plan
from cchc_cli.plan.units import Directory


@dataclass
class Tab:
    """A table: rows of cell texts ("" or None for a cell covered by a merge), merges as
    (first row, first col, last row, last col), and how many first rows repeat as header."""

    rows: list[list[str | None]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_rows: int = 1


def _fill(cell: Any, text: str) -> None:
    """One paragraph per line, as Word writes a cell where the user pressed Enter."""
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def word_file(path: Path, *blocks: str | Tab) -> Path:
    document = Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(r) for r in block.rows)
        table = document.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                if text:
                    _fill(table.cell(r, c), text)
        for r1, c1, r2, c2 in block.merges:
            table.cell(r1, c1).merge(table.cell(r2, c2))
        for tr in table._tbl.findall(qn("w:tr"))[: block.header_rows]:
            tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    document.save(str(path))
    return path


def imported(path: Path, **options: Any) -> ImportResult:
    return import_plan(path, path.name, **options)


def task_rows(plan: Plan) -> list[tuple[str, str | None, dict[str, str]]]:
    """(id, number, {column key: text}) of every task, cells as the export prints them."""
    keys = [c.key for c in plan.table_columns if c.key != "number"]
    rows = []
    for section in plan.sections:
        for position, task in enumerate(section.tasks, start=1):
            rows.append((task.id, task.number, {k: task.cell(k, position) for k in keys}))
    return rows


def roles(plan: Plan) -> dict[str, tuple[list[str], list[str]]]:
    """Task id -> (lead names, support names)."""
    directory = Directory(plan)
    return {t.id: (directory.names(t.lead), directory.names(t.support)) for _s, t in plan.iter_tasks()}


def doubt_lines(result: ImportResult) -> list[str]:
    return [d.line() for d in result.doubts]
