"""plan/yearshift.py: the year-moving rules of `cchc rollover`, phrase by phrase.

Each expected text is the phrase rewritten by hand for a 2025 plan rolled over to 2026 (the
year before 2024, the plan year 2025 and the year after 2026 move by one; nothing else does).
"""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_cli.deadlines.fold import fold
from cchc_cli.plan.yearshift import YEAR_RULES, Context, Shift, scan, shift_date, shift_text

TO_2026 = Shift(2025, 2026)

RULE_ORDER = [
    "citation-symbol", "citation-number", "citation-law", "citation-standard", "year-range",
    "date-in-words", "date", "date-dashed", "period", "year-word", "bare-year",
]  # fmt: skip


def test_cited_documents_come_before_years() -> None:
    assert [rule.name for rule in YEAR_RULES] == RULE_ORDER


@pytest.mark.parametrize("rule", YEAR_RULES, ids=lambda r: r.name)
def test_each_example_is_read_whole_by_its_own_row(rule) -> None:  # type: ignore[no-untyped-def]
    found = scan(fold(rule.example))
    assert found, rule.example
    last_rule, last_match = found[-1]
    assert last_rule.name == rule.name and last_match.end() == len(rule.example)
    assert shift_text(rule.example, TO_2026, rule.context).text == rule.result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dates and periods of the Tiến độ cells of the bundled plan
        ("Trước ngày 19/02/2025\nTrước ngày 15/12/2025", "Trước ngày 19/02/2026\nTrước ngày 15/12/2026"),
        ("- Quý II/2025\n- Tháng 12/2025", "- Quý II/2026\n- Tháng 12/2026"),
        ("Kế hoạch biên chế công chức (trước 15/5/2025)", "Kế hoạch biên chế công chức (trước 15/5/2026)"),
        ("- Khi có Quyết định giao biên chế của UBND tỉnh;\n- Tháng 03/2025.",
         "- Khi có Quyết định giao biên chế của UBND tỉnh;\n- Tháng 03/2026."),
        ("Năm 2025", "Năm 2026"),
        ("Trong năm 2025", "Trong năm 2026"),
        ("Thường xuyên trong năm 2025", "Thường xuyên trong năm 2026"),
        ("- Định kỳ, năm định kỳ trước ngày 01/3/2025;", "- Định kỳ, năm định kỳ trước ngày 01/3/2026;"),
        ("ngày 18 tháng 7 năm 2025", "ngày 18 tháng 7 năm 2026"),
        ("hạn chót 15-12-2025", "hạn chót 15-12-2026"),
        ("12/2025", "12/2026"),
        ("Năm học 2025-2026", "Năm học 2026-2027"),
        # no year: nothing to move
        ("Báo cáo gửi Sở Nội vụ trong ngày 14 của tháng cuối kỳ báo cáo",
         "Báo cáo gửi Sở Nội vụ trong ngày 14 của tháng cuối kỳ báo cáo"),
        ("Định kỳ thứ sáu hàng tuần", "Định kỳ thứ sáu hàng tuần"),
        ("trước 15/12", "trước 15/12"),
        # a cited document inside a Tiến độ cell keeps its year
        ("Theo Quyết định số 1015/QĐ-TTg ngày 30/8/2025", "Theo Quyết định số 1015/QĐ-TTg ngày 30/8/2025"),
    ],
)  # fmt: skip
def test_schedule_cells(text: str, expected: str) -> None:
    shifted = shift_text(text, TO_2026, "schedule")
    assert shifted.text == expected
    assert shifted.notes == ()


@pytest.mark.parametrize(
    ("text", "expected", "kinds"),
    [
        # the year before the plan: a deadline already stale in the source moves and is flagged
        ("Trước ngày 30/11/2024", "Trước ngày 30/11/2025", ["stale"]),
        ("Trong quý II, III năm 2024", "Trong quý II, III năm 2025", ["stale"]),
        # years outside 2024-2026 and multi-year stages are kept and flagged
        ("Đến năm 2030", "Đến năm 2030", ["kept-year"]),
        ("Giai đoạn 2021 - 2025", "Giai đoạn 2021 - 2025", ["stage"]),
        ("2025-2030", "2025-2030", ["stage"]),
        ("Trước ngày 31/12/2023", "Trước ngày 31/12/2023", ["kept-year"]),
    ],
)
def test_schedule_cells_flagged(text: str, expected: str, kinds: list[str]) -> None:
    shifted = shift_text(text, TO_2026, "schedule")
    assert shifted.text == expected
    assert [n.kind for n in shifted.notes] == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the plan year, the year before and the year after move
        ("Kiểm tra, rà soát và xử lý văn bản QPPL năm 2025",
         "Kiểm tra, rà soát và xử lý văn bản QPPL năm 2026"),
        ("Công bố Chỉ số và xếp hạng kết quả CCHC năm 2024 của tỉnh Khánh Hòa",
         "Công bố Chỉ số và xếp hạng kết quả CCHC năm 2025 của tỉnh Khánh Hòa"),
        ("Xây dựng Kế hoạch biên chế công chức năm 2026", "Xây dựng Kế hoạch biên chế công chức năm 2027"),
        ("Báo cáo CCHC quý I, 6 tháng, quý III và báo cáo năm 2024",
         "Báo cáo CCHC quý I, 6 tháng, quý III và báo cáo năm 2025"),
        ("Kế hoạch phổ biến giáo dục pháp luật năm 2025", "Kế hoạch phổ biến giáo dục pháp luật năm 2026"),
        ("Báo cáo quý I/2025", "Báo cáo quý I/2026"),
        ("KẾ HOẠCH NĂM 2025", "KẾ HOẠCH NĂM 2026"),
        # cited documents never move
        ("Công khai ngân sách theo biểu mẫu của Thông tư số 90/2018/TT-BTC ngày 28/9/2018",
         "Công khai ngân sách theo biểu mẫu của Thông tư số 90/2018/TT-BTC ngày 28/9/2018"),
        ("Triển khai Quyết định số 1015/QĐ-TTg", "Triển khai Quyết định số 1015/QĐ-TTg"),
        ("Thi hành Luật Đất đai năm 2024", "Thi hành Luật Đất đai năm 2024"),
        ("theo Bộ luật Lao động năm 2019 và Luật Cán bộ, công chức năm 2025",
         "theo Bộ luật Lao động năm 2019 và Luật Cán bộ, công chức năm 2025"),
        ("theo quy định tại Nghị định 30/2020/NĐ-CP", "theo quy định tại Nghị định 30/2020/NĐ-CP"),
        ("theo quy định tại NĐ 106/2020/NĐ-CP và NĐ 62/2020/NĐ-CP",
         "theo quy định tại NĐ 106/2020/NĐ-CP và NĐ 62/2020/NĐ-CP"),
        ("theo yêu cầu tại Kết luận số 91-KL/TU của Ban Thường vụ Tỉnh ủy",
         "theo yêu cầu tại Kết luận số 91-KL/TU của Ban Thường vụ Tỉnh ủy"),
        ("Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND tỉnh",
         "Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND tỉnh"),
        ("Quyết định số 45/QĐ-UBND năm 2025", "Quyết định số 45/QĐ-UBND năm 2025"),
        ("tiêu chuẩn TCVN ISO 9001:2015", "tiêu chuẩn TCVN ISO 9001:2015"),
        # the plan's year after a cited document moves: it is the plan's own topic
        ("Thực hiện Kế hoạch số 12/KH-UBND của UBND tỉnh về CCHC năm 2025",
         "Thực hiện Kế hoạch số 12/KH-UBND của UBND tỉnh về CCHC năm 2026"),
        # other years stay, stages too
        ("so với năm 2020", "so với năm 2020"),
        ("Chương trình giai đoạn 2021-2025", "Chương trình giai đoạn 2021-2025"),
    ],
)  # fmt: skip
def test_task_text(text: str, expected: str) -> None:
    shifted = shift_text(text, TO_2026, "text")
    assert shifted.text == expected
    assert shifted.notes == ()


@pytest.mark.parametrize(
    ("text", "expected", "kinds"),
    [
        # a written date may belong to a document not recognised as one: moved, flagged
        ("Giải ngân đến hết ngày 15/12/2025", "Giải ngân đến hết ngày 15/12/2026", ["date-in-text"]),
        # a bare number that may be the plan year, or a count: kept, flagged
        ("Kế hoạch CCHC 2025", "Kế hoạch CCHC 2025", ["bare-year"]),
        ("Tiếp nhận 2025 hồ sơ", "Tiếp nhận 2025 hồ sơ", ["bare-year"]),
    ],
)
def test_task_text_flagged(text: str, expected: str, kinds: list[str]) -> None:
    shifted = shift_text(text, TO_2026, "text")
    assert shifted.text == expected
    assert [n.kind for n in shifted.notes] == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NHIỆM VỤ … CẢI CÁCH HÀNH CHÍNH CỦA SỞ XÂY DỰNG NĂM 2025",
         "NHIỆM VỤ … CẢI CÁCH HÀNH CHÍNH CỦA SỞ XÂY DỰNG NĂM 2026"),
        ("(Kèm theo Kế hoạch số /KH-SXD ngày /03/2025 của Sở Xây dựng năm 2025)",
         "(Kèm theo Kế hoạch số /KH-SXD ngày /03/2026 của Sở Xây dựng năm 2026)"),
        # the plan's own document: its date is the plan's and moves (the number is the caller's)
        ("(Kèm theo Kế hoạch số 12/KH-STN ngày 05/3/2025 của Sở Thử nghiệm)",
         "(Kèm theo Kế hoạch số 12/KH-STN ngày 05/3/2026 của Sở Thử nghiệm)"),
        ("KẾ HOẠCH CCHC 2025", "KẾ HOẠCH CCHC 2026"),
    ],
)  # fmt: skip
def test_headings(text: str, expected: str) -> None:
    shifted = shift_text(text, TO_2026, "heading")
    assert (shifted.text, shifted.notes) == (expected, ())


@pytest.mark.parametrize("context", ["schedule", "text", "heading"])
def test_29_february_has_no_counterpart_in_2029(context: Context) -> None:
    to_2029 = Shift(2028, 2029)
    for text, expected in (
        ("Trước ngày 29/02/2028", "Trước ngày 28/02/2029"),
        ("ngày 29 tháng 2 năm 2028", "ngày 28 tháng 2 năm 2029"),
    ):
        shifted = shift_text(text, to_2029, context)
        assert shifted.text == expected
        assert "leap-day" in [n.kind for n in shifted.notes]
    # 2028 and 2032 are both leap years: 29/02 stays
    assert shift_text("Trước ngày 29/02/2028", Shift(2028, 2032), "schedule").text == "Trước ngày 29/02/2032"


def test_shift_date() -> None:
    assert shift_date(dt.date(2028, 2, 29), Shift(2028, 2029)) == (dt.date(2029, 2, 28), True)
    assert shift_date(dt.date(2028, 2, 29), Shift(2028, 2032)) == (dt.date(2032, 2, 29), False)
    assert shift_date(dt.date(2025, 12, 31), TO_2026) == (dt.date(2026, 12, 31), False)


def test_moving_by_more_than_one_year() -> None:
    # 2025 -> 2027: the window is still the source's 2024-2026, each year moves by two
    shifted = shift_text("Báo cáo năm 2024, kế hoạch năm 2025 và năm 2026", Shift(2025, 2027), "text")
    assert shifted.text == "Báo cáo năm 2026, kế hoạch năm 2027 và năm 2028"


def test_same_year_and_text_without_digits_are_unchanged() -> None:
    assert shift_text("Năm 2025", Shift(2025, 2025), "schedule").text == "Năm 2025"
    assert shift_text("Thường xuyên", TO_2026, "schedule").text == "Thường xuyên"
