"""What a new user reads: clear Vietnamese refusals for misleading requests."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cchc_cli.cli.main import app
from tests.conftest import PLAN_2025


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def test_role_without_unit_is_refused() -> None:
    result = run("due", "--role", "lead", "--plan", str(PLAN_2025), "--as-of", "01/06/2025")
    assert result.exit_code == 2
    assert "--role lead" in result.stderr and "--unit" in result.stderr


def test_word_export_to_a_folder_says_so_at_once(tmp_path: Path) -> None:
    result = run("export", "docx", "--plan", str(PLAN_2025), "-o", str(tmp_path))
    assert result.exit_code == 2 and "là một thư mục" in result.stderr
    forced = run("export", "docx", "--plan", str(PLAN_2025), "-o", str(tmp_path), "--force")
    assert forced.exit_code == 2 and "là một thư mục" in forced.stderr
    assert list(tmp_path.iterdir()) == []


def test_word_export_needs_a_docx_name(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = run("export", "docx", "--plan", str(PLAN_2025), "-o", str(out))
    assert result.exit_code == 2 and "đuôi .docx" in result.stderr and "out.docx" in result.stderr
    assert not out.exists()
    report = run(
        "report", "--period", "q1", "--plan", str(PLAN_2025), "--as-of", "14/03/2025", "-o", str(out)
    )
    assert report.exit_code == 2 and "đuôi .docx" in report.stderr
