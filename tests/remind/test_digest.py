"""remind/digest.py: who is told what, day after day (the hand-worked scenario in scenario.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.sourcemap import LoadedPlan
from cchc_cli.progress.log import ProgressLog, load_progress
from cchc_cli.remind.digest import Digest, build_digests, recipient_units
from cchc_cli.remind.sendlog import SendLog, SentMessage, open_send_log, read_send_log
from tests.conftest import sample_pair
from tests.remind import scenario


@pytest.fixture
def pair(tmp_path: Path) -> tuple[LoadedPlan, ProgressLog, Path]:
    plan = sample_pair(tmp_path, progress=scenario.PROGRESS)
    loaded = load_plan(plan)
    progress = load_progress(plan.with_name("2025.progress.yaml"), loaded)
    return loaded, progress, plan.with_name("2025.remind-log.yaml")


def told(digest: Digest) -> list[scenario.Told]:
    found = []
    for t in [*digest.overdue, *digest.upcoming, *digest.waiting]:
        period = "*" if t.item.collapsed else t.item.period
        found.append((t.reason, t.item.task_id, t.item.milestone, period, t.repeat))
    return found


def run(
    loaded: LoadedPlan, progress: ProgressLog, log: SendLog, day: dt.date, *, force: bool = False
) -> list[Digest]:
    """One scheduled run: build the digests and record each one as delivered."""
    digests = build_digests(
        loaded.plan,
        day,
        recipient_units(loaded.plan),
        within=7,
        repeat_overdue_days=7,
        log=log,
        progress=progress,
        force=force,
    )
    for digest in digests:
        log.record(
            SentMessage(
                unit=digest.unit_id,
                date=day,
                via="smtp",
                message_id=f"<{digest.unit_id}@t>",
                items=digest.logged(),
            )
        )
    return digests


def test_each_working_day_tells_only_what_is_new(pair: tuple[LoadedPlan, ProgressLog, Path]) -> None:
    loaded, progress, log_path = pair
    with open_send_log(log_path, 2025) as log:
        for day in scenario.RUN_DAYS:
            digests = run(loaded, progress, log, day)
            assert {d.unit_id: told(d) for d in digests} == scenario.EXPECTED[day], day
            by_unit = {d.unit_id: d for d in digests}
            if day in scenario.FRIDAY_LINE:
                line = next(t.item for t in by_unit["thanh-tra"].overdue if t.item.collapsed)
                assert (line.missed, line.due) == scenario.FRIDAY_LINE[day]
            if day in scenario.ALREADY_TOLD_VP:
                assert by_unit["van-phong"].to_json()["already_told"] == scenario.ALREADY_TOLD_VP[day]
    # The log on disk holds what was told: 5 + 7 + 5 + 7 + 7 messages.
    assert len(read_send_log(log_path, 2025).messages) == 31


def test_a_second_run_the_same_day_tells_nothing(pair: tuple[LoadedPlan, ProgressLog, Path]) -> None:
    loaded, progress, log_path = pair
    with open_send_log(log_path, 2025) as log:
        assert len(run(loaded, progress, log, dt.date(2025, 6, 20))) == 5
        assert run(loaded, progress, log, dt.date(2025, 6, 20)) == []


def test_force_tells_everything_again(pair: tuple[LoadedPlan, ProgressLog, Path]) -> None:
    loaded, progress, log_path = pair
    with open_send_log(log_path, 2025) as log:
        run(loaded, progress, log, dt.date(2025, 6, 20))
        again = {d.unit_id: told(d) for d in run(loaded, progress, log, dt.date(2025, 6, 20), force=True)}
    assert again == {
        unit: [(reason, task, key, period, True) for reason, task, key, period, _ in items]
        for unit, items in scenario.EXPECTED[dt.date(2025, 6, 20)].items()
    }


def test_done_items_stop(tmp_path: Path) -> None:
    # VII.5 quý II told as overdue on 20/06, then done on 25/06: not repeated on 27/06, and
    # the Friday line is the only overdue item Văn phòng is reminded of.
    done = scenario.PROGRESS + (
        "  - {task: VII.5, period: 2025-Q2, done: 2025-06-25, evidence: Báo cáo số 61/BC-SXD}\n"
    )
    plan = sample_pair(tmp_path, progress=done)
    loaded = load_plan(plan)
    progress = load_progress(plan.with_name("2025.progress.yaml"), loaded)
    with open_send_log(plan.with_name("2025.remind-log.yaml"), 2025) as log:
        first = run(loaded, progress, log, dt.date(2025, 6, 20))
        assert ("overdue", "VII.5", "1", "2025-Q2", False) in told(first[0])  # done 25/06: not yet
        week_later = {d.unit_id: told(d) for d in run(loaded, progress, log, dt.date(2025, 6, 27))}
    assert [t for t in week_later["van-phong"] if t[0] == "overdue"] == [("overdue", "VII.6", "2", "*", True)]
    assert [t for t in week_later["phong-chuyen-mon"] if t[0] == "overdue"] == [
        ("overdue", "VII.6", "2", "*", True)
    ]


def test_a_moved_deadline_is_told_afresh(pair: tuple[LoadedPlan, ProgressLog, Path]) -> None:
    # The log says I.4 mốc 1 was told "upcoming" for a due date of 01/07 (an older version of
    # the plan); the plan now says 30/06: that is news, told again on 23/06.
    loaded, progress, log_path = pair
    with open_send_log(log_path, 2025) as log:
        log.record(
            SentMessage.model_validate(
                {
                    "unit": "thanh-tra",
                    "date": dt.date(2025, 6, 22),
                    "via": "file",
                    "message_id": "<old@t>",
                    "items": [
                        {"task": "I.4", "milestone": "1", "due": dt.date(2025, 7, 1), "reason": "upcoming"},
                        {
                            "task": "VII.6",
                            "milestone": "2",
                            "period": "2025-W26",
                            "due": dt.date(2025, 6, 27),
                            "reason": "upcoming",
                        },
                    ],
                }
            )
        )
        digests = {d.unit_id: told(d) for d in run(loaded, progress, log, dt.date(2025, 6, 23))}
    # Friday 27/06 was told for the same due date: quiet; I.4 for another one: told again.
    assert [t for t in digests["thanh-tra"] if t[0] == "upcoming"] == [("upcoming", "I.4", "1", None, False)]


def test_a_group_chooses_its_member_units(pair: tuple[LoadedPlan, ProgressLog, Path]) -> None:
    plan = pair[0].plan
    assert recipient_units(plan, ["toan-so"]) == list(scenario.TOAN_SO)
    assert recipient_units(plan, ["mot-cua", "van-phong"]) == ["van-phong", "mot-cua"]  # plan order
