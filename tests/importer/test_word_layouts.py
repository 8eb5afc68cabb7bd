"""`cchc import` on Word files in the layouts seen in real appendices.

Each document is built here with python-docx (merges made with `cell.merge`, so Word's own
`w:gridSpan`/`w:vMerge` markup) and every expectation is written out by hand from the
document as a reader sees it: which column is which, the sections and their numerals, each
task's STT and cells, who leads and who supports, and what the importer should doubt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cchc_cli.lint.config import LintConfig
from cchc_cli.lint.runner import lint_file
from cchc_cli.plan.emit import plan_to_yaml
from tests.importer.conftest import Tab, doubt_lines, imported, roles, task_rows, word_file


def columns(result) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return [(c.key, c.heading, c.group) for c in result.plan.table_columns]


def sections(result) -> list[tuple[str, str, list[str]]]:  # type: ignore[no-untyped-def]
    return [(s.numeral, s.title, [t.id for t in s.tasks]) for s in result.plan.sections]


def lint_errors(result, tmp_path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    path = tmp_path / "imported.yaml"
    path.write_text(plan_to_yaml(result.plan), encoding="utf-8")
    return [
        d.one_line() for d in lint_file(path, LintConfig(), "imported.yaml") if d.severity.name == "ERROR"
    ]


# --- 1. TT | Nhiệm vụ, đề án, dự án | Cơ quan chủ trì thực hiện | Cơ quan phối hợp thực hiện |
#        Thời gian trình | Cấp trình | Sản phẩm -----------------------------------------------


def test_layout_law_making_program(tmp_path: Path) -> None:
    path = word_file(
        tmp_path / "ubnd-tinh.docx",
        "PHỤ LỤC I",
        "DANH MỤC NHIỆM VỤ CẢI CÁCH THỂ CHẾ NĂM 2025",
        "(Kèm theo Kế hoạch số 45/KH-UBND ngày 10/02/2025 của UBND tỉnh Khánh Hòa)",
        Tab(
            [
                ["TT", "Nhiệm vụ, đề án, dự án", "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp thực hiện",
                 "Thời gian trình", "Cấp trình", "Sản phẩm"],
                ["I", "XÂY DỰNG VĂN BẢN QUY PHẠM PHÁP LUẬT"],
                ["1", "Nghị quyết quy định mức chi hỗ trợ công tác cải cách hành chính", "Sở Tài chính",
                 "Sở Tư pháp, Văn phòng UBND tỉnh", "Tháng 6/2025", "HĐND tỉnh", "Nghị quyết"],
                ["2", "Quyết định ban hành Quy chế phối hợp", "Sở Nội vụ",
                 "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố", "Quý III/2025", None, "Quyết định"],
                ["II", "RÀ SOÁT VĂN BẢN"],
                ["1", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "Sở Tư pháp", "Các sở, ngành",
                 "Trước ngày 15/12/2025", "UBND tỉnh", "Báo cáo"],
                ["2", "Kiểm tra văn bản do HĐND, UBND cấp huyện ban hành", None, "UBND các huyện, thị xã, thành phố",
                 None, "UBND tỉnh", "Kết luận kiểm tra"],
            ],
            # the group titles across the row; Cấp trình, the lead and the deadline merged downwards
            merges=[(1, 1, 1, 6), (2, 5, 3, 5), (4, 1, 4, 6), (5, 2, 6, 2), (5, 4, 6, 4)],
        ),
    )  # fmt: skip
    result = imported(path)
    plan = result.plan
    assert columns(result) == [
        ("number", "TT", None), ("task", "Nhiệm vụ, đề án, dự án", None),
        ("lead", "Cơ quan chủ trì thực hiện", None), ("support", "Cơ quan phối hợp thực hiện", None),
        ("schedule", "Thời gian trình", None), ("cap-trinh", "Cấp trình", None), ("output", "Sản phẩm", None),
    ]  # fmt: skip
    assert (plan.plan.title, plan.year) == ("DANH MỤC NHIỆM VỤ CẢI CÁCH THỂ CHẾ NĂM 2025", 2025)
    document = plan.plan.document
    assert (document.kind, document.number, document.symbol, document.date, document.issuer) == (
        "Kế hoạch", "45", "KH-UBND", dt.date(2025, 2, 10), "UBND tỉnh Khánh Hòa",
    )  # fmt: skip
    assert plan.plan.agency == "UBND tỉnh Khánh Hòa"
    assert sections(result) == [
        ("I", "XÂY DỰNG VĂN BẢN QUY PHẠM PHÁP LUẬT", ["I.1", "I.2"]),
        ("II", "RÀ SOÁT VĂN BẢN", ["II.1", "II.2"]),
    ]
    rows = task_rows(plan)
    assert rows[1] == (
        "I.2", "2",
        {"task": "Quyết định ban hành Quy chế phối hợp", "lead": "Sở Nội vụ",
         "support": "Các sở, ban, ngành; UBND các huyện, thị xã, thành phố", "schedule": "Quý III/2025",
         "cap-trinh": "HĐND tỉnh",  # merged down from I.1
         "output": "Quyết định"},
    )  # fmt: skip
    assert rows[3][2]["lead"] == "Sở Tư pháp" and rows[3][2]["schedule"] == "Trước ngày 15/12/2025"
    assert roles(plan) == {
        "I.1": (["Sở Tài chính"], ["Sở Tư pháp", "Văn phòng UBND tỉnh"]),
        "I.2": (["Sở Nội vụ"], ["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"]),
        "II.1": (["Sở Tư pháp"], ["Các sở, ngành"]),
        "II.2": (["Sở Tư pháp"], ["UBND các huyện, thị xã, thành phố"]),
    }
    assert [u.id for u in plan.units] == ["so-tai-chinh", "so-tu-phap", "van-phong-ubnd-tinh", "so-noi-vu"]
    assert [(g.id, g.members) for g in plan.groups] == [
        ("cac-so-ban-nganh", []), ("ubnd-cac-huyen-thi-xa-thanh-pho", []), ("cac-so-nganh", []),
    ]  # fmt: skip
    assert result.warnings == ()
    assert lint_errors(result, tmp_path) == []


# --- 2. TT | Nội dung | Thời gian thực hiện | Đơn vị chủ trì | Đơn vị phối hợp | Ghi chú ---------


def test_layout_district_with_numbered_groups(tmp_path: Path) -> None:
    path = word_file(
        tmp_path / "ubnd-huyen.docx",
        "Phụ lục",
        "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA UBND HUYỆN DIÊN KHÁNH",
        "(Kèm theo Kế hoạch số 12/KH-UBND ngày 20/12/2024 của UBND huyện Diên Khánh)",
        Tab(
            [
                ["TT", "Nội dung", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp", "Ghi chú"],
                ["1", "Cải cách thủ tục hành chính"],
                ["1.1", "Rà soát, đơn giản hóa thủ tục hành chính", "Quý II/2025", "Văn phòng HĐND và UBND huyện",
                 "Các phòng, ban chuyên môn", ""],
                ["1.2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Thường xuyên", "Phòng Tư pháp",
                 "UBND các xã, thị trấn", "Chỉ tiêu 100%"],
                ["2", "Cải cách tổ chức bộ máy"],
                ["2.1", "Sắp xếp các cơ quan chuyên môn", "Tháng 6/2025", "Phòng Nội vụ", "Các phòng chuyên môn", ""],
                [None, None, "Tháng 9/2025", "Văn phòng HĐND và UBND huyện", "", "Báo cáo kết quả"],
                ["Tổng cộng: 3 nhiệm vụ"],
            ],
            # STT and Nội dung of 2.1 span its two rows (a second lead below); the total spans the row
            merges=[(5, 0, 6, 0), (5, 1, 6, 1), (7, 0, 7, 5)],
        ),
    )  # fmt: skip
    result = imported(path)
    plan = result.plan
    # The title names 2025; the plan was signed in December 2024: the title decides the year.
    assert plan.year == 2025 and plan.plan.document.date == dt.date(2024, 12, 20)
    assert [c.key for c in plan.table_columns] == ["number", "task", "schedule", "lead", "support", "ghi-chu"]
    # "1" over "1.1": the rows numbered 1 and 2 are groups; the tasks keep 1.1, 1.2, 2.1 as ids
    assert sections(result) == [
        ("1", "Cải cách thủ tục hành chính", ["1.1", "1.2"]),
        ("2", "Cải cách tổ chức bộ máy", ["2.1"]),
    ]
    assert task_rows(plan)[2] == (
        "2.1", "2.1",
        {"task": "Sắp xếp các cơ quan chuyên môn", "schedule": "Tháng 6/2025\nTháng 9/2025",
         "lead": "Phòng Nội vụ\nVăn phòng HĐND và UBND huyện", "support": "Các phòng chuyên môn",
         "ghi-chu": "Báo cáo kết quả"},
    )  # fmt: skip
    assert roles(plan) == {
        "1.1": (["Văn phòng HĐND và UBND huyện"], ["Các phòng, ban chuyên môn"]),  # one office, not two
        "1.2": (["Phòng Tư pháp"], ["UBND các xã, thị trấn"]),
        "2.1": (["Phòng Nội vụ", "Văn phòng HĐND và UBND huyện"], ["Các phòng chuyên môn"]),
    }
    assert doubt_lines(result) == [
        "bảng 1, dòng 7: ô STT và Nhiệm vụ gộp dọc với dòng trên: gộp vào nhiệm vụ ở dòng trên",
        "bảng 1, dòng 8: bỏ dòng không phải nhiệm vụ: “Tổng cộng: 3 nhiệm vụ”",
    ]
    assert [d.kind for d in result.doubts] == ["warning", "note"]
    assert lint_errors(result, tmp_path) == []


# --- 3. STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Sản phẩm/kết quả |
#        Chỉ tiêu liên quan -----------------------------------------------------------------------


def test_layout_letter_groups_running_numbers_no_deadline(tmp_path: Path) -> None:
    header = [
        "STT",
        "Nội dung nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Sản phẩm/kết quả",
        "Chỉ tiêu liên quan",
    ]
    path = word_file(
        tmp_path / "so-tu-phap.docx",
        "Phụ lục",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        "(Kèm theo Kế hoạch số 07/KH-STP ngày 15/01/2025 của Sở Tư pháp)",
        Tab(
            [
                header,
                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
                ["A. NHIỆM VỤ TRỌNG TÂM"],
                ["1", "Nâng cao Chỉ số cải cách hành chính", "Văn phòng Sở", "Các phòng, đơn vị thuộc Sở",
                 "Báo cáo", "Chỉ số CCHC"],
                ["2", "Triển khai chữ ký số", "Văn phòng Sở, Thanh tra Sở", "", "100% văn bản ký số", "Chỉ số 6.2"],
                header,  # the header again: the table went on over a page break in the source
                ["B. NHIỆM VỤ THƯỜNG XUYÊN"],
                ["3", "Tiếp nhận, trả kết quả hồ sơ đúng hạn", "Phòng Hành chính tư pháp", "Văn phòng Sở",
                 "Hồ sơ đúng hạn", ""],
            ],
            merges=[(2, 0, 2, 5), (6, 0, 6, 5)],
        ),
    )  # fmt: skip
    result = imported(path)
    plan = result.plan
    assert [(c.key, c.heading) for c in plan.table_columns] == [
        ("number", "STT"), ("task", "Nội dung nhiệm vụ"), ("lead", "Đơn vị chủ trì"), ("support", "Đơn vị phối hợp"),
        ("output", "Sản phẩm/kết quả"), ("chi-tieu-lien-quan", "Chỉ tiêu liên quan"),
    ]  # fmt: skip
    # numbers run on across the groups and are kept: B's task is B.3
    assert sections(result) == [
        ("A", "NHIỆM VỤ TRỌNG TÂM", ["A.1", "A.2"]),
        ("B", "NHIỆM VỤ THƯỜNG XUYÊN", ["B.3"]),
    ]
    assert roles(plan)["A.2"] == (["Văn phòng Sở", "Thanh tra Sở"], [])
    assert task_rows(plan)[1][2]["chi-tieu-lien-quan"] == "Chỉ số 6.2"
    assert all(t.schedule == "" for _s, t in plan.iter_tasks())
    assert doubt_lines(result) == ["bảng không có cột Tiến độ/Thời gian: các nhiệm vụ không có hạn"]
    assert lint_errors(result, tmp_path) == []


# --- 4. STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả/Sản phẩm | Thời gian |
#        Ghi chú: one table per section, the section heading a paragraph above it --------------


def test_layout_one_table_per_section(tmp_path: Path) -> None:
    header = [
        "STT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Kết quả/Sản phẩm",
        "Thời gian",
        "Ghi chú",
    ]
    path = word_file(
        tmp_path / "so-noi-vu.docx",
        "Phụ lục II",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        "CỦA SỞ NỘI VỤ",
        "(Kèm theo Quyết định số 120/QĐ-SNV ngày 05 tháng 01 năm 2025 của Sở Nội vụ tỉnh Khánh Hòa)",
        "I. CẢI CÁCH THỂ CHẾ",
        Tab([header,
             ["1", "Tham mưu ban hành quy định phân cấp quản lý công chức", "Phòng Tổ chức, biên chế",
              "Sở Tư pháp", "Quyết định của UBND tỉnh", "Chưa xác định", ""]]),
        "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
        Tab([header,
             ["1", "Công khai thủ tục hành chính", "Văn phòng Sở", "", "Danh mục thủ tục", "Tháng 3/2025", ""],
             ["2", "Đánh giá mức độ hài lòng", "Văn phòng Sở", "Các Bộ: Nội vụ, Tư pháp", "Báo cáo",
              "Hằng quý", "Theo Bộ chỉ số"]]),
    )  # fmt: skip
    result = imported(path)
    plan = result.plan
    assert plan.plan.title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA SỞ NỘI VỤ"  # two lines joined
    document = plan.plan.document
    assert (document.kind, document.number, document.symbol, document.date, document.issuer) == (
        "Quyết định", "120", "QĐ-SNV", dt.date(2025, 1, 5), "Sở Nội vụ tỉnh Khánh Hòa",
    )  # fmt: skip
    assert result.tables == 2
    assert sections(result) == [
        ("I", "CẢI CÁCH THỂ CHẾ", ["I.1"]),
        ("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", ["II.1", "II.2"]),
    ]
    assert roles(plan) == {
        "I.1": (["Phòng Tổ chức, biên chế"], ["Sở Tư pháp"]),
        "II.1": (["Văn phòng Sở"], []),
        "II.2": (["Văn phòng Sở"], ["Bộ Nội vụ", "Bộ Tư pháp"]),  # "Các Bộ: Nội vụ, Tư pháp" expanded
    }
    # A deadline the language cannot read is a warning placed on its table, row and column.
    assert doubt_lines(result) == ["bảng 1, dòng 2, cột “Thời gian”: chưa đọc được hạn “Chưa xác định” "
                                   "(không nhận dạng được thời hạn)"]  # fmt: skip
    assert lint_errors(result, tmp_path) == []


# --- 5. Nội dung | Phân công nhiệm vụ | Tiến độ | Phương pháp | Nguồn lực | Sản phẩm đầu ra
#        (no STT column) ------------------------------------------------------------------------


def test_layout_without_number_column(tmp_path: Path) -> None:
    path = word_file(
        tmp_path / "truong.docx",
        "PHỤ LỤC",
        "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM HỌC 2025",
        "(Kèm theo Kế hoạch số 30/KH-THPT ngày 03/03/2025 của Trường THPT Nguyễn Văn Trỗi)",
        Tab(
            [
                ["Nội dung", "Phân công nhiệm vụ", "Tiến độ", "Phương pháp", "Nguồn lực", "Sản phẩm đầu ra"],
                ["I. CẢI CÁCH HÀNH CHÍNH NHÀ TRƯỜNG"],
                ["Niêm yết công khai thủ tục tại bộ phận một cửa",
                 "Văn phòng nhà trường chủ trì, phối hợp với các tổ chuyên môn", "Tháng 9/2025",
                 "Niêm yết, đăng trang thông tin", "Kinh phí thường xuyên", "Bảng niêm yết"],
                ["Cập nhật cơ sở dữ liệu ngành", "Tổ Văn phòng", "Hằng tháng", "", "", "Dữ liệu đầy đủ"],
                ["II. CHUYỂN ĐỔI SỐ"],
                ["Sử dụng sổ điểm điện tử", "- Chủ trì: Ban Giám hiệu\n- Phối hợp: Tổ Toán - Tin, Tổ Văn phòng",
                 "Năm học 2025", "", "", "Sổ điểm điện tử"],
            ],
            merges=[(1, 0, 1, 5), (4, 0, 4, 5)],
        ),
    )  # fmt: skip
    result = imported(path)
    plan = result.plan
    assert [c.key for c in plan.table_columns] == [
        "task", "assignment", "schedule", "phuong-phap", "nguon-luc", "output",
    ]  # fmt: skip
    assert sections(result) == [
        ("I", "CẢI CÁCH HÀNH CHÍNH NHÀ TRƯỜNG", ["I.1", "I.2"]),
        ("II", "CHUYỂN ĐỔI SỐ", ["II.1"]),
    ]
    assert [t.number for _s, t in plan.iter_tasks()] == [None, None, None]  # nothing printed, nothing kept
    assert roles(plan) == {
        "I.1": (["Văn phòng nhà trường"], ["Các tổ chuyên môn"]),
        "I.2": (["Tổ Văn phòng"], []),
        "II.1": (["Ban Giám hiệu"], ["Tổ Toán - Tin", "Tổ Văn phòng"]),
    }
    assert task_rows(plan)[0][2]["nguon-luc"] == "Kinh phí thường xuyên"
    assert lint_errors(result, tmp_path) == []


# --- 6. STT | Nhiệm vụ | Kết quả/sản phẩm | Tiến độ | Phân công (chủ trì/ phối hợp) và cách thức
#        thực hiện (the seed's layout), with the phrasings of assignment cells ---------------------


def test_layout_of_the_seed_in_word(tmp_path: Path) -> None:
    path = word_file(
        tmp_path / "so-xay-dung.docx",
        "Phụ lục",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        "(Kèm theo Kế hoạch số /KH-SXD ngày /03/2025 của Sở Xây dựng năm 2025)",
        Tab(
            [
                ["STT", "Nhiệm vụ", "Kết quả/sản phẩm", "Tiến độ",
                 "Phân công (chủ trì/ phối hợp) và cách thức thực hiện"],
                ["I", "CẢI CÁCH THỂ CHẾ"],
                ["1", "Rà soát văn bản", "Báo cáo", "Trước ngày 19/02/2025\nTrước ngày 15/12/2025",
                 "Chủ trì: Sở Nội vụ.\nPhối hợp: Sở Tài chính; Sở Tư pháp"],
                ["2", "Theo dõi thi hành pháp luật", "- Kế hoạch;\n- Báo cáo.", "Quý II/2025",
                 "Sở Nội vụ chủ trì, phối hợp với các sở, ngành"],
                ["3", "Tuyên truyền cải cách hành chính", "Tin, bài", "Thường xuyên",
                 "- Đơn vị chủ trì: Văn phòng Sở;\n- Đơn vị phối hợp: Văn phòng UBND tỉnh, Sở Tư pháp"],
                ["3", "Phổ biến văn bản mới", "Hội nghị", "Tháng 4/2025", "Sở VH,TT&DL chủ trì"],
            ],
            merges=[(1, 1, 1, 4)],
        ),
    )  # fmt: skip
    result = imported(path)
    plan = result.plan
    document = plan.plan.document
    assert (document.number, document.symbol, document.date, document.issuer, plan.year) == (
        "", "KH-SXD", None, "Sở Xây dựng", 2025,
    )  # fmt: skip
    assert [(t.id, t.number) for _s, t in plan.iter_tasks()] == [
        ("I.1", "1"), ("I.2", "2"), ("I.3", "3"), ("I.3b", "3"),
    ]  # fmt: skip
    # each line of a cell is one paragraph in Word and one line in the plan
    assert task_rows(plan)[0][2]["schedule"] == "Trước ngày 19/02/2025\nTrước ngày 15/12/2025"
    assert task_rows(plan)[1][2]["output"] == "- Kế hoạch;\n- Báo cáo."
    assert roles(plan) == {
        "I.1": (["Sở Nội vụ"], ["Sở Tài chính", "Sở Tư pháp"]),
        "I.2": (["Sở Nội vụ"], ["Các sở, ngành"]),
        "I.3": (["Văn phòng Sở"], ["Văn phòng UBND tỉnh", "Sở Tư pháp"]),
        "I.3b": (["Sở VH,TT&DL"], []),
    }
    assert [u.id for u in plan.units] == [
        "so-noi-vu", "so-tai-chinh", "so-tu-phap", "van-phong-so", "van-phong-ubnd-tinh", "so-vh-tt-dl",
    ]  # fmt: skip
    assert result.warnings == ()
    assert lint_errors(result, tmp_path) == []


# --- a two-row header ------------------------------------------------------------------------------


def test_two_row_header(tmp_path: Path) -> None:
    path = word_file(
        tmp_path / "two-rows.docx",
        "Phụ lục",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        "(Kèm theo Kế hoạch số 3/KH-SGTVT ngày 06/01/2025 của Sở Giao thông vận tải)",
        Tab(
            [
                ["TT", "Nội dung", "Phân công thực hiện", None, "Thời gian hoàn thành"],
                [None, None, "Chủ trì", "Phối hợp", None],
                ["I", "CẢI CÁCH THỂ CHẾ"],
                ["1", "Rà soát quy định về vận tải", "Phòng Quản lý vận tải", "Thanh tra Sở", "Quý I/2025"],
            ],
            merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4), (2, 1, 2, 4)],
            header_rows=2,
        ),
    )  # fmt: skip
    result = imported(path)
    assert columns(result) == [
        ("number", "TT", None), ("task", "Nội dung", None),
        ("lead", "Chủ trì", "Phân công thực hiện"), ("support", "Phối hợp", "Phân công thực hiện"),
        ("schedule", "Thời gian hoàn thành", None),
    ]  # fmt: skip
    assert roles(result.plan) == {"I.1": (["Phòng Quản lý vận tải"], ["Thanh tra Sở"])}
    assert result.warnings == ()


# --- numbers and bullets Word draws itself (list styles) --------------------------------------


def test_automatic_numbering_and_bullets_are_kept(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Phụ lục")
    document.add_paragraph("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025")
    table = document.add_table(rows=4, cols=3)
    for col, heading in enumerate(["STT", "Nhiệm vụ", "Đơn vị thực hiện"]):
        table.cell(0, col).text = heading
    for row in (1, 2, 3):
        table.cell(row, 0).paragraphs[0].style = "List Number"  # the STT typed by Word, not by hand
        table.cell(row, 1).text = f"Nhiệm vụ {row}"
        bullet = table.cell(row, 2).paragraphs[0]
        bullet.text = "Sở Tư pháp"
        bullet.style = "List Bullet"
    path = tmp_path / "so-tu-dong.docx"
    document.save(str(path))
    result = imported(path)
    # Word shows "1.", "2.", "3." and a bullet: the plan keeps what the reader sees
    assert [(t.id, t.number, t.assignment) for _s, t in result.plan.iter_tasks()] == [
        ("I.1", "1.", "• Sở Tư pháp"), ("I.2", "2.", "• Sở Tư pháp"), ("I.3", "3.", "• Sở Tư pháp"),
    ]  # fmt: skip
    assert roles(result.plan)["I.2"] == (["Sở Tư pháp"], [])
