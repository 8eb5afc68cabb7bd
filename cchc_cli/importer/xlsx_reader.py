"""Read an .xlsx into one table per worksheet, straight from its XML (zipfile + lxml).

Shared strings, inline strings and numbers are read as the sheet shows them: a whole
number without ".0", a date cell (a date number format) as dd/mm/yyyy. Merged ranges
(`mergeCell`) become one wide cell on their first row and are filled down, `continued`, on
the rows below. Rows and columns are bounded by the cells actually written (a merge or a
dimension claiming a million rows does not make a million rows), and at most MAX_COLUMNS
columns are read.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import TYPE_CHECKING

from cchc_cli.errors import CchcError
from cchc_cli.importer.files import MAX_CELL_CHARS, Package
from cchc_cli.importer.table import Cell, Row, Source, Table
from cchc_cli.textfold import nfc

if TYPE_CHECKING:  # lxml is parsed in files.py; here only its element type is named
    from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_COLUMNS = 64
MAX_ROWS = 100_000
_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_BUILTIN_DATES = frozenset({14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57})
_DATE_CODE = re.compile(r"[dmy]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _column(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + (ord(char) - 64)
    return value - 1


def _ref(text: str | None) -> tuple[int, int] | None:
    match = _REF.match(text or "")
    if match is None:
        return None
    return int(match.group(2)), _column(match.group(1))


def _text_of(node: etree._Element) -> str:
    """The text of a shared or inline string: its `t`, or its runs' `t` (phonetics left out)."""
    parts = []
    for child in node:
        if child.tag == _MAIN + "t":
            parts.append(child.text or "")
        elif child.tag == _MAIN + "r":
            parts.extend(t.text or "" for t in child.iterchildren(_MAIN + "t"))
    return "".join(parts)


def _date_styles(styles: etree._Element | None) -> set[int]:
    """Indexes of the cell formats (cellXfs) that show a date."""
    if styles is None:
        return set()
    custom = {}
    formats = styles.find(_MAIN + "numFmts")
    if formats is not None:
        for fmt in formats.iterchildren(_MAIN + "numFmt"):
            code = _QUOTED.sub("", fmt.get("formatCode") or "")
            custom[int(fmt.get("numFmtId") or -1)] = bool(_DATE_CODE.search(code))
    found = set()
    xfs = styles.find(_MAIN + "cellXfs")
    if xfs is not None:
        for index, xf in enumerate(xfs.iterchildren(_MAIN + "xf")):
            fmt_id = int(xf.get("numFmtId") or 0)
            if fmt_id in _BUILTIN_DATES or custom.get(fmt_id, False):
                found.add(index)
    return found


def _number(value: str, is_date: bool) -> str:
    try:
        number = float(value)
    except ValueError:
        return value
    if is_date and 0 < number < 2958466:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(number))
        return day.strftime("%d/%m/%Y")
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return value


def _sheets(package: Package) -> list[tuple[str, str]]:
    """(name, part) of every worksheet, in the workbook's order."""
    workbook = package.xml("xl/workbook.xml")
    if workbook is None:
        raise CchcError(f"{package.shown}: không phải bảng tính Excel (.xlsx): thiếu xl/workbook.xml")
    rels = package.xml("xl/_rels/workbook.xml.rels")
    targets = {}
    if rels is not None:
        for rel in rels.iterchildren(_PKG_REL + "Relationship"):
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[rel.get("Id")] = posixpath.normpath(path)
    found = []
    sheets = workbook.find(_MAIN + "sheets")
    for sheet in sheets.iterchildren(_MAIN + "sheet") if sheets is not None else ():
        part = targets.get(sheet.get(_REL_NS + "id"))
        if part:
            found.append((sheet.get("name") or "", part))
    return found


def _sheet_table(root: etree._Element, name: str, strings: list[str], dates: set[int]) -> Table:
    values: dict[int, dict[int, str]] = {}
    data = root.find(_MAIN + "sheetData")
    for row in data.iterchildren(_MAIN + "row") if data is not None else ():
        row_no = int(row.get("r") or 0) or (max(values, default=0) + 1)
        if row_no > MAX_ROWS:
            break
        next_col = 0
        for c in row.iterchildren(_MAIN + "c"):
            at = _ref(c.get("r"))
            col = at[1] if at else next_col
            next_col = col + 1
            if col >= MAX_COLUMNS:
                continue
            kind, v = c.get("t"), c.find(_MAIN + "v")
            if kind == "s" and v is not None:
                index = int(v.text or -1) if (v.text or "").isdigit() else -1
                text = strings[index] if 0 <= index < len(strings) else ""
            elif kind == "inlineStr":
                inline = c.find(_MAIN + "is")
                text = _text_of(inline) if inline is not None else ""
            elif v is None:
                text = ""
            elif kind in ("str", "e", "d"):
                text = v.text or ""
            elif kind == "b":
                text = "TRUE" if v.text == "1" else "FALSE"
            else:
                text = _number(v.text or "", int(c.get("s") or 0) in dates)
            if text:
                values.setdefault(row_no, {})[col] = nfc(text.replace("\r\n", "\n"))[: MAX_CELL_CHARS + 1]
    last_row = max(values, default=0)
    merges: dict[tuple[int, int], tuple[int, int]] = {}  # top-left -> (last row, last col)
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # cell -> its merge's top-left
    merged_columns: dict[int, set[int]] = {}  # row -> first columns of the merges on it
    merge_node = root.find(_MAIN + "mergeCells")
    for merge in merge_node.iterchildren(_MAIN + "mergeCell") if merge_node is not None else ():
        first, _sep, last = (merge.get("ref") or "").partition(":")
        a, b = _ref(first), _ref(last or first)
        if a is None or b is None or a[0] > last_row or a[1] >= MAX_COLUMNS:
            continue
        bottom, right = min(b[0], last_row), min(b[1], MAX_COLUMNS - 1)
        merges[a] = (bottom, right)
        for r in range(a[0], bottom + 1):
            merged_columns.setdefault(r, set()).add(a[1])
            if (r, a[1]) != a:
                covered[(r, a[1])] = a
    rows: list[Row] = []
    width = 0
    for row_no in sorted(set(values) | set(merged_columns)):
        cells: list[Cell] = []
        col_values = values.get(row_no, {})
        starts = sorted(set(col_values) | merged_columns.get(row_no, set()))
        taken = -1
        for col in starts:
            if col <= taken:
                continue  # inside a merge already placed
            origin = covered.get((row_no, col))
            if origin is not None:
                _bottom, right = merges[origin]
                text = values.get(origin[0], {}).get(origin[1], "")
                cells.append(Cell(text, col, right - col + 1, continued=True))
                taken = right
            elif (row_no, col) in merges:
                _bottom, right = merges[(row_no, col)]
                cells.append(Cell(col_values.get(col, ""), col, right - col + 1))
                taken = right
            else:
                cells.append(Cell(col_values[col], col))
                taken = col
        if cells:
            width = max(width, cells[-1].col + cells[-1].span)
            rows.append(Row(tuple(cells), f"dòng {row_no}"))
    return Table(tuple(rows), f"trang tính “{name}”", width)


def read_xlsx(package: Package) -> Source:
    """Every worksheet of an .xlsx as a table, in the workbook's order."""
    strings: list[str] = []
    shared = package.xml("xl/sharedStrings.xml")
    if shared is not None:
        strings = [_text_of(si) for si in shared.iterchildren(_MAIN + "si")]
    dates = _date_styles(package.xml("xl/styles.xml"))
    tables = []
    for name, part in _sheets(package):
        root = package.xml(part)
        if root is not None:
            tables.append(_sheet_table(root, name, strings, dates))
    return Source("xlsx", tuple(tables))
