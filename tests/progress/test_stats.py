"""`cchc stats` on the bundled plan with SAMPLE_PROGRESS (tests/test_progress.py).

Every count was worked out by hand from plans/2025.yaml (see the README's reading rules):

* 33 dated milestones. Due 31/12/2025: I.2 I.3 I.4(2) I.5 III.2 III.6 IV.5 IV.6 IV.7 IV.8
  IV.11 V.1 V.2 VII.6(1) VII.7 VIII.1 IX.1 IX.4 X.1 X.2 X.3 (21). Earlier: I.1(1) 18/02,
  I.1(2) 14/12, I.4(1) 30/06, III.3(1) 14/05, III.3(2) 31/03, III.3b 19/12, III.4(2) 31/03,
  IV.9(2) 30/11, VI.3 29/11/2024, VII.2 and VII.3 19/11/2024, VII.4 30/09/2024 (12).
* Recurring: IV.9(1) yearly 28/02; VII.5 quarterly 14/03, 14/06, 14/09, 14/12; VII.6(2)
  every Friday (52 in 2025, from 03/01 to 26/12); VII.8 the last day of each month.
* 5 events without a date (III.4(1), IV.2, IV.3, IV.10, VII.1); 14 ongoing; 4 reference.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.errors import PlanFileError
from cchc_cli.plan.loader import load_plan
from cchc_cli.progress.log import load_progress
from cchc_cli.progress.stats import (
    Counts,
    StatsConfig,
    Tier,
    compute_stats,
    load_stats_config,
    projected_score,
)
from tests.conftest import sample_pair


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    plan = sample_pair(tmp_path_factory.mktemp("stats"))
    loaded = load_plan(plan)
    return plan, loaded, load_progress(plan.with_name("2025.progress.yaml"), loaded)


def fields(c: Counts) -> tuple[int, ...]:
    return (c.early, c.on_time, c.late, c.open, c.overdue, c.waiting, c.ongoing, c.reference)


def test_as_of_31_march(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, log = sample
    report = compute_stats(loaded.plan, dt.date(2025, 3, 31), progress=log)
    # Dated: I.1(1) early (10/02 < 18/02), III.3(2) early (25/03 < 31/03); VI.3, VII.2, VII.3,
    # VII.4 overdue; the other 27 open (III.4(2) is due 31/03 itself: still within deadline;
    # I.4 done 30/06 is after the day, so open).
    # Occurrences whose period has begun by Monday 31/03: IV.9 2025 late (05/03 > 28/02);
    # VII.5 Q1 on time (14/03); the weekly VII.6 mốc 2 has no record: its 13 missed Fridays
    # 03/01..28/03 are ONE overdue item, and 04/04 (this week) is open; VII.8 is tracked (its
    # January record): January on time (31/01), February overdue, March (due 31/03) open.
    # Events: 5 waiting (IV.2 is done only on 15/05).
    # Overdue: VI.3, VII.2, VII.3, VII.4, the Fridays (one), VII.8 February = 6.
    assert fields(report.total) == (2, 2, 1, 29, 6, 5, 14, 4)
    assert report.total.done == 5
    assert report.total.completion_rate == pytest.approx(5 / 11)
    assert report.total.early_rate == pytest.approx(2 / 5)


def test_as_of_31_december(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, log = sample
    report = compute_stats(loaded.plan, dt.date(2025, 12, 31), progress=log)
    # early: I.1(1), III.3(2), VII.5 Q2 (10/06 < 14/06); on time: I.4(1), VII.5 Q1, VII.8
    # January; late: III.3b (22/12 > 19/12), IV.9 2025, VII.5 Q3 (16/09 > 14/09); IV.2 is done
    # but its event has no date: done, with no deadline to be on time for.
    # open: the 21 dated due 31/12 + VII.8 December.
    # overdue: 8 dated (I.1(2), III.3(1), III.4(2), IV.9(2), VI.3, VII.2, VII.3, VII.4)
    # + VII.5 Q4 + the 52 unrecorded Fridays as one item + VII.8 February..November (10) = 20.
    assert fields(report.total) == (3, 3, 3, 22, 20, 4, 14, 4)
    assert report.total.done_undated == 1 and report.total.done == 10
    assert report.total.completion_rate == pytest.approx(10 / 30)
    assert report.total.early_rate == pytest.approx(3 / 10)
    sections = {row.key: fields(row.counts) for row in report.by_section}
    assert len(sections) == 10
    # I: I.1(1) early, I.4(1) on time, I.1(2) overdue, I.2 I.3 I.4(2) I.5 open
    assert sections["I"] == (1, 1, 0, 4, 1, 0, 0, 0)
    # II: 3 ongoing (II.3 II.4 II.5), 2 reference (II.1 II.2)
    assert sections["II"] == (0, 0, 0, 0, 0, 0, 3, 2)
    # VII: VII.1 waiting; VII.2 VII.3 VII.4 overdue; VII.5 Q1/Q2/Q3/Q4; VII.6(1) and VII.7
    # open; the Fridays one overdue item; VII.8 1 on time, 10 overdue, 1 open
    assert sections["VII"] == (1, 2, 1, 3, 15, 1, 0, 0)


def test_per_unit_counts_what_the_unit_leads(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, log = sample
    report = compute_stats(loaded.plan, dt.date(2025, 12, 31), progress=log)
    units = {row.key: fields(row.counts) for row in report.by_unit}
    # Văn phòng leads 27 dated milestones (toan-so included): done I.1(1) early, I.4(1) on
    # time, III.3b late; 16 open on 31/12; 8 overdue. All four recurring ones (the Fridays
    # one overdue item). Events III.4(1), IV.10, VII.1 waiting and IV.2 done (undated).
    # Ongoing: III.1 IV.1 IV.4 V.3 VI.2 VI.5 VI.6 VI.7; reference: VI.1.
    assert units["van-phong"] == (2, 3, 3, 17, 20, 3, 8, 1)
    # Đăng kiểm leads through "đơn vị sự nghiệp" and "toàn Sở": I.2, III.3(2) (early),
    # III.4(2) VII.2 VII.3 (overdue), III.6 VII.7 IX.1 IX.4 (open); events III.4(1), IV.3;
    # ongoing VI.2 VI.5 VI.6.
    assert units["dang-kiem"] == (1, 0, 0, 5, 3, 2, 3, 0)
    # Bộ phận một cửa and the Hội đồng TĐKT only support: no row.
    assert "mot-cua" not in units and "hd-tdkt" not in units
    only = compute_stats(loaded.plan, dt.date(2025, 12, 31), progress=log, unit="dang-kiem")
    assert fields(only.total) == units["dang-kiem"]
    assert [row.key for row in only.by_unit] == ["dang-kiem"]
    assert {row.key for row in only.by_section} == {"I", "III", "IV", "VI", "VII", "IX"}


def test_without_progress(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, _log = sample
    report = compute_stats(loaded.plan, dt.date(2025, 3, 31))
    # Nothing recorded: 5 dated overdue (I.1(1), VI.3, VII.2, VII.3, VII.4) + IV.9 + VII.5 Q1
    # + the 13 Fridays as one item + VII.8 January and February as one item = 9; open: the
    # other 28 dated (III.3(2) and III.4(2) are due that very day) + Friday 04/04 + VII.8
    # March = 30.
    assert fields(report.total) == (0, 0, 0, 30, 9, 5, 14, 4)
    assert report.total.completion_rate == 0.0 and report.total.early_rate is None


# --- scoring tiers -------------------------------------------------------------------------

SMALL_PLAN = """\
format_version: 1
plan:
  agency: Sở Thử nghiệm
  year: 2025
  title: NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025
  attachment: (Kèm theo Kế hoạch số 12/KH-STN ngày 05/03/2025 của Sở Thử nghiệm)
  document: {number: "12", symbol: KH-STN, date: 2025-03-05, issuer: Sở Thử nghiệm}
units:
  - {id: van-phong, name: Văn phòng Sở}
sections:
  - numeral: I
    title: CẢI CÁCH THỂ CHẾ
    tasks:
"""
TASK = """\
      - id: I.{n}
        task: Việc {n}
        output: Báo cáo
        schedule: Trước ngày 0{n}/02/2025
        assignment: Văn phòng Sở
        lead: [van-phong]
"""


def small(folder: Path, done: list[int]) -> Path:
    """Four tasks due 01/02..04/02 ("Trước ngày 02/02".."05/02"); `done` ones on 01/02."""
    plan = folder / "plans" / "2025.yaml"
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.write_text(SMALL_PLAN + "".join(TASK.format(n=n) for n in range(2, 6)), encoding="utf-8")
    records = "".join(f"  - {{task: I.{n}, done: 2025-02-01, evidence: Văn bản số {n}}}\n" for n in done)
    progress = "format_version: 1\nplan: 2025.yaml\nrecords:\n" + (records or "  []\n")
    plan.with_name("2025.progress.yaml").write_text(progress, encoding="utf-8")
    return plan


TIERS = "stats:\n  tiers:\n    - {min: 90, points: 2}\n    - {min: 70, points: 1}\n"


@pytest.mark.parametrize(
    ("done", "rate", "points"),
    [([2, 3, 4, 5], 1.0, 2), ([2, 3, 4], 0.75, 1), ([2, 3], 0.5, 0), ([], 0.0, 0)],
)
def test_projected_score(
    tmp_path: Path, runner: CliRunner, done: list[int], rate: float, points: int
) -> None:
    plan = small(tmp_path, done)
    (tmp_path / ".cchc.yaml").write_text(TIERS, encoding="utf-8")  # the plan folder's parent
    result = runner.invoke(app, ["stats", "--plan", str(plan), "--as-of", "10/02/2025", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"]["completion_rate"] == rate
    assert data["score"]["points"] == points and data["score"]["max_points"] == 2


def test_tier_edges() -> None:
    config = StatsConfig(tiers=[Tier(min=70, points=1), Tier(min=90, points=2)])
    assert [projected_score(r, config).points for r in (0.9, 0.8999, 0.7, 0.6999)] == [2, 1, 1, 0]  # type: ignore[union-attr]
    assert projected_score(None, config) is None
    assert projected_score(0.95, StatsConfig()) is None  # no tiers configured: no score


def test_tiers_from_pyproject_and_errors(tmp_path: Path) -> None:
    plan = small(tmp_path, [2])
    assert load_stats_config(plan).tiers == []
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cchc.stats]\ntiers = [{min = 80, points = 3}]\n',
        encoding="utf-8",
    )
    config = load_stats_config(plan)
    assert config.tiers == [Tier(min=80, points=3)] and config.source is not None
    # a .cchc.yaml in the plan's own folder is nearer and wins
    bad = "stats:\n  tiers:\n    - {min: 120, points: 2}\n"
    (plan.parent / ".cchc.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_stats_config(plan)
    problem = caught.value.diagnostics[0]
    assert (problem.line, problem.code) == (3, "config") and "stats.tiers.0.min" in problem.message


def test_cli_table_and_unit(sample, runner: CliRunner) -> None:  # type: ignore[no-untyped-def]
    plan, _loaded, _log = sample
    result = runner.invoke(
        app, ["stats", "--plan", str(plan), "--as-of", "31/12/2025", "--unit", "Trung tâm Đăng kiểm"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["Mục/đơn vị", "Tên", "Sớm hạn"]
    row = next(line.split("\t") for line in lines if line.startswith("dang-kiem\t"))
    # early, on time, late, open, overdue, waiting, ongoing, reference; 1/(1+3) done; 1/1 early
    assert row[2:] == ["1", "0", "0", "5", "3", "2", "3", "0", "25,0%", "100,0%"]
    assert "1 mốc đã hoàn thành (sớm hạn 1, đúng hạn 0, trễ hạn 0)" in result.stdout
    bad = runner.invoke(app, ["stats", "--plan", str(plan), "--as-of", "32/12/2025"])
    assert bad.exit_code == 2 and "--as-of" in bad.stderr
