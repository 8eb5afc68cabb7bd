"""`cchc due` on the bundled 2025 plan. Every expected set below was worked out by hand from
the seed's Tiến độ and Phân công cells and a calendar, with these readings (README):
"Trước ngày X" is due X−1; a period is due on its last day; the unit matches where it is
chủ trì or phối hợp, directly or through a group (toan-so = every phòng, ban, đơn vị)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.sourcemap import display_path
from cchc_cli.query.due import Selection, due_report
from tests.conftest import PLAN_2025


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return load_plan(PLAN_2025).plan


def keyed(items):  # type: ignore[no-untyped-def]
    return sorted((i.task_id, i.due, i.days, i.role) for i in items)


def test_van_phong_on_1_june_2025(plan) -> None:  # type: ignore[no-untyped-def]
    report = due_report(plan, dt.date(2025, 6, 1), selection=Selection(unit="van-phong"))
    assert keyed(report.overdue) == sorted(
        [
            # I.1 "Trước ngày 19/02/2025": 18/02 -> 01/06 = 10+31+30+31+1 = 103 days
            ("I.1", dt.date(2025, 2, 18), 103, "lead"),
            # III.3 two milestones: biên chế (trước 15/5) led by Văn phòng; số lượng người
            # làm việc (trước 01/4) led by the đơn vị sự nghiệp, Văn phòng supports (toan-so)
            ("III.3", dt.date(2025, 5, 14), 18, "lead"),
            ("III.3", dt.date(2025, 3, 31), 62, "support"),
            # III.4 "- Tháng 03/2025": the month's last day
            ("III.4", dt.date(2025, 3, 31), 62, "lead"),
            # VI.3 "Trước ngày 30/11/2024"
            ("VI.3", dt.date(2024, 11, 29), 184, "lead"),
            # VII.2, VII.3 "Trước ngày 20/11/2024", led by every unit (toan-so)
            ("VII.2", dt.date(2024, 11, 19), 194, "lead"),
            ("VII.3", dt.date(2024, 11, 19), 194, "lead"),
            # VII.4 "Trong quý II, III năm 2024": end of Q3 2024
            ("VII.4", dt.date(2024, 9, 30), 244, "lead"),
            # IV.9 "năm định kỳ trước ngày 01/3/2025" (yearly): 28/02 passed with no record,
            # overdue like a dated milestone: 01/06 - 28/02 = 31+30+31+1 = 93 days
            ("IV.9", dt.date(2025, 2, 28), 93, "lead"),
            # VII.5 quarterly, 14th of the quarter's last month: Q1 (14/03) passed, 79 days
            ("VII.5", dt.date(2025, 3, 14), 79, "lead"),
            # VII.6 weekly Friday, never recorded: ONE line for the 22 Fridays 03/01..30/05
            # (Jan 5, Feb 4, Mar 4, Apr 4, May 5), dated by the latest, 30/05: 2 days
            ("VII.6", dt.date(2025, 5, 30), 2, "lead"),
            # VII.8 monthly (last day), never recorded: one line for Jan..May, latest 31/05
            ("VII.8", dt.date(2025, 5, 31), 1, "lead"),
        ]
    )
    missed = {i.task_id: (i.missed, i.period) for i in report.overdue}
    assert missed["VII.6"] == (22, "2025-W22") and missed["VII.8"] == (5, "2025-05")
    assert missed["VII.5"] == (1, "2025-Q1") and missed["IV.9"] == (1, "2025")
    # Friday 06/06/2025 (weekly report, VII.6) and 14/06/2025 (quarterly report, VII.5).
    assert keyed(report.upcoming) == [
        ("VII.5", dt.date(2025, 6, 14), 13, "lead"),
        ("VII.6", dt.date(2025, 6, 6), 5, "lead"),
    ]
    # Event-triggered milestones whose event has no date yet: waiting, never overdue.
    assert sorted(i.task_id for i in report.waiting) == ["III.4", "IV.10", "IV.2", "VII.1"]
    assert report.overdue[0].task_id == "VII.4"  # the oldest first


def test_role_filter_support_only(plan) -> None:  # type: ignore[no-untyped-def]
    report = due_report(plan, dt.date(2025, 6, 1), selection=Selection(unit="van-phong", role="support"))
    assert keyed(report.overdue) == [("III.3", dt.date(2025, 3, 31), 62, "support")]
    assert report.upcoming == [] and report.waiting == []


def test_public_service_officials_at_year_end(plan) -> None:  # type: ignore[no-untyped-def]
    # cong-chuc-tthcc: II.3, II.4, II.5, IX.2, IX.3 are "Thường xuyên"; VIII.1, X.1, X.3 are
    # "Trong năm 2025" -> due 31/12/2025.
    selection = Selection(unit="cong-chuc-tthcc")
    report = due_report(plan, dt.date(2025, 12, 20), selection=selection)
    assert keyed(report.upcoming) == [
        ("VIII.1", dt.date(2025, 12, 31), 11, "lead"),
        ("X.1", dt.date(2025, 12, 31), 11, "lead"),
        ("X.3", dt.date(2025, 12, 31), 11, "lead"),
    ]
    assert report.overdue == [] and report.left_out["ongoing"] == 5
    later = due_report(plan, dt.date(2026, 1, 1), selection=selection)
    assert [(i.task_id, i.days) for i in later.overdue] == [("VIII.1", 1), ("X.1", 1), ("X.3", 1)]


def test_monthly_recurrence_next_occurrence(plan) -> None:  # type: ignore[no-untyped-def]
    # Bộ phận một cửa supports VII.8 "Định kỳ hàng tháng": due the month's last day.
    report = due_report(plan, dt.date(2025, 6, 25), selection=Selection(unit="mot-cua"))
    assert keyed(report.upcoming) == [("VII.8", dt.date(2025, 6, 30), 5, "support")]
    assert report.upcoming[0].period == "2025-06"
    # Never recorded: January to May (31/01 … 31/05) are one overdue line, 25 days after 31/05.
    assert keyed(report.overdue) == [("VII.8", dt.date(2025, 5, 31), 25, "support")]
    assert report.overdue[0].missed == 5


def test_window_is_inclusive(plan) -> None:  # type: ignore[no-untyped-def]
    # 14/06/2025 is exactly 14 days after 31/05/2025.
    selection = Selection(unit="van-phong")
    on_31_may = due_report(plan, dt.date(2025, 5, 31), selection=selection)
    assert "VII.5" in {i.task_id for i in on_31_may.upcoming}
    assert "VII.5" not in {
        i.task_id for i in due_report(plan, dt.date(2025, 5, 30), selection=selection).upcoming
    }


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["due", "--plan", str(PLAN_2025), *args])


def test_cli_json_shape(runner: CliRunner) -> None:
    result = run(runner, "--unit", "van phong so", "--as-of", "01/06/2025", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2025-06-01" and data["unit"] == "Văn phòng Sở"
    assert set(data) >= {"as_of", "unit", "overdue", "upcoming", "waiting"}
    first = data["overdue"][0]
    assert first == {
        "agency": "Sở Xây dựng tỉnh Khánh Hòa",  # plan.agency, and the plan file as shown
        "plan": display_path(PLAN_2025),
        "id": "VII.4",
        "section": "VII",
        "task": "Tổ chức kiểm tra công tác CCHC năm 2024 đảm bảo 40% số đơn vị",
        "due": "2024-09-30",
        "days": 244,
        "role": "lead",
        "label": "Trong quý II, III năm 2024",
        "milestone": "1",
        "period": None,
        "event": None,
        "missed": 1,
    }
    weekly = next(i for i in data["overdue"] if i["id"] == "VII.6")
    assert (weekly["due"], weekly["missed"], weekly["period"]) == ("2025-05-30", 22, "2025-W22")
    assert "Kế hoạch: " in result.stderr


def test_cli_plain_table_when_piped(runner: CliRunner) -> None:
    result = run(runner, "--unit", "Văn phòng", "--as-of", "2025-06-01")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:2] == ["Trạng thái", "Mã"]
    assert "quá 103 ngày" in result.stdout and "còn 5 ngày" in result.stdout
    assert "18/02/2025" in result.stdout
    # 8 dated milestones, IV.9 (yearly), VII.5 Q1, and one line each for VII.6 and VII.8
    assert "12 quá hạn, 2 đến hạn trong 14 ngày tới, 4 chờ sự kiện" in result.stdout
    assert "22 kỳ chưa ghi nhận, gần nhất 30/05/2025" in result.stdout


def test_cli_fail_on_overdue(runner: CliRunner) -> None:
    assert run(runner, "--unit", "van-phong", "--as-of", "01/06/2025", "--fail-on-overdue").exit_code == 1
    # Văn thư only has an ongoing task: nothing overdue.
    assert run(runner, "--unit", "Văn thư", "--as-of", "01/06/2025", "--fail-on-overdue").exit_code == 0


def test_cli_unknown_unit_suggests(runner: CliRunner) -> None:
    result = run(runner, "--unit", "Van phong So Xay dung")
    assert result.exit_code == 2
    assert "Văn phòng Sở" in result.stderr and "cchc units" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("bad", ["31/02/2025", "hôm qua", "2025-13-01"])
def test_cli_bad_as_of(runner: CliRunner, bad: str) -> None:
    result = run(runner, "--as-of", bad)
    assert result.exit_code == 2
    assert "--as-of" in result.stderr


def test_cli_section_filter_and_csv(runner: CliRunner) -> None:
    result = run(runner, "--section", "vii", "--as-of", "01/06/2025", "--format", "csv")
    assert result.exit_code == 0
    rows = result.stdout.strip().splitlines()[1:]
    assert {r.split(",")[2] for r in rows} == {"VII"}
