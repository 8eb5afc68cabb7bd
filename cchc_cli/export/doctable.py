"""A document made of one official table (the phụ lục, a progress report), as plain values.

Pure data shared by the builders (export/appendix.py, progress/report.py) and the writers (export/docx.py,
Markdown): builders decide what the rows say, writers decide how a page looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # share of the text width; the writer scales the shares to fit
    align: Literal["left", "center", "justify"] = "left"
    group: str | None = None  # a heading over this and its neighbours of the same group (two header rows)


@dataclass(frozen=True)
class SectionRow:
    """A row spanning the table: the section's numeral and its title."""

    numeral: str
    title: str


@dataclass(frozen=True)
class Row:
    """One task row; each cell's text keeps its line breaks (one paragraph per line)."""

    cells: tuple[str, ...]


@dataclass(frozen=True)
class DocTable:
    label: str  # "Phụ lục" (or "Phụ lục I" when there are several)
    title: str  # printed in capitals, bold, centred
    attachment: str | None  # "(Kèm theo Kế hoạch số …/KH-SXD ngày … của Sở Xây dựng)"
    columns: tuple[Column, ...]
    body: tuple[Row | SectionRow, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)  # paragraphs after the table
    numbered: bool = True  # the first column holds the numbers: a section row puts its numeral
    # there and its title across the rest; without it the row is one cell "I. TITLE"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(table: DocTable) -> str:
    """A DocTable as Markdown: heading block, one pipe table, then the notes."""
    lines = [f"**{table.label}**", "", f"**{table.title}**", ""]
    if table.attachment:
        lines += [f"*{table.attachment}*", ""]
    width = len(table.columns)
    lines.append("| " + " | ".join(c.header for c in table.columns) + " |")
    lines.append("|" + "|".join(":---:" if c.align == "center" else "---" for c in table.columns) + "|")
    for row in table.body:
        if isinstance(row, SectionRow) and table.numbered:
            cells = [f"**{row.numeral}**", f"**{_md_cell(row.title)}**"] + [""] * (width - 2)
        elif isinstance(row, SectionRow):
            cells = [f"**{row.numeral}. {_md_cell(row.title)}**"] + [""] * (width - 1)
        else:
            cells = [_md_cell(c) for c in row.cells]
        lines.append("| " + " | ".join(cells) + " |")
    if table.notes:
        lines.append("")
        lines += [f"{note}\n" for note in table.notes]
    return "\n".join(lines).rstrip("\n") + "\n"
