"""The neutral table model every reader produces: paragraphs and tables of rows and cells.

Readers (.docx, .xlsx, text) resolve merges before handing rows over: a horizontally merged
cell is one Cell covering `span` grid columns, and a vertically merged cell appears in every
row it covers, its text filled down and `continued` set on the rows below the first. Texts
are NFC with their line breaks; nothing else is rewritten here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    text: str
    col: int  # first grid column covered (0-based)
    span: int = 1  # grid columns covered (a horizontal merge)
    continued: bool = False  # the lower part of a vertical merge: text filled down from above


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    where: str  # how a message names the row: "dòng 14" (of its table, sheet or file)
    header: bool = False  # marked by the document as a header row repeated on each page

    def at(self, col: int) -> Cell | None:
        """The cell covering grid column `col`, if any."""
        for cell in self.cells:
            if cell.col <= col < cell.col + cell.span:
                return cell
        return None

    def text(self, col: int) -> str:
        cell = self.at(col)
        return cell.text if cell is not None else ""

    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]

    def is_blank(self) -> bool:
        return all(not cell.text.strip() for cell in self.cells)


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    where: str  # "bảng 2", "trang tính “Kế hoạch”", "" for the text format
    width: int  # grid columns


@dataclass(frozen=True)
class Paragraph:
    text: str


Block = Paragraph | Table


@dataclass(frozen=True)
class Source:
    """A document read into blocks, in document order."""

    kind: str  # "docx", "xlsx" or "text"
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
