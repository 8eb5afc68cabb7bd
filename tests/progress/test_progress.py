"""Progress records: loading with file:line:col, `cchc done`/`reopen`, atomic writes, and
what `cchc due` makes of them.

SAMPLE_PROGRESS records results of the bundled plan; the status of each one was worked out by
hand from plans/2025.yaml and the deadline rules ("Trước ngày X" = due X−1, a period is due
on its last day, VII.5 "trong ngày 14 của tháng cuối kỳ" = 14/03, 14/06, 14/09, 14/12,
VII.8 "hàng tháng" = the month's last day, IV.9 "trước ngày 01/3/2025" = 28/02/2025).
test_stats.py, test_report.py and test_export_table.py use it too.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli import common
from cchc_cli.cli.main import app
from cchc_cli.errors import PlanFileError, UsageError
from cchc_cli.plan.loader import load_plan
from cchc_cli.progress.log import load_progress, open_progress_for
from cchc_cli.progress.store import record_done, reopen
from cchc_cli.query.due import Selection, due_report
from tests.conftest import ROOT, SAMPLE_PROGRESS, line_of, sample_pair


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    return sample_pair(tmp_path)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    day = dt.date(2025, 7, 1)
    # 17:00 UTC on 30/06 is 00:00 on 01/07 in Việt Nam.
    monkeypatch.setattr(common, "clock", lambda: dt.datetime(2025, 6, 30, 17, 0, tzinfo=dt.timezone.utc))
    return day


# --- loading --------------------------------------------------------------------------------


def test_sample_loads_and_answers(pair: Path) -> None:
    loaded = load_plan(pair)
    log = load_progress(pair.with_name("2025.progress.yaml"), loaded)
    assert len(log) == 11
    assert log.is_done("I.1", "1", None) and not log.is_done("I.1", "2", None)
    # milestone left out where the task has one milestone (III.3b) or one recurring (VII.5)
    assert log.is_done("III.3b", "1", None)
    assert log.is_done("VII.5", "1", "2025-Q1") and not log.is_done("VII.5", "1", "2025-Q4")
    assert log.is_done("IV.9", "1", "2025")  # `period: "2025"` (yearly)
    assert log.is_done("III.3", "2", None)  # `milestone: 2` written as a number
    assert log.has_records("VII.8") and not log.has_records("VII.6")
    entry = log.entry("I.1", "1", None)
    assert entry is not None and entry.target.due == dt.date(2025, 2, 18)
    q3 = log.entry("VII.5", "1", "2025-Q3")
    assert q3 is not None and q3.target.due == dt.date(2025, 9, 14)
    assert q3.record.note == "gửi chậm do chờ số liệu"


def test_open_progress_for_default_and_option(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path, progress=None)
    loaded = load_plan(plan)
    assert open_progress_for(loaded, None) is None  # no file beside the plan: no progress
    with pytest.raises(UsageError, match="--progress"):
        open_progress_for(loaded, str(tmp_path / "khong-co.yaml"))
    plan.with_name("2025.progress.yaml").write_text(SAMPLE_PROGRESS, encoding="utf-8")
    found = open_progress_for(loaded, None)
    assert found is not None and len(found) == 11
    other = tmp_path / "khac.yaml"
    other.write_text(SAMPLE_PROGRESS.split("  # I.4")[0], encoding="utf-8")
    chosen = open_progress_for(loaded, str(other))
    assert chosen is not None and len(chosen) == 1


def problems_of(folder: Path, text: str) -> list[tuple[int, int, str, str]]:
    plan = sample_pair(folder, progress=text)
    with pytest.raises(PlanFileError) as caught:
        load_progress(plan.with_name("2025.progress.yaml"), load_plan(plan), "p.yaml")
    return [(d.line, d.column, d.code, d.message) for d in caught.value.diagnostics]


HEAD = "format_version: 1\nplan: 2025\nrecords:\n"


def record(task: str, extra: str = "", done: str = "2025-03-01") -> str:
    return f"  - task: {task}\n{extra}    done: {done}\n    evidence: Văn bản số 1\n"


@pytest.mark.parametrize(
    ("body", "needle", "code", "words"),
    [
        (record("I.9"), "task: I.9", "unknown-target", "không có nhiệm vụ mã “I.9”"),
        (record("I.1", '    milestone: "3"\n'), "milestone", "unknown-target", "không có mốc “3”"),
        # I.1 has two milestones: a record must say which
        (record("I.1"), "task: I.1", "unknown-target", "có 2 mốc"),
        (record("VII.5", "    period: 2025-05\n"), "period", "unknown-target", "không phải một kỳ"),
        (record("VII.5"), "task: VII.5", "unknown-target", "chỉ rõ kỳ"),
        (
            record("I.4", '    milestone: "1"\n    period: 2025-Q2\n'),
            "period",
            "unknown-target",
            "không định kỳ",
        ),
        (record("I.5", "", done="2024-12-31"), "2024-12-31", "done-date", "trước năm kế hoạch 2025"),
        (record("I.5", "", done="2027-01-01"), "2027-01-01", "done-date", "quá xa năm kế hoạch"),
        (record("I.5", "", done="2025-02-30"), "2025-02-30", "schema", "ngày không tồn tại"),
        (record("I.5", "    evidense: x\n"), "evidense", "schema", "có phải 'evidence'"),
        (record("I.5", "    done: 2025-03-02\n"), "done: 2025-03-01", "duplicate-key", "lặp lại"),
        ("  - task: I.5\n    done: 2025-03-01\n", "task: I.5", "schema", "thiếu khóa bắt buộc 'evidence'"),
        (
            record("I.5") + record("i.5", "", done="2025-04-01"),
            "task: i.5",
            "duplicate-record",
            "đã được ghi ở dòng 4",
        ),
    ],
)
def test_bad_records_are_placed(tmp_path: Path, body: str, needle: str, code: str, words: str) -> None:
    text = HEAD + body
    found = problems_of(tmp_path, text)
    assert found, "the file should have been refused"
    line, _col, got_code, message = found[0]
    assert (line, got_code) == (line_of(text, needle), code), found
    assert words in message


def test_wrong_plan_and_syntax(tmp_path: Path) -> None:
    text = "format_version: 1\nplan: 2024\nrecords: []\n"
    assert problems_of(tmp_path, text)[0][:3] == (2, 7, "plan-mismatch")
    broken = HEAD + "  - task: I.5\n   done: [\n"
    assert problems_of(tmp_path, broken)[0][2] == "yaml-syntax"
    newer = "format_version: 9\nplan: 2025\nrecords: []\n"
    assert problems_of(tmp_path, newer)[0][:3] == (1, 17, "format-version")


# --- cchc done / reopen ---------------------------------------------------------------------


def run(runner: CliRunner, plan: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--plan", str(plan)])


def test_done_creates_the_file_and_says_early_on_time_late(
    tmp_path: Path, runner: CliRunner, fixed_today: dt.date
) -> None:
    plan = sample_pair(tmp_path, progress=None)
    progress = plan.with_name("2025.progress.yaml")
    result = run(
        runner,
        plan,
        "done",
        "I.1",
        "--milestone",
        "1",
        "--on",
        "10/02/2025",
        "--evidence",
        "Báo cáo số 45/BC-SXD ngày 10/02/2025",
    )
    assert result.exit_code == 0, result.output
    assert "sớm hạn 8 ngày (hạn 18/02/2025)" in result.stdout  # 18/02 - 10/02 = 8 days
    assert "(tệp mới)" in result.stderr
    result = run(runner, plan, "done", "i.4", "-m", "1", "--on", "2025-06-30", "--evidence", "KH 120")
    assert "đúng hạn (30/06/2025)" in result.stdout
    result = run(
        runner,
        plan,
        "done",
        "VII.5",
        "--period",
        "2025-q1",
        "--on",
        "17/03/2025",
        "--evidence",
        "BC 12",
        "--by",
        "Trần Thị B",
        "--note",
        "gửi qua E-Office",
    )
    assert result.exit_code == 0, result.output
    assert "trễ hạn 3 ngày (hạn 14/03/2025)" in result.stdout
    # no --on: today (01/07/2025 here); III.3b is due 19/12/2025, so early by 171 days
    result = run(runner, plan, "done", "III.3b", "--evidence", "CV 900")
    assert "hoàn thành ngày 01/07/2025" in result.stdout and "sớm hạn 171 ngày" in result.stdout
    log = load_progress(progress, load_plan(plan))
    assert [(e.target.key, e.done) for e in log.entries] == [
        (("I.1", "1", None), dt.date(2025, 2, 10)),
        (("I.4", "1", None), dt.date(2025, 6, 30)),
        (("VII.5", "1", "2025-Q1"), dt.date(2025, 3, 17)),
        (("III.3b", "1", None), dt.date(2025, 7, 1)),
    ]
    vii5 = log.entries[2].record
    assert (vii5.recorded_by, vii5.note, vii5.evidence) == ("Trần Thị B", "gửi qua E-Office", "BC 12")
    assert progress.read_text(encoding="utf-8").startswith("# Tiến độ thực hiện kế hoạch CCHC năm 2025")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["I.9", "--evidence", "x"], "không có nhiệm vụ mã “I.9”"),
        (
            ["I.1", "--evidence", "x"],
            "chỉ rõ mốc bằng --milestone: 1 — Trước ngày 19/02/2025 (hạn 18/02/2025); 2 —",
        ),
        (["I.1", "-m", "5", "--evidence", "x"], "không có mốc “5”"),
        (["VII.5", "--evidence", "x"], "chỉ rõ kỳ bằng --period"),
        (["VII.5", "--period", "2025-03", "--evidence", "x"], "không phải một kỳ"),
        (["VII.6", "--evidence", "x"], "nhiệm vụ VII.6 có 2 mốc"),  # one dated, one weekly
        (["I.5", "--period", "2025-Q1", "--evidence", "x"], "không có mốc định kỳ"),
        (["I.5", "--on", "02/07/2025", "--evidence", "x"], "ở tương lai (hôm nay là 01/07/2025)"),
        (["I.5", "--on", "31/12/2024", "--evidence", "x"], "trước năm kế hoạch 2025"),
        (["I.5", "--on", "31/02/2025", "--evidence", "x"], "--on: ngày 31/02/2025 không tồn tại"),
        (["I.5", "--evidence", "   "], "--evidence: cần ghi văn bản chứng minh"),
    ],
)
def test_done_refusals(
    tmp_path: Path, runner: CliRunner, fixed_today: dt.date, args: list[str], words: str
) -> None:
    plan = sample_pair(tmp_path, progress=None)
    result = run(runner, plan, "done", *args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert not plan.with_name("2025.progress.yaml").exists()


def test_done_twice_points_to_reopen(tmp_path: Path, runner: CliRunner, fixed_today: dt.date) -> None:
    plan = sample_pair(tmp_path)
    before = plan.with_name("2025.progress.yaml").read_bytes()
    result = run(runner, plan, "done", "I.1", "-m", "1", "--on", "11/02/2025", "--evidence", "x")
    assert result.exit_code == 2
    assert "đã ghi hoàn thành ngày 10/02/2025" in result.stderr
    assert "cchc reopen I.1 --milestone 1" in result.stderr
    result = run(runner, plan, "done", "VII.5", "--period", "2025-Q2", "--evidence", "x")
    assert "cchc reopen VII.5 --milestone 1 --period 2025-Q2" in result.stderr
    assert plan.with_name("2025.progress.yaml").read_bytes() == before


def test_done_window_end_is_31_12_of_next_year(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path, progress=None)
    loaded = load_plan(plan)
    path = plan.with_name("2025.progress.yaml")
    later = dt.date(2027, 3, 1)
    with pytest.raises(UsageError, match="quá xa năm kế hoạch 2025; chỉ nhận đến 31/12/2026"):
        record_done(
            loaded,
            path,
            task_id="I.5",
            milestone=None,
            period=None,
            evidence="x",
            today=later,
            on=dt.date(2027, 1, 1),
        )
    change = record_done(
        loaded,
        path,
        task_id="I.5",
        milestone=None,
        period=None,
        evidence="x",
        today=later,
        on=dt.date(2026, 12, 31),
    )
    assert change.created and change.target.due == dt.date(2025, 12, 31)


def test_reopen(pair: Path, runner: CliRunner) -> None:
    progress = pair.with_name("2025.progress.yaml")
    result = run(runner, pair, "reopen", "VII.5")
    assert result.exit_code == 2
    assert "có 3 kết quả đã ghi" in result.stderr and "--milestone/--period" in result.stderr
    result = run(runner, pair, "reopen", "VII.5", "--period", "2025-q2")
    assert result.exit_code == 0, result.output
    assert "VII.5 mốc 1, kỳ 2025-Q2" in result.stdout
    result = run(runner, pair, "reopen", "III.3b")  # its only record
    assert result.exit_code == 0, result.output
    result = run(runner, pair, "reopen", "III.3b")
    assert result.exit_code == 2 and "chưa có kết quả nào được ghi" in result.stderr
    result = run(runner, pair, "reopen", "VII.5", "--period", "2025-Q4")
    assert result.exit_code == 2 and "chưa được ghi hoàn thành" in result.stderr
    result = run(runner, pair, "reopen", "VII.5", "--period", "2025-Q9")
    assert result.exit_code == 2 and "không phải một kỳ" in result.stderr
    log = load_progress(progress, load_plan(pair))
    assert len(log) == 9
    assert not log.is_done("VII.5", "1", "2025-Q2") and log.is_done("VII.5", "1", "2025-Q3")


def test_comments_survive_done_and_reopen(pair: Path) -> None:
    loaded = load_plan(pair)
    path = pair.with_name("2025.progress.yaml")
    comments = [line.strip() for line in SAMPLE_PROGRESS.splitlines() if "#" in line]
    # the first record (I.1): the comment that introduces the next record (I.4) must stay
    reopen(loaded, path, task_id="I.1", milestone="1", period=None)
    # the last record (IV.9): "# hết tệp" must stay at the end
    record_done(
        loaded,
        path,
        task_id="I.5",
        milestone=None,
        period=None,
        evidence="Báo cáo số 7",
        today=dt.date(2025, 12, 31),
        on=dt.date(2025, 12, 30),
    )
    reopen(loaded, path, task_id="VII.8", milestone=None, period=None)
    text = path.read_text(encoding="utf-8")
    kept = [line.strip() for line in text.splitlines() if "#" in line]
    own = '# I.1 mốc 1 "Trước ngày 19/02/2025" -> hạn 18/02; xong 10/02: sớm hạn 8 ngày'
    assert own in kept  # a full-line comment is never deleted, even above a removed record
    assert [c for c in kept if "#" in c] == [c for c in comments]  # all there, same order
    assert text.rstrip().endswith("# hết tệp")
    assert text.index("task: I.5") < text.index("# hết tệp")
    assert "task: VII.5  # hằng quý, ngày 14 tháng cuối quý" in text
    log = load_progress(path, loaded)
    assert not log.is_done("I.1", "1", None) and log.is_done("I.5", "1", None)
    assert not log.has_records("VII.8") and len(log) == 10


def test_never_half_written_even_when_killed(pair: Path, tmp_path: Path) -> None:
    """A `cchc done` killed in the middle of writing leaves the old file, whole and valid."""
    path = pair.with_name("2025.progress.yaml")
    before = path.read_bytes()
    marker = tmp_path / "half-written"
    script = textwrap.dedent(
        f"""
        import os, sys, time
        import cchc_cli.atomicwrite as aw

        real_fdopen = os.fdopen

        class SlowFile:
            def __init__(self, handle):
                self.handle = handle
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return self.handle.__exit__(*exc)
            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                open({str(marker)!r}, "w").close()
                time.sleep(600)  # killed here, half of the new text on disk
            def flush(self):
                self.handle.flush()
            def fileno(self):
                return self.handle.fileno()

        class PatchedOs:
            def __getattr__(self, name):
                return getattr(os, name)
            @staticmethod
            def fdopen(*args, **kwargs):
                return SlowFile(real_fdopen(*args, **kwargs))

        aw.os = PatchedOs()
        from cchc_cli.__main__ import main
        sys.argv = ["cchc", "done", "I.5", "--on", "01/07/2025", "--evidence", "Báo cáo số 9",
                    "--plan", {str(pair)!r}]
        main()
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CCHC_NO_CACHE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        for _ in range(600):  # wait (up to a minute) until half the text is on disk
            if marker.exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), process.communicate(timeout=5)
        temps = list(path.parent.glob(".2025.progress.yaml.*.tmp"))
        assert len(temps) == 1 and 0 < temps[0].stat().st_size < len(before) + 50
    finally:
        process.kill()
        process.communicate(timeout=30)  # reaps the process and closes its pipes
    assert path.read_bytes() == before  # the old file, untouched
    log = load_progress(path, load_plan(pair))
    assert len(log) == 11 and not log.is_done("I.5", "1", None)
    # the plan folder still finds the plan, not the leftover temporary file
    from cchc_cli.plan.discovery import newest_local_plan

    assert newest_local_plan(tmp_path) == pair


# --- what `cchc due` makes of progress ------------------------------------------------------


def test_due_leaves_done_out_and_tracks_missed_occurrences(pair: Path) -> None:
    loaded = load_plan(pair)
    log = open_progress_for(loaded, None)
    assert log is not None
    report = due_report(loaded.plan, dt.date(2025, 6, 1), selection=Selection(unit="van-phong"), progress=log)
    overdue = sorted((i.task_id, i.due, i.period) for i in report.overdue)
    assert overdue == sorted(
        [
            # I.1 mốc 1 and III.3 mốc 2 (25/03) are done: gone. The rest as without progress.
            ("III.3", dt.date(2025, 5, 14), None),
            ("III.4", dt.date(2025, 3, 31), None),
            ("VI.3", dt.date(2024, 11, 29), None),
            ("VII.2", dt.date(2024, 11, 19), None),
            ("VII.3", dt.date(2024, 11, 19), None),
            ("VII.4", dt.date(2024, 9, 30), None),
            # IV.9 (yearly, done 05/03) and VII.5 Q1 (done 14/03) are done: gone.
            # VII.6 mốc 2 (weekly) has no record: its 22 missed Fridays are one line, dated
            # by the latest (30/05, week 2025-W22).
            ("VII.6", dt.date(2025, 5, 30), "2025-W22"),
            # VII.8 has a record (2025-01), so each missed month before 01/06 is overdue
            ("VII.8", dt.date(2025, 2, 28), "2025-02"),
            ("VII.8", dt.date(2025, 3, 31), "2025-03"),
            ("VII.8", dt.date(2025, 4, 30), "2025-04"),
            ("VII.8", dt.date(2025, 5, 31), "2025-05"),
        ]
    )
    # VII.5 2025-Q2 (14/06) is recorded on 10/06, after the as-of day: on 01/06 it is still
    # ahead, like the weekly Friday 06/06.
    assert [(i.task_id, i.due) for i in report.upcoming] == [
        ("VII.6", dt.date(2025, 6, 6)),
        ("VII.5", dt.date(2025, 6, 14)),
    ]
    later = due_report(loaded.plan, dt.date(2025, 6, 11), selection=Selection(unit="van-phong"), progress=log)
    assert "VII.5" not in {i.task_id for i in later.upcoming}  # done on 10/06


def test_due_cli_reads_the_progress_beside_the_plan(pair: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["due", "--plan", str(pair), "--unit", "van-phong", "--as-of", "01/06/2025", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    assert "I.1" not in {i["id"] for i in data["overdue"]}
    assert [i["period"] for i in data["overdue"] if i["id"] == "VII.8"] == [
        "2025-02",
        "2025-03",
        "2025-04",
        "2025-05",
    ]
    # --progress naming a missing file is an error, not a silent "nothing done"
    missing = runner.invoke(
        app, ["due", "--plan", str(pair), "--progress", "khong-co.yaml", "--as-of", "01/06/2025"]
    )
    assert missing.exit_code == 2 and "--progress" in missing.stderr


def test_done_with_the_bundled_plan_from_an_empty_folder(
    tmp_path: Path, runner: CliRunner, fixed_today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CCHC_PLAN", raising=False)
    result = runner.invoke(app, ["done", "I.1", "-m", "1", "--on", "10/02/2025", "-e", "Báo cáo số 1"])
    assert result.exit_code == 0, result.output
    created = tmp_path / "plans" / "2025.progress.yaml"
    assert created.is_file()
    assert "plans/2025.progress.yaml (tệp mới)" in result.stderr.replace("\\", "/")
    assert "task: I.1" in created.read_text(encoding="utf-8")
