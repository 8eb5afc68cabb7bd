"""The `cchc-lint` pre-commit hook, run by the real pre-commit (`pre-commit try-repo`).

The hook repository is a snapshot of this working tree (package, pyproject, bundled plan,
templates, `.pre-commit-hooks.yaml`) committed in a temporary git repository: try-repo only
sees committed files and files git already tracks, so pointing it at the working tree would
test whatever was last committed. A second temporary repository holds the plans: a good
one, a broken one, a progress file, a reminder log and a `.cchc.yaml` (the last three must
not be linted).

The hook is `language: python`: pre-commit makes a virtualenv and pip-installs the hook
repository into it. `VIRTUALENV_SYSTEM_SITE_PACKAGES=1` lets that virtualenv see the
dependencies already installed for this interpreter, so pip only needs the build backend
(setuptools, from the configured index). Where the tests run from a virtualenv the
dependencies are not visible that way and pip downloads them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.plan.settings import toml_module
from tests.conftest import ROOT, SMALL_PLAN

INVALID = ROOT / "tests" / "data" / "invalid"


def _pre_commit() -> str | None:
    beside = Path(sys.executable).with_name("pre-commit")
    return str(beside) if beside.exists() else shutil.which("pre-commit")


def _package_index_reachable(scratch: Path) -> bool:
    """Whether pip can fetch what the hook's install needs (the build backend and cchc's own
    dependencies) from the configured index, as pre-commit's pip will."""
    project = toml_module().loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = ["setuptools>=68", *project["project"]["dependencies"]]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-cache-dir", "--quiet",
         "--timeout", "15", "--retries", "0", "--dest", str(scratch), *needed],
        capture_output=True, check=False, timeout=300,
    )  # fmt: skip
    return done.returncode == 0


@pytest.fixture(autouse=True)
def _needs_package_index(tmp_path_factory: pytest.TempPathFactory) -> None:
    if not _package_index_reachable(tmp_path_factory.mktemp("pip-check")):
        pytest.skip("không tải được gói từ kho gói (package index): pre-commit không cài được hook")


PRE_COMMIT = _pre_commit()
pytestmark = [
    pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit không được cài (pip install '.[test]')"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git không có trên máy này"),
]


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _hook_repository(to: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "cchc_cli", to / "cchc_cli", ignore=ignore)
    shutil.copytree(ROOT / "plans", to / "plans", ignore=shutil.ignore_patterns("*.progress.yaml"))
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", to / "templates", ignore=ignore)
    else:  # pyproject maps cchc_cli.templates to this folder
        (to / "templates").mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", ".pre-commit-hooks.yaml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, to / name)
    _git(to, "init", "-q")
    _git(to, "add", "-A")
    _git(to, "commit", "-q", "-m", "cchc")
    return to


def test_try_repo_lints_plans(tmp_path: Path) -> None:
    hooks = _hook_repository(tmp_path / "cchc")
    work = tmp_path / "ke-hoach"
    plans = work / "plans"
    plans.mkdir(parents=True)
    (plans / "2025.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    shutil.copy(INVALID / "unknown-unit.yaml", plans / "2026.yaml")
    (plans / "2025.progress.yaml").write_text("không phải: [kế hoạch\n", encoding="utf-8")
    (plans / "2025.remind-log.yaml").write_text("không phải: [kế hoạch\n", encoding="utf-8")
    (plans / ".cchc.yaml").write_text("lint:\n  disable: [whitespace]\n", encoding="utf-8")
    (work / "ghi-chu.yaml").write_text("không: [phải kế hoạch\n", encoding="utf-8")  # not in plans/
    _git(work, "init", "-q")
    _git(work, "add", "-A")

    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "VIRTUALENV_SYSTEM_SITE_PACKAGES": "1",
        "GITHUB_ACTIONS": "",
        "NO_COLOR": "1",
    }
    assert PRE_COMMIT is not None
    result = subprocess.run(
        [PRE_COMMIT, "try-repo", str(hooks), "cchc-lint", "--all-files", "--color", "never"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "cchc lint (kiểm tra kế hoạch CCHC)" in output
    # The broken plan, at the line and column of the unknown unit ("        lead: [" = 15).
    assert "plans/2026.yaml:33:16: lỗi [unknown-unit] " in output
    # Only the two plans were given to cchc: not the progress file, the reminder log,
    # .cchc.yaml, ghi-chu.yaml.
    assert "Đã kiểm tra 2 tệp: 1 lỗi, 0 cảnh báo, 0 lưu ý." in output
    assert "2025.yaml:" not in output
