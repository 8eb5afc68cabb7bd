"""`cchc lint`, `cchc schema` and `cchc diff` through the command line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.lint.formats import github, pick_format, standard, to_json
from tests.conftest import PLAN_2025, ROOT, SMALL_PLAN

INVALID = ROOT / "tests" / "data" / "invalid"
ALL_RULES = [
    "file", "yaml-syntax", "duplicate-key", "schema", "format-version", "unknown-unit",
    "unknown-event", "unknown-task", "duplicate-id", "group-cycle", "duplicate-task-id",
    "unparsed-deadline", "deadline-outside-year", "earlier-year-in-text", "duplicate-task",
    "section-order", "not-nfc", "whitespace", "empty-cell", "cell-length", "unit-alias",
    "control-character",
]  # fmt: skip
STANDARD_LINE = r"^[^:]+:\d+:\d+: (lỗi|cảnh báo|lưu ý) \[[a-z-]+\] .+$"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, outside GitHub Actions."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("CCHC_PLAN", raising=False)
    return tmp_path


def copy_invalid(name: str, to: Path) -> Path:
    to.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(INVALID / name, to / name))


# --- lint -------------------------------------------------------------------------------------


def test_bundled_plan_warnings_exit_0(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["lint", str(PLAN_2025), "--format", "standard"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # 4 deadlines in 2024, 5 "năm 2024" in task/output cells, 1 duplicated task.
    assert len(lines) == 10
    assert all(re.match(STANDARD_LINE, line) for line in lines)
    assert all(" cảnh báo [" in line for line in lines)
    assert result.stderr.strip().endswith("Đã kiểm tra 1 tệp: 0 lỗi, 10 cảnh báo, 0 lưu ý.")


def test_strict_fails_on_warnings(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(app, ["lint", str(PLAN_2025), "--strict"])
    assert result.exit_code == 1


def test_errors_exit_1_and_clean_exit_0(runner: CliRunner, folder: Path) -> None:
    bad = copy_invalid("unknown-unit.yaml", folder / "plans")
    result = runner.invoke(app, ["lint", str(bad)])
    assert result.exit_code == 1
    assert result.stdout.startswith("plans/unknown-unit.yaml:33:16: lỗi [unknown-unit] ")
    good = folder / "good.yaml"
    good.write_text(SMALL_PLAN, encoding="utf-8")
    result = runner.invoke(app, ["lint", str(good), "--strict"])
    assert (result.exit_code, result.stdout) == (0, "")


def test_usage_error_exit_2(runner: CliRunner, folder: Path) -> None:
    assert runner.invoke(app, ["lint", "--format", "xml"]).exit_code == 2
    result = runner.invoke(app, ["lint", "--config", "khong-co.toml"])
    assert result.exit_code == 2
    assert "khong-co.toml" in result.stderr


def test_github_format_exact(runner: CliRunner, folder: Path) -> None:
    bad = copy_invalid("section-order.yaml", folder / "plans")
    result = runner.invoke(app, ["lint", str(bad), "--format", "github"])
    assert result.stdout == (
        "::warning file=plans/section-order.yaml,line=41,col=14::"
        "[section-order] mục III đứng sau mục I (thiếu mục II)\n"
    )
    assert result.exit_code == 0


def test_auto_format_under_github_actions(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = copy_invalid("unknown-unit.yaml", folder)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["lint", str(bad)])
    assert result.stdout.startswith("::error file=unknown-unit.yaml,line=33,col=16::[unknown-unit] ")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    result = runner.invoke(app, ["lint", str(bad)])
    assert result.stdout.startswith("unknown-unit.yaml:33:16: lỗi [unknown-unit] ")


def test_json_format(runner: CliRunner, folder: Path) -> None:
    bad = copy_invalid("duplicate-key.yaml", folder)
    result = runner.invoke(app, ["lint", str(bad), "--format", "json"])
    records = json.loads(result.stdout)
    assert [{k: r[k] for k in ("path", "line", "column", "severity", "rule")} for r in records] == [
        {"path": "duplicate-key.yaml", "line": 32, "column": 9, "severity": "error",
         "rule": "duplicate-key"},
    ]  # fmt: skip
    assert "schedule" in records[0]["message"]


def test_formatters_escape() -> None:
    d = Diagnostic("kế hoạch,a:b.yaml", 3, 5, Severity.INFO, "duplicate-task", "100% xong\ndòng 2")
    assert github([d]) == (
        "::notice file=kế hoạch%2Ca%3Ab.yaml,line=3,col=5::[duplicate-task] 100%25 xong%0Adòng 2\n"
    )
    assert standard([d]) == "kế hoạch,a:b.yaml:3:5: lưu ý [duplicate-task] 100% xong\ndòng 2\n"
    assert json.loads(to_json([d]))[0]["severity"] == "info"
    assert pick_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert pick_format({}) == "standard"


def test_list_rules(runner: CliRunner) -> None:
    result = runner.invoke(app, ["lint", "--list-rules"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == ALL_RULES
    first = result.stdout.splitlines()[1]
    assert first.split()[1] == "lỗi" and "Lỗi cú pháp YAML" in first
    records = json.loads(runner.invoke(app, ["lint", "--list-rules", "-f", "json"]).stdout)
    assert [r["id"] for r in records] == ALL_RULES
    assert {r["id"]: r["severity"] for r in records}["duplicate-task"] == "warning"


def test_no_path_lints_plans_folder_without_progress(runner: CliRunner, folder: Path) -> None:
    plans = folder / "plans"
    plans.mkdir()
    (plans / "2025.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    (plans / "2025.progress.yaml").write_text("không: phải: kế hoạch\n", encoding="utf-8")
    (plans / "2025.remind-log.yaml").write_text("cũng: không: phải\n", encoding="utf-8")
    copy_invalid("empty-lead.yaml", plans)
    result = runner.invoke(app, ["lint"])
    assert result.stdout == (
        "plans/empty-lead.yaml:40:15: cảnh báo [empty-cell] nhiệm vụ I.2: không có đơn vị "
        "chủ trì (lead); thêm mã đơn vị (xem `cchc units`)\n"
    )
    assert "Đã kiểm tra 2 tệp" in result.stderr
    assert result.exit_code == 0


def test_folder_argument(runner: CliRunner, folder: Path) -> None:
    copy_invalid("empty-cell.yaml", folder / "a")
    copy_invalid("empty-lead.yaml", folder / "a")
    result = runner.invoke(app, ["lint", "a"])
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "a/empty-cell.yaml",
        "a/empty-lead.yaml",
    ]


# --- configuration ----------------------------------------------------------------------------


def test_cchc_yaml_next_to_plans(runner: CliRunner, folder: Path) -> None:
    bad = copy_invalid("section-order.yaml", folder / "plans")
    (folder / "plans" / ".cchc.yaml").write_text(
        "lint:\n  severity:\n    section-order: error\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["lint", str(bad)])
    assert result.stdout.startswith("plans/section-order.yaml:41:14: lỗi [section-order]")
    assert result.exit_code == 1


def test_pyproject_table_up_the_tree(runner: CliRunner, folder: Path) -> None:
    bad = copy_invalid("section-order.yaml", folder / "plans")
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cchc.lint]\ndisable = ["section-order"]\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["lint", str(bad)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_unknown_rule_in_pyproject_is_an_error_with_its_line(runner: CliRunner, folder: Path) -> None:
    bad = copy_invalid("section-order.yaml", folder / "plans")
    (folder / "pyproject.toml").write_text(
        "[tool.cchc.lint]\n"
        'disable = ["whitespace"]\n'
        'severity = { duplicate-tasks = "info", empty-cell = "fatal" }\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["lint", str(bad)])
    assert result.exit_code == 2
    # `severity = { ` is 13 characters, `duplicate-tasks = "info", ` 26 more: the two rule
    # ids start at columns 14 and 40 of line 3.
    assert result.stdout.splitlines() == [
        "pyproject.toml:3:14: lỗi [config] không có quy tắc 'duplicate-tasks'; có phải 'duplicate-task'?",
        "pyproject.toml:3:40: lỗi [config] mức 'fatal' không có; chỉ nhận error, warning, info",
    ]


def test_config_file_option_and_required_rules(runner: CliRunner, folder: Path) -> None:
    bad = copy_invalid("section-order.yaml", folder)
    config = folder / "lint.yaml"
    config.write_text("lint:\n  disable:\n    - section-order\n    - yaml-syntax\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(bad), "--config", str(config)])
    assert result.exit_code == 2
    assert result.stdout == "lint.yaml:4:7: lỗi [config] quy tắc 'yaml-syntax' không tắt được\n"
    config.write_text("lint:\n  disable: [section-order]\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", str(bad), "--config", str(config)])
    assert (result.exit_code, result.stdout) == (0, "")


# --- schema -----------------------------------------------------------------------------------


def test_schema_command(runner: CliRunner, folder: Path) -> None:
    committed = (ROOT / "schema" / "cchc-plan.schema.json").read_text(encoding="utf-8")
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == committed
    assert runner.invoke(app, ["schema", "-o", "s.json"]).exit_code == 0
    assert (folder / "s.json").read_text(encoding="utf-8") == committed
    again = runner.invoke(app, ["schema", "-o", "s.json"])
    assert again.exit_code == 1 and "--force" in again.stderr
    assert runner.invoke(app, ["schema", "-o", "s.json", "--force"]).exit_code == 0


# --- diff -------------------------------------------------------------------------------------


def test_diff_files_text(runner: CliRunner, folder: Path) -> None:
    (folder / "old.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    moved = SMALL_PLAN.replace("Trước ngày 15/12/2025", "Trước ngày 20/12/2025")
    (folder / "new.yaml").write_text(moved, encoding="utf-8")
    result = runner.invoke(app, ["diff", "old.yaml", "new.yaml"])
    assert result.exit_code == 0
    # "Trước X" is due the day before X: 14/12/2025 moves to 19/12/2025.
    assert "mốc 1 “Trước ngày 20/12/2025” dời hạn: 14/12/2025 → 19/12/2025" in result.stdout
    assert result.stdout.startswith("So sánh kế hoạch: old.yaml → new.yaml\n")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git không có trên máy này")
def test_diff_git_revision(runner: CliRunner, folder: Path) -> None:
    plans = folder / "plans"
    plans.mkdir()
    (plans / "2025.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "plans/2025.yaml")
    _git(folder, "commit", "-q", "-m", "kế hoạch")
    edited = SMALL_PLAN.replace("lead: [thanh-tra]", "lead: [van-phong]")
    (plans / "2025.yaml").write_text(edited, encoding="utf-8")
    result = runner.invoke(app, ["diff", "HEAD:plans/2025.yaml", "plans/2025.yaml", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["old"] == "HEAD:plans/2025.yaml"
    assert data["changed"] == [
        {
            "id": "I.2",
            "section": "I",
            "old_section": None,
            "cells": [],
            "deadlines": [],
            "units": [{"role": "lead", "added": ["van-phong"], "removed": ["thanh-tra"]}],
        }
    ]
    missing = runner.invoke(app, ["diff", "nhanh-khong-co:plans/2025.yaml", "plans/2025.yaml"])
    assert missing.exit_code == 1
    assert missing.stderr.startswith("cchc: nhanh-khong-co:plans/2025.yaml: git không đọc được (")


def test_diff_without_git(runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "new.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    monkeypatch.setenv("PATH", str(folder))  # no git in an empty folder
    result = runner.invoke(app, ["diff", "main:plans/2025.yaml", "new.yaml"])
    assert result.exit_code == 1
    assert "không tìm thấy lệnh git" in result.stderr


def test_diff_broken_plan_names_the_line(runner: CliRunner, folder: Path) -> None:
    (folder / "old.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    bad = copy_invalid("unknown-unit.yaml", folder)
    result = runner.invoke(app, ["diff", "old.yaml", bad.name])
    assert result.exit_code == 1
    assert result.stderr.startswith("unknown-unit.yaml:33:16: ")


# --- what lint imports ------------------------------------------------------------------------


def test_lint_imports_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "from cchc_cli.__main__ import main\n"
        f"sys.argv = ['cchc', 'lint', {str(PLAN_2025)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    print('exit', exc.code)\n"
        "heavy = ('docx', 'openpyxl', 'icalendar', 'ruamel', 'rich')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "GITHUB_ACTIONS": ""},
        check=True,
    )
    *_, exit_line, modules = result.stdout.splitlines()
    assert exit_line in ("exit 0", "exit None"), result.stdout  # lint ran, with warnings only
    assert modules == "[]"


def test_settings_and_progress_beside_plans(runner: CliRunner, folder: Path) -> None:
    plans = folder / "plans"
    plans.mkdir()
    shutil.copy(PLAN_2025, plans / "2025.yaml")
    # .cchc.yaml holds settings, not a plan: `cchc lint` with no file does not read it as one.
    (plans / ".cchc.yaml").write_text("lint:\n  disable: [whitespace]\n", encoding="utf-8")
    # A progress file given by name is checked as a progress file, against plans/2025.yaml:
    # line 5 names task I.99, which the plan does not have.
    progress = plans / "2025.progress.yaml"
    progress.write_text(
        "format_version: 1\nplan: 2025\nrecords:\n  - task: I.1\n    milestone: '1'\n"
        "    done: 2025-02-10\n    evidence: Báo cáo số 1\n  - task: I.99\n    done: 2025-02-10\n"
        "    evidence: Báo cáo số 2\n",
        encoding="utf-8",
    )
    plain = runner.invoke(app, ["lint"])
    assert plain.exit_code == 0, plain.output
    assert "Đã kiểm tra 1 tệp" in plain.stderr  # the plan only, not .cchc.yaml
    checked = runner.invoke(app, ["lint", "plans/2025.progress.yaml"])
    assert checked.exit_code == 1
    [line] = checked.stdout.splitlines()
    assert line.startswith("plans/2025.progress.yaml:8:") and "I.99" in line
