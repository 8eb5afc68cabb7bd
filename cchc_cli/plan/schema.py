"""The JSON Schema of the plan format, generated from the pydantic models.

Editors use it to check a plan while it is typed: `plans/2025.yaml` starts with the
yaml-language-server modeline `# yaml-language-server: $schema=../schema/cchc-plan.schema.json`
(VS Code with the YAML extension). `schema/cchc-plan.schema.json` is this output, committed;
a test keeps the two equal (regenerate with `cchc schema -o schema/cchc-plan.schema.json --force`).

YAML dates (`date: 2025-03-05`) are strings with `"format": "date"` in the schema, as JSON has
no dates; schema checkers read YAML dates as such strings.
"""

from __future__ import annotations

import json
from typing import Any

from cchc_cli.plan.model import FORMAT_VERSION, Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:cchc:plan-schema:{FORMAT_VERSION}"


MODEL_TEXTS: dict[str, tuple[str, str]] = {
    "Plan": ("Kế hoạch", "Tệp kế hoạch CCHC: thông tin kế hoạch, đơn vị, sự kiện và các mục nhiệm vụ"),
    "PlanInfo": ("Thông tin kế hoạch", "Cơ quan, năm, tên phụ lục và văn bản kèm theo"),
    "DocumentRef": ("Văn bản", "Văn bản mà phụ lục kèm theo (loại, số, ký hiệu, ngày, cơ quan ban hành)"),
    "Unit": ("Đơn vị", "Một đơn vị thực hiện nhiệm vụ"),
    "Group": (
        "Nhóm đơn vị",
        "Một nhóm đơn vị (ví dụ các đơn vị sự nghiệp trực thuộc Sở); thành viên có thể là nhóm",
    ),
    "Event": ("Sự kiện", "Điều mà một hạn phải chờ (ví dụ 'Đề án được phê duyệt'); ghi ngày khi đã xảy ra"),
    "DeadlineSpec": (
        "Mốc hạn",
        "Mốc hạn ghi rõ, thay cho cách đọc ô Tiến độ: 'text' (bằng lời) hoặc 'kind' với các trường",
    ),
    "Column": (
        "Cột",
        "Một cột của bảng phụ lục như văn bản in: mã cột, tên cột và tên chung ở dòng tiêu đề trên (nếu có)",
    ),
    "Task": (
        "Nhiệm vụ",
        "Một dòng của phụ lục: các ô nguyên văn, STT như văn bản in và đơn vị chủ trì, phối hợp",
    ),
    "Section": ("Mục", "Một mục của phụ lục (I, II, …) và các nhiệm vụ của nó"),
}
"""Each model's title and description as an editor shows them (the code's docstrings are English)."""

FIELD_TITLES: dict[str, str] = {
    "format_version": "Phiên bản định dạng",
    "plan": "Kế hoạch",
    "units": "Đơn vị",
    "groups": "Nhóm đơn vị",
    "events": "Sự kiện",
    "sections": "Các mục",
    "agency": "Cơ quan",
    "year": "Năm",
    "title": "Tên",
    "attachment": "Dòng kèm theo",
    "document": "Văn bản",
    "kind": "Loại",
    "number": "Số",
    "symbol": "Ký hiệu",
    "date": "Ngày",
    "issuer": "Cơ quan ban hành",
    "id": "Mã",
    "name": "Tên",
    "aliases": "Tên gọi khác",
    "note": "Ghi chú",
    "members": "Thành viên",
    "evidence": "Văn bản chứng minh",
    "text": "Tiến độ bằng lời",
    "label": "Nhãn",
    "due": "Hạn",
    "start": "Bắt đầu",
    "freq": "Chu kỳ",
    "weekday": "Thứ",
    "day": "Ngày trong tháng",
    "month": "Tháng",
    "until": "Đến ngày",
    "event": "Sự kiện",
    "offset": "Số ngày sau sự kiện",
    "working_days": "Tính ngày làm việc",
    "lead": "Chủ trì",
    "support": "Phối hợp",
    "task": "Nhiệm vụ",
    "output": "Kết quả/sản phẩm",
    "schedule": "Tiến độ",
    "assignment": "Phân công",
    "deadlines": "Mốc hạn",
    "repeats": "Nhắc lại nhiệm vụ",
    "numeral": "Số thứ tự của mục",
    "columns": "Các cột",
    "key": "Mã cột",
    "heading": "Tên cột",
    "group": "Tên chung (tiêu đề hai dòng)",
    "cells": "Ô của các cột khác",
    "tasks": "Nhiệm vụ",
}
"""Every field's title in Vietnamese (pydantic would show 'Working Days', 'Aliases'…)."""


def _vietnamese(schema: dict[str, Any]) -> dict[str, Any]:
    for name, model in schema.get("$defs", {}).items():
        if name in MODEL_TEXTS:
            model["title"], model["description"] = MODEL_TEXTS[name]
    for model in [schema, *schema.get("$defs", {}).values()]:
        for field, info in model.get("properties", {}).items():
            if field in FIELD_TITLES:
                info["title"] = FIELD_TITLES[field]
    return schema


def plan_schema() -> dict[str, Any]:
    generated = _vietnamese(Plan.model_json_schema())
    generated.pop("title", None)
    generated.pop("description", None)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": f"Kế hoạch cải cách hành chính (tệp kế hoạch cchc, định dạng {FORMAT_VERSION})",
        "description": MODEL_TEXTS["Plan"][1],
        **generated,
    }


def schema_text() -> str:
    """The schema as written to schema/cchc-plan.schema.json (UTF-8, LF, final newline)."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
