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

`dtstamp` (the export time) is a parameter. The bytes are icalendar's: every value shared by
many events (days, rules, the stamp, categories, the reminder) is made by icalendar and
written from its content line once, and properties come in icalendar's order; only the
events are put together here (`_Lines`), and long lines folded at 75
octets (`_fold`, byte for byte icalendar's fold, without its walk over every character).
Built as icalendar objects, 10,000 tasks took seconds. `build_unit_calendars` gives every
unit's calendar at once (the site's downloads), each event made once.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import Any

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.schedule import FREQ_VI, Recurrence
from cchc_cli.plan.collector import collector_paused
from cchc_cli.plan.milestones import Milestone
from cchc_cli.plan.model import Plan, Section, Task
from cchc_cli.plan.units import Directory
from cchc_cli.query.due import Selection, select
from cchc_cli.safetext import document_text
from cchc_cli.textfold import fold, squash

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SUMMARY_CHARS = 90


def event_uid(plan: Plan, task: Task, milestone: Milestone) -> str:
    return f"{plan.year}-{task.id}-{milestone.key}@{_uid_domain(plan.plan.agency)}"


@functools.lru_cache(maxsize=1024)
def _uid_domain(agency: str) -> str:
    return (re.sub(r"[^a-z0-9]+", "-", fold(agency)).strip("-") or "cchc") + ".cchc"


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
    rec = milestone.deadline.recurrence
    assert rec is not None
    rule, days = _recurrence_rule(rec)
    return (dict(rule) if rule is not None else None), list(days)


@functools.lru_cache(maxsize=256)
def _recurrence_rule(rec: Recurrence) -> tuple[dict[str, Any] | None, tuple[dt.date, ...]]:
    """recurrence_rule, once per distinct recurrence: a plan of thousands of tasks has a few
    dozen ("Hằng tháng", "ngày 14 tháng cuối quý"…), and checking a rule expands it."""
    from dateutil import rrule

    from cchc_cli.deadlines.schedule import occurrences

    days = tuple(occurrences(rec))
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
    return (rule if expanded == list(days) else None), days


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


def _escape_text(value: str) -> str:
    """RFC 5545 TEXT (3.3.11): backslash, semicolon and comma escaped, every line break
    written as \\n. icalendar's vText does the same, except that it first reads a "\\N"
    already in the text as a line break: a folder like "\\\\may-chu\\Nội vụ" would come back
    from a calendar changed, while this text reads back exactly (tested with icalendar's parser)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


_ESCAPES = (0x5C, 0x5E)  # "\" and "^": never left at the end of a folded line


def _fold(line: str) -> bytes:
    """A content line cut into lines of at most 74 octets (continuations start with a space),
    never inside a character nor right after an escaping backslash or caret: byte for byte
    what icalendar's own fold gives, without its walk over every character."""
    return _fold_bytes(line.encode("utf-8"))


def _fold_bytes(data: bytes) -> bytes:
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


def build_calendar(
    plan: Plan,
    *,
    dtstamp: dt.datetime,
    selection: Selection | None = None,
    remind_days: int = 3,
) -> bytes:
    """The .ics bytes of the plan's dated and recurring milestones (of a unit, if selected)."""
    directory = Directory(plan)
    name = _calendar_name(plan, directory, selection.unit if selection else None)
    with collector_paused():  # thousands of events and values, no cycle among them
        lines = _Lines(dtstamp, remind_days)
        return lines.calendar(name, _events(plan, directory, selection, lines, tagged=False))


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
    with collector_paused():
        lines = _Lines(dtstamp, remind_days)
        events = [
            event
            for plan, chosen in plans
            for event in _events(plan, Directory(plan), chosen, lines, tagged=True)
        ]
        return lines.calendar(name, events)


def build_unit_calendars(
    plan: Plan, units: Sequence[str], *, dtstamp: dt.datetime, remind_days: int = 3
) -> dict[str, bytes]:
    """Each unit's calendar, the bytes `build_calendar(plan, selection=Selection(unit=u))`
    gives, with each event made once however many of the units' calendars it is in (a task's
    lead and its supporting units all hold it)."""
    with collector_paused():
        lines = _Lines(dtstamp, remind_days)
        directory = Directory(plan)
        return {
            unit: lines.calendar(
                _calendar_name(plan, directory, unit),
                _events(plan, directory, Selection(unit=unit), lines, tagged=False),
            )
            for unit in units
        }


def _calendar_name(plan: Plan, directory: Directory, unit: str | None) -> str:
    name = f"Kế hoạch CCHC {plan.year} — {plan.plan.agency}"
    return f"{name} — {directory.name(unit)}" if unit else name


def _events(
    plan: Plan, directory: Directory, selection: Selection | None, lines: _Lines, *, tagged: bool
) -> list[bytes]:
    """The plan's VEVENTs; `tagged` names the agency in each event (several plans). An event
    is made once for all the calendars `lines` writes (a task's lead and its supporting units
    all hold it)."""
    agency = plan.plan.agency if tagged else None
    events = []
    for section, task, kept in select(plan, directory, selection or Selection()):
        several = len(kept) > 1
        for milestone, _role in kept:
            key = (event_uid(plan, task, milestone), several, agency)
            event = lines.events.get(key)
            if event is None:
                made = _event(plan, directory, section, task, milestone, several, lines, agency)
                event = lines.events[key] = made or b""
            if event:
                events.append(event)
    return events


def _event(
    plan: Plan,
    directory: Directory,
    section: Section,
    task: Task,
    milestone: Milestone,
    several: bool,
    lines: _Lines,
    agency: str | None,
) -> bytes | None:
    """One milestone's VEVENT (None when it has no day); `several`: the task has other
    milestones in this calendar, so the summary names this one."""
    d = milestone.deadline
    repeat: dict[str, bytes] = {}
    if d.kind == "date" and d.due is not None:
        first = d.due
        when = f"hạn {vn_date(d.due)}"
    elif d.kind == "recurring" and d.recurrence is not None:
        rule, days = _recurrence_rule(d.recurrence)
        if not days:
            return None
        first = days[0]
        when = f"định kỳ {FREQ_VI[d.recurrence.freq]}, từ {vn_date(days[0])} đến {vn_date(days[-1])}"
        if rule is not None:
            repeat["RRULE"] = lines.shared("RRULE", rule, d.recurrence)
        else:
            repeat["RDATE"] = b"\r\n".join(lines.shared("RDATE", day) for day in days[1:])
    else:
        return None
    description = _description(section, task, milestone, directory, when)
    if agency:
        description = f"{agency}\n{description}"
    tags = [
        document_text(t)
        for t in (*((agency,) if agency else ()), f"CCHC {plan.year}", f"Mục {section.numeral}")
    ]
    event = {
        **repeat,
        "UID": lines.text("UID", event_uid(plan, task, milestone)),
        "DTSTAMP": lines.stamp,
        "SUMMARY": lines.text("SUMMARY", _summary(task, milestone, several, agency)),
        "DTSTART": lines.shared("DTSTART", first),
        "DTEND": lines.shared("DTEND", first + dt.timedelta(days=1)),
        "TRANSP": lines.transparent,
        "CATEGORIES": lines.shared("CATEGORIES", tags, tuple(tags)),
        "DESCRIPTION": lines.text("DESCRIPTION", description),
    }
    alarm = {
        "ACTION": lines.display,
        "DESCRIPTION": lines.text("DESCRIPTION", f"Sắp đến hạn: [{task.id}] {squash(milestone.label)}"),
        "TRIGGER": lines.trigger,
    }
    return b"".join(
        (
            b"BEGIN:VEVENT\r\n",
            *(event[key] + b"\r\n" for key in lines.order("VEVENT", tuple(event))),
            b"BEGIN:VALARM\r\n",
            *(alarm[key] + b"\r\n" for key in lines.order("VALARM", tuple(alarm))),
            b"END:VALARM\r\nEND:VEVENT\r\n",
        )
    )


class _Lines:
    """The content lines of a calendar, as icalendar writes them, made at icalendar's speed
    only where it pays.

    A value many events share (the stamp, a day, a rule, a section's categories, the reminder)
    is added by icalendar (`Component.add`) and written from its content line once; the
    properties are put in icalendar's order (`Component.sorted_keys`, once per set of names);
    an event's own texts (UID, SUMMARY, DESCRIPTION) get RFC 5545's TEXT escaping (`_escape_text`).
    Only the events themselves are cchc's: building each as icalendar objects cost 90 µs an
    event, three quarters of a unit calendar's time. tests/export/ics_oracle.py builds the
    same calendars with icalendar objects alone, and the tests compare the bytes."""

    def __init__(self, dtstamp: dt.datetime, remind_days: int) -> None:
        import icalendar
        from icalendar.parser import Contentline

        self.icalendar = icalendar
        self.contentline = Contentline
        self.lines: dict[tuple[str, Any], bytes] = {}
        self.orders: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        self.events: dict[tuple[str, bool, str | None], bytes] = {}  # made, by UID (b"": no day)
        self.stamp = self.shared("DTSTAMP", dtstamp.astimezone(dt.timezone.utc))
        self.transparent = self.shared("TRANSP", "TRANSPARENT")
        self.display = self.shared("ACTION", "DISPLAY")
        self.trigger = self.shared("TRIGGER", dt.timedelta(days=-remind_days, hours=8))

    def shared(self, key: str, raw: Any, cache_key: Any = None) -> bytes:
        """The line `add(key, raw)` gives; `cache_key` stands for an unhashable `raw`."""
        slot = (key, raw if cache_key is None else cache_key)
        found = self.lines.get(slot)
        if found is None:
            holder = self.icalendar.Event()
            holder.add(key, raw)
            found = self.lines[slot] = self.line(key, holder[key])
        return found

    def line(self, key: str, value: Any) -> bytes:
        """The folded content line of an icalendar value object."""
        return _fold(self.contentline.from_parts(key, value.params, value, sorted=True))

    def text(self, key: str, value: str) -> bytes:
        """The line of a TEXT value with no parameters (control characters, which RFC 5545
        TEXT cannot hold, shown as escapes: safetext)."""
        return _fold_bytes(key.encode("ascii") + b":" + _escape_text(document_text(value)).encode("utf-8"))

    def order(self, component: str, keys: tuple[str, ...]) -> list[str]:
        """The names `keys` in the order icalendar writes the properties of a `component`
        ("VCALENDAR", "VEVENT", "VALARM")."""
        found = self.orders.get((component, keys))
        if found is None:
            kinds = {"VCALENDAR": "Calendar", "VEVENT": "Event", "VALARM": "Alarm"}
            holder = getattr(self.icalendar, kinds[component])()
            for key in keys:
                holder[key] = ""
            found = self.orders[(component, keys)] = holder.sorted_keys()
        return found

    def calendar(self, name: str, events: Sequence[bytes]) -> bytes:
        """The VCALENDAR named `name` around `events`."""
        head = {
            "PRODID": self.text("PRODID", "-//cchc//Kế hoạch CCHC//VI"),
            "VERSION": self.text("VERSION", "2.0"),
            "CALSCALE": self.text("CALSCALE", "GREGORIAN"),
            "X-WR-CALNAME": self.text("X-WR-CALNAME", name),  # TEXT, as RFC 5545 reads an X- name
            "X-WR-TIMEZONE": self.text("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh"),
        }
        properties = (head[key] + b"\r\n" for key in self.order("VCALENDAR", tuple(head)))
        return b"".join((b"BEGIN:VCALENDAR\r\n", *properties, *events, b"END:VCALENDAR\r\n"))
