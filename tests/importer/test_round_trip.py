"""Round trip (2): `cchc export docx` then `cchc import` gives the same plan back.

For generated plans of every layout the whole Plan must come back equal: columns and their
headings (two-row headers included), sections, STT as printed, every cell, the heading and
the document, the units and groups with the ids written out by hand in UNITS/GROUPS below,
and who leads and supports. The generator writes assignment cells the way appendices do
("- Đơn vị chủ trì: …", "X chủ trì, phối hợp với Y", two columns…).

For the bundled plan the table comes back equal (sections, STT, cells, heading); its units
are the transcriber's (see test_seed.py), so they are compared with the import of the seed
instead: the Word path and the text path must read the same units.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from cchc_cli.export.appendix import appendix_table, attachment_line
from cchc_cli.export.docx import write_docx
from cchc_cli.importer.build import import_plan
from cchc_cli.plan.emit import plan_to_yaml
from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.model import DocumentRef, Plan
from tests.conftest import PLAN_2025, SEED

UNITS = {  # name -> the id written by hand (ASCII, no diacritics, đ -> d)
    "Sở Tư pháp": "so-tu-phap",
    "Sở Tài chính": "so-tai-chinh",
    "Sở Nội vụ": "so-noi-vu",
    "Văn phòng UBND tỉnh": "van-phong-ubnd-tinh",
    "Thanh tra tỉnh": "thanh-tra-tinh",
    "Sở Thông tin và Truyền thông": "so-thong-tin-va-truyen-thong",
    "Công an tỉnh": "cong-an-tinh",
    "Kho bạc Nhà nước tỉnh": "kho-bac-nha-nuoc-tinh",
    "Trung tâm Phục vụ hành chính công tỉnh": "trung-tam-phuc-vu-hanh-chinh-cong-tinh",
    "Ban Quản lý Khu kinh tế Vân Phong": "ban-quan-ly-khu-kinh-te-van-phong",
    "Đài Phát thanh và Truyền hình tỉnh": "dai-phat-thanh-va-truyen-hinh-tinh",
}
GROUPS = {
    "Các sở, ban, ngành": "cac-so-ban-nganh",
    "UBND các huyện, thị xã, thành phố": "ubnd-cac-huyen-thi-xa-thanh-pho",
    "Các cơ quan, đơn vị có liên quan": "cac-co-quan-don-vi-co-lien-quan",
}
NAMES = {**UNITS, **GROUPS}

# layout -> (columns as (key, heading, group), section numerals, how tasks are numbered)
LAYOUTS: dict[str, tuple[list[tuple[str, str, str | None]], list[str], str]] = {
    "law-making": (
        [("number", "TT", None), ("task", "Nhiệm vụ, đề án, dự án", None),
         ("lead", "Cơ quan chủ trì thực hiện", None), ("support", "Cơ quan phối hợp thực hiện", None),
         ("schedule", "Thời gian trình", None), ("cap-trinh", "Cấp trình", None), ("output", "Sản phẩm", None)],
        ["I", "II", "IV"], "restart"),  # a gap: section III has been dropped
    "district": (
        [("number", "TT", None), ("task", "Nội dung", None), ("schedule", "Thời gian thực hiện", None),
         ("lead", "Đơn vị chủ trì", None), ("support", "Đơn vị phối hợp", None), ("ghi-chu", "Ghi chú", None)],
        ["1", "2", "3"], "nested"),  # 1.1, 1.2 under group 1
    "targets": (
        [("number", "STT", None), ("task", "Nội dung nhiệm vụ", None), ("lead", "Đơn vị chủ trì", None),
         ("support", "Đơn vị phối hợp", None), ("output", "Sản phẩm/kết quả", None),
         ("chi-tieu-lien-quan", "Chỉ tiêu liên quan", None)],
        ["A", "B"], "running"),  # numbers run on across groups
    "department": (
        [("number", "STT", None), ("task", "Tên nhiệm vụ", None), ("lead", "Cơ quan chủ trì", None),
         ("support", "Cơ quan phối hợp", None), ("output", "Kết quả/Sản phẩm", None),
         ("schedule", "Thời gian", None), ("ghi-chu", "Ghi chú", None)],
        ["I", "II", "III"], "restart"),
    "school": (
        [("task", "Nội dung", None), ("assignment", "Phân công nhiệm vụ", None), ("schedule", "Tiến độ", None),
         ("phuong-phap", "Phương pháp", None), ("nguon-luc", "Nguồn lực", None),
         ("output", "Sản phẩm đầu ra", None)],
        ["I", "II"], "none"),  # no STT column
    "seed": (
        [("number", "STT", None), ("task", "Nhiệm vụ", None), ("output", "Kết quả/sản phẩm", None),
         ("schedule", "Tiến độ", None),
         ("assignment", "Phân công (chủ trì/ phối hợp) và cách thức thực hiện", None)],
        ["I", "II", "III"], "restart"),
    "two-row-header": (
        [("number", "TT", None), ("task", "Nội dung", None),
         ("lead", "Chủ trì", "Phân công thực hiện"), ("support", "Phối hợp", "Phân công thực hiện"),
         ("schedule", "Thời gian hoàn thành", None), ("ghi-chu", "Ghi chú", None)],
        ["I", "II"], "restart"),
}  # fmt: skip

TASKS = [
    "Rà soát, hệ thống hóa văn bản quy phạm pháp luật",
    "Công khai thủ tục hành chính trên Cổng Dịch vụ công",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính\n- Tỷ lệ số hóa đạt 100%",
    "Kiểm tra công tác cải cách hành chính tại 40% đơn vị",
    "Triển khai Đề án 06 về dữ liệu dân cư",
    "- Báo cáo kết quả đánh giá, xếp loại công chức;\n- Ban hành thông báo kết quả.",
]
OUTPUTS = ["Báo cáo", "Quyết định của UBND tỉnh", "- Kế hoạch;\n- Báo cáo.", "Tờ trình/Văn bản", "Nghị quyết"]
SCHEDULES = ["Quý II/{y}", "Trước ngày 15/12/{y}", "Thường xuyên", "Tháng 6/{y}", "Hằng quý", "Năm {y}",
             "- Quý I/{y}\n- Quý III/{y}"]  # fmt: skip
EXTRAS = ["HĐND tỉnh", "UBND tỉnh", "Chỉ số 6.2", "Kinh phí thường xuyên", "Niêm yết, đăng tải"]
TITLES = ["CẢI CÁCH THỂ CHẾ", "Cải cách thủ tục hành chính", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "Chuyển đổi số"]


def _assignment(rng: random.Random, lead: list[str], support: list[str]) -> str:
    """An assignment cell in one of the ways appendices write it."""
    if not support:
        return f"{', '.join(lead)} chủ trì thực hiện"
    style = rng.randrange(3)
    if style == 0:
        return f"- Đơn vị chủ trì: {', '.join(lead)};\n- Đơn vị phối hợp: {', '.join(support)}."
    if style == 1:
        return f"{', '.join(lead)} chủ trì, phối hợp với {', '.join(support)}"
    return f"Chủ trì: {', '.join(lead)}.\nPhối hợp: {'; '.join(support)}"


def generated_plan(layout: str, seed: int) -> Plan:
    rng = random.Random(f"{layout}-{seed}")
    columns, numerals, numbering = LAYOUTS[layout]
    keys = [key for key, _h, _g in columns]
    year = 2025 + seed
    issuer = "Sở Tư pháp"
    document = DocumentRef(
        kind="Kế hoạch",
        number=rng.choice(["15", ""]),
        symbol="KH-STP",
        date=rng.choice([dt.date(year, 3, 5), None]),
        issuer=issuer,
    )
    sections, mentioned, running = [], [], 0
    for index, numeral in enumerate(numerals):
        tasks = []
        for position in range(1, rng.randint(1, 4) + 1):
            running += 1
            number = {"restart": str(position), "nested": f"{numeral}.{position}", "running": str(running),
                      "none": None}[numbering]  # fmt: skip
            names = rng.sample(sorted(NAMES), 4)
            lead, support = names[: rng.randint(1, 2)], names[2 : 2 + rng.randint(0, 2)]
            mentioned.extend(lead + support)
            task: dict[str, object] = {
                "id": f"{numeral}.{number}" if numbering != "nested" else number,
                "task": rng.choice(TASKS),
                "lead": [NAMES[n] for n in lead],
                "support": [NAMES[n] for n in support],
                "cells": {},
            }
            if numbering == "none":
                task["id"] = f"{numeral}.{position}"
            else:
                task["number"] = number
            if "output" in keys:
                task["output"] = rng.choice(OUTPUTS)
            if "schedule" in keys:
                task["schedule"] = rng.choice(SCHEDULES).format(y=year)
            if "assignment" in keys:
                task["assignment"] = _assignment(rng, lead, support)
            else:
                task["cells"] = {"lead": ", ".join(lead)}
                if support:
                    task["cells"]["support"] = "; ".join(support)  # type: ignore[index]
            extras = [
                k
                for k in keys
                if k not in ("number", "task", "output", "schedule", "assignment", "lead", "support")
            ]
            for key in extras:
                if rng.random() < 0.7:
                    task["cells"][key] = rng.choice(EXTRAS)  # type: ignore[index]
            tasks.append(task)
        sections.append({"numeral": numeral, "title": TITLES[index % len(TITLES)], "tasks": tasks})
    first = list(dict.fromkeys(mentioned))
    return Plan.model_validate(
        {
            "format_version": 2,
            "plan": {
                "agency": issuer,
                "year": year,
                "title": f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
                "attachment": attachment_line(document, year),
                "document": document,
            },
            "columns": [{"key": k, "heading": h, "group": g} for k, h, g in columns],
            "units": [{"id": UNITS[n], "name": n} for n in first if n in UNITS],
            "groups": [{"id": GROUPS[n], "name": n, "members": []} for n in first if n in GROUPS],
            "sections": sections,
        }
    )


def export_then_import(plan: Plan, path: Path) -> Plan:
    write_docx(appendix_table(plan), path)
    return import_plan(path, path.name).plan


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_generated_plans_come_back(layout: str, seed: int, tmp_path: Path) -> None:
    plan = generated_plan(layout, seed)
    again = export_then_import(plan, tmp_path / f"{layout}-{seed}.docx")
    assert again.plan == plan.plan
    assert again.columns == plan.columns
    assert [(s.numeral, s.title) for s in again.sections] == [(s.numeral, s.title) for s in plan.sections]
    assert list(again.iter_tasks()) == list(plan.iter_tasks())
    assert (again.units, again.groups) == (plan.units, plan.groups)
    assert again == plan
    # and what `cchc import` writes loads back into it
    written = tmp_path / "plan.yaml"
    written.write_text(plan_to_yaml(again), encoding="utf-8")
    assert load_plan(written).plan == again


def test_bundled_plan_comes_back(tmp_path: Path) -> None:
    bundled = load_plan(PLAN_2025).plan
    again = export_then_import(bundled, tmp_path / "phu-luc-2025.docx")
    assert (again.plan.title, again.plan.document, again.year) == (
        bundled.plan.title, bundled.plan.document, bundled.year,
    )  # fmt: skip
    # the export prints the Kèm-theo line from the document (decree style), not the verbatim line
    assert again.plan.attachment == attachment_line(bundled.plan.document, 2025)
    assert [(c.key, c.heading) for c in again.table_columns] == [
        (c.key, c.heading) for c in bundled.table_columns
    ]
    assert [(s.numeral, s.title) for s in again.sections] == [(s.numeral, s.title) for s in bundled.sections]
    cells = ("id", "number", "task", "output", "schedule", "assignment")
    assert [tuple(getattr(t, c) for c in cells) for _s, t in again.iter_tasks()] == [
        tuple(getattr(t, c) for c in cells) for _s, t in bundled.iter_tasks()
    ]
    # units: the same as importing the seed, which holds the same words
    from_text = import_plan(SEED, "seed").plan
    assert (again.units, again.groups) == (from_text.units, from_text.groups)
    assert [(t.lead, t.support) for _s, t in again.iter_tasks()] == [
        (t.lead, t.support) for _s, t in from_text.iter_tasks()
    ]
