"""`cchc list`, `show`, `units`, `deadline` and plan discovery, through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.plan.discovery import find_plan
from cchc_cli.plan.sourcemap import display_path
from tests.conftest import MINIMAL_PLAN, PLAN_2025, ROOT


def invoke(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_list_json_all_tasks(runner: CliRunner) -> None:
    result = invoke(runner, "list", "--plan", str(PLAN_2025), "--format", "json")
    assert result.exit_code == 0
    tasks = json.loads(result.stdout)
    assert len(tasks) == 54
    first = tasks[0]
    assert set(first) == {
        "agency", "plan", "id", "section", "task", "output", "schedule", "assignment", "number", "cells",
        "lead", "support", "deadlines",
    }  # fmt: skip
    # the same shape as across several plans: the agency and the plan file of each task
    assert (first["agency"], first["plan"]) == ("Sở Xây dựng tỉnh Khánh Hòa", display_path(PLAN_2025))
    assert (first["number"], first["cells"]) == ("1", {})  # the STT as printed; no extra columns
    assert first["lead"] == ["Văn phòng Sở"]
    assert first["support"] == ["Các phòng, ban, đơn vị thuộc và trực thuộc Sở"]
    assert [d["due"] for d in first["deadlines"]] == ["2025-02-18", "2025-12-14"]


def test_list_filtered_by_unit_and_role(runner: CliRunner) -> None:
    # Thanh tra Sở leads III.5 and VI.6 directly and, through "toan-so", VI.2, VII.2, VII.3,
    # VII.7 and IX.1 (counted by hand in plans/2025.yaml's lead lists).
    result = invoke(
        runner, "list", "--plan", str(PLAN_2025), "-u", "thanh tra", "--role", "lead", "-f", "json"
    )
    ids = [t["id"] for t in json.loads(result.stdout)]
    assert ids == ["III.5", "VI.2", "VI.6", "VII.2", "VII.3", "VII.7", "IX.1"]


def test_show_task_with_two_leads(runner: CliRunner) -> None:
    result = invoke(runner, "show", "iii.3", "--plan", str(PLAN_2025), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    milestones = [(m["label"], m["due"], m["lead"]) for m in data["milestones"]]
    assert milestones == [
        ("Kế hoạch biên chế công chức", "2025-05-14", ["Văn phòng Sở"]),
        ("Kế hoạch số lượng người làm việc", "2025-03-31", ["Các đơn vị sự nghiệp trực thuộc Sở"]),
    ]


def test_show_text_and_unknown_id(runner: CliRunner) -> None:
    result = invoke(runner, "show", "VII.6", "--plan", str(PLAN_2025))
    assert result.exit_code == 0
    assert "Định kỳ thứ sáu hàng tuần, Văn phòng Sở tổng hợp" in result.stdout
    assert "thứ Sáu hằng tuần" in result.stdout
    missing = invoke(runner, "show", "XI.9", "--plan", str(PLAN_2025))
    assert missing.exit_code == 2 and "XI.9" in missing.stderr


def test_units_counts(runner: CliRunner) -> None:
    result = invoke(runner, "units", "--plan", str(PLAN_2025), "--format", "json")
    units = {u["id"]: u for u in json.loads(result.stdout)}
    # Thanh tra: 7 led (see above); supports the 13 tasks whose support names it or toan-so
    # without it leading: I.1, I.3, I.4, III.1, III.2, III.3, IV.6, IV.11, V.1, VI.3, VII.6,
    # IX.2, IX.3.
    assert (units["thanh-tra"]["lead"], units["thanh-tra"]["support"]) == (7, 13)
    assert (units["van-thu"]["lead"], units["van-thu"]["support"]) == (1, 0)
    assert units["toan-so"]["group"] is True


def test_deadline_json(runner: CliRunner) -> None:
    result = invoke(runner, "deadline", "Quý II/2025", "--format", "json", "--as-of", "01/01/2025")
    assert json.loads(result.stdout) == [
        {
            "kind": "date",
            "label": "Quý II/2025",
            "text": "Quý II/2025",
            "due": "2025-06-30",
            "start": "2025-04-01",
        }
    ]
    weekly = invoke(
        runner, "deadline", "thứ sáu hàng tuần", "--year", "2025", "--as-of", "01/06/2025", "-f", "json"
    )
    item = json.loads(weekly.stdout)[0]
    assert (item["kind"], item["freq"], item["next"]) == ("recurring", "weekly", "2025-06-06")


def test_deadline_takes_the_plans_year(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "2026.yaml"
    plan.write_text(MINIMAL_PLAN.replace("year: 2025", "year: 2026"), encoding="utf-8")
    # "Trước ngày 15/12" has no year: the plan's (2026), not the machine's, and 14/12 (the
    # day before); --year wins over the plan.
    result = invoke(runner, "deadline", "Trước ngày 15/12", "--plan", str(plan), "-f", "json")
    assert [d["due"] for d in json.loads(result.stdout)] == ["2026-12-14"]
    assert "2026.yaml" in result.stderr
    chosen = invoke(runner, "deadline", "Trước ngày 15/12", "--plan", str(plan), "-y", "2030", "-f", "json")
    assert [d["due"] for d in json.loads(chosen.stdout)] == ["2030-12-14"]


def test_deadline_table_csv_and_markdown(runner: CliRunner) -> None:
    text = "trước ngày 25 hằng tháng; Tháng 3 và tháng 9/2025"
    table = invoke(runner, "deadline", text, "-y", "2025")
    # The recurring one names its day: "trước ngày 25" is the 24th of each month.
    assert "ngày 24 hằng tháng" in table.stdout
    rows = list(csv.reader(io.StringIO(invoke(runner, "deadline", text, "-y", "2025", "-f", "csv").stdout)))
    assert rows[0] == ["Mốc", "Loại", "Nội dung", "Cách hiểu"]
    # "Tháng 3 và tháng 9/2025": two milestones, March and September, not one span
    assert [r[3] for r in rows[2:]] == ["từ 01/03/2025 đến 31/03/2025", "từ 01/09/2025 đến 30/09/2025"]
    markdown = invoke(runner, "deadline", text, "-y", "2025", "-f", "markdown").stdout
    assert markdown.startswith("| Mốc | Loại | Nội dung | Cách hiểu |")
    assert markdown.count("\n") == 2 + 3


def test_discovery_order(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    for name in ("2024.yaml", "2026.yaml", "2026.progress.yaml"):
        (tmp_path / "plans" / name).write_text(MINIMAL_PLAN, encoding="utf-8")
    assert find_plan("x.yaml", {"CCHC_PLAN": "y.yaml"}, tmp_path).path == Path("x.yaml")
    assert find_plan(None, {"CCHC_PLAN": "y.yaml"}, tmp_path).path == Path("y.yaml")
    assert find_plan(None, {}, tmp_path).path.name == "2026.yaml"
    bundled = find_plan(None, {}, tmp_path / "plans")
    assert bundled.path.name == "2025.yaml" and bundled.origin == "kế hoạch kèm theo cchc"


def test_module_runs_from_any_folder_without_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CCHC_PLAN", None)
    done = subprocess.run(
        [sys.executable, "-m", "cchc_cli", "due", "--unit", "Văn phòng Sở", "--as-of", "01/06/2025"],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "kế hoạch kèm theo cchc" in done.stderr
    assert "quá 103 ngày" in done.stdout


HEAVY = ("docx", "openpyxl", "icalendar", "ruamel", "yaml", "pydantic", "rich")


def loaded_after(*argv: str) -> list[str]:
    """Which heavy modules a fresh interpreter holds after running `cchc ARGV` (piped); the
    command must have succeeded, or a crash before the import would pass for lightness."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from cchc_cli.cli.main import app\n"
        f"result = CliRunner().invoke(app, {list(argv)!r})\n"
        "print(result.exit_code)\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    exit_code, modules = done.stdout.strip().splitlines()[-2:]
    assert exit_code == "0", done.stdout
    return eval(modules)  # a printed list of names


def test_help_loads_no_heavy_module() -> None:
    assert loaded_after("--help") == []


@pytest.mark.parametrize(
    "argv",
    [
        ("due", "--plan", str(PLAN_2025), "--as-of", "01/06/2025"),
        ("list", "--plan", str(PLAN_2025)),
        ("show", "I.1", "--plan", str(PLAN_2025)),
        ("lint", str(PLAN_2025)),
    ],
)
def test_plan_commands_never_import_word_excel_or_calendar(argv: tuple[str, ...]) -> None:
    # Piped output is plain text, so rich is not needed either; PyYAML only on a cache miss.
    assert set(loaded_after(*argv)) <= {"pydantic", "yaml"}


def test_show_unknown_id_suggests_close_ids(runner: CliRunner) -> None:
    # III.3c does not exist; III.3 and III.3b are one edit away (as `done` already said).
    result = invoke(runner, "show", "III.3c", "--plan", str(PLAN_2025))
    assert result.exit_code == 2
    assert "có phải III.3" in result.stderr and "III.3b" in result.stderr


def test_section_part_of_several_titles_is_ambiguous(runner: CliRunner) -> None:
    # "cải cách" is in the titles of sections I to V (CẢI CÁCH THỂ CHẾ … CẢI CÁCH TÀI CHÍNH
    # CÔNG); "CẢI THIỆN" (VIII, IX) is another word.
    result = invoke(runner, "list", "-s", "cải cách", "--plan", str(PLAN_2025))
    assert result.exit_code == 2
    message = result.stderr
    assert "5 mục" in message
    for title in ("I. CẢI CÁCH THỂ CHẾ", "V. CẢI CÁCH TÀI CHÍNH CÔNG"):
        assert title in message
    assert "CẢI THIỆN" not in message
    one = invoke(runner, "list", "-s", "tài chính", "--plan", str(PLAN_2025), "--format", "json")
    assert one.exit_code == 0 and {t["section"] for t in json.loads(one.stdout)} == {"V"}


def test_a_fragment_of_a_name_is_not_a_unit(runner: CliRunner) -> None:
    # "ban" is one word of the group "Các phòng, ban, đơn vị thuộc và trực thuộc Sở": not a
    # unit (it used to be an alias, and matched the whole Sở). Two whole words still find a
    # unit by part of its name: "dang kiem" -> Trung tâm Đăng kiểm xe cơ giới.
    assert invoke(runner, "list", "-u", "ban", "--plan", str(PLAN_2025)).exit_code == 2
    by_words = invoke(runner, "list", "-u", "dang kiem", "--plan", str(PLAN_2025), "-f", "json")
    by_id = invoke(runner, "list", "-u", "dang-kiem", "--plan", str(PLAN_2025), "-f", "json")
    assert by_words.exit_code == 0 and json.loads(by_words.stdout) == json.loads(by_id.stdout)
    assert json.loads(by_id.stdout)  # the Trung tâm has tasks (through its groups)
