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
from cchc_cli.export.ics import build_calendar
from cchc_cli.plan.loader import load_plan
from cchc_cli.query.due import Selection
from tests.conftest import MINIMAL_PLAN, PLAN_2025

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
