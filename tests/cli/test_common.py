"""The command line's shared edge: today in Việt Nam, whatever the machine's clock says."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from typer.testing import CliRunner

from cchc_cli.cli import common
from cchc_cli.cli.main import app
from tests.conftest import PLAN_2025

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
