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

`dtstamp` (the export time) is a parameter. The calendar is built as icalendar objects and
written from icalendar's own content lines (its property order, escaping and parameters);
only the folding of long lines at 75 octets is done here (`_fold`, byte for byte what
icalendar's fold gives): icalendar folds a character at a time, encoding each one, which was
70% of the time of exporting 10,000 tasks. `build_unit_calendars` gives every unit's
calendar at once (the site's downloads), each event made and written once.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from cchc_cli.dates import vn_date
from cchc_cli.deadlines.schedule import FREQ_VI, Recurrence
from cchc_cli.plan.collector import collector_paused
from cchc_cli.plan.milestones import Milestone
from cchc_cli.plan.model import Plan, Section, Task
from cchc_cli.plan.units import Directory
from cchc_cli.query.due import Selection, select
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
    with collector_paused():  # thousands of components and values, no cycle among them
        return to_ical(calendar_of(plan, dtstamp=dtstamp, selection=selection, remind_days=remind_days))


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
        calendar = _calendar(name)
        values = _Values(dtstamp, remind_days)
        for plan, selection in plans:
            _add_events(calendar, plan, selection, values, tagged=True)
        return to_ical(calendar)


def calendar_of(
    plan: Plan,
    *,
    dtstamp: dt.datetime,
    selection: Selection | None = None,
    remind_days: int = 3,
) -> Any:
    """The calendar of one plan as icalendar objects (an icalendar.Calendar)."""
    name = f"Kế hoạch CCHC {plan.year} — {plan.plan.agency}"
    if selection and selection.unit:
        name += f" — {Directory(plan).name(selection.unit)}"
    calendar = _calendar(name)
    _add_events(calendar, plan, selection, _Values(dtstamp, remind_days), tagged=False)
    return calendar


def _calendar(name: str) -> Any:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//cchc//Kế hoạch CCHC//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # TEXT, as RFC 5545 makes an X- property by default (commas escaped): icalendar >= 7.2
    # would otherwise write it verbatim, as an UNKNOWN value.
    calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    return calendar


class _Values:
    """Property values as `Component.add` makes them, each distinct one made once.

    A value many events share (the stamp, a day, a rule, a section's categories, the reminder)
    is added once and shared; the events' own texts are the vText that `add` would make.
    (Adding every value to every event cost about 1 s for each 1,000 events.)"""

    def __init__(self, dtstamp: dt.datetime, remind_days: int) -> None:
        import icalendar

        self.icalendar = icalendar
        self.shared: dict[tuple[str, Any], Any] = {}
        self.stamp = self.get("DTSTAMP", dtstamp.astimezone(dt.timezone.utc))
        self.transparent = self.get("TRANSP", "TRANSPARENT")
        self.display = self.get("ACTION", "DISPLAY")
        self.trigger = self.get("TRIGGER", dt.timedelta(days=-remind_days, hours=8))

    def get(self, key: str, raw: Any, cache_key: Any = None) -> Any:
        """What `add(key, raw)` stores; `cache_key` stands for an unhashable `raw`."""
        slot = (key, raw if cache_key is None else cache_key)
        found = self.shared.get(slot)
        if found is None:
            holder = self.icalendar.Event()
            holder.add(key, raw)
            found = self.shared[slot] = holder[key]
        return found

    def text(self, value: str) -> Any:
        return self.icalendar.vText(value)


def _add_events(
    calendar: Any, plan: Plan, selection: Selection | None, values: _Values, *, tagged: bool
) -> None:
    """The plan's VEVENTs; `tagged` names the agency in each event (several plans)."""
    directory = Directory(plan)
    agency = plan.plan.agency if tagged else None
    for section, task, kept in select(plan, directory, selection or Selection()):
        several = len(kept) > 1
        for milestone, _role in kept:
            event = _event(plan, directory, section, task, milestone, several, values, agency)
            if event is not None:
                calendar.subcomponents.append(event)


def _event(
    plan: Plan,
    directory: Directory,
    section: Section,
    task: Task,
    milestone: Milestone,
    several: bool,
    values: _Values,
    agency: str | None,
) -> Any:
    """One milestone's VEVENT (None when it has no day); `several`: the task has other
    milestones in this calendar, so the summary names this one."""
    icalendar = values.icalendar
    set_item = OrderedDict.__setitem__
    d = milestone.deadline
    event = icalendar.Event()
    repeat: dict[str, Any] = {}
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
            repeat = {"RRULE": values.get("RRULE", rule, d.recurrence)}
        else:
            repeat = {"RDATE": [values.get("RDATE", day) for day in days[1:]]}
    else:
        return None
    description = _description(section, task, milestone, directory, when)
    if agency:
        description = f"{agency}\n{description}"
    tags = [*((agency,) if agency else ()), f"CCHC {plan.year}", f"Mục {section.numeral}"]
    # A Component is an ordered dict of upper-case property names (CaselessDict), set here
    # without its case-folding __setitem__ (the names are upper-case already).
    for key, value in (
        *repeat.items(),
        ("UID", values.text(event_uid(plan, task, milestone))),
        ("DTSTAMP", values.stamp),
        ("SUMMARY", values.text(_summary(task, milestone, several, agency))),
        ("DTSTART", values.get("DTSTART", first)),
        ("DTEND", values.get("DTEND", first + dt.timedelta(days=1))),
        ("TRANSP", values.transparent),
        ("CATEGORIES", values.get("CATEGORIES", tags, tuple(tags))),
        ("DESCRIPTION", values.text(description)),
    ):
        set_item(event, key, value)
    alarm = icalendar.Alarm()
    set_item(alarm, "ACTION", values.display)
    set_item(alarm, "DESCRIPTION", values.text(f"Sắp đến hạn: [{task.id}] {squash(milestone.label)}"))
    set_item(alarm, "TRIGGER", values.trigger)
    event.subcomponents.append(alarm)
    return event


def build_unit_calendars(
    plan: Plan, units: Sequence[str], *, dtstamp: dt.datetime, remind_days: int = 3
) -> dict[str, bytes]:
    """Each unit's calendar, the bytes `build_calendar(plan, selection=Selection(unit=u))`
    gives, with each event made and written once however many of the units' calendars it
    is in (a task's lead and its supporting units all hold it)."""
    with collector_paused():
        return _unit_calendars(plan, units, _Values(dtstamp, remind_days))


def _unit_calendars(plan: Plan, units: Sequence[str], values: _Values) -> dict[str, bytes]:
    writer = _Writer()
    directory = Directory(plan)
    written: dict[tuple[str, bool], bytes] = {}
    calendars: dict[str, bytes] = {}
    end = b"END:VCALENDAR\r\n"
    for unit in units:
        name = f"Kế hoạch CCHC {plan.year} — {plan.plan.agency} — {directory.name(unit)}"
        head = writer.write(_calendar(name))
        out = [head[: -len(end)]]
        for section, task, kept in select(plan, directory, Selection(unit=unit)):
            several = len(kept) > 1
            for milestone, _role in kept:
                key = (event_uid(plan, task, milestone), several)
                data = written.get(key)
                if data is None:
                    event = _event(plan, directory, section, task, milestone, several, values, None)
                    data = written[key] = b"" if event is None else writer.write(event)
                out.append(data)
        out.append(end)
        calendars[unit] = b"".join(out)
    return calendars


def to_ical(calendar: Any) -> bytes:
    """The calendar's bytes, as icalendar's `to_ical` writes them: components and properties
    in icalendar's order (`sorted_keys`), each value as its own `to_ical` escapes it, with its
    parameters; only folding is done here (`_fold`). A value shared by many events is
    written once."""
    return _Writer().write(calendar)


class _Writer:
    """Writes components, each content line of a value object once (a value many events
    share is one object). The lines are remembered by the value's id, so every component
    written is kept alive as long as the writer: an id is never reused for another value."""

    def __init__(self) -> None:
        from icalendar.parser import Contentline
        from icalendar.prop import vText

        self.contentline = Contentline
        self.vtext = vText
        self.written: dict[int, bytes] = {}
        self.orders: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        self.alive: list[Any] = []

    def line(self, key: str, value: Any) -> bytes:
        done = self.written.get(id(value))
        if done is None:
            if type(value) is self.vtext and not value.params:
                done = _fold_bytes(key.encode("utf-8") + b":" + value.to_ical())
            else:
                done = _fold(self.contentline.from_parts(key, value.params, value, sorted=True))
            self.written[id(value)] = done
        return done

    def write(self, component: Any) -> bytes:
        """The component's lines (its subcomponents' too), each ended by CRLF."""
        self.alive.append(component)
        out: list[bytes] = []
        stack: list[tuple[Any, bool]] = [(component, False)]
        while stack:
            component, end = stack.pop()
            if end:
                out.append(b"END:" + component.name.encode("ascii"))
                continue
            out.append(b"BEGIN:" + component.name.encode("ascii"))
            keys = tuple(OrderedDict.keys(component))
            order = self.orders.get((component.name, keys))
            if order is None:
                order = self.orders[(component.name, keys)] = component.sorted_keys()
            for key in order:
                values = OrderedDict.__getitem__(component, key)  # the names are stored upper-case
                if isinstance(values, list):
                    out.extend(self.line(key, v) for v in values)
                else:
                    out.append(self.line(key, values))
            stack.append((component, True))
            stack.extend((sub, False) for sub in reversed(component.subcomponents))
        return b"\r\n".join(out) + b"\r\n"
