"""Options checked at the command line's edge: one Vietnamese line and exit 2, never exit 3,
never a file written where the user did not mean one, never an option smuggled to git."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PLAN_2025, SMALL_PLAN, sample_pair
from tests.hostile.helpers import cchc, refused

PLAN = ["--plan", str(PLAN_2025)]


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--as-of", ""],
        ["stats", "--as-of", ""],
        ["export", "csv", "--as-of", ""],
        ["report", "--period", "q1", "-f", "markdown", "--as-of", ""],
    ],
    ids=["due", "stats", "export", "report"],
)
def test_an_empty_date_is_refused_not_today(args: list[str]) -> None:
    # Before: `--as-of ''` meant today (and read the real clock: this test would have failed).
    refused(cchc(*args, *PLAN), code=2, says="--as-of")


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--unit", ""],
        ["list", "--unit", "  "],
        ["stats", "--unit", ""],
        ["export", "docx", "--unit", ""],
        ["due", "--section", ""],
        ["export", "docx", "--section", ""],
    ],
    ids=["due-unit", "list-unit", "stats-unit", "docx-unit", "due-section", "docx-section"],
)
def test_an_empty_unit_or_section_is_refused_not_everything(args: list[str], tmp_path: Path) -> None:
    # Before: `--unit ''` listed every unit's tasks.
    extra = {"due": ["--as-of", "01/06/2025"], "stats": ["--as-of", "01/06/2025"]}.get(args[0], [])
    if args[0] == "export":
        extra = ["-o", str(tmp_path / "x.docx")]
    refused(cchc(*args, *PLAN, *extra), code=2, says="không được để trống")
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/0001", "9999-12-31", "31/12/2201"])
def test_a_far_date_is_a_clean_refusal(day: str) -> None:
    # Before: 31/12/9999 overflowed the date arithmetic (exit 3).
    refused(cchc("due", "--as-of", day, *PLAN), code=2, says="ngoài khoảng 1900–2200")


def test_the_date_range_still_reaches_every_plan_year() -> None:
    result = cchc("due", "--as-of", "31/12/2200", "--within", "3660", *PLAN, "--format", "json")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("within", ["99999999999", "3661"])
def test_a_huge_within_is_refused(within: str) -> None:
    # Before: 99999999999 days overflowed (exit 3).
    refused(cchc("due", "--within", within, "--as-of", "01/06/2025", *PLAN), code=2, says="tối đa 3660 ngày")


def test_an_empty_done_date_is_refused(tmp_path: Path, clock: Callable[[dt.datetime], None]) -> None:
    clock(dt.datetime(2025, 6, 1, 3, tzinfo=dt.timezone.utc))
    plan = sample_pair(tmp_path, progress=None)
    refused(
        cchc("done", "I.2", "-m", "1", "--on", "", "-e", "Báo cáo", "--plan", str(plan)), code=2, says="--on"
    )
    assert not plan.with_name("2025.progress.yaml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "csv", "--as-of", "01/06/2025"],
        ["export", "xlsx", "--as-of", "01/06/2025"],
        ["export", "json", "--as-of", "01/06/2025"],
        ["export", "ics"],
        ["export", "docx"],
        ["report", "--period", "q1", "-f", "markdown", "--as-of", "01/06/2025"],
        ["schema"],
    ],
    ids=lambda a: "-".join(a[:2]),
)
def test_an_output_ending_in_a_separator_is_refused(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: `-o newfolder/` wrote a file called `newfolder`.
    monkeypatch.chdir(tmp_path)
    plan = [] if args[0] == "schema" else PLAN
    refused(cchc(*args, *plan, "-o", "thu-muc-moi/"), code=2, says="thư mục")
    refused(cchc(*args, *plan, "-o", ""), code=2, says="không được để trống")
    assert list(tmp_path.iterdir()) == []


def test_import_refuses_an_output_folder_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "phu-luc.txt"
    source.write_text("STT\tNhiệm vụ\n1\tRà soát\n", encoding="utf-8")
    refused(cchc("import", str(source), "-o", "thu-muc-moi/"), code=2, says="thư mục")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phu-luc.txt"]


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    plan = sample_pair(tmp_path, progress=None)
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "plans/2025.yaml"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "plan"],
    ):
        subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)
    assert plan.exists()
    return tmp_path


@needs_git
@pytest.mark.parametrize("spec", ["--output=da-ghi:plans/2025.yaml", "-o:da-ghi", "HEAD:--output=da-ghi"])
def test_diff_never_hands_an_option_to_git(repo: Path, monkeypatch: pytest.MonkeyPatch, spec: str) -> None:
    # Before: `cchc diff -- --output=x:… NEW` ran `git show --output=x:…`, which wrote a file.
    monkeypatch.chdir(repo)
    before = sorted(p.name for p in repo.iterdir())
    refused(cchc("diff", "--", spec, "plans/2025.yaml"), code=2, says="REV:đường_dẫn")
    assert sorted(p.name for p in repo.iterdir()) == before


@needs_git
def test_diff_still_reads_a_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    (repo / "plans" / "2025.yaml").write_text(
        (repo / "plans" / "2025.yaml").read_text(encoding="utf-8").replace("19/02/2025", "20/02/2025"),
        encoding="utf-8",
    )
    result = cchc("diff", "HEAD:plans/2025.yaml", "plans/2025.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "20/02/2025" in result.stdout


def test_a_settings_file_upstream_cannot_silence_broken_plans(tmp_path: Path) -> None:
    # Kept from main's fix: a .cchc.yaml in a parent folder may not disable or re-grade the
    # rules that make a file readable at all.
    (tmp_path / ".cchc.yaml").write_text(
        "lint:\n  disable: [yaml-syntax]\n  severity: {schema: info}\n", encoding="utf-8"
    )
    plans = tmp_path / "nested" / "plans"
    plans.mkdir(parents=True)
    (plans / "2025.yaml").write_text(SMALL_PLAN.replace("year: 2025", "year: [2025"), encoding="utf-8")
    result = cchc("lint", str(plans / "2025.yaml"))
    assert result.exit_code == 2
    assert "quy tắc 'yaml-syntax' không tắt được" in result.stdout
    assert "quy tắc 'schema' luôn là lỗi, không đổi mức được" in result.stdout
