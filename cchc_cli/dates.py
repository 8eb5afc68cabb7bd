"""Dates as users type and read them: dd/mm/yyyy (or ISO yyyy-mm-dd)."""

from __future__ import annotations

import datetime as dt
import re

from cchc_cli.errors import UsageError

MIN_YEAR, MAX_YEAR = 1900, 2200
"""Dates typed by users: a plan year (2000–2100) give or take a century. The bound keeps
`--as-of 31/12/9999` plus `--within` days from overflowing Python's dates (year 9999)."""

_VN = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_user_date(text: str, *, option: str = "ngày") -> dt.date:
    """'26/11/2026' or '2026-11-26' -> date; anything else is a UsageError naming the option."""
    match = _VN.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            raise UsageError(f"{option}: “{text}” không phải ngày; viết dạng dd/mm/yyyy, ví dụ 15/12/2025")
        year, month, day = (int(g) for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(
            f"{option}: năm {year} ngoài khoảng {MIN_YEAR}–{MAX_YEAR}; kiểm tra lại ngày “{text}”"
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UsageError(f"{option}: ngày {day:02d}/{month:02d}/{year} không tồn tại") from None


def vn_date(day: dt.date | None) -> str:
    # Not strftime: a site of 1,000 tasks prints some 20,000 dates, and this is 5x faster.
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}" if day else ""
