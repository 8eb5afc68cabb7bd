"""`cchc export ics`: parsed back with icalendar; expected events worked out from the plan.

Whole plan: 33 dated milestones + 4 recurring ones (IV.9(1) yearly 28/02, VII.5 quarterly on
the 14th, VII.6(2) every Friday, VII.8 the last day of each month) = 37 events. The 5
milestones waiting for an undated event, the 14 ongoing and 4 reference ones have no day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from dateutil.rrule import rrulestr
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.export import ics
from cchc_cli.export.ics import build_calendar, build_unit_calendars
from cchc_cli.plan.loader import load_plan
from cchc_cli.query.due import Selection
from tests.conftest import MINIMAL_PLAN, PLAN_2025
from tests.export.ics_oracle import calendar_of

UID = "@so-xay-dung-tinh-khanh-hoa.cchc"
STAMP = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return load_plan(PLAN_2025).plan


def events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "UIDs must be unique"
    return found


def expand(event: icalendar.Event) -> list[dt.date]:
    start = event.decoded("dtstart")
    rule = event["rrule"].to_ical().decode()
    first = dt.datetime(start.year, start.month, start.day)
    return [d.date() for d in rrulestr(rule, dtstart=first)]


def test_events_and_stable_uids(plan) -> None:  # type: ignore[no-untyped-def]
    first = events(build_calendar(plan, dtstamp=STAMP))
    assert len(first) == 37
    later = events(build_calendar(plan, dtstamp=STAMP + dt.timedelta(days=40)))
    assert set(first) == set(later)  # a new export updates the same events
    assert f"2025-I.1-1{UID}" in first and f"2025-I.1-2{UID}" in first
    assert not any(uid.startswith("2025-IV.2-") for uid in first)  # waits for the Đề án
    assert not any(uid.startswith("2025-II.3-") for uid in first)  # Thường xuyên


def test_dated_milestone(plan) -> None:  # type: ignore[no-untyped-def]
    found = events(build_calendar(plan, dtstamp=STAMP))
    i11 = found[f"2025-I.1-1{UID}"]
    assert i11.decoded("dtstart") == dt.date(2025, 2, 18)  # "Trước ngày 19/02/2025"
    assert i11.decoded("dtend") == dt.date(2025, 2, 19)  # all day
    summary = str(i11["summary"])
    assert summary.startswith("[I.1] Quản lý theo dõi thi hành pháp luật")
    assert summary.endswith("— Trước ngày 19/02/2025")  # I.1 has two milestones
    description = str(i11["description"])
    assert "Tiến độ: Trước ngày 19/02/2025\nTrước ngày 15/12/2025" in description
    assert "Chủ trì: Văn phòng Sở" in description
    assert "Kết quả/sản phẩm: Báo cáo kết quả theo dõi tình hình thi hành pháp luật" in description
    assert "rrule" not in i11
    single = found[f"2025-III.2-1{UID}"]
    assert single.decoded("dtstart") == dt.date(2025, 12, 31)  # "Năm 2025"
    assert "—" not in str(single["summary"])
    assert found[f"2025-VI.3-1{UID}"].decoded("dtstart") == dt.date(2024, 11, 29)


@pytest.mark.parametrize(
    ("uid", "start", "rule", "days"),
    [
        (
            "2025-VII.5-1",
            dt.date(2025, 3, 14),
            {
                "FREQ": ["YEARLY"],
                "BYMONTH": [3, 6, 9, 12],
                "BYMONTHDAY": [14],
                "UNTIL": [dt.date(2025, 12, 14)],
            },
            [dt.date(2025, 3, 14), dt.date(2025, 6, 14), dt.date(2025, 9, 14), dt.date(2025, 12, 14)],
        ),
        (
            "2025-VII.8-1",
            dt.date(2025, 1, 31),
            {"FREQ": ["MONTHLY"], "BYMONTHDAY": [-1], "UNTIL": [dt.date(2025, 12, 31)]},
            [
                dt.date(2025, 1, 31),
                dt.date(2025, 2, 28),
                dt.date(2025, 3, 31),
                dt.date(2025, 4, 30),
                dt.date(2025, 5, 31),
                dt.date(2025, 6, 30),
                dt.date(2025, 7, 31),
                dt.date(2025, 8, 31),
                dt.date(2025, 9, 30),
                dt.date(2025, 10, 31),
                dt.date(2025, 11, 30),
                dt.date(2025, 12, 31),
            ],
        ),
        (
            "2025-IV.9-1",
            dt.date(2025, 2, 28),
            {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [28], "UNTIL": [dt.date(2025, 2, 28)]},
            [dt.date(2025, 2, 28)],
        ),
    ],
)
def test_recurring_rules(plan, uid: str, start: dt.date, rule: dict, days: list[dt.date]) -> None:  # type: ignore[no-untyped-def, type-arg]
    event = events(build_calendar(plan, dtstamp=STAMP))[uid + UID]
    assert event.decoded("dtstart") == start
    got = {k: [int(v) if k == "BYMONTH" else v for v in vals] for k, vals in event["rrule"].items()}
    assert got == rule
    assert expand(event) == days


def test_weekly_friday(plan) -> None:  # type: ignore[no-untyped-def]
    event = events(build_calendar(plan, dtstamp=STAMP))[f"2025-VII.6-2{UID}"]
    assert event.decoded("dtstart") == dt.date(2025, 1, 3)  # the first Friday of 2025
    assert dict(event["rrule"]) == {"FREQ": ["WEEKLY"], "BYDAY": ["FR"], "UNTIL": [dt.date(2025, 12, 26)]}
    fridays = expand(event)
    assert len(fridays) == 52 and {d.weekday() for d in fridays} == {4}
    assert str(event["summary"]).endswith("(thứ sáu hàng tuần)")


def test_alarms(plan) -> None:  # type: ignore[no-untyped-def]
    for days, trigger in (
        (3, dt.timedelta(days=-3, hours=8)),
        (0, dt.timedelta(hours=8)),
        (7, dt.timedelta(days=-6, hours=-16)),
    ):
        for event in events(build_calendar(plan, dtstamp=STAMP, remind_days=days)).values():
            alarms = event.walk("VALARM")
            assert len(alarms) == 1
            assert str(alarms[0]["action"]) == "DISPLAY"
            assert alarms[0].decoded("trigger") == trigger  # 08:00, N days before the due day


def test_unit_filter(plan) -> None:  # type: ignore[no-untyped-def]
    # Văn phòng: 27 dated milestones it leads + III.3(2) and VIII.1 it supports + 4 recurring.
    found = events(build_calendar(plan, dtstamp=STAMP, selection=Selection(unit="van-phong")))
    assert len(found) == 33
    assert f"2025-VIII.1-1{UID}" in found and f"2025-I.2-1{UID}" not in found
    # Văn thư only has an ongoing task: an empty calendar that still parses.
    assert events(build_calendar(plan, dtstamp=STAMP, selection=Selection(unit="van-thu"))) == {}


def test_day_31_falls_back_to_rdates(write_plan) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL_PLAN.replace("Trước ngày 15/12/2025", "Báo cáo ngày 30 hàng tháng")
    small = load_plan(write_plan(text)).plan
    event = next(iter(events(build_calendar(small, dtstamp=STAMP)).values()))
    assert "rrule" not in event
    assert event.decoded("dtstart") == dt.date(2025, 1, 30)
    rdates = [
        d.dt
        for prop in ([event["rdate"]] if not isinstance(event["rdate"], list) else event["rdate"])
        for d in prop.dts
    ]
    assert dt.date(2025, 2, 28) in rdates and dt.date(2025, 3, 30) in rdates and len(rdates) == 11


def test_cli(runner: CliRunner, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    clock(STAMP)  # DTSTAMP is the export time: the command must not read the real clock
    out = tmp_path / "lich.ics"
    args = ["export", "ics", "--plan", str(PLAN_2025), "-u", "Văn phòng", "-o", str(out)]
    result = runner.invoke(app, [*args, "--remind-days", "5"])
    assert result.exit_code == 0, result.output
    found = events(out.read_bytes())
    assert len(found) == 33
    assert b"DTSTAMP:20250102T030405Z" in out.read_bytes()
    alarm = found[f"2025-I.1-1{UID}"].walk("VALARM")[0]
    assert alarm.decoded("trigger") == dt.timedelta(days=-5, hours=8)
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "--force" in again.stderr
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    bad = runner.invoke(app, [*args, "--force", "--remind-days", "-1"])
    assert bad.exit_code == 2


def test_text_round_trips_through_icalendar(write_plan) -> None:  # type: ignore[no-untyped-def]
    # cchc writes the file itself (icalendar took 2 ms an event): backslashes, carets,
    # semicolons, commas, line breaks and Vietnamese letters must read back exactly, and no
    # line may pass 75 octets, whatever falls on a fold.
    text = "Rà soát \\ văn^bản; a,b đường " + "đ" * 40 + "\\\\" * 30 + "^" * 40
    plan = load_plan(write_plan(MINIMAL_PLAN.replace("task: Rà soát văn bản", f"task: '{text}'"))).plan
    data = build_calendar(plan, dtstamp=STAMP)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    [event] = events(data).values()
    assert f"Nhiệm vụ: {text}\n" in str(event["description"])
    assert str(event["summary"]).startswith("[I.1] Rà soát \\ văn^bản; a,b đường đđ")


def test_a_backslash_n_in_a_text_stays_a_backslash_n(write_plan) -> None:  # type: ignore[no-untyped-def]
    # A Windows share in a task, "\\may-chu\Nội vụ": RFC 5545 writes its backslashes as "\\",
    # so "\N" reads back as a backslash and an N, not as a line break (icalendar's own writer
    # turns a "\N" already in a text into a line break). Summary, description, the reminder's
    # text (from the deadline cell) and the calendar's name (from the agency) all keep it.
    share = "\\\\may-chu\\Nội vụ\\N2025"
    assert share.count("\\") == 4 and "\\N" in share
    text = MINIMAL_PLAN.replace("task: Rà soát văn bản", f"task: 'Lưu tại {share}'")
    text = text.replace("Trước ngày 15/12/2025", f"'Trước ngày 15/12/2025 {share}'")
    text = text.replace("agency: Sở Thử nghiệm", f"agency: 'Sở Thử nghiệm {share}'", 1)
    plan = load_plan(write_plan(text)).plan
    assert share in plan.plan.agency
    data = build_calendar(plan, dtstamp=STAMP)
    calendar = icalendar.Calendar.from_ical(data)
    # icalendar reads an X- property raw: its value is the text with each backslash doubled.
    doubled = "\\\\\\\\may-chu\\\\Nội vụ\\\\N2025"
    assert calendar["x-wr-calname"].to_ical().decode() == f"Kế hoạch CCHC 2025 — Sở Thử nghiệm {doubled}"
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]).startswith(f"[I.1] Lưu tại {share}")
    assert f"Nhiệm vụ: Lưu tại {share}\n" in str(event["description"])
    assert str(event.walk("VALARM")[0]["description"]) == f"Sắp đến hạn: [I.1] Trước ngày 15/12/2025 {share}"


# --- the bytes: today's for the bundled plan, icalendar's own on any plan ---------------------

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden"


def test_bundled_plan_bytes_unchanged(plan) -> None:  # type: ignore[no-untyped-def]
    # Written by the exporter before it was rebuilt on icalendar objects (same stamp).
    assert build_calendar(plan, dtstamp=STAMP) == (GOLDEN / "2025.ics").read_bytes()
    # A unit whose name has commas (X-WR-CALNAME escapes them, as TEXT) and another reminder.
    toan_so = build_calendar(plan, dtstamp=STAMP, selection=Selection(unit="toan-so"), remind_days=7)
    assert toan_so == (GOLDEN / "2025-toan-so-7.ics").read_bytes()


def generated_plan(count: int) -> str:
    """MINIMAL_PLAN with `count` tasks: dated, recurring (one on day 30: RDATEs), two
    milestones in a cell, and text with every character that escaping or folding must mind."""
    forms = [
        "Trước ngày 15/12/2025",
        "Quý II/2025",
        "Hằng tháng",
        "Báo cáo ngày 30 hàng tháng",
        "Thứ Sáu hằng tuần",
        "Hằng quý",
        "|-\n          Trước ngày 19/02/2025\n          Tháng 9/2025",
    ]
    head, _task = MINIMAL_PLAN.split("      - id: I.1\n")
    tasks = []
    for number in range(1, count + 1):
        text = f"Rà soát; văn bản, số {number}: \\\\ ^ đường " + "đ" * (number % 50) + "\\\\" * (number % 7)
        tasks.append(
            f"      - id: I.{number}\n"
            f"        task: '{text}'\n"
            f"        output: Báo cáo\n"
            f"        schedule: {forms[number % len(forms)]}\n"
            f"        assignment: Văn phòng Sở chủ trì\n"
            f"        lead: [van-phong]\n"
        )
    return head + "".join(tasks)


@pytest.mark.parametrize("unit", [None, "van-phong", "thanh-tra", "toan-so"])
@pytest.mark.parametrize("remind_days", [0, 3, 10])
def test_same_bytes_as_icalendars_own_to_ical(plan, unit, remind_days) -> None:  # type: ignore[no-untyped-def]
    selection = Selection(unit=unit) if unit else None
    kwargs = {"dtstamp": STAMP, "selection": selection, "remind_days": remind_days}
    assert build_calendar(plan, **kwargs) == calendar_of(plan, **kwargs).to_ical()


def test_same_bytes_as_icalendar_on_a_generated_plan(write_plan) -> None:  # type: ignore[no-untyped-def]
    big = load_plan(write_plan(generated_plan(120))).plan
    data = build_calendar(big, dtstamp=STAMP)
    assert data == calendar_of(big, dtstamp=STAMP).to_ical()
    assert b"RDATE;VALUE=DATE:" in data and b"RRULE:FREQ=WEEKLY" in data
    assert len(events(data)) == 120 + 120 // 7 + (1 if 120 % 7 >= 6 else 0)  # the two-deadline cells


def test_unit_calendars_are_each_units_own_with_every_event_made_once(plan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The site writes every unit's calendar: each must be what `export ics --unit` gives (and
    # icalendar's own bytes for the same objects), while an event that several units' calendars
    # hold (a task's lead and its supporters) is made once.
    made: list[str] = []
    real_event = ics._event

    def counting_event(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(args[3].id)
        return real_event(*args, **kwargs)

    monkeypatch.setattr(ics, "_event", counting_event)
    units = [unit.id for unit in plan.units]
    calendars = build_unit_calendars(plan, units, dtstamp=STAMP, remind_days=5)
    monkeypatch.setattr(ics, "_event", real_event)
    assert list(calendars) == units
    held = 0
    for unit in units:
        kwargs = {"dtstamp": STAMP, "selection": Selection(unit=unit), "remind_days": 5}
        assert calendars[unit] == build_calendar(plan, **kwargs) == calendar_of(plan, **kwargs).to_ical()
        held += len(events(calendars[unit]))
    # Văn phòng's 33 events (test_unit_filter) are among them; III.3(2) and VIII.1 are held
    # by their lead and by Văn phòng, so fewer events are made than the calendars hold.
    assert held > len(made) >= len({uid for unit in units for uid in events(calendars[unit])})
    assert len(events(calendars["van-phong"])) == 33


def test_icalendar_adds_each_shared_value_once_and_never_folds(write_plan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # icalendar's add() cost about 0.1 ms a value and its fold walks every character: a
    # value all events share is added once, and the folding is _fold's.
    import icalendar.cal.component
    import icalendar.parser.content_line

    def no_fold(*args: object, **kwargs: object) -> str:
        raise AssertionError("icalendar's character-by-character fold was used")

    adds: list[str] = []
    real_add = icalendar.cal.component.Component.add

    def counting_add(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        adds.append(name.upper())
        return real_add(self, name, *args, **kwargs)

    monkeypatch.setattr(icalendar.parser.content_line, "_foldline", no_fold)
    monkeypatch.setattr(icalendar.cal.component.Component, "add", counting_add)
    for count in (70, 700):
        adds.clear()
        small = load_plan(write_plan(generated_plan(count))).plan
        data = build_calendar(small, dtstamp=STAMP)
        made = list(adds)
        assert len(events(data)) >= count
        # the calendar's 6 properties, the stamp, TRANSP, ACTION, TRIGGER, one CATEGORIES for
        # the one section, the RRULEs of the 4 recurring forms, and at most a day per day.
        per_event = {"SUMMARY", "DESCRIPTION", "UID"}
        assert not per_event & set(made)
        assert len(made) <= 6 + 5 + 4 + 2 * 366 + 12
