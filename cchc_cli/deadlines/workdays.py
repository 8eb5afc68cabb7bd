"""Working-day arithmetic for Vietnamese public administration.

A working day is Monday to Friday and not a Vietnamese public holiday as listed by the
``holidays`` package (``holidays.country_holidays("VN", years=...)``), substituted days off
included. Compensatory working Saturdays are not modelled: Saturdays and Sundays are never
working days.

``holidays`` is imported lazily, the first time a holiday set is needed, so that importing
this module stays cheap; the per-year holiday set is cached. This module never prints and never
reads the clock.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

__all__ = ["add_working_days", "is_working_day", "vn_holidays"]


@lru_cache(maxsize=128)
def vn_holidays(year: int) -> frozenset[date]:
    """Vietnamese public holidays (and substituted days off) of ``year``, cached per year."""
    import holidays  # lazy: keeps CLI start-up fast; a declared dependency, never optional

    try:
        return frozenset(holidays.country_holidays("VN", years=year).keys())
    except (ValueError, OverflowError, NotImplementedError):  # a year holidays cannot compute
        return frozenset()


def is_working_day(d: date) -> bool:
    """Monday-Friday and not a Vietnamese public holiday."""
    return d.weekday() < 5 and d not in vn_holidays(d.year)


def add_working_days(d: date, n: int) -> date:
    """The ``n``-th working day after ``d`` (before ``d`` when ``n`` < 0); ``n`` = 0 returns ``d``.

    ``d`` itself is never counted, whether or not it is a working day.
    """
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    current = d
    while remaining:
        current += step
        if is_working_day(current):
            remaining -= 1
    return current
