"""Read text extracted from a PDF or a web page (the shape of tests/data/seed-2025.txt).

A line with tabs is a table row, one cell per tab, and so is a pipe-table line ("| a | b |",
as web pages and Markdown converters write tables); other lines are paragraphs, markdown `**`
dropped; a line joins the paragraph above when it wraps it (capitals after capitals, inside
an open parenthesis, lower case after no full stop). A blank line between rows is a page break; the
header row the converter repeats after it stays a row (the table reader drops repeated
headers), and a row after a page break whose first cell (STT) is empty holds the rest of
the row above, cut by the page: each fragment continues its cell.

Extraction flattens a cell's lines. They are put back the way plans/2025.yaml writes them:
- `<p>`, `<li>`, `<br>` end a line; `<ul>` lists without `<li>` are the converter's flat
  bullets ("<ul> - a; - b");
- a line that starts with a bullet ("- ", "+ ", "• ") is split before each later " - " or
  " + " that starts a capitalised item; where some of those follow ".", ";" or ":", only
  those are line breaks (so "Sở Kế hoạch và Đầu tư - Thường trực Ban …" stays whole);
- a line whose first two words come back later, capitalised, with more words after them,
  and after neither punctuation nor a capitalised word (a name: "… của Sở Xây dựng")
  ("Trước ngày 19/02/2025 Trước ngày 15/12/2025"), is split before the repeat;
- a fragment continuing a cell after a page break joins its last line with a space, unless
  it starts a new bullet.
Runs of spaces become one space; HTML entities are decoded; no word is added or dropped.
"""

from __future__ import annotations

import html
import re

from cchc_cli.importer.files import MAX_CELL_CHARS
from cchc_cli.importer.table import Block, Cell, Paragraph, Row, Source, Table
from cchc_cli.textfold import capitals, nfc, squash

_BLOCK_TAG = re.compile(r"<\s*(/?)\s*(ul|ol|li|p|br|div|tr|td)\b[^<>]*>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BULLETS = ("- ", "+ ", "• ")
_INLINE_BULLET = re.compile(r" [-+•] ")
_EMPHASIS = re.compile(r"\*\*|__")


def _blocks_of(raw: str) -> list[str]:
    """The cell's text split at block tags, each piece unescaped and squashed."""
    pieces: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = squash(html.unescape(_OTHER_TAG.sub("", "".join(current))))
        current.clear()
        if text:
            pieces.append(text)

    position = 0
    for match in _BLOCK_TAG.finditer(raw):
        current.append(raw[position : match.start()])
        flush()
        position = match.end()
    current.append(raw[position:])
    flush()
    return pieces


def _split_bullets(block: str) -> list[str]:
    candidates: list[tuple[int, bool]] = []
    for match in _INLINE_BULLET.finditer(block):
        following = block[match.end() : match.end() + 1]
        if following and (following.isupper() or following.isdigit()):
            before = block[match.start() - 1 : match.start()]
            candidates.append((match.start(), before in ".;:"))
    if any(punctuated for _at, punctuated in candidates):
        candidates = [c for c in candidates if c[1]]
    lines, start = [], 0
    for at, _punctuated in candidates:
        lines.append(block[start:at].strip())
        start = at + 1
    lines.append(block[start:].strip())
    return [line for line in lines if line]


def _split_repeats(block: str) -> list[str]:
    words = block.split(" ")
    if len(words) < 4 or not words[0][:1].isupper():
        return [block]
    opener = words[:2]
    lines, start = [], 0
    for index in range(3, len(words) - 2):
        before = words[index - 1]
        # "… 19/02/2025 Trước ngày" is a lost break; "… của Sở Xây dựng" is a name
        if words[index : index + 2] == opener and before[-1:] not in ".,;:" and not before[:1].isupper():
            lines.append(" ".join(words[start:index]))
            start = index
    lines.append(" ".join(words[start:]))
    return lines


def cell_lines(raw: str) -> list[str]:
    """One extracted cell as the lines the document showed."""
    lines: list[str] = []
    for block in _blocks_of(raw):
        if block.startswith(_BULLETS):
            lines.extend(_split_bullets(block))
        else:
            lines.extend(_split_repeats(block))
    return lines


def _continue(cell: list[str], fragment: list[str]) -> None:
    if not fragment:
        return
    if cell and not fragment[0].startswith(_BULLETS):
        cell[-1] = f"{cell[-1]} {fragment[0]}"
        cell.extend(fragment[1:])
    else:
        cell.extend(fragment)


class _TableBuilder:
    def __init__(self) -> None:
        self.rows: list[tuple[int, list[list[str]]]] = []  # (file line, each cell's lines)
        self.raw_header: list[str] | None = None
        self.gap = False  # a blank line (page break) since the last row
        self.last_data: int | None = None  # index in rows of the last row that is not a header

    def add(self, line_no: int, raw_cells: list[str]) -> None:
        stripped = [c.strip() for c in raw_cells]
        if self.raw_header is None:
            self.raw_header = stripped
        elif stripped == self.raw_header:  # the header again, after a page break
            self.rows.append((line_no, [cell_lines(c) for c in raw_cells]))
            return
        if self.gap and self.last_data is not None and not stripped[0] and any(stripped[1:]):
            _line, cells = self.rows[self.last_data]
            for index, raw in enumerate(raw_cells):
                while index >= len(cells):
                    cells.append([])
                _continue(cells[index], cell_lines(raw))
            self.gap = False
            return
        self.gap = False
        self.rows.append((line_no, [cell_lines(c) for c in raw_cells]))
        self.last_data = len(self.rows) - 1

    def table(self) -> Table:
        width = max((len(cells) for _line, cells in self.rows), default=0)
        rows = []
        for line_no, cells in self.rows:
            texts = ["\n".join(lines)[: MAX_CELL_CHARS + 1] for lines in cells]
            rows.append(Row(tuple(Cell(nfc(t), i) for i, t in enumerate(texts)), f"dòng {line_no}"))
        return Table(tuple(rows), "", width)


def _upper(text: str) -> bool:
    return capitals(text) == 1.0


def _continues(paragraph: list[str], line: str) -> bool:
    """Whether `line` is the wrapped rest of the paragraph so far: a title in capitals going
    on in capitals, an open parenthesis not closed yet, a sentence going on in lower case."""
    joined = " ".join(paragraph)
    if _upper(joined) and _upper(line):
        return True
    if joined.count("(") > joined.count(")"):
        return True
    return joined[-1:] not in ".:;!?)" and line[:1].islower()


_PIPE_SEPARATOR = re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?$")


def _row_cells(line: str) -> list[str] | None:
    """The raw cells of a table row: tab-separated, or a pipe table ("| a | b |") as web pages
    and Markdown converters write them; [] for a pipe table's separator row; None for text."""
    if "\t" in line:
        return line.split("\t")
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        if _PIPE_SEPARATOR.match(stripped):
            return []
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return [_EMPHASIS.sub("", cell).strip() for cell in inner.split("|")]
    return None


def read_text(text: str) -> Source:
    """Paragraphs and tab-separated tables of an extracted text."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    table: _TableBuilder | None = None

    def end_paragraph() -> None:
        if paragraph:
            joined = squash(_EMPHASIS.sub("", " ".join(paragraph)).strip("# "))
            if joined:
                blocks.append(Paragraph(nfc(joined[: MAX_CELL_CHARS + 1])))
            paragraph.clear()

    for line_no, line in enumerate(text.splitlines(), start=1):
        cells = _row_cells(line)
        if cells is not None:
            end_paragraph()
            if table is None:
                table = _TableBuilder()
            if cells:  # a Markdown separator row ("|---|:--|") has none
                table.add(line_no, cells)
        elif not line.strip():
            end_paragraph()
            if table is not None:
                table.gap = True
        else:
            if table is not None:
                blocks.append(table.table())
                table = None
            if paragraph and not _continues(paragraph, line.strip()):
                end_paragraph()
            paragraph.append(line.strip())
    end_paragraph()
    if table is not None:
        blocks.append(table.table())
    return Source("text", tuple(blocks))
