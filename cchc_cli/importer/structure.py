"""From tables to sections and task rows: headers, group rows, task rows, rows left out.

A task table is one whose header columns.py recognises; tables that have none (a letterhead
laid out as a table, a signature block) are passed over. Several task tables are joined in
document order, each section continuing across tables, and a paragraph between two tables
that reads like a group ("II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH") opens a section.

A row of the body is, in this order:
- skipped: blank, a repetition of the header (tables repeat it at page breaks, extracted
  text too), a row of column numbers;
- a group row: one cell across the table ("I. Cải cách thể chế"), or a numeral in the STT
  column with a title beside it and nothing else, when the title is merged across columns,
  written in capitals, numbered I/V/X… or A/B/C, or numbered like the rows below it
  ("1" over "1.1"). Roman, Arabic and letter numerals are kept as printed; a group row
  without a numeral gets the next Roman one (a doubt);
- left out with a note: a row whose only text is a total or a remark ("Tổng cộng: …",
  "Ghi chú: …");
- part of the task above: its STT and Nhiệm vụ cells continue the task's vertically merged
  cells, or are both empty while other cells have text (a second lead on a row of its own);
  each of its other cells is added to the task's cell on a new line;
- a task row otherwise, its STT kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc_cli.importer.columns import ColumnSpec, Header, find_header, is_column_numbers
from cchc_cli.importer.doubts import Doubt, place
from cchc_cli.importer.table import Paragraph, Row, Source, Table
from cchc_cli.plan.numerals import roman_value, to_roman
from cchc_cli.textfold import capitals, fold, shorten, squash

_NUMERAL_CELL = re.compile(
    r"^(?:(?:phần|mục|PHẦN|MỤC|Phần|Mục)\s+)?([IVXLC]+|[0-9]{1,3}|[A-Za-z])\s*[.):\-–]?$"
)
_GROUP_TEXT = re.compile(
    r"^(?:(?:phần|mục|PHẦN|MỤC|Phần|Mục)\s+)?([IVXLC]+|[0-9]{1,3}|[A-Z])\s*[.):\-–]\s*(\S.*)$", re.S
)
_ROMAN = re.compile(r"^[IVXLC]+$")
_NOT_TASKS = ("tong cong", "tong so", "cong:", "cong ", "ghi chu", "luu y", "tong:")


@dataclass
class TaskDraft:
    number: str | None  # the STT as printed; None when the table has no STT column
    cells: dict[str, str]  # column key -> text
    where: str
    at: tuple[int, int] = (0, 0)  # (task table, row), to list doubts in reading order


@dataclass
class SectionDraft:
    numeral: str
    title: str
    where: str
    tasks: list[TaskDraft] = field(default_factory=list)


@dataclass
class Layout:
    columns: list[ColumnSpec]
    sections: list[SectionDraft]
    heading: list[str]  # paragraphs (and rows above the header) before the first task table
    doubts: list[Doubt]
    tables: int  # task tables read


def _is_upper(text: str) -> bool:
    return capitals(text) == 1.0


def _roman_next(sections: list[SectionDraft]) -> str:
    return to_roman(1 + max((roman_value(s.numeral) or 0 for s in sections), default=0))


class _Reader:
    def __init__(self) -> None:
        self.columns: list[ColumnSpec] = []
        self.sections: list[SectionDraft] = []
        self.doubts: list[Doubt] = []
        self.heading: list[str] = []
        self.tables = 0
        self.at = (0, 0)  # the row being read, for ordering doubts
        self.last: TaskDraft | None = None

    # --- sections ---------------------------------------------------------------------------

    def open_section(self, numeral: str | None, title: str, where: str) -> None:
        if numeral is None:
            numeral = _roman_next(self.sections)
            self.doubts.append(
                Doubt(f"dòng mục “{title}” không có số thứ tự; đặt là mục {numeral}", where, at=self.at)
            )
        elif not _ROMAN.match(numeral) and not numeral.isdigit():
            numeral = numeral.upper()
        self.sections.append(SectionDraft(numeral, title.strip(), where))
        self.last = None

    def current(self, where: str) -> SectionDraft:
        if not self.sections:
            self.sections.append(SectionDraft("I", "", where))
            self.doubts.append(
                Doubt(
                    "có nhiệm vụ trước dòng mục đầu tiên (hoặc bảng không chia mục); xếp vào mục I không tên",
                    where,
                )
            )
        return self.sections[-1]

    # --- tables -----------------------------------------------------------------------------

    def table(self, table: Table, header: Header) -> None:
        self.tables += 1
        if not self.columns:
            self.columns = list(header.columns)
            if not self.sections:
                for row in table.rows[: header.first]:
                    texts = [t.strip() for t in dict.fromkeys(row.texts()) if t.strip()]
                    if texts:
                        self.heading.append(" ".join(texts))
        else:
            known = {c.key for c in self.columns}
            for column in header.columns:
                if column.key not in known:
                    self.columns.append(column)
                    self.doubts.append(
                        Doubt(
                            f"bảng này có cột “{column.heading}” mà bảng đầu không có",
                            table.where,
                            kind="note",
                        )
                    )
        body = table.rows[header.body :]
        number_column = header.column("number")
        numbers = [row.text(number_column.grid[0]).strip() if number_column else "" for row in body]
        for index, row in enumerate(body):
            following = next((n for n in numbers[index + 1 :] if n), "")
            self.at = (self.tables, header.body + index)
            self.row(table, header, row, following)

    def row(self, table: Table, header: Header, row: Row, following: str) -> None:
        where = place(table.where, row.where)
        if row.is_blank() or header.repeats(row) or is_column_numbers(row):
            return
        cells = self.cells(header, row)
        filled = {key: text for key, text in cells.items() if text.strip()}
        group = self.group(header, row, filled, following)
        if group is not None:
            numeral, title = group
            self.open_section(numeral, title, where)
            return
        if len(filled) == 1 or _single_spanning(row):
            only = next(iter(filled.values()), "") or row.texts()[0]
            if fold(only).startswith(_NOT_TASKS):
                self.doubts.append(
                    Doubt(
                        f"bỏ dòng không phải nhiệm vụ: “{shorten(only, 60)}”", where, kind="note", at=self.at
                    )
                )
                return
        number_column = header.column("number")
        number_cell = row.at(number_column.grid[0]) if number_column else None
        task_column = header.column("task")
        task_cell = row.at(task_column.grid[0]) if task_column else None
        merged_down = (
            self.last is not None
            and task_cell is not None
            and task_cell.continued
            and (number_cell is None or number_cell.continued)
        )
        orphan = self.last is not None and not filled.get("task") and not filled.get("number") and filled
        if merged_down or orphan:
            assert self.last is not None
            for column in self.columns:
                cell = row.at(column.grid[0]) if column.key in cells else None
                text = filled.get(column.key)
                if text and cell is not None and not cell.continued and column.key not in ("number", "task"):
                    before = self.last.cells.get(column.key, "")
                    self.last.cells[column.key] = f"{before}\n{text}" if before else text
            why = (
                "ô STT và Nhiệm vụ gộp dọc với dòng trên" if merged_down else "dòng không có STT và Nhiệm vụ"
            )
            self.doubts.append(Doubt(f"{why}: gộp vào nhiệm vụ ở dòng trên", where, at=self.at))
            return
        number = cells.get("number", "").strip() if number_column else None
        if number_column and not number:
            self.doubts.append(
                Doubt(
                    "nhiệm vụ không có STT; dùng thứ tự trong mục", where, number_column.heading, at=self.at
                )
            )
        task = TaskDraft(number, {k: v for k, v in cells.items() if k != "number"}, where, self.at)
        self.current(where).tasks.append(task)
        self.last = task

    def cells(self, header: Header, row: Row) -> dict[str, str]:
        """The text of each column in this row; a cell wider than one column counts once."""
        found: dict[str, str] = {}
        used: set[int] = set()
        for column in header.columns:
            texts = []
            for col in column.grid:
                cell = row.at(col)
                if cell is not None and id(cell) not in used:
                    used.add(id(cell))
                    if cell.text:
                        texts.append(cell.text)
            found[column.key] = "\n".join(texts)
        return found

    def group(
        self, header: Header, row: Row, filled: dict[str, str], following: str
    ) -> tuple[str | None, str] | None:
        """(numeral, title) when `row` is a group row; `following` is the next row's STT."""
        texts = [c for c in row.cells if c.text.strip()]
        width = max(len(header.columns), 1)
        if len(texts) == 1 and (texts[0].span >= max(2, _grid_width(header) - 1) or len(header.columns) == 1):
            text = texts[0].text.strip()
            if fold(text).startswith(_NOT_TASKS):
                return None
            match = _GROUP_TEXT.match(text)
            if match:
                return match.group(1), squash(match.group(2))
            if _is_upper(text) or width > 2:
                return None, squash(text)
        number = filled.get("number")
        others = {k: v for k, v in filled.items() if k != "number"}
        if number is not None and len(others) == 1:
            match = _NUMERAL_CELL.match(number.strip())
            if not match:
                return None
            numeral, title = match.group(1), next(iter(others.values()))
            title_column = next(c for c in header.columns if c.key in others)
            title_cell = row.at(title_column.grid[0])
            merged = title_cell is not None and title_cell.span > len(title_column.grid)
            lettered = _ROMAN.match(numeral) is not None or (len(numeral) == 1 and numeral.isupper())
            nests = following.startswith(f"{numeral}.") and len(following) > len(numeral) + 1
            if merged or lettered or nests or _is_upper(title):
                return numeral, squash(title)
            return None
        if number is None and header.column("number") is None and len(others) == 1:
            only = next(iter(others.values())).strip()
            match = _GROUP_TEXT.match(only)
            if match and _is_upper(match.group(2)):
                return match.group(1), squash(match.group(2))
        return None


def _grid_width(header: Header) -> int:
    return sum(len(c.grid) for c in header.columns)


def _single_spanning(row: Row) -> bool:
    texts = [c for c in row.cells if c.text.strip()]
    return len(texts) == 1 and texts[0].span > 1


def read_layout(source: Source) -> Layout | None:
    """The task tables of a document as sections and task rows; None when there are none."""
    reader = _Reader()
    pending: list[str] = []
    for block in source.blocks:
        if isinstance(block, Paragraph):
            if reader.tables == 0:
                reader.heading.append(block.text)
            else:
                pending.append(block.text)
            continue
        header = find_header(block)
        if header is None:
            continue
        if reader.tables == 0:  # "I. CẢI CÁCH THỂ CHẾ" above the first of one table per section
            while reader.heading and _GROUP_TEXT.match(reader.heading[-1]) and len(reader.heading) > 1:
                pending.insert(0, reader.heading.pop())
        for text in pending:  # a section heading written as a paragraph between two tables
            match = _GROUP_TEXT.match(text)
            if match:
                reader.open_section(match.group(1), squash(match.group(2)), block.where)
        pending.clear()
        reader.table(block, header)
    if reader.tables == 0:
        return None
    return Layout(reader.columns, reader.sections, reader.heading, reader.doubts, reader.tables)
