"""Dates as users type and read them: dd/mm/yyyy (or ISO yyyy-mm-dd)."""

from __future__ import annotations

import datetime as dt
import re

from cchc_cli.errors import UsageError

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
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UsageError(f"{option}: ngày {day:02d}/{month:02d}/{year} không tồn tại") from None


def vn_date(day: dt.date | None) -> str:
    # Not strftime: a site of 1,000 tasks prints some 20,000 dates, and this is 5x faster.
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}" if day else ""
