"""Strict loading: each kind of bad input gives file:line:column, a message and no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.errors import PlanFileError
from cchc_cli.plan.loader import load_plan
from tests.conftest import MINIMAL_PLAN, PLAN_2025

WritePlan = Callable[..., Path]


def problems(path: Path) -> list[tuple[int, int, str, str]]:
    with pytest.raises(PlanFileError) as caught:
        load_plan(path, "plan.yaml")
    return [(d.line, d.column, d.code, d.message) for d in caught.value.diagnostics]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based number of the line holding the nth occurrence of `needle`."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def test_bundled_plan_loads() -> None:
    loaded = load_plan(PLAN_2025)
    assert loaded.plan.year == 2025
    assert len(loaded.plan.sections) == 10
    assert sum(len(s.tasks) for s in loaded.plan.sections) == 54


def test_minimal_plan_loads(write_plan: WritePlan) -> None:
    loaded = load_plan(write_plan(MINIMAL_PLAN))
    assert [t.id for _s, t in loaded.plan.iter_tasks()] == ["I.1"]


def test_duplicated_key(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("  year: 2025\n", "  year: 2025\n  year: 2026\n")
    found = problems(write_plan(text))
    assert found[0][:3] == (line_of(text, "year: 2026"), 3, "duplicate-key")
    assert f"dòng {line_of(text, 'year: 2025')}" in found[0][3]


def test_duplicated_key_in_a_task(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace(
        "        output: Báo cáo\n", "        output: Báo cáo\n        output: Công văn\n"
    )
    found = problems(write_plan(text))
    assert (found[0][0], found[0][2]) == (line_of(text, "output: Công văn"), "duplicate-key")


def test_unknown_field_suggests_the_right_one(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("        schedule:", "        shedule:")
    found = problems(write_plan(text))
    assert len(found) == 1
    line, column, code, message = found[0]
    assert (line, column, code) == (line_of(text, "shedule:"), 9, "schema")
    assert "'shedule'" in message and "'schedule'" in message


def test_impossible_date(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("date: 2025-03-05", "date: 2025-02-31")
    found = problems(write_plan(text))
    assert len(found) == 1
    assert found[0][0] == line_of(text, "2025-02-31")
    assert "2025-02-31" in found[0][3]


def test_wrong_type(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("  year: 2025", "  year: hai nghìn")
    found = problems(write_plan(text))
    assert (found[0][0], found[0][2]) == (line_of(text, "hai nghìn"), "schema")
    assert "số nguyên" in found[0][3]


def test_duplicate_task_id(write_plan: WritePlan) -> None:
    extra = (
        "      - id: I.1\n        task: Khác\n        output: x\n        schedule: Năm 2025\n"
        "        assignment: x\n        lead: [thanh-tra]\n"
    )
    text = MINIMAL_PLAN + extra
    found = problems(write_plan(text))
    assert [(f[0], f[2]) for f in found] == [(line_of(text, "- id: I.1", 2), "duplicate-task-id")]
    assert "đã dùng ở mục I" in found[0][3]


def test_unknown_unit(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("lead: [van-phong]", "lead: [van-phong, phong-ma]")
    found = problems(write_plan(text))
    assert [(f[0], f[2]) for f in found] == [(line_of(text, "phong-ma"), "unknown-unit")]
    assert found[0][1] == text.splitlines()[found[0][0] - 1].index("phong-ma") + 1


def test_malformed_yaml(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("  year: 2025\n", "  year: [2025\n")
    found = problems(write_plan(text))
    assert found[0][2] == "yaml-syntax"
    assert found[0][0] >= line_of(text, "year: [2025")


def test_tab_indentation(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("  year: 2025", "\tyear: 2025")
    found = problems(write_plan(text))
    assert found[0][:3] == (line_of(text, "\tyear"), 1, "yaml-syntax")
    assert "tab" in found[0][3]


def test_newer_format_version_is_refused(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("format_version: 1", "format_version: 7")
    found = problems(write_plan(text))
    assert found[0][:3] == (1, 17, "format-version")
    assert "cập nhật cchc" in found[0][3]


def test_missing_format_version(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN.replace("format_version: 1\n", "")
    assert problems(write_plan(text))[0][2] == "format-version"


def test_alias_loop(write_plan: WritePlan) -> None:
    text = MINIMAL_PLAN + "extra: &loop [*loop]\n"
    codes = {f[2] for f in problems(write_plan(text))}
    assert "yaml-syntax" in codes


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "tệp trống"),
        (b"\x00\x01\x02binary", "nhị phân"),
        ("format_version: 1\nplan: Sở\n".encode("utf-16"), "tệp mã hóa UTF-16"),
        (b"format_version: 1\nplan: S\xe1\xbb\n", "UTF-8"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    found = problems(path)
    assert expected in found[0][3]


def test_missing_file(tmp_path: Path) -> None:
    found = problems(tmp_path / "khong-co.yaml")
    assert "không tìm thấy tệp" in found[0][3]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_PLAN.encode("utf-8"))
    assert load_plan(path).plan.year == 2025


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("  year: 2025\n", "  year: 2025\n  year: 2026\n", "year: 2026"),
        ("        schedule:", "        shedule:", "shedule:"),
        ("date: 2025-03-05", "date: 2025-02-31", "2025-02-31"),
        ("lead: [van-phong]", "lead: [phong-ma]", "phong-ma"),
    ],
)
def test_cli_reports_one_line_per_problem_without_traceback(
    runner: CliRunner, write_plan: WritePlan, old: str, new: str, needle: str
) -> None:
    text = MINIMAL_PLAN.replace(old, new)
    path = write_plan(text)
    result = runner.invoke(app, ["due", "--plan", str(path), "--as-of", "01/06/2025"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [ln for ln in result.stderr.splitlines() if not ln.startswith("Kế hoạch:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:{line_of(text, needle)}:")


def test_cli_missing_plan_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.yaml"
    result = runner.invoke(app, ["due", "--plan", str(missing)])
    assert result.exit_code == 1
    assert f"{missing}:1:1: không tìm thấy tệp" in result.stderr
    assert "Traceback" not in result.output


# --- format 2: the agency's own table ---------------------------------------------------------

TABLE_PLAN = (
    MINIMAL_PLAN.replace("format_version: 1\n", "format_version: 2\n")
    .replace(
        "units:\n",
        "columns:\n"
        "  - {key: number, heading: TT}\n"
        "  - {key: task, heading: Nội dung}\n"
        "  - {key: lead, heading: Chủ trì, group: Phân công thực hiện}\n"
        "  - {key: support, heading: Phối hợp, group: Phân công thực hiện}\n"
        "  - {key: ghi-chu, heading: Ghi chú}\n"
        "units:\n",
    )
    .replace(
        "        assignment: Văn phòng Sở chủ trì\n",
        '        number: "1a"\n        cells:\n'
        "          lead: Văn phòng Sở\n          ghi-chu: Trình UBND tỉnh\n",
    )
)


def test_format_1_plan_keeps_the_default_table(write_plan: WritePlan) -> None:
    plan = load_plan(write_plan(MINIMAL_PLAN)).plan
    assert plan.format_version == 2  # migrated on load
    assert plan.columns is None
    assert [c.heading for c in plan.table_columns] == [
        "STT", "Nhiệm vụ", "Kết quả/sản phẩm", "Tiến độ",
        "Phân công (chủ trì/phối hợp) và cách thức thực hiện",
    ]  # fmt: skip
    task = plan.sections[0].tasks[0]
    assert (task.number, task.cell("number", 7), task.cell("assignment", 7)) == (
        None,
        "7",
        "Văn phòng Sở chủ trì",
    )


def test_format_2_table_columns_and_cells(write_plan: WritePlan) -> None:
    plan = load_plan(write_plan(TABLE_PLAN)).plan
    assert [(c.key, c.group) for c in plan.table_columns] == [
        ("number", None), ("task", None), ("lead", "Phân công thực hiện"),
        ("support", "Phân công thực hiện"), ("ghi-chu", None),
    ]  # fmt: skip
    task = plan.sections[0].tasks[0]
    row = [task.cell(c.key, 1) for c in plan.table_columns]
    assert row == ["1a", "Rà soát văn bản", "Văn phòng Sở", "", "Trình UBND tỉnh"]
    assert (task.output, task.assignment) == ("Báo cáo", "")


def test_cell_of_no_column_is_placed_on_its_line(write_plan: WritePlan) -> None:
    text = TABLE_PLAN.replace("          ghi-chu: Trình UBND tỉnh\n", "          kinh-phi: 20 triệu\n")
    found = problems(write_plan(text))
    assert [(line, code) for line, _col, code, _m in found] == [(line_of(text, "kinh-phi:"), "schema")]
    assert "'kinh-phi' không thuộc cột nào" in found[0][3]


def test_columns_twice_or_without_task(write_plan: WritePlan) -> None:
    text = TABLE_PLAN.replace("  - {key: ghi-chu, heading: Ghi chú}\n", "  - {key: lead, heading: Ghi chú}\n")
    text = text.replace("          ghi-chu: Trình UBND tỉnh\n", "")
    assert [(line, code) for line, _c, code, _m in problems(write_plan(text))] == [
        (line_of(text, "{key: lead, heading: Ghi chú}"), "schema")
    ]
    text = TABLE_PLAN.replace("  - {key: task, heading: Nội dung}\n", "")
    found = problems(write_plan(text))
    assert [(line, code) for line, _c, code, _m in found] == [(line_of(text, "columns:") + 1, "schema")]
    assert "key: task" in found[0][3]


def test_bundled_plan_prints_the_stt_of_the_signed_document() -> None:
    plan = load_plan(PLAN_2025).plan
    section = plan.sections[2]
    assert [(t.id, t.number) for t in section.tasks] == [
        ("III.1", "1"), ("III.2", "2"), ("III.3", "3"), ("III.3b", "3"),
        ("III.4", "4"), ("III.5", "5"), ("III.6", "6"),
    ]  # fmt: skip
    # An alias with commas is one alias (it used to be a YAML flow list of three).
    group = next(g for g in plan.groups if g.id == "toan-so")
    assert group.aliases == ["Tất cả các phòng, ban, đơn vị thuộc và trực thuộc Sở"]
