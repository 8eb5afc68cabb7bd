"""Terminal tables with rich: the only module that imports rich."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table

_STATUS_STYLE = {"Quá hạn": "bold red", "Sắp đến hạn": "yellow", "Chờ sự kiện": "cyan"}


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    caption: str | None = None,
    status_column: int | None = None,
    stream: TextIO | None = None,
) -> None:
    # markup=False: a cell reading "[link=…]" or "[blink]" is text, not a rich instruction.
    console = Console(file=stream or sys.stdout, highlight=False, markup=False, emoji=False)
    table = Table(title=title, caption=caption, box=box.SIMPLE_HEAVY, show_lines=False)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        style = _STATUS_STYLE.get(row[status_column], "") if status_column is not None else ""
        table.add_row(*row, style=style)
    console.print(table)
