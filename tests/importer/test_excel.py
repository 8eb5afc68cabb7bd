"""`cchc import` on Excel files (built with openpyxl, merged cells included) and on text in
the seed's shape laid out another way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from tests.importer.conftest import imported, roles, task_rows


def test_excel_appendix(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Phụ lục"
    sheet["A1"] = "PHỤ LỤC"
    sheet["A2"] = "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025"
    sheet["A3"] = "(Kèm theo Kế hoạch số 88/KH-UBND ngày 14/02/2025 của UBND thành phố Nha Trang)"
    for row in (1, 2, 3):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    sheet.append([])
    sheet.append(
        ["STT", "Nội dung nhiệm vụ", "Thời hạn hoàn thành", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kinh phí"]
    )
    sheet.append(["I", "CẢI CÁCH THỂ CHẾ"])
    sheet.merge_cells("B6:F6")
    sheet.append(
        [
            1,
            "Rà soát văn bản quy phạm pháp luật",
            dt.date(2025, 6, 30),
            "Phòng Tư pháp",
            "Các phòng, ban",
            20000000,
        ]
    )
    sheet["C7"].number_format = "dd/mm/yyyy"
    sheet.append([2, "Kiểm tra văn bản\nnăm 2025", "Quý III/2025", None, "UBND các phường, xã", None])
    sheet.merge_cells("D7:D8")  # one lead for both tasks
    sheet.append(["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"])
    sheet.merge_cells("B9:F9")
    sheet.append(
        [1, "Công khai thủ tục hành chính", "Thường xuyên", "Văn phòng HĐND và UBND thành phố", None, None]
    )
    notes = book.create_sheet("Ghi chú")
    notes["A1"] = "Bảng này không phải bảng nhiệm vụ"
    path = tmp_path / "nha-trang.xlsx"
    book.save(path)

    result = imported(path)
    plan = result.plan
    assert result.kind == "xlsx" and result.tables == 1
    assert (plan.plan.title, plan.plan.document.number, plan.plan.document.date, plan.plan.agency) == (
        "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025", "88", dt.date(2025, 2, 14), "UBND thành phố Nha Trang",
    )  # fmt: skip
    assert [(c.key, c.heading) for c in plan.table_columns] == [
        ("number", "STT"), ("task", "Nội dung nhiệm vụ"), ("schedule", "Thời hạn hoàn thành"),
        ("lead", "Cơ quan chủ trì"), ("support", "Cơ quan phối hợp"), ("kinh-phi", "Kinh phí"),
    ]  # fmt: skip
    assert task_rows(plan) == [
        ("I.1", "1", {"task": "Rà soát văn bản quy phạm pháp luật", "schedule": "30/06/2025",  # a date cell
                      "lead": "Phòng Tư pháp", "support": "Các phòng, ban", "kinh-phi": "20000000"}),
        ("I.2", "2", {"task": "Kiểm tra văn bản\nnăm 2025", "schedule": "Quý III/2025",
                      "lead": "Phòng Tư pháp",  # the merged cell, filled down
                      "support": "UBND các phường, xã", "kinh-phi": ""}),
        ("II.1", "1", {"task": "Công khai thủ tục hành chính", "schedule": "Thường xuyên",
                       "lead": "Văn phòng HĐND và UBND thành phố", "support": "", "kinh-phi": ""}),
    ]  # fmt: skip
    assert roles(plan) == {
        "I.1": (["Phòng Tư pháp"], ["Các phòng, ban"]),
        "I.2": (["Phòng Tư pháp"], ["UBND các phường, xã"]),
        "II.1": (["Văn phòng HĐND và UBND thành phố"], []),
    }
    assert result.warnings == ()


def test_text_in_another_layout(tmp_path: Path) -> None:
    path = tmp_path / "trich-pdf.txt"
    path.write_text(
        "PHỤ LỤC\n"
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025\n"
        "(Kèm theo Kế hoạch số 21/KH-UBND ngày 03/3/2025 của UBND xã Vĩnh Lương)\n"
        "\n"
        "TT\tNội dung\tThời gian thực hiện\tĐơn vị chủ trì\tĐơn vị phối hợp\n"
        "(1)\t(2)\t(3)\t(4)\t(5)\n"
        "1\tCẢI CÁCH THỦ TỤC HÀNH CHÍNH\t\t\t\n"
        "1.1\tNiêm yết công khai thủ tục hành chính\tQuý I/2025\tVăn phòng HĐND và UBND xã\tCông chức Tư pháp - Hộ tịch\n"
        "1.2\tTiếp nhận hồ sơ trực tuyến\tThường xuyên\tBộ phận Một cửa\t\n"
        "\n"
        "TT\tNội dung\tThời gian thực hiện\tĐơn vị chủ trì\tĐơn vị phối hợp\n"
        "2\tCẢI CÁCH CÔNG VỤ\t\t\t\n"
        "2.1\tĐánh giá, xếp loại cán bộ, công chức\tTháng 12/2025\tChủ tịch UBND xã\t\n"
        "Tổng cộng: 3 nhiệm vụ\t\t\t\t\n",
        encoding="utf-8",
    )
    result = imported(path)
    plan = result.plan
    assert [(s.numeral, s.title, [t.id for t in s.tasks]) for s in plan.sections] == [
        ("1", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", ["1.1", "1.2"]),
        ("2", "CẢI CÁCH CÔNG VỤ", ["2.1"]),
    ]
    assert (plan.plan.document.date, plan.plan.document.issuer) == (dt.date(2025, 3, 3), "UBND xã Vĩnh Lương")
    assert roles(plan) == {
        "1.1": (["Văn phòng HĐND và UBND xã"], []),  # "Công chức Tư pháp - Hộ tịch" names a person's post
        "1.2": (["Bộ phận Một cửa"], []),
        "2.1": (["Chủ tịch UBND xã"], []),
    }
    assert [d.line() for d in result.doubts] == [
        "dòng 8, cột “Đơn vị phối hợp”: không nhận ra tên đơn vị nào",  # the 8th line of the file
        "dòng 14: bỏ dòng không phải nhiệm vụ: “Tổng cộng: 3 nhiệm vụ”",
    ]
