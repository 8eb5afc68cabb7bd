"""Calendar arithmetic of the deadline language: the ONE place for month ends and periods.

Working days live in :mod:`cchc_cli.deadlines.workdays`. Pure; raises ``ValueError`` (from
``datetime.date``) on days that do not exist.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = [
    "LAST_WEEK",
    "half_bounds",
    "month_bounds",
    "month_end",
    "quarter_bounds",
    "week_bounds",
    "year_bounds",
]


def month_end(y: int, m: int) -> date:
    """The last day of month ``m`` of year ``y``."""
    if m == 12:
        return date(y, 12, 31)
    return date(y, m + 1, 1) - timedelta(days=1)


def month_bounds(y: int, first: int, last: int) -> tuple[date, date]:
    """First day of month ``first`` to last day of month ``last`` (both of year ``y``)."""
    return date(y, first, 1), month_end(y, last)


def quarter_bounds(y: int, first: int, last: int) -> tuple[date, date]:
    """First day of quarter ``first`` to last day of quarter ``last`` (1-4)."""
    return date(y, 3 * first - 2, 1), month_end(y, 3 * last)


def half_bounds(y: int, half: int) -> tuple[date, date]:
    """01/01-30/06 for the first half (1), 01/07-31/12 for the second (2)."""
    return (date(y, 1, 1), date(y, 6, 30)) if half == 1 else (date(y, 7, 1), date(y, 12, 31))


def year_bounds(first: int, last: int | None = None) -> tuple[date, date]:
    """01/01 of ``first`` to 31/12 of ``last`` (default ``first``)."""
    return date(first, 1, 1), date(first if last is None else last, 12, 31)


LAST_WEEK = -1
"""The week number of "tuần cuối (cùng)": the last seven days of the month."""


def week_bounds(y: int, m: int, week: int) -> tuple[date, date]:
    """The ``week``-th week of a month: days 1-7, 8-14, 15-21, 22-28, and 29 to the month's
    end for the fifth; ``LAST_WEEK`` is the last seven days (25-31 in May, 22-28 in a February
    of 28 days). A week is counted inside the month, whatever the weekdays. ValueError when the
    month has no such week (no fifth week in a February of 28 days)."""
    end = month_end(y, m)
    if week == LAST_WEEK:
        return end - timedelta(days=6), end
    if not 1 <= week <= 5:
        raise ValueError(f"week {week}")
    first_day = 7 * (week - 1) + 1
    if first_day > end.day:
        raise ValueError(f"no week {week} in {m}/{y}")
    first = date(y, m, first_day)
    return first, min(first + timedelta(days=6), end)
