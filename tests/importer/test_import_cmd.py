"""`cchc import` on the command line: what it writes, what it refuses, what it prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.importer.build import import_plan
from cchc_cli.plan.loader import load_plan
from tests.conftest import SEED
from tests.importer.conftest import Tab, word_file


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["import", *args])


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Callable[[dt.datetime], None]) -> Path:
    monkeypatch.chdir(tmp_path)
    clock(dt.datetime(2025, 3, 9, 23, 30, tzinfo=dt.timezone.utc))  # already 10/03 in Việt Nam
    return tmp_path


def test_imports_the_seed_into_plans_year(here: Path, runner: CliRunner) -> None:
    result = run(runner, str(SEED))
    assert result.exit_code == 0, result.stderr
    written = here / "plans" / "2025.yaml"
    assert "Đã ghi plans/2025.yaml" in result.stderr.replace("\\", "/")
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        "(văn bản): 1 bảng nhiệm vụ, 10 mục, 54 nhiệm vụ, 9 đơn vị, 9 nhóm đơn vị; năm 2025."
    )
    assert "Cần xem lại (11):" in lines
    # what was written is the plan the importer built, and every command reads it
    assert load_plan(written).plan == import_plan(SEED, "seed").plan
    text = written.read_text(encoding="utf-8")
    assert text.startswith(
        "# Kế hoạch CCHC năm 2025 — Sở Xây dựng.\n# Nhập từ seed-2025.txt bằng `cchc import` ngày "
    )
    lint = runner.invoke(app, ["lint", str(written)])
    assert lint.exit_code == 0 and "0 lỗi" in lint.stderr  # warnings only: the source's own slips
    due = runner.invoke(app, ["due", "--plan", str(written), "--as-of", "01/06/2025", "--format", "json"])
    assert due.exit_code == 0 and '"id": "III.3"' in due.stdout
    docx = runner.invoke(app, ["export", "docx", "--plan", str(written), "-o", "pl.docx"])
    assert docx.exit_code == 0 and (here / "pl.docx").is_file()


def test_output_in_a_folder_not_made_yet(here: Path, runner: CliRunner) -> None:
    # `-o plans/2025.yaml` from an empty folder: plans/ is made, as for the default name
    result = run(runner, str(SEED), "-o", "plans/2025.yaml")
    assert result.exit_code == 0, result.stderr
    assert (here / "plans" / "2025.yaml").is_file()
    assert "Đã tạo thư mục plans" in result.stderr


def test_refuses_to_overwrite_without_force(here: Path, runner: CliRunner) -> None:
    out = here / "ke-hoach.yaml"
    out.write_text("cũ\n", encoding="utf-8")
    refused = run(runner, str(SEED), "-o", str(out))
    assert refused.exit_code == 1
    assert "tệp đã có; thêm --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "cũ\n" and refused.stdout == ""  # nothing read, nothing said
    forced = run(runner, str(SEED), "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").count("\n      - id: ") == 54


def test_default_output_also_refuses(here: Path, runner: CliRunner) -> None:
    assert run(runner, str(SEED)).exit_code == 0
    again = run(runner, str(SEED))
    assert again.exit_code == 1 and "plans" in again.stderr and "--force" in again.stderr
    assert again.stdout == ""


def test_dry_run_writes_nothing(here: Path, runner: CliRunner) -> None:
    result = run(runner, str(SEED), "--dry-run")
    assert result.exit_code == 0
    assert "54 nhiệm vụ" in result.stdout
    assert "--dry-run: không ghi tệp" in result.stderr
    assert not (here / "plans").exists()


def test_year_and_agency_options(here: Path, runner: CliRunner) -> None:
    result = run(
        runner, str(SEED), "--year", "2026", "--agency", "Sở Xây dựng tỉnh Khánh Hòa", "-o", "k.yaml"
    )
    assert result.exit_code == 0
    plan = load_plan(here / "k.yaml").plan
    assert (plan.year, plan.plan.agency) == (2026, "Sở Xây dựng tỉnh Khánh Hòa")
    assert "văn bản ghi năm 2025, dùng năm 2026 theo --year" in result.stdout


def test_year_missing_is_a_usage_error(here: Path, runner: CliRunner) -> None:
    path = word_file(
        here / "khong-nam.docx",
        "Phụ lục",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        Tab([["STT", "Nội dung", "Thời gian"], ["1", "Rà soát thủ tục", "Thường xuyên"]]),
    )
    result = run(runner, str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        "cchc: không thấy năm kế hoạch trong văn bản (tên phụ lục, dòng “Kèm theo”); thêm --year NĂM\n"
    )
    assert not (here / "plans").exists()
    with_year = run(runner, str(path), "--year", "2025")
    assert with_year.exit_code == 0 and (here / "plans" / "2025.yaml").is_file()


def test_output_is_a_folder(here: Path, runner: CliRunner) -> None:
    (here / "plans").mkdir()
    result = run(runner, str(SEED), "-o", "plans")
    assert result.exit_code == 1 and "là một thư mục" in result.stderr


def test_help_lists_import(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert "import" in result.stdout
    detail = runner.invoke(app, ["import", "--help"])
    for option in ("--output", "--year", "--agency", "--force", "--dry-run"):
        assert option in detail.stdout


def test_show_prints_the_agencys_own_columns(here: Path, runner: CliRunner) -> None:
    path = word_file(
        here / "so-gtvt.docx",
        "Phụ lục",
        "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",
        Tab(
            [
                ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Ghi chú"],
                ["I", "CẢI CÁCH THỂ CHẾ"],
                [
                    "1",
                    "Rà soát quy định về vận tải",
                    "Phòng Quản lý vận tải",
                    "Thanh tra Sở",
                    "Quý I/2025",
                    "Ưu tiên",
                ],
            ],
            merges=[(1, 1, 1, 5)],
        ),
    )
    assert run(runner, str(path), "-o", "gtvt.yaml").exit_code == 0
    shown = runner.invoke(app, ["show", "I.1", "--plan", "gtvt.yaml"])
    assert shown.exit_code == 0
    assert shown.stdout.split("\n\nChủ trì: ")[0] == (
        "Nhiệm vụ I.1 — Mục I. CẢI CÁCH THỂ CHẾ\n\n"
        "Nội dung:\nRà soát quy định về vận tải\n\n"
        "Đơn vị chủ trì:\nPhòng Quản lý vận tải\n\n"
        "Đơn vị phối hợp:\nThanh tra Sở\n\n"
        "Thời gian:\nQuý I/2025\n\n"
        "Ghi chú:\nƯu tiên"
    )
