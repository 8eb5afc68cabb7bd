"""Forms of other agencies' appendices (tests/data/deadlines/development.yaml) and describe().

Every expectation below was worked out by hand from the calendar (May and March have 31 days,
June 30, February 28 in 2025 and 29 in 2024; 1/1/2025 is a Wednesday), never copied from the
program's output. A week of a month is counted inside the month: days 1-7, 8-14, 15-21, 22-28,
29 to the end; "tuần cuối" is the last seven days.
"""

from __future__ import annotations

from datetime import date

import pytest

from cchc_cli.deadlines.language import Deadline, occurrences, parse_deadlines
from cchc_cli.deadlines.schedule import describe

Y = 2025


def one(text: str, year: int = Y) -> Deadline:
    ds = parse_deadlines(text, year)
    assert len(ds) == 1, ds
    return ds[0]


def spans(text: str, year: int = Y) -> list[tuple[str, date | None, date | None]]:
    return [(d.kind, d.start, d.due) for d in parse_deadlines(text, year)]


# --------------------------------------------------------------------------- weeks of a month


@pytest.mark.parametrize(
    ("text", "year", "start", "due"),
    [
        ("Tuần đầu tháng 5/2025", Y, date(2025, 5, 1), date(2025, 5, 7)),
        ("tuần cuối tháng 5/2025", Y, date(2025, 5, 25), date(2025, 5, 31)),
        ("tuần thứ hai của tháng 6", Y, date(2025, 6, 8), date(2025, 6, 14)),
        ("tuần thứ ba tháng 3", Y, date(2025, 3, 15), date(2025, 3, 21)),
        ("tuần 4 tháng 3/2025", Y, date(2025, 3, 22), date(2025, 3, 28)),
        ("tuần thứ năm của tháng 3", Y, date(2025, 3, 29), date(2025, 3, 31)),
        ("Trong tuần đầu tiên của tháng 1 năm 2026", Y, date(2026, 1, 1), date(2026, 1, 7)),
        ("tuần cuối tháng 2/2024", Y, date(2024, 2, 23), date(2024, 2, 29)),
        ("tuần cuối cùng của tháng 2", 2025, date(2025, 2, 22), date(2025, 2, 28)),
        ("tuần thứ 1 tháng 12", 2024, date(2024, 12, 1), date(2024, 12, 7)),
    ],
)
def test_week_of_a_month(text: str, year: int, start: date, due: date) -> None:
    assert spans(text, year) == [("date", start, due)]


def test_before_and_until_a_week() -> None:
    assert spans("Trước tuần cuối tháng 5/2025") == [("date", None, date(2025, 5, 24))]
    assert spans("Đến hết tuần thứ hai tháng 6") == [("date", None, date(2025, 6, 14))]


def test_a_week_that_does_not_exist() -> None:
    d = one("tuần thứ năm tháng 2/2025")
    assert (d.kind, d.reason) == ("unknown", "tháng 2/2025 không có tuần thứ 5")


# --------------------------------------------------------------------------- lists of months


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tháng 3 và tháng 9/2025",
            [("date", date(2025, 3, 1), date(2025, 3, 31)), ("date", date(2025, 9, 1), date(2025, 9, 30))],
        ),
        (
            "Tháng 3, 6, 9 và 12",
            [
                ("date", date(2025, 3, 1), date(2025, 3, 31)),
                ("date", date(2025, 6, 1), date(2025, 6, 30)),
                ("date", date(2025, 9, 1), date(2025, 9, 30)),
                ("date", date(2025, 12, 1), date(2025, 12, 31)),
            ],
        ),
        (
            "Tháng 4, 5 và 7/2025",
            [("date", date(2025, 4, 1), date(2025, 5, 31)), ("date", date(2025, 7, 1), date(2025, 7, 31))],
        ),
        (
            "Quý I và quý III",
            [("date", date(2025, 1, 1), date(2025, 3, 31)), ("date", date(2025, 7, 1), date(2025, 9, 30))],
        ),
        # consecutive items stay one period, "và" or not
        ("Tháng 4, 5/2025", [("date", date(2025, 4, 1), date(2025, 5, 31))]),
        ("Tháng 11 và tháng 12", [("date", date(2025, 11, 1), date(2025, 12, 31))]),
        ("Quý II và quý III năm 2024", [("date", date(2024, 4, 1), date(2024, 9, 30))]),
    ],
)
def test_lists_split_at_gaps(text: str, expected: list[tuple[str, date, date]]) -> None:
    assert spans(text) == expected


def test_list_milestones_keep_the_phrase_as_label() -> None:
    ds = parse_deadlines("Tháng 3 và tháng 9/2025", Y)
    assert [d.label for d in ds] == ["Tháng 3 và tháng 9/2025"] * 2


def test_before_a_list_of_months_is_before_each() -> None:
    assert [d.due for d in parse_deadlines("Trước tháng 3 và tháng 9", Y)] == [
        date(2025, 2, 28),
        date(2025, 8, 31),
    ]


# --------------------------------------------------------------------------- years, month/year


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),  # kept as written in a 2025 plan
        ("2025-2026", date(2025, 1, 1), date(2026, 12, 31)),
        ("Giai đoạn 2025 - 2030", date(2025, 1, 1), date(2030, 12, 31)),
        ("Năm 2025-2026", date(2025, 1, 1), date(2026, 12, 31)),
        ("giai đoạn 2021–2025", date(2021, 1, 1), date(2025, 12, 31)),
        ("12/2025", date(2025, 12, 1), date(2025, 12, 31)),
        ("03/2026", date(2026, 3, 1), date(2026, 3, 31)),
        ("Trong 2/2024", date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_years_and_months_without_words(text: str, start: date, due: date) -> None:
    assert spans(text) == [("date", start, due)]


def test_before_a_month_without_the_word() -> None:
    assert spans("Trước 12/2025") == [("date", None, date(2025, 11, 30))]


@pytest.mark.parametrize(
    "text", ["Quyết định số 12/2025/QĐ-UBND", "Báo cáo số 12/2025", "Tiếp nhận 1500 hồ sơ", "Đợt 1/2025"]
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert one(text).kind == "unknown"


def test_a_range_of_years_backwards_is_unknown() -> None:
    d = one("2026-2025")
    assert (d.kind, d.reason) == ("unknown", "khoảng năm 2026–2025 kết thúc trước khi bắt đầu")


def test_years_other_than_the_plan_are_kept() -> None:
    assert [d.due for d in parse_deadlines("Trước ngày 15/12/2026", Y)] == [date(2026, 12, 14)]
    assert [d.due for d in parse_deadlines("Quý IV/2024", Y)] == [date(2024, 12, 31)]


# --------------------------------------------------------------------------- rounds and stages


@pytest.mark.parametrize(
    "text", ["Đợt 1: Quý II/2025; Đợt 2: Quý IV/2025", "Đợt 1: Quý II/2025, Đợt 2: Quý IV/2025"]
)
def test_rounds_each_with_its_quarter(text: str) -> None:
    ds = parse_deadlines(text, Y)
    assert [(d.label, d.start, d.due) for d in ds] == [
        ("Đợt 1: Quý II/2025", date(2025, 4, 1), date(2025, 6, 30)),
        ("Đợt 2: Quý IV/2025", date(2025, 10, 1), date(2025, 12, 31)),
    ]


def test_stages_each_with_its_year() -> None:
    ds = parse_deadlines("Giai đoạn 1: năm 2025; giai đoạn 2: năm 2026", Y)
    assert [(d.label, d.start, d.due) for d in ds] == [
        ("Giai đoạn 1: năm 2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("giai đoạn 2: năm 2026", date(2026, 1, 1), date(2026, 12, 31)),
    ]


# --------------------------------------------------------------------------- periodic with a day


def test_monthly_with_its_day_in_brackets() -> None:
    d = one("Hằng tháng (trước ngày 25)")
    assert d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.day) == ("monthly", 24)
    assert occurrences(d.recurrence) == [date(2025, m, 24) for m in range(1, 13)]


def test_quarterly_with_its_day_in_brackets() -> None:
    d = one("Định kỳ hằng quý (ngày 15 tháng cuối quý)")
    assert d.recurrence is not None and d.label == "Định kỳ hằng quý"
    assert occurrences(d.recurrence) == [
        date(2025, 3, 15),
        date(2025, 6, 15),
        date(2025, 9, 15),
        date(2025, 12, 15),
    ]


def test_report_by_the_20th_of_the_last_month_of_the_period() -> None:
    d = one("thời hạn gửi chậm nhất là ngày 20 của tháng cuối kỳ báo cáo")
    assert d.recurrence is not None
    assert occurrences(d.recurrence) == [
        date(2025, 3, 20),
        date(2025, 6, 20),
        date(2025, 9, 20),
        date(2025, 12, 20),
    ]


# --------------------------------------------------------------------------- describe()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("thứ sáu hàng tuần", "thứ Sáu hằng tuần (từ 01/01/2025 đến 31/12/2025)"),
        ("chủ nhật hằng tuần", "Chủ nhật hằng tuần (từ 01/01/2025 đến 31/12/2025)"),
        ("hằng tuần", "Chủ nhật hằng tuần (từ 01/01/2025 đến 31/12/2025)"),
        ("ngày 25 hằng tháng", "ngày 25 hằng tháng (từ 01/01/2025 đến 31/12/2025)"),
        ("trước ngày 25 hằng tháng", "ngày 24 hằng tháng (từ 01/01/2025 đến 31/12/2025)"),
        ("hằng tháng", "ngày cuối cùng hằng tháng (từ 01/01/2025 đến 31/12/2025)"),
        ("trong ngày 14 của tháng cuối kỳ báo cáo", "ngày 14 tháng cuối quý (từ 01/01/2025 đến 31/12/2025)"),
        ("hằng quý", "ngày cuối cùng của quý (từ 01/01/2025 đến 31/12/2025)"),
        (
            "định kỳ 6 tháng, ngày 15 tháng cuối kỳ",
            "ngày 15 tháng 6 và tháng 12 hằng năm (từ 01/01/2025 đến 31/12/2025)",
        ),
        ("trước ngày 01/3 hằng năm", "ngày 28/02 hằng năm (từ 01/01/2025 đến 31/12/2025)"),
        ("hằng năm", "ngày 31/12 hằng năm (từ 01/01/2025 đến 31/12/2025)"),
        (
            "hằng tháng từ tháng 4 đến tháng 9/2025",
            "ngày cuối cùng hằng tháng (từ 01/04/2025 đến 30/09/2025)",
        ),
    ],
)
def test_describe_names_the_day(text: str, said: str) -> None:
    assert describe(one(text)) == said


# --------------------------------------------------------------------------- fixed after held-out


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("9 tháng đầu năm", date(2025, 1, 1), date(2025, 9, 30)),
        ("3 tháng cuối năm 2024", date(2024, 10, 1), date(2024, 12, 31)),
        ("5 tháng đầu năm 2025", date(2025, 1, 1), date(2025, 5, 31)),
    ],
)
def test_months_at_the_start_or_end_of_a_year(text: str, start: date, due: date) -> None:
    assert spans(text) == [("date", start, due)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("năm học 2025-2026", "năm học (từ tháng 9 đến tháng 5 năm sau) chưa được hỗ trợ"),
        ("15 tháng đầu năm", "15 tháng không nằm trong một năm"),
    ],
)
def test_periods_not_read_say_why(text: str, reason: str) -> None:
    d = one(text)
    assert (d.kind, d.reason) == ("unknown", reason)
