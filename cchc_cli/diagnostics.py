"""Problems found in a plan file, as values (never printed here)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, order=False)
class Diagnostic:
    """One problem at a place in a file. Lines and columns are 1-based."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def one_line(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
