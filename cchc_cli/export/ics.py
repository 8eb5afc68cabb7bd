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

icalendar is imported inside the function; `dtstamp` (the export time) is a parameter.
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


def _summary(task: Task, milestone: Milestone, several: bool) -> str:
    text = squash(task.task)
    if len(text) > _SUMMARY_CHARS:
        text = text[: _SUMMARY_CHARS - 1].rstrip() + "…"
    summary = f"[{task.id}] {text}"
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


def build_calendar(
    plan: Plan,
    *,
    dtstamp: dt.datetime,
    selection: Selection | None = None,
    remind_days: int = 3,
) -> bytes:
    """The .ics bytes of the plan's dated and recurring milestones (of a unit, if selected)."""
    import icalendar

    directory = Directory(plan)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//cchc//Kế hoạch CCHC//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = f"Kế hoạch CCHC {plan.year} — {plan.plan.agency}"
    if selection and selection.unit:
        name += f" — {directory.name(selection.unit)}"
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = dtstamp.astimezone(dt.timezone.utc)
    for section, task, kept in select(plan, directory, selection or Selection()):
        several = len(kept) > 1
        for milestone, _role in kept:
            d = milestone.deadline
            event = icalendar.Event()
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
                    event.add("rrule", rule)
                else:
                    for day in days[1:]:
                        event.add("rdate", day)
            else:
                continue
            event.add("uid", event_uid(plan, task, milestone))
            event.add("dtstamp", stamp)
            event.add("summary", _summary(task, milestone, several))
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
    data: bytes = calendar.to_ical()
    return data
