"""Units read from assignment text, and the registry built from them (ids, aliases, groups).

Every expectation is the reading a civil servant would give the cell, written by hand."""

from __future__ import annotations

import pytest

from cchc_cli.importer.assignees import read_assignment
from cchc_cli.importer.columns import role_of
from cchc_cli.importer.registry import build_registry, identity, slug
from cchc_cli.importer.text_reader import read_text


def reading(text: str, role: str | None = None) -> list[tuple[str, str]]:
    mentions, _doubts = read_assignment(text, role)  # type: ignore[arg-type]
    return [(m.name, m.role) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # labels, each holding for the segments after it
        ("Chủ trì: Sở Nội vụ.\nPhối hợp: Sở Tài chính; Sở Tư pháp",
         [("Sở Nội vụ", "lead"), ("Sở Tài chính", "support"), ("Sở Tư pháp", "support")]),
        ("- Đơn vị chủ trì: Văn phòng Sở;\n- Đơn vị phối hợp: Thanh tra Sở",
         [("Văn phòng Sở", "lead"), ("Thanh tra Sở", "support")]),
        # "thực hiện" leads unless the cell also names a lead
        ("- Đơn vị thực hiện:\n+ Văn phòng Sở tham mưu;\n+ Các đơn vị sự nghiệp báo cáo.\n- Đơn vị phối hợp: Thanh tra Sở",
         [("Văn phòng Sở", "lead"), ("Các đơn vị sự nghiệp", "lead"), ("Thanh tra Sở", "support")]),
        ("- Đơn vị chủ trì: Văn phòng Sở\n- Đơn vị thực hiện: Các phòng, ban",
         [("Văn phòng Sở", "lead"), ("Các phòng, ban", "support")]),
        # role words after the subject
        ("Sở Nội vụ chủ trì, phối hợp với các sở, ngành", [("Sở Nội vụ", "lead"), ("Các sở, ngành", "support")]),
        ("Văn phòng chủ trì Các phòng chuyên môn/02 đơn vị sự nghiệp phối hợp",
         [("Văn phòng", "lead"), ("Các phòng chuyên môn", "support"), ("02 đơn vị sự nghiệp", "support")]),
        # a comma splits only between two names
        ("Văn phòng UBND tỉnh, Sở Tư pháp", [("Văn phòng UBND tỉnh", "lead"), ("Sở Tư pháp", "lead")]),
        ("Các sở, ban, ngành", [("Các sở, ban, ngành", "lead")]),
        ("UBND các xã, phường", [("UBND các xã, phường", "lead")]),
        ("Sở VH,TT&DL chủ trì", [("Sở VH,TT&DL", "lead")]),
        ("Sở Văn hóa, Thể thao và Du lịch", [("Sở Văn hóa, Thể thao và Du lịch", "lead")]),
        ("Sở Kế hoạch và Đầu tư", [("Sở Kế hoạch và Đầu tư", "lead")]),
        ("Bộ Khoa học và Công nghệ, Bộ Tài nguyên và môi trường",
         [("Bộ Khoa học và Công nghệ", "lead"), ("Bộ Tài nguyên và môi trường", "lead")]),
        ("Văn phòng HĐND và UBND huyện", [("Văn phòng HĐND và UBND huyện", "lead")]),
        # "Các Bộ: …" expands the prefix
        ("Các Bộ: Quốc phòng, Xây dựng", [("Bộ Quốc phòng", "lead"), ("Bộ Xây dựng", "lead")]),
        # later subjects without a role word support
        ("- Các phòng chuyên môn rà soát.\n- Văn phòng tổng hợp, trình UBND tỉnh công bố.",
         [("Các phòng chuyên môn", "lead"), ("Văn phòng", "support")]),
        # the subject stops at the verb: objects are not units ("trình UBND tỉnh")
        ("Văn phòng Sở tổng hợp, báo cáo UBND tỉnh", [("Văn phòng Sở", "lead")]),
        # words that start like an agency but name none
        ("Báo cáo gửi Sở Nội vụ", []),
        ("Ban hành kế hoạch", []),
    ],
)  # fmt: skip
def test_reading_assignment_cells(text: str, expected: list[tuple[str, str]]) -> None:
    assert reading(text) == expected


def test_separate_columns_force_the_role() -> None:
    assert reading("Sở Tư pháp chủ trì; Sở Nội vụ", "support") == [
        ("Sở Tư pháp", "support"),
        ("Sở Nội vụ", "support"),
    ]


def test_unit_inside_a_sentence_is_a_doubt() -> None:
    mentions, doubts = read_assignment("Công chức cử làm việc tại Trung tâm hành chính công tỉnh")
    assert [(m.name, m.doubt) for m in mentions] == [
        ("Trung tâm hành chính công tỉnh",
         "đọc đơn vị “Trung tâm hành chính công tỉnh” từ câu “Công chức cử làm việc tại Trung tâm hành chính cô…”"),
    ]  # fmt: skip
    assert doubts == []
    assert read_assignment("Theo phân công của lãnh đạo") == ([], ["không nhận ra tên đơn vị nào"])


def test_registry_ids_aliases_and_groups() -> None:
    names = [
        "Văn phòng Sở", "Văn phòng", "Văn phòng Sở",  # the agency's own level added: one unit
        "UBND tỉnh", "Ủy ban nhân dân tỉnh",  # UBND = Ủy ban nhân dân
        "Sở Tư pháp", "sở tư pháp",  # case
        "Các sở, ban, ngành", "Tất cả các sở, ban, ngành",  # "Tất cả" adds nothing
        "Bộ, ngành, địa phương",
    ]  # fmt: skip
    registry = build_registry(names)
    assert [(u.id, u.name, u.aliases) for u in registry.units] == [
        ("van-phong-so", "Văn phòng Sở", ["Văn phòng"]),  # the form used most names it
        ("uy-ban-nhan-dan-tinh", "Ủy ban nhân dân tỉnh", ["UBND tỉnh"]),  # a tie: the longer form
        ("so-tu-phap", "Sở Tư pháp", ["sở tư pháp"]),
    ]
    assert [(g.id, g.name, g.aliases, g.members) for g in registry.groups] == [
        ("cac-so-ban-nganh", "Các sở, ban, ngành", ["Tất cả các sở, ban, ngành"], []),
        ("bo-nganh-dia-phuong", "Bộ, ngành, địa phương", [], []),
    ]
    assert registry.notes == ["coi “Văn phòng” và “Văn phòng Sở” là một đơn vị"]
    assert registry.id_of("UBND tỉnh") == registry.id_of("Uỷ ban nhân dân Tỉnh") == "uy-ban-nhan-dan-tinh"


def test_ambiguous_stems_are_not_merged() -> None:
    registry = build_registry(["Văn phòng", "Văn phòng Sở", "Văn phòng tỉnh"])
    assert [u.id for u in registry.units] == ["van-phong", "van-phong-so", "van-phong-tinh"]
    assert registry.notes == []


def test_ids_are_ascii_slugs_of_at_most_60_characters() -> None:
    assert (
        slug("Trung tâm Đăng kiểm xe cơ giới tỉnh Khánh Hòa")
        == "trung-tam-dang-kiem-xe-co-gioi-tinh-khanh-hoa"
    )
    assert slug("Sở VH,TT&DL") == "so-vh-tt-dl"
    long = slug("Các tổ chức hành chính trực thuộc và đơn vị sự nghiệp trực thuộc Sở Xây dựng tỉnh Khánh Hòa")
    assert long == "cac-to-chuc-hanh-chinh-truc-thuoc-va-don-vi-su-nghiep-truc"  # cut at a word, ≤ 60
    assert len(long) <= 60
    clash = build_registry(["Phòng Văn hóa & Thông tin", "Phòng Văn hóa Thông tin"])  # two names, one slug
    assert [u.id for u in clash.units] == ["phong-van-hoa-thong-tin", "phong-van-hoa-thong-tin-2"]
    assert identity("Uỷ ban nhân dân tỉnh") == identity("UBND Tỉnh") == "uy ban nhan dan tinh"


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("STT", "number"), ("TT", "number"), ("Số TT", "number"), ("Stt.", "number"),
        ("Nhiệm vụ, đề án, dự án", "task"), ("NỘI DUNG NHIỆM VỤ", "task"), ("Tên nhiệm vụ", "task"),
        ("Kết quả/ sản phẩm", "output"), ("Sản phẩm đầu ra", "output"), ("Deliverable (Kết quả đầu ra)", "output"),
        ("Thời gian thực hiện/hoàn thành", "schedule"), ("Thời hạn hoàn thành", "schedule"), ("Tiến độ", "schedule"),
        ("Phân công (chủ trì/ phối hợp) và cách thức thực hiện", "assignment"), ("Đơn vị thực hiện", "assignment"),
        ("Cơ quan chủ trì thực hiện", "lead"), ("Đơn vị chủ trì", "lead"), ("Chủ trì", "lead"),
        ("Cơ quan phối hợp thực hiện", "support"), ("Phối hợp", "support"),
        ("Ghi chú", None), ("Cấp trình", None), ("Kinh phí", None), ("Thứ tự ưu tiên", None),
    ],
)  # fmt: skip
def test_column_headings(heading: str, role: str | None) -> None:
    assert role_of(heading) == role


def test_pipe_tables_from_web_pages() -> None:
    source = read_text(
        "| STT | Nhiệm vụ | Đơn vị chủ trì |\n|:---|:-----|----:|\n| 1 | **Rà soát** văn bản | Sở Tư pháp |\n"
    )
    (table,) = source.tables()
    assert [row.texts() for row in table.rows] == [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì"],
        ["1", "Rà soát văn bản", "Sở Tư pháp"],
    ]
