"""The command line's shared edge: today in Việt Nam, whatever the machine's clock says."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from cchc_cli.cli import common
from cchc_cli.cli.main import app
from tests.conftest import PLAN_2025, ROOT

UTC = dt.timezone.utc


def test_today_is_taken_in_ho_chi_minh_city(clock: Callable[[dt.datetime], None]) -> None:
    # 23:30 UTC on 30/06/2025 is 06:30 on 01/07/2025 in Việt Nam (UTC+7, no summer time).
    clock(dt.datetime(2025, 6, 30, 23, 30, tzinfo=UTC))
    assert common.today() == dt.date(2025, 7, 1)
    # 16:59 UTC is still 23:59 the same day there.
    clock(dt.datetime(2025, 6, 30, 16, 59, tzinfo=UTC))
    assert common.today() == dt.date(2025, 6, 30)


def test_due_without_as_of_uses_vietnamese_today(clock: Callable[[dt.datetime], None]) -> None:
    clock(dt.datetime(2025, 6, 30, 23, 30, tzinfo=UTC))
    result = CliRunner().invoke(app, ["due", "--plan", str(PLAN_2025), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == "2025-07-01"


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    # `cchc list | head -1`: the reader goes away; cchc stops quietly (141, as SIGPIPE would)
    # instead of reporting "lỗi không mong đợi" with exit 3.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cchc_cli", "list", "--plan", str(PLAN_2025), "--format", "json"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # nobody reads: the first write meets a closed pipe
    error = process.stderr.read().decode("utf-8")
    process.stderr.close()
    assert process.wait(timeout=60) == 141
    assert "lỗi không mong đợi" not in error and "Traceback" not in error


def test_tests_run_without_gits_environment() -> None:
    # Run from `git rebase --exec` or a hook, GIT_DIR would point the tests' own `git init`
    # and `git commit` at this repository (conftest.py drops those variables).
    assert not [name for name in os.environ if name.startswith("GIT_")]
