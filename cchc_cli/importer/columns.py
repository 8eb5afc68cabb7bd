"""Which column is which: header cells matched by meaning through Vietnamese synonyms.

SYNONYMS is the one table to extend when an agency names a column another way. A header
cell is folded (no diacritics, lower case, single spaces, no spaces around "/") and matched
against every synonym: equal, or starting with it followed by a space, "(", "/" or ",". The
longest matching synonym wins, so "Đơn vị chủ trì thực hiện" is the lead column, not the
one-column assignment ("đơn vị thực hiện"). STT columns must match exactly ("stt", "tt").

A header may take two rows ("Phân công thực hiện" over "Chủ trì | Phối hợp"): the upper
cell becomes the columns' `group`, the lower cells their headings. A row of column numbers
("(1) (2) (3)") under the header is skipped. Columns that match nothing are kept as they are
(Ghi chú, Cấp trình, Kinh phí…), under a key made from their heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_cli.importer.table import Row, Table
from cchc_cli.textfold import fold

SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("stt", "tt", "so tt", "so thu tu", "thu tu"),
    "task": (
        "nhiem vu", "noi dung", "noi dung nhiem vu", "ten nhiem vu", "nhiem vu, de an, du an",
        "nhiem vu, giai phap", "nhiem vu cu the", "noi dung cong viec", "cong viec", "ten de an",
        "ten cong viec", "noi dung thuc hien", "cac nhiem vu", "noi dung, nhiem vu", "nhiem vu trong tam",
        "de an, nhiem vu",
    ),
    "output": (
        "ket qua/san pham", "san pham", "san pham dau ra", "ket qua", "san pham/ket qua", "ket qua dau ra",
        "hinh thuc san pham", "ket qua, san pham", "san pham, ket qua", "ket qua du kien",
        "hinh thuc van ban",
    ),
    "schedule": (
        "tien do", "thoi gian", "thoi gian thuc hien", "thoi gian hoan thanh", "thoi gian trinh", "thoi han",
        "thoi han hoan thanh", "tien do thuc hien", "tien do hoan thanh", "moc thoi gian", "thoi diem",
        "thoi gian thuc hien/hoan thanh",
    ),
    "assignment": (
        "phan cong", "don vi thuc hien", "co quan thuc hien", "to chuc thuc hien", "trach nhiem thuc hien",
        "co quan, don vi thuc hien", "don vi chu tri/phoi hop", "co quan chu tri/phoi hop", "trach nhiem",
        "phan cong thuc hien", "don vi, ca nhan thuc hien",
    ),
    "lead": (
        "co quan chu tri", "don vi chu tri", "chu tri", "co quan, don vi chu tri", "don vi chiu trach nhiem",
        "co quan chu tri thuc hien", "don vi chu tri thuc hien", "chu tri thuc hien",
    ),
    "support": (
        "co quan phoi hop", "don vi phoi hop", "phoi hop", "co quan, don vi phoi hop",
        "co quan phoi hop thuc hien", "don vi phoi hop thuc hien", "phoi hop thuc hien",
    ),
}  # fmt: skip
"""Folded header texts (prefixes) per column role. Add a synonym here, in folded form."""

ROLE_NAMES = {
    "number": "STT",
    "task": "Nhiệm vụ/Nội dung",
    "output": "Kết quả/sản phẩm",
    "schedule": "Tiến độ/Thời gian",
    "assignment": "Phân công/Đơn vị thực hiện",
    "lead": "Chủ trì",
    "support": "Phối hợp",
}
_EXACT = frozenset({"number"})
_SLASH = re.compile(r"\s*/\s*")
_COMMA = re.compile(r"\s*,\s*")
_COLUMN_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[A-Z])\)?$")


def normalize(text: str) -> str:
    folded = _COMMA.sub(", ", _SLASH.sub("/", fold(text)))
    return folded.strip(" .:;*")


def role_of(text: str) -> str | None:
    """The role a header cell names, or None; a heading that names none may say it in
    parentheses ("Deliverable (Kết quả đầu ra)")."""
    role = _role_of(normalize(text))
    if role is None and "(" in text:
        inside = text[text.index("(") + 1 :].split(")")[0]
        role = _role_of(normalize(inside))
    return role


def _role_of(header: str) -> str | None:
    if not header:
        return None
    best: tuple[int, str] | None = None
    for role, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            prefix = (
                role not in _EXACT
                and header.startswith(synonym)
                and header[len(synonym) : len(synonym) + 1] in (" ", "(", "/", ",")
            )
            if (header == synonym or prefix) and (best is None or len(synonym) > best[0]):
                best = (len(synonym), role)
    return best[1] if best else None


@dataclass(frozen=True)
class ColumnSpec:
    key: str  # number, task, output, schedule, assignment, lead, support, or a key for another column
    heading: str
    group: str | None
    grid: tuple[int, ...]  # grid columns it covers in its table

    @property
    def role(self) -> str | None:
        return self.key if self.key in SYNONYMS else None


@dataclass(frozen=True)
class Header:
    columns: tuple[ColumnSpec, ...]
    first: int  # index of the header's first row in the table
    body: int  # index of the first row after the header (and its column numbers)
    signatures: frozenset[tuple[str, ...]]  # the header rows, folded, to spot repeats

    def column(self, key: str) -> ColumnSpec | None:
        return next((c for c in self.columns if c.key == key), None)

    def repeats(self, row: Row) -> bool:
        """Whether `row` is one of the header's rows again (a page break, a joined table)."""
        first = next((cell.text for cell in row.cells if cell.text.strip()), "")
        if normalize(first) not in {s[0] for s in self.signatures if s}:  # one fold a row, not one a cell
            return False
        return signature(row) in self.signatures


def signature(row: Row) -> tuple[str, ...]:
    return tuple(normalize(cell.text) for cell in row.cells if cell.text.strip())


def is_column_numbers(row: Row) -> bool:
    texts = [t.strip() for t in row.texts() if t.strip()]
    return len(texts) >= 2 and all(_COLUMN_NUMBER.match(t) for t in texts)


def _recognised(row: Row) -> set[str]:
    return {role for cell in row.cells if (role := role_of(cell.text))}


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40].strip("-")
    return slug or "cot"


def _key(role: str | None, heading: str, taken: set[str]) -> str:
    key = role if role and role not in taken else _slug(heading)
    if key in SYNONYMS and key != role:
        key = f"{key}-cot"
    base, index = key, 2
    while key in taken:
        key = f"{base}-{index}"
        index += 1
    taken.add(key)
    return key


def find_header(table: Table, *, look: int = 12) -> Header | None:
    """The header of a task table: a row naming the task column and at least one other."""
    for index, row in enumerate(table.rows[:look]):
        roles = _recognised(row)
        if "task" not in roles or len(roles) < 2:
            continue
        return _header_at(table, index)
    return None


def _header_at(table: Table, index: int) -> Header:
    top = table.rows[index]
    below = table.rows[index + 1] if index + 1 < len(table.rows) else None
    two_rows = below is not None and _is_sub_header(top, below)
    taken: set[str] = set()
    columns: list[ColumnSpec] = []
    group: str | None = None  # an empty upper cell stands under the heading on its left
    for cell in top.cells:
        grid = tuple(range(cell.col, cell.col + cell.span))
        subs = []
        if two_rows and below is not None:
            for col in grid:
                sub = below.at(col)
                if sub is not None and not sub.continued and sub.text.strip() and sub not in subs:
                    subs.append(sub)
        if subs and (cell.span > 1 or not cell.text.strip() or len(subs) > 1 or subs[0].text != cell.text):
            group = cell.text.strip() or group
            for sub in subs:
                sub_grid = tuple(c for c in range(sub.col, sub.col + sub.span) if c in grid)
                role = role_of(sub.text)
                columns.append(ColumnSpec(_key(role, sub.text, taken), sub.text.strip(), group, sub_grid))
        elif cell.text.strip():
            group = None
            columns.append(
                ColumnSpec(_key(role_of(cell.text), cell.text, taken), cell.text.strip(), None, grid)
            )
    body = index + (2 if two_rows else 1)
    signatures = {signature(top)} | ({signature(below)} if two_rows and below is not None else set())
    while body < len(table.rows) and is_column_numbers(table.rows[body]):
        signatures.add(signature(table.rows[body]))
        body += 1
    return Header(tuple(columns), index, body, frozenset(signatures))


def _is_sub_header(top: Row, below: Row) -> bool:
    """Whether `below` holds the lower headings of a two-row header."""
    if is_column_numbers(below):
        return False
    wide = [cell for cell in top.cells if cell.span > 1 or not cell.text.strip()]
    if not wide and not any(cell.continued for cell in below.cells):
        return False
    for cell in wide:
        for col in range(cell.col, cell.col + cell.span):
            sub = below.at(col)
            if sub is not None and not sub.continued and role_of(sub.text) in ("lead", "support"):
                return True
    # Headings under a merged cell that name no role ("Năm 2025 | Năm 2026"): every filled
    # cell of the row stands under a wide cell, and the row has no STT of its own.
    filled = [cell for cell in below.cells if cell.text.strip() and not cell.continued]
    return (
        bool(wide)
        and bool(filled)
        and all(any(w.col <= c.col < w.col + w.span for w in wide) for c in filled)
    )


def expected_synonyms() -> str:
    """The synonyms, as a line for error messages."""
    return "; ".join(f"{ROLE_NAMES[role]}: " + ", ".join(synonyms[:4]) for role, synonyms in SYNONYMS.items())
