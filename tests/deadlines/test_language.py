"""Tests of the deadline language (cchc_cli.deadlines) and working days (deadlines/workdays.py).

Every expected date below was worked out by hand from the calendar (1/1/2024 is a Monday,
1/1/2025 a Wednesday, 3/1/2025 a Friday) and, for working days, from the Vietnamese holiday
list of the ``holidays`` package -- never copied from the program's output.
"""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
import unicodedata
from datetime import date, timedelta

import pytest

from cchc_cli.deadlines.language import (
    Deadline,
    Recurrence,
    deadline_to_json,
    next_occurrence,
    occurrences,
    parse_deadlines,
    resolve_event,
)
from cchc_cli.deadlines.workdays import add_working_days, is_working_day, vn_holidays

Y = 2025
KINDS = {"date", "recurring", "event", "ongoing", "reference", "unknown"}


def one(text: str, year: int = Y) -> Deadline:
    ds = parse_deadlines(text, year)
    assert len(ds) == 1, ds
    return ds[0]


def dues(text: str, year: int = Y) -> list[date | None]:
    return [d.due for d in parse_deadlines(text, year)]


def month_ends(year: int) -> list[date]:
    feb = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    days = [31, feb, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return [date(year, m, d) for m, d in zip(range(1, 13), days, strict=True)]


# --------------------------------------------------------------------------- seed phrases


@pytest.mark.parametrize(
    "text",
    ["Trước ngày 19/02/2025\nTrước ngày 15/12/2025", "Trước ngày 19/02/2025 Trước ngày 15/12/2025"],
)
def test_seed_two_strict_before_dates(text: str) -> None:
    ds = parse_deadlines(text, Y)
    assert [d.kind for d in ds] == ["date", "date"]
    assert [d.due for d in ds] == [date(2025, 2, 18), date(2025, 12, 14)]
    assert [d.label for d in ds] == ["Trước ngày 19/02/2025", "Trước ngày 15/12/2025"]
    assert all(d.start is None for d in ds)


@pytest.mark.parametrize("text", ["Năm 2025", "Trong năm 2025"])
def test_seed_year(text: str) -> None:
    d = one(text)
    assert (d.kind, d.start, d.due) == ("date", date(2025, 1, 1), date(2025, 12, 31))
    assert d.label == text


@pytest.mark.parametrize("text", ["- Quý II/2025\n- Tháng 12/2025", "- Quý II/2025 - Tháng 12/2025"])
def test_seed_quarter_and_month(text: str) -> None:
    a, b = parse_deadlines(text, Y)
    assert (a.kind, a.start, a.due, a.label) == ("date", date(2025, 4, 1), date(2025, 6, 30), "Quý II/2025")
    assert (b.kind, b.start, b.due, b.label) == (
        "date",
        date(2025, 12, 1),
        date(2025, 12, 31),
        "Tháng 12/2025",
    )


@pytest.mark.parametrize(
    "text",
    ["Theo quy định", "Theo quy định của UBND tỉnh", "Theo kế hoạch đề ra của Thanh tra Sở"],
)
def test_seed_references(text: str) -> None:
    d = one(text)
    assert d.kind == "reference"
    assert d.label == text


@pytest.mark.parametrize(
    "text",
    [
        "Thường xuyên",
        "Thực hiện liên tục, chủ động sắp xếp trên cơ sở hướng dẫn của Sở Nội vụ",
        "Thực hiện thường xuyên, liên tục theo chỉ đạo, hướng dẫn của Sở Nội vụ",
        "Thường xuyên (đảm bảo theo hướng dẫn của Sở Nội vụ)",
    ],
)
def test_seed_ongoing(text: str) -> None:
    d = one(text)
    assert d.kind == "ongoing"
    assert (d.start, d.due) == (None, None)


def test_seed_ongoing_with_year_scope() -> None:
    d = one("Thường xuyên trong năm 2025")
    assert (d.kind, d.start, d.due) == ("ongoing", date(2025, 1, 1), date(2025, 12, 31))


def test_seed_parenthesised_labels() -> None:
    text = (
        "- Kế hoạch biên chế công chức (trước 15/5/2025);\n"
        "- Kế hoạch số lượng người làm việc (trước 01/4/2025)."
    )
    a, b = parse_deadlines(text, Y)
    assert (a.kind, a.label, a.due) == ("date", "Kế hoạch biên chế công chức", date(2025, 5, 14))
    assert (b.kind, b.label, b.due) == ("date", "Kế hoạch số lượng người làm việc", date(2025, 3, 31))


def test_seed_single_strict_before() -> None:
    assert dues("Trước 20/12/2025") == [date(2025, 12, 19)]


def test_seed_event_then_month() -> None:
    a, b = parse_deadlines("- Khi có Quyết định giao biên chế của UBND tỉnh;\n- Tháng 03/2025.", Y)
    assert a.kind == "event"
    assert a.event == "Quyết định giao biên chế của UBND tỉnh"
    assert a.offset is None and a.working_days is False
    assert (b.kind, b.start, b.due, b.label) == ("date", date(2025, 3, 1), date(2025, 3, 31), "Tháng 03/2025")


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Sau khi Đề án được phê duyệt", "Đề án được phê duyệt"),
        ("Sau khi có Quyết định công bố của UBND tỉnh", "Quyết định công bố của UBND tỉnh"),
    ],
)
def test_seed_events_without_offset(text: str, event: str) -> None:
    d = one(text)
    assert (d.kind, d.event, d.offset, d.working_days, d.label) == ("event", event, None, False, text)


def test_seed_event_with_offset() -> None:
    d = one("Ban hành kế hoạch (không quá 30 ngày kể từ ngày kế hoạch của tỉnh được ban hành)")
    assert d.kind == "event"
    assert d.label == "Ban hành kế hoạch"
    assert d.event == "kế hoạch của tỉnh được ban hành"
    assert (d.offset, d.working_days) == (30, False)


@pytest.mark.parametrize(
    "cell",
    [
        "- Định kỳ, năm định kỳ trước ngày 01/3/2025;\n- Tháng 11/2025.",
        '<ul style="list-style-type: none"> - Định kỳ, năm định kỳ trước ngày 01/3/2025; - Tháng 11/2025. ',
    ],
)
def test_seed_yearly_and_month(cell: str) -> None:
    a, b = parse_deadlines(cell, Y)
    assert a.kind == "recurring" and a.recurrence is not None
    rec = a.recurrence
    assert (rec.freq, rec.month, rec.day) == ("yearly", 2, 28)
    assert occurrences(rec) == [date(2025, 2, 28)]
    assert a.label == "Định kỳ, năm định kỳ trước ngày 01/3/2025"
    assert (b.kind, b.start, b.due) == ("date", date(2025, 11, 1), date(2025, 11, 30))


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Trước ngày 30/11/2024", date(2024, 11, 29)),
        ("Trước ngày 20/11/2024", date(2024, 11, 19)),
    ],
)
def test_seed_years_kept_as_written(text: str, due: date) -> None:
    assert dues(text) == [due]


@pytest.mark.parametrize("text", ["Trong quý II, III năm 2024", "Quý II, III năm 2024"])
def test_seed_quarter_list_is_one_deadline(text: str) -> None:
    d = one(text)
    assert (d.kind, d.start, d.due) == ("date", date(2024, 4, 1), date(2024, 9, 30))


def test_seed_quarterly_day_14() -> None:
    d = one("Báo cáo gửi Sở Nội vụ trong ngày 14 của tháng cuối kỳ báo cáo")
    assert d.kind == "recurring" and d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.day) == ("quarterly", 14)
    assert occurrences(d.recurrence) == [
        date(2025, 3, 14),
        date(2025, 6, 14),
        date(2025, 9, 14),
        date(2025, 12, 14),
    ]


def test_seed_monthly_last_day() -> None:
    d = one("Định kỳ hàng tháng")
    assert d.kind == "recurring" and d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.day) == ("monthly", -1)
    assert occurrences(d.recurrence) == month_ends(2025)
    assert occurrences(d.recurrence)[:3] == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]


def test_seed_weekly_friday() -> None:
    d = one("Định kỳ thứ sáu hàng tuần")
    assert d.kind == "recurring" and d.recurrence is not None
    rec = d.recurrence
    assert (rec.freq, rec.weekday) == ("weekly", 4)
    assert (rec.start, rec.until) == (date(2025, 1, 1), date(2025, 12, 31))
    occ = occurrences(rec)
    assert len(occ) == 52
    assert occ[0] == date(2025, 1, 3)
    assert occ[-1] == date(2025, 12, 26)
    assert occ[1] == date(2025, 1, 10)
    assert all(b - a == timedelta(days=7) for a, b in itertools.pairwise(occ))
    assert d.due is None


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("15/12/2025", date(2025, 12, 15)),
        ("1/4/2025", date(2025, 4, 1)),
        ("01/4/2025", date(2025, 4, 1)),
        ("20-9", date(2025, 9, 20)),
        ("20/9", date(2025, 9, 20)),
        ("15/12", date(2025, 12, 15)),
        ("15.12.2025", date(2025, 12, 15)),
        ("ngày 10 tháng 4 năm 2025", date(2025, 4, 10)),
        ("10 tháng 4 năm 2025", date(2025, 4, 10)),
        ("Ngày 15/12/2025", date(2025, 12, 15)),
        ("Trước ngày 15/12/2025", date(2025, 12, 14)),
        ("Trước 1/1/2026", date(2025, 12, 31)),
        ("Hoàn thành trước ngày 01/3/2024", date(2024, 2, 29)),
        ("Hoàn thành trước 01/3/2025", date(2025, 2, 28)),
        ("Chậm nhất ngày 15/12/2025", date(2025, 12, 15)),
        ("Chậm nhất là ngày 15/12/2025", date(2025, 12, 15)),
        ("Không muộn hơn ngày 15/12/2025", date(2025, 12, 15)),
        ("Hạn chót 15/12/2025", date(2025, 12, 15)),
        ("Hạn chót: 15/12/2025", date(2025, 12, 15)),
        ("Đến ngày 15/12/2025", date(2025, 12, 15)),
        ("Đến hết ngày 15/12/2025", date(2025, 12, 15)),
        ("Trong ngày 15/12/2025", date(2025, 12, 15)),
        ("Vào ngày 10 tháng 4 năm 2025", date(2025, 4, 10)),
        ("Báo cáo (trước 15/5/2025)", date(2025, 5, 14)),
    ],
)
def test_dates(text: str, due: date) -> None:
    d = one(text)
    assert (d.kind, d.due, d.start) == ("date", due, None)


def test_date_robust_to_case_diacritics_spaces() -> None:
    expected = [date(2025, 12, 14)]
    assert dues(unicodedata.normalize("NFD", "Trước ngày 15/12/2025")) == expected
    assert dues("TRƯỚC NGÀY 15/12/2025") == expected
    assert dues("trước   ngày    15/12/2025") == expected
    assert dues("Trước ngày\n15/12/2025") == expected
    d = one(unicodedata.normalize("NFD", "Kế hoạch (trước 15/5/2025)"))
    assert d.label == "Kế hoạch"  # labels come back in NFC


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Tháng 3/2025", date(2025, 3, 1), date(2025, 3, 31)),
        ("tháng 03/2025", date(2025, 3, 1), date(2025, 3, 31)),
        ("Tháng 12", date(2025, 12, 1), date(2025, 12, 31)),
        ("tháng 4 năm 2025", date(2025, 4, 1), date(2025, 4, 30)),
        ("Quý II/2025", date(2025, 4, 1), date(2025, 6, 30)),
        ("Quý 2/2025", date(2025, 4, 1), date(2025, 6, 30)),
        ("quý II năm 2025", date(2025, 4, 1), date(2025, 6, 30)),
        ("QUÝ IV", date(2025, 10, 1), date(2025, 12, 31)),
        ("quý 3", date(2025, 7, 1), date(2025, 9, 30)),
        ("Quý I/2024", date(2024, 1, 1), date(2024, 3, 31)),
        ("Tháng 2/2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("Tháng 2/2025", date(2025, 2, 1), date(2025, 2, 28)),
        ("6 tháng đầu năm 2025", date(2025, 1, 1), date(2025, 6, 30)),
        ("6 tháng đầu năm", date(2025, 1, 1), date(2025, 6, 30)),
        ("6 tháng cuối năm", date(2025, 7, 1), date(2025, 12, 31)),
        ("Năm 2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("Cả năm", date(2025, 1, 1), date(2025, 12, 31)),
        ("Từ tháng 4 đến tháng 9/2025", date(2025, 4, 1), date(2025, 9, 30)),
        ("Từ ngày 01/4/2025 đến ngày 30/6/2025", date(2025, 4, 1), date(2025, 6, 30)),
        ("từ 01/12/2024 đến hết 31/3/2025", date(2024, 12, 1), date(2025, 3, 31)),
        ("Quý II và quý III năm 2024", date(2024, 4, 1), date(2024, 9, 30)),
        ("Tháng 4, 5/2025", date(2025, 4, 1), date(2025, 5, 31)),
        # "cuối" inside a period's own name stays that period, not "the end of" it
        ("6 tháng cuối năm 2025", date(2025, 7, 1), date(2025, 12, 31)),
        ("Từ tháng 3 đến cuối tháng 9/2025", date(2025, 3, 1), date(2025, 9, 30)),
    ],
)
def test_periods(text: str, start: date, due: date) -> None:
    d = one(text)
    assert (d.kind, d.start, d.due) == ("date", start, due)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Trước tháng 6/2025", date(2025, 5, 31)),
        ("Đến hết tháng 6/2025", date(2025, 6, 30)),
        # "cuối X" is X's last day with no start, like "đến hết X"
        ("Cuối năm 2025", date(2025, 12, 31)),
        ("từ nay đến cuối năm 2025", date(2025, 12, 31)),
        ("Tới cuối tháng 2/2024", date(2024, 2, 29)),  # a leap year
        ("Cuối Quý III/2025", date(2025, 9, 30)),
    ],
)
def test_period_with_before_or_until(text: str, due: date) -> None:
    d = one(text)
    assert (d.kind, d.start, d.due) == ("date", None, due)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2025", "ngày 31/02/2025 không tồn tại"),
        ("Trước ngày 32/1/2025", "ngày 32/1/2025 không tồn tại"),
        ("15/13/2025", "ngày 15/13/2025 không tồn tại"),
        ("29/2/2025", "ngày 29/2/2025 không tồn tại"),
        ("Tháng 13/2025", "tháng 13/2025 không tồn tại"),
    ],
)
def test_invalid_dates_are_unknown(text: str, reason: str) -> None:
    d = one(text)
    assert d.kind == "unknown"
    assert d.reason == reason
    assert d.label == text


def test_29_february_of_leap_year_is_valid() -> None:
    assert dues("29/2/2024") == [date(2024, 2, 29)]


# --------------------------------------------------------------------------- splitting


def test_split_on_semicolon_bullets_and_va() -> None:
    assert dues("Trước 15/5/2025; trước 30/11/2025") == [date(2025, 5, 14), date(2025, 11, 29)]
    assert dues("• Tháng 3/2025 • Tháng 6/2025") == [date(2025, 3, 31), date(2025, 6, 30)]
    assert dues("+ Quý I/2025\n+ Quý III/2025") == [date(2025, 3, 31), date(2025, 9, 30)]
    ds = parse_deadlines("Trước ngày 15/5/2025 và trước ngày 30/11/2025", Y)
    assert [d.due for d in ds] == [date(2025, 5, 14), date(2025, 11, 29)]
    assert [d.label for d in ds] == ["Trước ngày 15/5/2025", "trước ngày 30/11/2025"]


def test_va_inside_a_single_phrase_does_not_split() -> None:
    d = one("Sau khi Đề án được phê duyệt và ban hành")
    assert (d.kind, d.event) == ("event", "Đề án được phê duyệt và ban hành")
    assert one("Thường xuyên và liên tục").kind == "ongoing"


def test_labels_of_split_milestones() -> None:
    ds = parse_deadlines("Đợt 1 trước 15/5/2025, đợt 2 trước 30/9/2025", Y)
    assert [(d.label, d.due) for d in ds] == [
        ("Đợt 1 trước 15/5/2025", date(2025, 5, 14)),
        ("đợt 2 trước 30/9/2025", date(2025, 9, 29)),
    ]


def test_bare_period_before_an_introduced_date_is_label() -> None:
    ds = parse_deadlines("Báo cáo quý I trước 15/3/2025, báo cáo năm trước 15/12/2025", Y)
    assert [(d.label, d.due) for d in ds] == [
        ("Báo cáo quý I trước 15/3/2025", date(2025, 3, 14)),
        ("báo cáo năm trước 15/12/2025", date(2025, 12, 14)),
    ]
    assert dues("Báo cáo năm 2024 trước ngày 15/12/2024") == [date(2024, 12, 14)]
    assert dues("Quý I/2025 và Quý III/2025") == [date(2025, 3, 31), date(2025, 9, 30)]


def test_empty_and_blank() -> None:
    assert parse_deadlines("", Y) == []
    assert parse_deadlines("   \n\t ", Y) == []


# --------------------------------------------------------------------------- recurring


@pytest.mark.parametrize(
    ("text", "weekday", "first", "last"),
    [
        ("hằng tuần vào thứ Sáu", 4, date(2025, 1, 3), date(2025, 12, 26)),
        ("thứ sáu hàng tuần", 4, date(2025, 1, 3), date(2025, 12, 26)),
        ("thứ 6 hằng tuần", 4, date(2025, 1, 3), date(2025, 12, 26)),
        ("Thứ Hai hằng tuần", 0, date(2025, 1, 6), date(2025, 12, 29)),
        ("thứ 4 mỗi tuần", 2, date(2025, 1, 1), date(2025, 12, 31)),
        ("chủ nhật hằng tuần", 6, date(2025, 1, 5), date(2025, 12, 28)),
    ],
)
def test_weekly(text: str, weekday: int, first: date, last: date) -> None:
    d = one(text)
    assert d.kind == "recurring" and d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.weekday) == ("weekly", weekday)
    occ = occurrences(d.recurrence)
    assert (occ[0], occ[-1]) == (first, last)
    assert all(x.weekday() == weekday for x in occ)


def test_wednesdays_of_2025_are_53() -> None:
    d = one("thứ tư hằng tuần")
    assert d.recurrence is not None
    assert len(occurrences(d.recurrence)) == 53  # 2025 starts and ends on a Wednesday


def test_fridays_of_2024() -> None:
    d = one("thứ sáu hằng tuần", 2024)
    assert d.recurrence is not None
    occ = occurrences(d.recurrence)
    assert (occ[0], occ[-1], len(occ)) == (date(2024, 1, 5), date(2024, 12, 27), 52)


@pytest.mark.parametrize("text", ["hằng tháng", "hàng tháng", "mỗi tháng", "Định kỳ hàng tháng"])
def test_monthly_default_last_day(text: str) -> None:
    d = one(text)
    assert d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.day) == ("monthly", -1)
    assert occurrences(d.recurrence) == month_ends(2025)


def test_monthly_leap_year() -> None:
    d = one("hằng tháng", 2024)
    assert d.recurrence is not None
    assert occurrences(d.recurrence)[1] == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("ngày 25 hằng tháng", 25),
        ("hằng tháng vào ngày 25", 25),
        ("trước ngày 25 hằng tháng", 24),
    ],
)
def test_monthly_with_day(text: str, day: int) -> None:
    d = one(text)
    assert d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.day) == ("monthly", day)
    occ = occurrences(d.recurrence)
    assert len(occ) == 12
    assert occ[0] == date(2025, 1, day)
    assert occ[-1] == date(2025, 12, day)


def test_monthly_day_31_falls_on_month_end() -> None:
    d = one("ngày 31 hằng tháng")
    assert d.recurrence is not None
    assert occurrences(d.recurrence) == month_ends(2025)


@pytest.mark.parametrize("text", ["hằng quý", "hàng quý", "định kỳ quý", "Hằng Quý"])
def test_quarterly_default(text: str) -> None:
    d = one(text)
    assert d.recurrence is not None
    assert occurrences(d.recurrence) == [
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
    ]


@pytest.mark.parametrize(
    "text",
    ["ngày 14 tháng cuối quý", "trong ngày 14 của tháng cuối kỳ báo cáo", "trước ngày 15 tháng cuối quý"],
)
def test_quarterly_day_14(text: str) -> None:
    d = one(text)
    assert d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.day) == ("quarterly", 14)
    assert occurrences(d.recurrence) == [
        date(2025, 3, 14),
        date(2025, 6, 14),
        date(2025, 9, 14),
        date(2025, 12, 14),
    ]


@pytest.mark.parametrize("text", ["Định kỳ 6 tháng", "6 tháng một lần", "hằng 6 tháng"])
def test_semiannual(text: str) -> None:
    d = one(text)
    assert d.recurrence is not None
    assert d.recurrence.freq == "semiannual"
    assert occurrences(d.recurrence) == [date(2025, 6, 30), date(2025, 12, 31)]


def test_semiannual_with_day() -> None:
    d = one("định kỳ 6 tháng, ngày 15 tháng cuối kỳ")
    assert d.recurrence is not None
    assert occurrences(d.recurrence) == [date(2025, 6, 15), date(2025, 12, 15)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hằng năm", [date(2025, 12, 31)]),
        ("hàng năm", [date(2025, 12, 31)]),
        ("định kỳ hằng năm", [date(2025, 12, 31)]),
        ("trước ngày 15/12 hằng năm", [date(2025, 12, 14)]),
        ("ngày 10 tháng 4 hằng năm", [date(2025, 4, 10)]),
    ],
)
def test_yearly(text: str, expected: list[date]) -> None:
    d = one(text)
    assert d.recurrence is not None
    assert d.recurrence.freq == "yearly"
    assert occurrences(d.recurrence) == expected


def test_recurring_span_from_text() -> None:
    d = one("hằng tháng từ tháng 4 đến tháng 9/2025")
    assert d.recurrence is not None
    assert (d.recurrence.start, d.recurrence.until) == (date(2025, 4, 1), date(2025, 9, 30))
    assert occurrences(d.recurrence) == month_ends(2025)[3:9]


def test_occurrence_window_and_next() -> None:
    rec = Recurrence(freq="monthly", start=date(2025, 1, 1), until=date(2025, 12, 31), day=-1)
    assert occurrences(rec, date(2025, 3, 15), date(2025, 6, 15)) == [
        date(2025, 3, 31),
        date(2025, 4, 30),
        date(2025, 5, 31),
    ]
    assert occurrences(rec, date(2026, 1, 1)) == []
    assert next_occurrence(rec, date(2025, 2, 1)) == date(2025, 2, 28)
    assert next_occurrence(rec, date(2025, 2, 28)) == date(2025, 2, 28)
    assert next_occurrence(rec, date(2024, 6, 1)) == date(2025, 1, 31)
    assert next_occurrence(rec, date(2026, 1, 1)) is None
    fri = Recurrence(freq="weekly", start=date(2025, 1, 1), until=date(2025, 12, 31), weekday=4)
    assert next_occurrence(fri, date(2025, 1, 4)) == date(2025, 1, 10)
    assert next_occurrence(fri, date(2025, 1, 3)) == date(2025, 1, 3)
    assert next_occurrence(fri, date(2025, 12, 27)) is None
    q = Recurrence(freq="quarterly", start=date(2025, 1, 1), until=date(2025, 12, 31), day=14)
    assert next_occurrence(q, date(2025, 3, 15)) == date(2025, 6, 14)


# --------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("text", "event", "offset", "working"),
    [
        (
            "Khi có Quyết định giao biên chế của UBND tỉnh",
            "Quyết định giao biên chế của UBND tỉnh",
            None,
            False,
        ),
        ("Ngay khi có hướng dẫn của Bộ Nội vụ", "hướng dẫn của Bộ Nội vụ", None, False),
        ("Ngay sau khi Đề án được phê duyệt.", "Đề án được phê duyệt", None, False),
        ("Trong vòng 15 ngày làm việc kể từ ngày nhận đủ hồ sơ", "nhận đủ hồ sơ", 15, True),
        ("tối đa 10 ngày kể từ ngày Kế hoạch được ký", "Kế hoạch được ký", 10, False),
        ("5 ngày làm việc sau khi có kết quả thẩm định", "kết quả thẩm định", 5, True),
        ("trong 7 ngày kể từ khi nhận được văn bản", "nhận được văn bản", 7, False),
    ],
)
def test_events(text: str, event: str, offset: int | None, working: bool) -> None:
    d = one(text)
    assert (d.kind, d.event, d.offset, d.working_days) == ("event", event, offset, working)


def test_event_on_a_written_date_is_resolved() -> None:
    d = one("30 ngày kể từ ngày 01/4/2025")
    assert (d.kind, d.due) == ("date", date(2025, 5, 1))


def test_resolve_event_calendar_days() -> None:
    d = one("Ban hành kế hoạch (không quá 30 ngày kể từ ngày kế hoạch của tỉnh được ban hành)")
    r = resolve_event(d, date(2025, 3, 10), Y)
    assert (r.kind, r.due, r.label, r.text) == ("date", date(2025, 4, 9), d.label, d.text)


def test_resolve_event_without_offset_runs_to_end_of_year() -> None:
    d = one("Sau khi Đề án được phê duyệt")
    r = resolve_event(d, date(2025, 5, 20), Y)
    assert (r.kind, r.start, r.due, r.label) == ("date", date(2025, 5, 20), date(2025, 12, 31), d.label)


def test_vn_holidays_used_by_the_working_day_tests() -> None:
    h25 = vn_holidays(2025)
    tet = {date(2025, 1, 27) + timedelta(days=k) for k in range(6)}  # 27/01 .. 01/02/2025
    assert tet <= h25
    assert {date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 2)} <= h25
    assert {date(2025, 9, 1), date(2025, 9, 2)} <= h25
    assert {date(2024, 4, 29), date(2024, 4, 30), date(2024, 5, 1)} <= vn_holidays(2024)
    assert vn_holidays(2025) is h25  # cached


def test_working_days() -> None:
    assert is_working_day(date(2025, 1, 24))  # Friday
    assert not is_working_day(date(2025, 1, 25))  # Saturday
    assert not is_working_day(date(2025, 1, 29))  # Tết, a Wednesday
    assert not is_working_day(date(2025, 9, 2))  # National Day, a Tuesday
    assert add_working_days(date(2025, 1, 24), 0) == date(2025, 1, 24)
    # Fri 24/01 -> Mon 27/01..Sat 01/02 holidays, Sun 02/02 -> 03..07/02 (5), 10..14/02 (10)
    assert add_working_days(date(2025, 1, 24), 10) == date(2025, 2, 14)
    # Tue 29/04 -> 30/04, 01/05, 02/05 holidays, 03-04/05 weekend -> Mon 05/05
    assert add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)
    # Fri 29/08 -> weekend, 01/09 and 02/09 holidays -> Wed 03/09
    assert add_working_days(date(2025, 8, 29), 1) == date(2025, 9, 3)
    # Fri 26/04/2024 -> weekend, 29/04, 30/04, 01/05 holidays -> Thu 02/05/2024
    assert add_working_days(date(2024, 4, 26), 1) == date(2024, 5, 2)
    assert add_working_days(date(2025, 2, 3), -1) == date(2025, 1, 24)


def test_resolve_event_working_days() -> None:
    d = Deadline(kind="event", label="Báo cáo", event="X", offset=10, working_days=True)
    r = resolve_event(d, date(2025, 1, 24), Y)
    assert (r.kind, r.due) == ("date", date(2025, 2, 14))
    d5 = one("5 ngày làm việc sau khi có kết quả thẩm định")
    # Fri 25/04 -> 28, 29 (2), 30/04-02/05 holidays, 05, 06, 07/05 (5)
    assert resolve_event(d5, date(2025, 4, 25), Y).due == date(2025, 5, 7)


def test_resolve_event_leaves_other_kinds_alone() -> None:
    d = one("Năm 2025")
    assert resolve_event(d, date(2025, 1, 1), Y) == d


# --------------------------------------------------------------------------- other kinds


@pytest.mark.parametrize(
    "text", ["Theo hướng dẫn của Sở Nội vụ", "Theo chỉ đạo của UBND tỉnh", "Theo yêu cầu"]
)
def test_more_references(text: str) -> None:
    assert one(text).kind == "reference"


@pytest.mark.parametrize("text", ["hằng ngày", "Hàng ngày", "liên tục"])
def test_more_ongoing(text: str) -> None:
    assert one(text).kind == "ongoing"


@pytest.mark.parametrize("text", ["Khi cần thiết", "blah", "Quý 5/2025", "Định kỳ", "Trước khi họp"])
def test_unknown(text: str) -> None:
    d = one(text)
    assert d.kind == "unknown"
    assert d.label == text
    assert isinstance(d.reason, str) and d.reason


# --------------------------------------------------------------------------- JSON


def test_json_date() -> None:
    j = deadline_to_json(one("Quý II/2025"))
    assert j == {
        "kind": "date",
        "label": "Quý II/2025",
        "text": "Quý II/2025",
        "due": "2025-06-30",
        "start": "2025-04-01",
    }
    j2 = deadline_to_json(one("Trước 20/12/2025"))
    assert j2 == {
        "kind": "date",
        "label": "Trước 20/12/2025",
        "text": "Trước 20/12/2025",
        "due": "2025-12-19",
    }


def test_json_recurring() -> None:
    d = one("Định kỳ thứ sáu hàng tuần")
    j = deadline_to_json(d, date(2025, 1, 4))
    assert j == {
        "kind": "recurring",
        "label": "Định kỳ thứ sáu hàng tuần",
        "text": "Định kỳ thứ sáu hàng tuần",
        "freq": "weekly",
        "due": "2025-12-26",
        "start": "2025-01-01",
        "next": "2025-01-10",
        "weekday": 4,
    }
    assert deadline_to_json(d)["next"] is None
    m = deadline_to_json(one("ngày 25 hằng tháng"), date(2025, 3, 26))
    assert (m["freq"], m["due"], m["next"], m["day"]) == ("monthly", "2025-12-25", "2025-04-25", 25)
    assert "weekday" not in m and "month" not in m
    y = deadline_to_json(one("trước ngày 15/12 hằng năm"), date(2025, 12, 20))
    assert (y["month"], y["day"], y["next"]) == (12, 14, None)


def test_json_event_ongoing_reference_unknown() -> None:
    e = deadline_to_json(one("Sau khi Đề án được phê duyệt"))
    assert e == {
        "kind": "event",
        "label": "Sau khi Đề án được phê duyệt",
        "text": "Sau khi Đề án được phê duyệt",
        "event": "Đề án được phê duyệt",
        "offset": None,
        "working_days": False,
    }
    o = deadline_to_json(one("Thường xuyên trong năm 2025"))
    assert (o["kind"], o["start"], o["due"]) == ("ongoing", "2025-01-01", "2025-12-31")
    assert set(deadline_to_json(one("Thường xuyên"))) == {"kind", "label", "text"}
    assert set(deadline_to_json(one("Theo quy định"))) == {"kind", "label", "text"}
    u = deadline_to_json(one("31/02/2025"))
    assert u["kind"] == "unknown" and u["reason"] == "ngày 31/02/2025 không tồn tại"
    json.dumps(u, ensure_ascii=False)


# --------------------------------------------------------------------------- robustness


def test_random_strings_never_raise() -> None:
    rnd = random.Random(20250301)
    words = [
        "trước",
        "ngày",
        "tháng",
        "quý",
        "năm",
        "hằng",
        "hàng",
        "mỗi",
        "tuần",
        "thứ",
        "sáu",
        "định kỳ",
        "sau khi",
        "khi có",
        "kể từ",
        "làm việc",
        "không quá",
        "thường xuyên",
        "theo quy định",
        "từ",
        "đến",
        "hết",
        "và",
        "(",
        ")",
        ";",
        "-",
        "+",
        "•",
        "\n",
        "/",
        "II",
        "IV",
        "cuối",
        "đầu",
        "chủ nhật",
        "31/02/2025",
        "15/12",
        "2025",
        "0000",
        "9999",
        "1/1/0001",
        "31/12/9999",
        "32",
        "13",
        "0",
        ".",
        ",",
        "trong",
        "vào",
        "chậm nhất",
        "hạn chót",
        "kỳ báo cáo",
        "một lần",
        "nửa",
        "cả",
        "trước khi",
        "<ul>",
        "&amp;",
    ]
    alphabet = "aăâbcdđeêgiklmnoôơpqrstuưvxyàảãáạằắặầấậèéẹềếệìíịòóọồốộờớợùúụừứựỳýĐ0123456789/-.,;() \n"
    for i in range(3000):
        if i % 2:
            text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 10)))
        else:
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40)))
        if i % 7 == 0:
            text = unicodedata.normalize("NFD", text)
        ds = parse_deadlines(text, 2025)
        assert (ds == []) == (text.strip() == ""), text
        for d in ds:
            assert d.kind in KINDS
            assert d.reason != "lỗi khi phân tích thời hạn", text  # no internal error caught
            deadline_to_json(d, date(2025, 6, 1))


def test_core_modules_import_nothing_of_terminal_or_word() -> None:
    code = (
        "import sys, cchc_cli.deadlines.language, cchc_cli.deadlines.workdays\n"
        "bad = [m for m in ('typer', 'rich', 'yaml', 'docx', 'holidays') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_parsing_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    parse_deadlines("Trước ngày 19/02/2025 Trước ngày 15/12/2025", Y)
    parse_deadlines("xyz", Y)
    assert capsys.readouterr() == ("", "")
