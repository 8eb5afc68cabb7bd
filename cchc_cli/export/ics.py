"""The plan's deadlines as an iCalendar file, for Outlook, Google Calendar or a phone.

* Every dated milestone (a date, a period's last day, an event whose date the plan records)
  is an all-day VEVENT on its due day.
* Every recurring milestone is ONE VEVENT starting on its first occurrence with an RRULE
  (FREQ with BYDAY, BYMONTHDAY and BYMONTH, and UNTIL), so a calendar shows every
  occurrence. The rule is checked against `deadlines.occurrences`; should it ever describe
  other days, the event lists the exact days as RDATEs instead.
* Each event has a VALARM reminder at 08:00, `remind_days` days before (0 = 08:00 on the
  day itself).
* UIDs are stable: `<year>-<task id>-<milestone key>@<agency>.cchc`, so importing a newer
  export updates the events instead of duplicating them.
* Milestones without a day (waiting for an event, ongoing, by regulation) are left out.

`dtstamp` (the export time) is a parameter. The file is written here, line by line, in the
form icalendar writes it (property order, escaping, folding at 75 octets): icalendar needs
about 2 ms an event, which made a 2,000-milestone calendar take 4 s; the tests read every
calendar back with icalendar.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.schedule import FREQ_VI
from cchc_cli.plan.milestones import Milestone
from cchc_cli.plan.model import Plan, Section, Task
from cchc_cli.plan.units import Directory
from cchc_cli.query.due import Selection, select
from cchc_cli.textfold import fold, squash

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SUMMARY_CHARS = 90


def event_uid(plan: Plan, task: Task, milestone: Milestone) -> str:
    agency = re.sub(r"[^a-z0-9]+", "-", fold(plan.plan.agency)).strip("-") or "cchc"
    return f"{plan.year}-{task.id}-{milestone.key}@{agency}.cchc"


def _summary(task: Task, milestone: Milestone, several: bool, agency: str | None = None) -> str:
    text = squash(task.task)
    if len(text) > _SUMMARY_CHARS:
        text = text[: _SUMMARY_CHARS - 1].rstrip() + "…"
    summary = f"[{task.id}] {text}"
    if agency:
        summary = f"{agency}: {summary}"
    if several and milestone.label:
        summary += f" — {squash(milestone.label)}"
    return summary


def _description(section: Section, task: Task, milestone: Milestone, directory: Directory, when: str) -> str:
    lines = [
        f"Mục {section.numeral}. {section.title}",
        f"Nhiệm vụ: {task.task}",
        f"Kết quả/sản phẩm: {task.output}",
        f"Tiến độ: {task.schedule}",
        f"Mốc {milestone.key}: {milestone.label} — {when}",
        f"Chủ trì: {'; '.join(directory.names(milestone.lead))}",
    ]
    if milestone.support:
        lines.append(f"Phối hợp: {'; '.join(directory.names(milestone.support))}")
    lines.append(f"Phân công: {task.assignment}")
    return "\n".join(lines)


def recurrence_rule(milestone: Milestone) -> tuple[dict[str, Any] | None, list[dt.date]]:
    """(RRULE parts, occurrences) of a recurring milestone; parts None when no rule fits."""
    from dateutil import rrule

    from cchc_cli.deadlines.schedule import occurrences

    rec = milestone.deadline.recurrence
    assert rec is not None
    days = occurrences(rec)
    if not days:
        return None, days
    rule: dict[str, Any] = {"until": days[-1]}
    if rec.freq == "weekly":
        rule["freq"] = "weekly"
        rule["byday"] = _BYDAY[days[0].weekday()]
    elif rec.freq == "monthly":
        rule["freq"] = "monthly"
        rule["bymonthday"] = rec.day if rec.day is not None else -1
    else:
        # quarterly, semiannual, yearly: the months the occurrences fall in, once a year.
        rule["freq"] = "yearly"
        rule["bymonth"] = sorted({d.month for d in days})
        rule["bymonthday"] = rec.day if rec.day is not None else -1
    if isinstance(rule.get("bymonthday"), int) and rule["bymonthday"] > 28:
        return None, days  # "day 31" falls on the last day of shorter months: no plain RRULE
    expanded = _expand(rule, days[0], rrule)
    return (rule if expanded == days else None), days


def _expand(rule: dict[str, Any], start: dt.date, rrule: Any) -> list[dt.date]:
    freq = {"weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY}[rule["freq"]]
    kwargs: dict[str, Any] = {
        "dtstart": dt.datetime(start.year, start.month, start.day),
        "until": dt.datetime(rule["until"].year, rule["until"].month, rule["until"].day),
    }
    if "byday" in rule:
        kwargs["byweekday"] = _BYDAY.index(rule["byday"])
    if "bymonthday" in rule:
        kwargs["bymonthday"] = rule["bymonthday"]
    if "bymonth" in rule:
        kwargs["bymonth"] = rule["bymonth"]
    return [d.date() for d in rrule.rrule(freq, **kwargs)]


def _text(value: str) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


_ESCAPES = (0x5C, 0x5E)  # "\" and "^": never left at the end of a folded line


def _fold(line: str) -> bytes:
    """A content line cut into lines of at most 74 octets (continuations start with a space),
    never inside a character nor right after an escaping backslash."""
    data = line.encode("utf-8")
    if len(data) < 75:
        return data
    parts = []
    start = 0
    while len(data) - start >= 75:
        end = start + 74
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the character's start
            end -= 1
        if data[end - 1] in _ESCAPES and end - 1 > start:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _day(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _duration(delta: dt.timedelta) -> str:
    """A DURATION value as icalendar writes it: -P2DT16H for three days before 08:00."""
    sign = "-" if delta < dt.timedelta(0) else ""
    delta = abs(delta)
    text = f"{sign}P"
    if delta.days:
        text += f"{delta.days}D"
    hours, rest = divmod(delta.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours or minutes or seconds or not delta.days:
        text += "T"
        if hours:
            text += f"{hours}H"
        if minutes:
            text += f"{minutes}M"
        if seconds or not (hours or minutes or delta.days):
            text += f"{seconds}S"
    return text


def _rrule(rule: dict[str, Any]) -> str:
    parts = [f"FREQ={rule['freq'].upper()}", f"UNTIL={_day(rule['until'])}"]
    if "byday" in rule:
        parts.append(f"BYDAY={rule['byday']}")
    if "bymonthday" in rule:
        parts.append(f"BYMONTHDAY={rule['bymonthday']}")
    if "bymonth" in rule:
        parts.append("BYMONTH=" + ",".join(str(m) for m in rule["bymonth"]))
    return ";".join(parts)


def _header(name: str) -> list[str]:
    return [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text('-//cchc//Kế hoạch CCHC//VI')}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]


def _events(
    plan: Plan, selection: Selection | None, dtstamp: dt.datetime, remind_days: int, *, tagged: bool
) -> list[str]:
    """The VEVENT lines of one plan; `tagged` names the agency in each event (several plans)."""
    directory = Directory(plan)
    stamp = dtstamp.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    trigger = _duration(dt.timedelta(days=-remind_days, hours=8))
    agency = plan.plan.agency if tagged else None
    lines: list[str] = []
    for section, task, kept in select(plan, directory, selection or Selection()):
        several = len(kept) > 1
        for milestone, _role in kept:
            d = milestone.deadline
            repeat: list[str] = []
            if d.kind == "date" and d.due is not None:
                first = d.due
                when = f"hạn {vn_date(d.due)}"
            elif d.kind == "recurring" and d.recurrence is not None:
                rule, days = recurrence_rule(milestone)
                if not days:
                    continue
                first = days[0]
                when = f"định kỳ {FREQ_VI[d.recurrence.freq]}, từ {vn_date(days[0])} đến {vn_date(days[-1])}"
                if rule is not None:
                    repeat.append(f"RRULE:{_rrule(rule)}")
                else:
                    repeat += [f"RDATE;VALUE=DATE:{_day(day)}" for day in days[1:]]
            else:
                continue
            tags = (*((agency,) if agency else ()), f"CCHC {plan.year}", f"Mục {section.numeral}")
            categories = ",".join(_text(c) for c in tags)
            description = _description(section, task, milestone, directory, when)
            if agency:
                description = f"{agency}\n{description}"
            lines += [
                "BEGIN:VEVENT",
                f"SUMMARY:{_text(_summary(task, milestone, several, agency))}",
                f"DTSTART;VALUE=DATE:{_day(first)}",
                f"DTEND;VALUE=DATE:{_day(first + dt.timedelta(days=1))}",
                f"DTSTAMP:{stamp}",
                f"UID:{_text(event_uid(plan, task, milestone))}",
                *repeat,
                f"CATEGORIES:{categories}",
                f"DESCRIPTION:{_text(description)}",
                "TRANSP:TRANSPARENT",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_text(f'Sắp đến hạn: [{task.id}] {squash(milestone.label)}')}",
                f"TRIGGER:{trigger}",
                "END:VALARM",
                "END:VEVENT",
            ]
    return lines


def _bytes(lines: list[str]) -> bytes:
    return b"".join(_fold(line) + b"\r\n" for line in lines)


def build_calendar(
    plan: Plan,
    *,
    dtstamp: dt.datetime,
    selection: Selection | None = None,
    remind_days: int = 3,
) -> bytes:
    """The .ics bytes of the plan's dated and recurring milestones (of a unit, if selected)."""
    name = f"Kế hoạch CCHC {plan.year} — {plan.plan.agency}"
    if selection and selection.unit:
        name += f" — {Directory(plan).name(selection.unit)}"
    lines = _header(name) + _events(plan, selection, dtstamp, remind_days, tagged=False)
    return _bytes([*lines, "END:VCALENDAR"])


def build_calendars(
    plans: list[tuple[Plan, Selection | None]],
    *,
    dtstamp: dt.datetime,
    remind_days: int = 3,
    unit: str | None = None,
) -> bytes:
    """One calendar of several agencies' plans: each event names its agency (summary, category,
    description); UIDs already do, so agencies never collide. One plan is `build_calendar`."""
    if len(plans) == 1:
        plan, selection = plans[0]
        return build_calendar(plan, dtstamp=dtstamp, selection=selection, remind_days=remind_days)
    years = sorted({plan.year for plan, _s in plans})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    name = f"Kế hoạch CCHC {span} — {len(plans)} cơ quan"
    if unit:
        name += f" — {unit}"
    lines = _header(name)
    for plan, selection in plans:
        lines += _events(plan, selection, dtstamp, remind_days, tagged=True)
    return _bytes([*lines, "END:VCALENDAR"])
