"""Round trip (1): importing tests/data/seed-2025.txt gives plans/2025.yaml.

The seed is the text extracted from the signed 2025 appendix of Sở Xây dựng Khánh Hòa; the
bundled plan was transcribed from it by hand. The import must give the same sections,
tasks, STT and cells, cell for cell, and the same heading. Units are compared through
UNIT_MAP (imported id -> the bundled ids it stands for), and the tasks whose lead/support
still differ are listed in KNOWN_DIFFERENCES, each with the reason.

Not compared, being the transcriber's additions that the appendix does not contain:
- `events` (the plan's list of what deadlines wait for, with their dates);
- the explicit `deadlines:` of III.3 and VII.6 (a lead per milestone, a weekly report read
  out of the Phân công cell);
- groups' `members` (the appendix never lists which units "các phòng, ban…" holds), unit
  and group `note`s and the aliases the transcriber knew (Cảng vụ, Trung tâm Đăng kiểm);
- `agency`: the appendix says "Sở Xây dựng"; "tỉnh Khánh Hòa" is given with --agency;
- the assignment column's heading: the seed prints "(chủ trì/ phối hợp)", the bundled plan
  keeps the export's default heading "(chủ trì/phối hợp)" (it records no columns).
"""

from __future__ import annotations

import pytest

from cchc_cli.importer.build import ImportResult, import_plan
from cchc_cli.importer.text_reader import cell_lines, read_text
from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.model import Plan
from tests.conftest import PLAN_2025, SEED

UNIT_MAP: dict[str, set[str]] = {
    # the same unit; the bundled ids are shorter than the slugs of the names
    "van-phong-so": {"van-phong"},
    "thanh-tra-so": {"thanh-tra"},
    "van-thu-so": {"van-thu"},
    "cang-vu-duong-thuy-noi-dia": {"cang-vu"},
    "trung-tam-dang-kiem-xe-co-gioi": {"dang-kiem"},
    "hoi-dong-thi-dua-khen-thuong-so": {"hd-tdkt"},
    "cac-phong-ban-don-vi-thuoc-va-truc-thuoc-so": {"toan-so"},
    "cac-don-vi-su-nghiep-truc-thuoc-so": {"don-vi-su-nghiep"},
    "02-don-vi-su-nghiep": {"don-vi-su-nghiep"},  # an alias of that group in the bundled plan
    # The cells name the centre where the civil servants sit ("Công chức cử làm việc tại Trung
    # tâm hành chính…") in three spellings; the transcriber made one unit of the civil servants.
    "trung-tam-hanh-chinh": {"cong-chuc-tthcc"},
    "trung-tam-hanh-chinh-cong-tinh": {"cong-chuc-tthcc"},
    "trung-tam-phuc-vu-hanh-chinh-cong-tinh": {"cong-chuc-tthcc"},
    # "Các phòng chuyên môn" is collective in the text, hence a group; the bundled plan has
    # one unit for all of them (its note says so).
    "cac-phong-chuyen-mon": {"phong-chuyen-mon"},
    "cac-phong-chuyen-mon-co-lien-quan": {"phong-chuyen-mon"},
    # collective names that stay whole (a comma splits only between two names), which the
    # transcriber read as several of his groups
    "cac-phong-chuyen-mon-don-vi": {"phong-chuyen-mon", "don-vi-su-nghiep"},
    "cac-to-chuc-hanh-chinh-truc-thuoc-va-don-vi-su-nghiep-truc": {"to-chuc-hanh-chinh", "don-vi-su-nghiep"},
    "cac-phong-chuyen-mon-don-vi-truc-thuoc-so": {
        "phong-chuyen-mon",
        "to-chuc-hanh-chinh",
        "don-vi-su-nghiep",
    },
    "cac-phong-ban-don-vi": {"toan-so"},
}

KNOWN_DIFFERENCES: dict[str, str] = {
    "I.5": "“các phòng, ban, đơn vị được phân công tham mưu VBQPPL”: which ones are “được phân công” "
    "is known to the transcriber (phòng chuyên môn, sự nghiệp), not written in the cell",
    "II.1": "“Các phòng chuyên môn, đơn vị tham mưu…”: the same words the transcriber read as "
    "phòng chuyên môn + sự nghiệp in I.2 and as phòng chuyên môn alone here",
    "II.2": "as II.1",
    "III.4": "two bullets, each unit doing its part, no role word: the importer makes the later "
    "subject support (as the transcriber did in II.1), the transcriber made both lead here",
    "III.6": "as III.4",
    "IX.4": "as III.4",
    "X.3": "as III.4",
    "V.2": "the support units come from “tại cơ quan, đơn vị trực thuộc”, a place, not a subject",
    "VII.7": "“gửi … về Văn phòng tổng hợp”: Văn phòng is the object of the sentence, not a subject",
    "VII.8": "“bộ phận một cửa” is written in lower case mid-sentence; names start with a "
    "capitalised agency word (the transcriber added the unit mot-cua)",
}


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return import_plan(SEED, "seed-2025.txt", agency="Sở Xây dựng tỉnh Khánh Hòa")


@pytest.fixture(scope="module")
def bundled() -> Plan:
    return load_plan(PLAN_2025).plan


def test_heading(result: ImportResult, bundled: Plan) -> None:
    assert result.plan.plan == bundled.plan


def test_columns(result: ImportResult) -> None:
    assert [(c.key, c.heading) for c in result.plan.table_columns] == [
        ("number", "STT"), ("task", "Nhiệm vụ"), ("output", "Kết quả/sản phẩm"), ("schedule", "Tiến độ"),
        ("assignment", "Phân công (chủ trì/ phối hợp) và cách thức thực hiện"),
    ]  # fmt: skip


def test_sections_tasks_stt_and_cells(result: ImportResult, bundled: Plan) -> None:
    assert [(s.numeral, s.title) for s in result.plan.sections] == [
        (s.numeral, s.title) for s in bundled.sections
    ]
    got = [(t.id, t.number, t.task, t.output, t.schedule, t.assignment) for _s, t in result.plan.iter_tasks()]
    want = [(t.id, t.number, t.task, t.output, t.schedule, t.assignment) for _s, t in bundled.iter_tasks()]
    assert len(got) == len(want) == 54
    for mine, theirs in zip(got, want, strict=True):
        assert mine == theirs


def test_units_of_each_task(result: ImportResult, bundled: Plan) -> None:
    assert set(UNIT_MAP) == {u.id for u in result.plan.units} | {g.id for g in result.plan.groups}
    theirs = {t.id: t for _s, t in bundled.iter_tasks()}
    differing = {}
    for _s, task in result.plan.iter_tasks():
        lead = set().union(*(UNIT_MAP[u] for u in task.lead))
        support = set().union(*(UNIT_MAP[u] for u in task.support)) - lead
        other = theirs[task.id]
        if (lead, support) != (set(other.lead), set(other.support) - set(other.lead)):
            differing[task.id] = (sorted(lead), sorted(support))
    assert sorted(differing) == sorted(KNOWN_DIFFERENCES)
    # the differences are exactly the ones described
    assert differing["III.4"] == (["van-phong"], ["don-vi-su-nghiep"])
    assert differing["VII.8"] == (["van-phong"], ["hd-tdkt"])


def test_what_the_importer_says(result: ImportResult) -> None:
    notes = [d.line() for d in result.notes]
    assert notes == [
        "coi “Văn phòng” và “Văn phòng Sở” là một đơn vị",
        "coi “Các đơn vị sự nghiệp trực thuộc” và “Các đơn vị sự nghiệp trực thuộc Sở” là một đơn vị",
        "coi “Thanh tra” và “Thanh tra Sở” là một đơn vị",
    ]
    # every deadline of the seed is read; each unit found inside a sentence is a doubt with its row
    assert not any("hạn" in d.message for d in result.warnings)
    assert result.warnings[0].line() == (
        "dòng 25, cột “Phân công (chủ trì/ phối hợp) và cách thức thực hiện”: đọc đơn vị “Trung tâm hành chính” "
        "từ câu “Công chức cử làm việc tại Trung tâm hành chính.”"
    )


# --- the text format's conventions, one at a time ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "lines"),
    [
        # the converter's flat lists: a bullet line split before each " - " item
        ('<ul style="list-style-type: none"> - Đơn vị chủ trì: Văn phòng Sở; - Đơn vị phối hợp: các phòng.',
         ["- Đơn vị chủ trì: Văn phòng Sở;", "- Đơn vị phối hợp: các phòng."]),
        ("- Quý II/2025 - Tháng 12/2025", ["- Quý II/2025", "- Tháng 12/2025"]),
        # where some items follow ". ; :", only those are breaks: a dash inside a name stays
        ("- Văn phòng Sở làm khi có hướng dẫn của Sở Kế hoạch và Đầu tư - Thường trực Ban X. - Trung tâm Y làm",
         ["- Văn phòng Sở làm khi có hướng dẫn của Sở Kế hoạch và Đầu tư - Thường trực Ban X.", "- Trung tâm Y làm"]),
        ("- Đơn vị thực hiện: + Văn phòng Sở; + Các đơn vị. - Đơn vị phối hợp: X.",
         ["- Đơn vị thực hiện:", "+ Văn phòng Sở;", "+ Các đơn vị.", "- Đơn vị phối hợp: X."]),
        ("- Sử dụng hệ thống kinh tế - xã hội", ["- Sử dụng hệ thống kinh tế - xã hội"]),  # lower case: a hyphen
        ("Phát triển kinh tế - xã hội", ["Phát triển kinh tế - xã hội"]),  # no bullet: never split
        # a lost line break: the cell's opening words again, after a number
        ("Trước ngày 19/02/2025 Trước ngày 15/12/2025", ["Trước ngày 19/02/2025", "Trước ngày 15/12/2025"]),
        ("Xây dựng Kế hoạch biên chế trực thuộc Sở Xây dựng", ["Xây dựng Kế hoạch biên chế trực thuộc Sở Xây dựng"]),
        ("<p>Văn phòng Sở theo dõi.</p> <p>Hội đồng tổng hợp.</p>", ["Văn phòng Sở theo dõi.", "Hội đồng tổng hợp."]),
        ("Sở A &amp; B   chủ trì <b>ngay</b>", ["Sở A & B chủ trì ngay"]),
    ],
)  # fmt: skip
def test_cell_lines(raw: str, lines: list[str]) -> None:
    assert cell_lines(raw) == lines


def test_page_break_continues_the_row_above() -> None:
    text = (
        "STT\tNhiệm vụ\tTiến độ\tPhân công\n"
        "1\tRà soát văn bản (tích\tThường xuyên\t- Văn phòng Sở chủ trì, đối với hồ sơ\n"
        "\n"
        "STT\tNhiệm vụ\tTiến độ\tPhân công\n"
        "\thợp dữ liệu)\t\t<p>công chức của Sở.</p> <p>- Thanh tra Sở phối hợp.</p>\n"
        "\n"
        "STT\tNhiệm vụ\tTiến độ\tPhân công\n"
        "\t\t\t<ul> - Các phòng thực hiện.\n"
    )
    (table,) = read_text(text).tables()
    body = [row.texts() for row in table.rows if row.texts()[0] != "STT"]
    assert body == [
        [
            "1",
            "Rà soát văn bản (tích hợp dữ liệu)",
            "Thường xuyên",
            "- Văn phòng Sở chủ trì, đối với hồ sơ công chức của Sở.\n- Thanh tra Sở phối hợp.\n"
            "- Các phòng thực hiện.",
        ]
    ]
    assert [row.where for row in table.rows] == ["dòng 1", "dòng 2", "dòng 4", "dòng 7"]


def test_paragraphs_join_and_lose_markdown() -> None:
    source = read_text("Phụ lục\n\n**NHIỆM VỤ CỦA SỞ\nXÂY DỰNG NĂM 2025**\n")
    assert [b.text for b in source.blocks] == ["Phụ lục", "NHIỆM VỤ CỦA SỞ XÂY DỰNG NĂM 2025"]  # type: ignore[union-attr]
