"""Deadline values and their calendar arithmetic: what a milestone's deadline *is*.

The deadline language (deadlines/language.py) reads Vietnamese prose into these values; everything
else (queries, exports, statistics) works on them without touching the parser, so commands
that only read a plan never pay for compiling its patterns. Pure: no clock, no printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, get_args

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.calendar import month_end
from cchc_cli.deadlines.workdays import add_working_days

Kind = Literal["date", "recurring", "event", "ongoing", "reference", "unknown"]
Freq = Literal["weekly", "monthly", "quarterly", "semiannual", "yearly"]

KINDS: tuple[Kind, ...] = get_args(Kind)
FREQS: tuple[Freq, ...] = get_args(Freq)
CONCRETE: frozenset[Kind] = frozenset({"date", "recurring", "event"})
"""Kinds that name a deadline (a date, a rule, an event), as opposed to "ongoing" and the rest."""


@dataclass(frozen=True)
class Recurrence:
    freq: Freq
    start: date  # first day the rule runs (default 1/1 of plan year)
    until: date  # last day (default 31/12 of plan year)
    weekday: int | None = None  # 0=Monday..6=Sunday, weekly only
    day: int | None = None  # day of month; -1 = last day of the month
    month: int | None = None  # yearly only


@dataclass(frozen=True)
class Deadline:
    kind: Kind
    label: str
    text: str = ""
    due: date | None = None
    start: date | None = None
    recurrence: Recurrence | None = None
    event: str | None = None
    offset: int | None = None
    working_days: bool = False
    reason: str | None = None


# --------------------------------------------------------------------------- recurrence


def _rule(rec: Recurrence, lo: date, hi: date) -> object | None:
    """A dateutil rrule for ``rec`` restricted to [lo, hi], or None if the rule is void."""
    from dateutil import rrule as rr  # lazy: keeps CLI start-up fast

    kw: dict[str, object] = {
        "dtstart": datetime(lo.year, lo.month, lo.day),
        "until": datetime(hi.year, hi.month, hi.day),
    }
    if rec.freq == "weekly":
        wd = 6 if rec.weekday is None else rec.weekday
        if not 0 <= wd <= 6:
            return None
        return rr.rrule(rr.WEEKLY, byweekday=wd, **kw)  # type: ignore[arg-type]
    day = -1 if rec.day is None else rec.day
    if 1 <= day <= 28 or -31 <= day <= -1:
        kw["bymonthday"] = day
    elif 29 <= day <= 31:  # clamp to the month's last day in shorter months
        kw["bymonthday"] = tuple(range(28, day + 1))
        kw["bysetpos"] = -1
    else:
        return None
    if rec.freq == "monthly":
        return rr.rrule(rr.MONTHLY, **kw)  # type: ignore[arg-type]
    if rec.freq == "quarterly":
        return rr.rrule(rr.MONTHLY, bymonth=(3, 6, 9, 12), **kw)  # type: ignore[arg-type]
    if rec.freq == "semiannual":
        return rr.rrule(rr.MONTHLY, bymonth=(6, 12), **kw)  # type: ignore[arg-type]
    if rec.freq == "yearly":
        month = 12 if rec.month is None else rec.month
        if not 1 <= month <= 12:
            return None
        return rr.rrule(rr.YEARLY, bymonth=month, **kw)  # type: ignore[arg-type]
    return None


def occurrences(rec: Recurrence, start: date | None = None, end: date | None = None) -> list[date]:
    """Due dates of ``rec`` within [max(rec.start, start), min(rec.until, end)]."""
    lo = rec.start if start is None else max(rec.start, start)
    hi = rec.until if end is None else min(rec.until, end)
    if lo > hi:
        return []
    rule = _rule(rec, lo, hi)
    if rule is None:
        return []
    out: list[date] = []
    it = iter(rule)  # type: ignore[call-overload]
    while True:
        try:
            dt = next(it)
        except (StopIteration, ValueError, OverflowError):  # dateutil overruns year 9999
            return out
        out.append(dt.date())


def next_occurrence(rec: Recurrence, on_or_after: date) -> date | None:
    """The first due date of ``rec`` on or after ``on_or_after`` (within its span), or None."""
    lo = max(rec.start, on_or_after)
    if lo > rec.until:
        return None
    rule = _rule(rec, lo, rec.until)
    if rule is None:
        return None
    try:
        first = next(iter(rule), None)  # type: ignore[call-overload]
    except (ValueError, OverflowError):  # dateutil overruns year 9999
        return None
    return None if first is None else first.date()


# --------------------------------------------------------------------------- events, JSON


def resolve_event(d: Deadline, event_date: date, year: int) -> Deadline:
    """An event deadline whose event happened on ``event_date`` -> a ``date`` deadline.

    due = event_date + offset (calendar or working days); with no offset, the work is to be
    done after the event within the plan ``year``: start = event_date, due = 31/12/``year``
    (or event_date itself when the event falls after that). Non-event deadlines are returned
    unchanged.
    """
    if d.kind != "event":
        return d
    try:
        if d.offset is None:
            due = max(date(year, 12, 31), event_date)
            return Deadline(kind="date", label=d.label, text=d.text, due=due, start=event_date)
        if d.working_days:
            due = add_working_days(event_date, d.offset)
        else:
            due = event_date + timedelta(days=d.offset)
    except (ValueError, OverflowError):
        return Deadline(
            kind="unknown", label=d.label, text=d.text, reason="hạn tính từ sự kiện vượt ngoài lịch"
        )
    return Deadline(kind="date", label=d.label, text=d.text, due=due)


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def deadline_to_json(d: Deadline, as_of: date | None = None) -> dict[str, object]:
    """A JSON-ready dict of ``d``; ``as_of`` gives the ``next`` occurrence of recurring ones."""
    out: dict[str, object] = {"kind": d.kind, "label": d.label, "text": d.text}
    if d.kind == "date":
        out["due"] = _iso(d.due)
        if d.start is not None:
            out["start"] = _iso(d.start)
    elif d.kind == "recurring" and d.recurrence is not None:
        rec = d.recurrence
        occ = occurrences(rec)
        out["freq"] = rec.freq
        out["due"] = _iso(occ[-1]) if occ else None
        out["start"] = _iso(rec.start)
        out["next"] = None if as_of is None else _iso(next_occurrence(rec, as_of))
        if rec.weekday is not None:
            out["weekday"] = rec.weekday
        if rec.day is not None:
            out["day"] = rec.day
        if rec.month is not None:
            out["month"] = rec.month
    elif d.kind == "event":
        out["event"] = d.event
        out["offset"] = d.offset
        out["working_days"] = d.working_days
    elif d.kind == "ongoing":
        if d.start is not None:
            out["start"] = _iso(d.start)
        if d.due is not None:
            out["due"] = _iso(d.due)
    elif d.kind == "unknown":
        out["reason"] = d.reason
    return out


KIND_VI: dict[Kind, str] = {
    "date": "Có thời hạn",
    "recurring": "Định kỳ",
    "event": "Theo sự kiện",
    "ongoing": "Thường xuyên",
    "reference": "Theo quy định/kế hoạch khác",
    "unknown": "Chưa đọc được",
}
"""Each kind of deadline as a user reads it."""

FREQ_VI: dict[Freq, str] = {
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "semiannual": "6 tháng một lần",
    "yearly": "hằng năm",
}


WEEKDAY_VI: tuple[str, ...] = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def recurrence_day(rec: Recurrence) -> str:
    """When a recurring deadline falls, in Vietnamese: 'thứ Sáu hằng tuần', 'ngày 25 hằng tháng',
    'ngày 14 tháng cuối quý', 'ngày 15 tháng 6 và tháng 12', 'ngày 28/02 hằng năm'…"""
    if rec.freq == "weekly":
        weekday = 6 if rec.weekday is None else rec.weekday
        name = WEEKDAY_VI[weekday] if 0 <= weekday <= 6 else f"ngày thứ {weekday} trong tuần"
        return f"{name} hằng tuần"
    day = -1 if rec.day is None else rec.day
    if rec.freq == "monthly":
        return "ngày cuối cùng hằng tháng" if day == -1 else f"ngày {day} hằng tháng"
    if rec.freq == "quarterly":
        return "ngày cuối cùng của quý" if day == -1 else f"ngày {day} tháng cuối quý"
    if rec.freq == "semiannual":
        if day == -1:
            return "ngày 30/06 và 31/12 hằng năm"
        return f"ngày {day} tháng 6 và tháng 12 hằng năm"
    month = 12 if rec.month is None else rec.month
    if day == -1:
        if month == 2:
            return "ngày cuối tháng 02 hằng năm"
        day = month_end(2001, month).day if 1 <= month <= 12 else day
    return f"ngày {day:02d}/{month:02d} hằng năm"


def describe(deadline: Deadline | None) -> str:
    """A deadline in a few Vietnamese words: '18/02/2025', 'từ 01/04/2024 đến 30/09/2024',
    'ngày 25 hằng tháng (từ 01/01/2025 đến 31/12/2025)', 'khi có: Đề án được phê duyệt'…"""
    if deadline is None:
        return "(không có)"
    if deadline.kind == "date" and deadline.due is not None:
        if deadline.start is not None:
            return f"từ {vn_date(deadline.start)} đến {vn_date(deadline.due)}"
        return vn_date(deadline.due)
    if deadline.kind == "recurring" and deadline.recurrence is not None:
        rec = deadline.recurrence
        return f"{recurrence_day(rec)} (từ {vn_date(rec.start)} đến {vn_date(rec.until)})"
    if deadline.kind == "event":
        offset = ""
        if deadline.offset:
            offset = f", {deadline.offset} ngày{' làm việc' if deadline.working_days else ''} sau đó"
        return f"khi có: {deadline.event}{offset}"
    if deadline.kind == "ongoing":
        return "thường xuyên"
    if deadline.kind == "reference":
        return "theo quy định/kế hoạch khác"
    return f"chưa đọc được hạn ({deadline.reason})" if deadline.reason else "chưa đọc được hạn"
