"""One meaning of "overdue" in every command (query/status.py), worked out by hand on the
bundled plan as of 20/06/2025 (a Friday).

With no progress recorded, these are overdue on 20/06/2025:
- 8 dated milestones: I.1 (18/02), III.3 (14/05 and 31/03), III.4 (31/03), VI.3 (29/11/2024),
  VII.2 and VII.3 (19/11/2024), VII.4 (30/09/2024);
- IV.9 mốc 1, yearly, 28/02/2025;
- VII.5, quarterly on the 14th of the quarter's last month: 14/03 and 14/06 (2 items);
- VII.6 mốc 2, weekly on Friday, untracked: the 24 Fridays 03/01 … 13/06 as ONE item
  (Jan 3,10,17,24,31; Feb 7,14,21,28; Mar 7,14,21,28; Apr 4,11,18,25; May 2,9,16,23,30;
  Jun 6,13 — 20/06 is due today, not late);
- VII.8, monthly on the last day, untracked: 31/01 … 31/05 (5) as ONE item.
Total: 8 + 1 + 2 + 1 + 1 = 13.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.milestones import task_milestones
from cchc_cli.plan.model import Plan
from cchc_cli.progress.stats import compute_stats
from cchc_cli.query.due import due_report
from cchc_cli.query.status import milestone_occurrences, period_start
from tests.conftest import PLAN_2025, sample_pair

AS_OF = dt.date(2025, 6, 20)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN_2025).plan


class Done:
    def __init__(self, day: dt.date) -> None:
        self.done = day


class Log:
    """A progress log of (task, milestone, period) -> done day, independent of the file format."""

    def __init__(self, records: dict[tuple[str, str, str | None], dt.date]) -> None:
        self.records = records

    def entry(self, task_id: str, key: str, period: str | None) -> Done | None:
        day = self.records.get((task_id, key, period))
        return Done(day) if day else None

    def milestone_entries(self, task_id: str, key: str) -> list[Done]:
        return [Done(d) for (t, k, _p), d in self.records.items() if (t, k) == (task_id, key)]


def test_due_and_stats_agree_on_what_is_overdue(plan: Plan) -> None:
    report = due_report(plan, AS_OF)
    assert len(report.overdue) == 13
    assert {(i.task_id, i.due) for i in report.overdue} >= {
        ("VII.5", dt.date(2025, 6, 14)),  # the quarterly report to Sở Nội vụ, due 14/06
        ("IV.9", dt.date(2025, 2, 28)),
    }
    weekly = next(i for i in report.overdue if i.task_id == "VII.6")
    assert (weekly.missed, weekly.due) == (24, dt.date(2025, 6, 13))
    assert compute_stats(plan, AS_OF).total.overdue == 13


def test_the_unit_share_agrees_too(plan: Plan) -> None:
    # stats --unit counts what the unit leads: due --role lead for Văn phòng Sở. Of the 13,
    # Văn phòng leads all but III.3 mốc 2 (led by the đơn vị sự nghiệp): 12; VII.2 and VII.3
    # are led by every unit (toan-so), Văn phòng included.
    from cchc_cli.query.due import Selection

    lead = due_report(plan, AS_OF, selection=Selection(unit="van-phong", role="lead"))
    assert len(lead.overdue) == 12
    assert compute_stats(plan, AS_OF, unit="van-phong").total.overdue == 12


def test_tracking_is_per_milestone(plan: Plan) -> None:
    # A record for VII.6 mốc 1 (the dated milestone) does not make the weekly mốc 2 tracked.
    one = Log({("VII.6", "1", None): dt.date(2025, 5, 5)})
    assert len(due_report(plan, AS_OF, progress=one).overdue) == 13  # type: ignore[arg-type]
    # A record of one Friday (10/01, week 2025-W02) does: its 23 other missed Fridays are
    # listed one by one, instead of the single line: 13 - 1 + 23 = 35.
    weekly = Log({("VII.6", "2", "2025-W02"): dt.date(2025, 1, 10)})
    report = due_report(plan, AS_OF, progress=weekly)  # type: ignore[arg-type]
    fridays = [i for i in report.overdue if i.task_id == "VII.6"]
    assert len(fridays) == 23 and all(i.missed == 1 for i in fridays)
    assert fridays[0].due == dt.date(2025, 1, 3) and fridays[-1].due == dt.date(2025, 6, 13)
    assert len(report.overdue) == 35


def test_untracked_weekly_keeps_its_current_occurrence(plan: Plan) -> None:
    [_dated, weekly] = task_milestones(plan, next(t for _s, t in plan.iter_tasks() if t.id == "VII.6"))
    found = milestone_occurrences("VII.6", weekly, AS_OF)
    # one collapsed overdue item, then this week's Friday (20/06, due today: open)
    assert [(o.status, o.due, o.missed) for o in found] == [
        ("overdue", dt.date(2025, 6, 13), 24),
        ("open", dt.date(2025, 6, 20), 1),
    ]


def test_an_event_milestone_done_without_a_date_is_not_on_time(plan: Plan) -> None:
    # IV.2 waits for "Đề án được phê duyệt", which has no date: done, but not "đúng hạn".
    [milestone] = task_milestones(plan, next(t for _s, t in plan.iter_tasks() if t.id == "IV.2"))
    log = Log({("IV.2", "1", None): dt.date(2025, 5, 15)})
    [item] = milestone_occurrences("IV.2", milestone, AS_OF, log)  # type: ignore[arg-type]
    assert item.status == "done_undated"
    counts = compute_stats(plan, AS_OF, progress=log).total  # type: ignore[arg-type]
    assert (counts.on_time, counts.done_undated) == (0, 1)


@pytest.mark.parametrize(
    ("freq", "day", "start"),
    [
        ("weekly", dt.date(2025, 6, 20), dt.date(2025, 6, 16)),  # Friday -> Monday
        ("weekly", dt.date(2025, 1, 3), dt.date(2024, 12, 30)),  # ISO week 2025-W01
        ("monthly", dt.date(2025, 2, 28), dt.date(2025, 2, 1)),
        ("quarterly", dt.date(2025, 6, 14), dt.date(2025, 4, 1)),
        ("semiannual", dt.date(2025, 12, 31), dt.date(2025, 7, 1)),
        ("yearly", dt.date(2025, 2, 28), dt.date(2025, 1, 1)),
    ],
)
def test_period_start(freq: str, day: dt.date, start: dt.date) -> None:
    assert period_start(freq, day) == start


def test_cli_due_stats_and_csv_count_the_same(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path, progress=None)
    runner = CliRunner()
    common = ["--plan", str(plan), "--as-of", "20/06/2025"]
    due = json.loads(runner.invoke(app, ["due", *common, "--format", "json"]).stdout)
    stats = json.loads(runner.invoke(app, ["stats", *common, "--format", "json"]).stdout)
    table = runner.invoke(app, ["export", "csv", *common]).stdout
    rows = list(csv.DictReader(io.StringIO(table)))
    overdue_rows = [r for r in rows if r["Trạng thái"] == "Quá hạn"]
    assert len(due["overdue"]) == stats["total"]["overdue"] == len(overdue_rows) == 13
    vii5 = {r["Kỳ"] for r in overdue_rows if r["Mã"] == "VII.5"}
    assert vii5 == {"2025-Q1", "2025-Q2"}


def test_the_collapsed_line_says_so_even_for_one_missed_occurrence(plan: Plan) -> None:
    # VII.8 is monthly (last day of the month), untracked: on 05/02/2025 only 31/01 is missed.
    # That single occurrence is already "the" collapsed line (reminders key it as one item
    # whatever its latest date); February's occurrence (28/02) is an item of its own, open.
    [monthly] = task_milestones(plan, next(t for _s, t in plan.iter_tasks() if t.id == "VII.8"))
    found = milestone_occurrences("VII.8", monthly, dt.date(2025, 2, 5))
    assert [(o.status, o.due, o.missed, o.collapsed) for o in found] == [
        ("overdue", dt.date(2025, 1, 31), 1, True),
        ("open", dt.date(2025, 2, 28), 1, False),
    ]
    # and the due report carries the flag: VII.6's 24 Fridays on 20/06 are one collapsed line
    overdue = due_report(plan, AS_OF).overdue
    assert [(i.missed, i.collapsed) for i in overdue if i.task_id == "VII.6"] == [(24, True)]
    others = [i for i in overdue if i.task_id not in ("VII.6", "VII.8")]
    assert len(others) == 11 and not any(i.collapsed for i in others)
