"""What the importer is unsure of, as values: each doubt names its table, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Doubt:
    message: str
    where: str = ""  # "bảng 2, dòng 14" (.docx), "trang tính “KH”, dòng 9" (.xlsx), "dòng 45" (text)
    column: str | None = None  # the column's heading as printed
    kind: Literal["warning", "note"] = "warning"  # a note is information, not a doubt
    at: tuple[int, int] = (0, 0)  # (task table, row) in reading order: doubts are listed by it

    def line(self) -> str:
        place = ", ".join(p for p in (self.where, f"cột “{self.column}”" if self.column else "") if p)
        return f"{place}: {self.message}" if place else self.message


def place(table_where: str, row_where: str) -> str:
    return f"{table_where}, {row_where}" if table_where else row_where
