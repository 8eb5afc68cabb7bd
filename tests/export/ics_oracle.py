"""The calendars `cchc_cli/export/ics.py` writes, built the plain icalendar way: a Calendar,
an Event per milestone and an Alarm in it, every property through `Component.add`, the bytes
from `Calendar.to_ical()`. The exporter puts its events together itself (icalendar's objects
cost 90 µs an event); the tests compare its bytes with these.

The texts (summary, description, UID) and the recurrence rules are the exporter's own
functions, checked elsewhere by parsing the calendars back: here only the writing is checked.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from cchc_cli.deadlines.schedule import FREQ_VI
from cchc_cli.export.ics import _description, _summary, event_uid, recurrence_rule
from cchc_cli.plan.model import Plan
from cchc_cli.plan.units import Directory
from cchc_cli.query.due import Selection, select
from cchc_cli.textfold import squash


def calendar_of(
    plan: Plan, *, dtstamp: dt.datetime, selection: Selection | None = None, remind_days: int = 3
) -> icalendar.Calendar:
    directory = Directory(plan)
    name = f"Kế hoạch CCHC {plan.year} — {plan.plan.agency}"
    if selection and selection.unit:
        name += f" — {directory.name(selection.unit)}"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//cchc//Kế hoạch CCHC//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for section, task, kept in select(plan, directory, selection or Selection()):
        for milestone, _role in kept:
            d = milestone.deadline
            event = icalendar.Event()
            if d.kind == "date" and d.due is not None:
                first = d.due
                when = f"hạn {d.due:%d/%m/%Y}"
            elif d.kind == "recurring" and d.recurrence is not None:
                rule, days = recurrence_rule(milestone)
                if not days:
                    continue
                first = days[0]
                freq = FREQ_VI[d.recurrence.freq]
                when = f"định kỳ {freq}, từ {days[0]:%d/%m/%Y} đến {days[-1]:%d/%m/%Y}"
                if rule is not None:
                    event.add("rrule", rule)
                else:
                    for day in days[1:]:
                        event.add("rdate", day)
            else:
                continue
            event.add("uid", event_uid(plan, task, milestone))
            event.add("dtstamp", dtstamp.astimezone(dt.timezone.utc))
            event.add("summary", _summary(task, milestone, len(kept) > 1))
            event.add("dtstart", first)
            event.add("dtend", first + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            event.add("categories", [f"CCHC {plan.year}", f"Mục {section.numeral}"])
            event.add("description", _description(section, task, milestone, directory, when))
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Sắp đến hạn: [{task.id}] {squash(milestone.label)}")
            alarm.add("trigger", dt.timedelta(days=-remind_days, hours=8))
            event.add_component(alarm)
            calendar.add_component(event)
    return calendar
