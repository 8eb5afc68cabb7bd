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


@dataclass(frozen=True)
class SectionRow:
    """A row spanning the table: the Roman numeral and the section title in capitals."""

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
