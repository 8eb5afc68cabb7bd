"""The progress file at the size of a province's year: work in proportion to the records.

Each record names its task: the task is found through an index of the plan's ids made once,
not by a scan of the plan for every record (a 5,000-record file against a 10,000-task plan
was 50 million comparisons). The counts below are of tasks visited, never of time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.model import Plan
from cchc_cli.progress import store
from cchc_cli.progress.log import check_progress, load_progress
from cchc_cli.progress.store import record_done
from tests.conftest import ROOT, sample_pair


def big_pair(folder: Path, tasks: int, records: int) -> Path:
    lines = [
        "format_version: 2",
        "plan:",
        "  agency: Sở Thử nghiệm",
        "  year: 2025",
        "  title: T",
        "  attachment: (K)",
        "  document:",
        "    symbol: KH",
        "    issuer: Sở Thử nghiệm",
        "units:",
        "  - id: van-phong",
        "    name: Văn phòng Sở",
        "sections:",
        "  - numeral: I",
        "    title: A",
        "    tasks:",
    ]
    for number in range(1, tasks + 1):
        lines += [
            f"      - id: I.{number}",
            f"        task: Nhiệm vụ {number}",
            "        schedule: Trước ngày 15/12/2025" if number % 2 else "        schedule: Hằng quý",
            "        lead: [van-phong]",
        ]
    plan = folder / "2025.yaml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    progress = ["format_version: 1", "plan: 2025", "records:"]
    for number in range(1, records + 1):
        task = tasks - number + 1  # from the end of the plan: a scan would walk it all
        period = "" if task % 2 else f"\n    period: 2025-Q{number % 4 + 1}"
        progress.append(f"  - task: I.{task}{period}\n    done: 2025-03-01\n    evidence: BC {number}")
    (folder / "2025.progress.yaml").write_text("\n".join(progress) + "\n", encoding="utf-8")
    return plan


@pytest.mark.parametrize(("tasks", "records"), [(400, 100), (400, 400)])
def test_records_find_their_tasks_without_scanning_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tasks: int, records: int
) -> None:
    plan_path = big_pair(tmp_path, tasks, records)
    loaded = load_plan(plan_path)
    visited = [0]
    real = Plan.iter_tasks

    def counting(self):  # type: ignore[no-untyped-def]
        for pair in real(self):
            visited[0] += 1
            yield pair

    monkeypatch.setattr(Plan, "iter_tasks", counting)
    log, problems = check_progress(plan_path.with_name("2025.progress.yaml"), loaded)
    assert problems == [] and log is not None and len(log) == records
    # the index is made once: one walk of the plan, whatever the number of records
    assert visited[0] <= tasks


# --- cchc done: one check, no round trip of the whole file -------------------------------------

GOLDEN = ROOT / "tests" / "data" / "golden" / "progress"
DONE_ARGS = [  # (task, milestone, period, evidence, note, recorded_by): texts ruamel must quote
    ("I.5", None, None, "Báo cáo số 7/BC-SXD ngày 30/12/2025", None, None),
    (
        "VII.8",
        None,
        "2025-02",
        "Thông báo: số 9 # không phải chú thích",
        "ghi chú 'có nháy' và \"kép\"",
        "- Nguyễn Văn A",
    ),
    ("III.2", None, None, "x" * 150 + " dài quá một dòng", None, None),
    ("VII.6", "2", "2025-W05", "@mention, [ngoặc] {nhọn} & * ! | > %", "2025", "Trần Thị B"),
]


def record_four(loaded: Any, path: Path) -> None:
    for task, milestone, period, evidence, note, by in DONE_ARGS:
        record_done(
            loaded,
            path,
            task_id=task,
            milestone=milestone,
            period=period,
            evidence=evidence,
            today=dt.date(2025, 12, 31),
            on=dt.date(2025, 12, 30),
            note=note,
            recorded_by=by,
        )


@pytest.mark.parametrize(
    "case", ["sample", "four-spaces", "flush-dashes", "no-final-newline", "block-note", "new-file"]
)
def test_done_writes_the_text_it_wrote_before(tmp_path: Path, case: str) -> None:
    # tests/data/golden/progress/<case>.out.yaml: what the round-trip writer made of <case>.in
    # (SAMPLE_PROGRESS as is, with four-space indents, with dashes at the key's column, without
    # a final line end, ending in a block scalar, no file at all) with the four records above.
    plan = sample_pair(tmp_path, progress=None)
    path = plan.with_name("2025.progress.yaml")
    source = GOLDEN / f"{case}.in.yaml"
    if source.exists():
        path.write_bytes(source.read_bytes())
    record_four(load_plan(plan), path)
    assert path.read_bytes() == (GOLDEN / f"{case}.out.yaml").read_bytes()


def generated_progress(records: int) -> str:
    """A progress file as `cchc done` writes them, for a 400-task plan of big_pair."""
    lines = ["# Tiến độ", "format_version: 1", "plan: 2025", "records:"]
    for number in range(1, records + 1):
        task = 2 * number - 1  # dated tasks
        lines += [
            f"  - task: I.{task}",
            "    milestone: '1'",
            "    done: 2025-03-01",
            f"    evidence: 'Báo cáo số {number}: đã gửi'" if number % 3 else f"    evidence: BC {number}",
        ]
        if number % 5 == 0:
            lines.append("    note: ghi chú")
    return "\n".join(lines) + "\n# hết\n"


@pytest.mark.parametrize("extra", ["", "\n\n# chú thích cuối\n"])
def test_the_append_equals_the_round_trip_on_a_generated_file(tmp_path: Path, extra: str) -> None:
    plan_path = big_pair(tmp_path, 400, 0)
    loaded = load_plan(plan_path)
    path = plan_path.with_name("2025.progress.yaml")
    text = generated_progress(150) + extra
    path.write_text(text, encoding="utf-8")
    log, problems = check_progress(path, loaded)
    assert problems == [] and log is not None
    record = {"task": "I.399", "milestone": "1", "done": dt.date(2025, 6, 2), "evidence": "Tờ trình: số 3"}
    fast = store._appended(text, log, record)
    assert fast is not None
    assert fast == store._rewrite(text, lambda seq, cm: store._append(seq, cm(record)))


def test_done_checks_the_file_once_and_never_loads_it_into_ruamel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ruamel.yaml import YAML

    plan_path = big_pair(tmp_path, 400, 0)
    loaded = load_plan(plan_path)
    path = plan_path.with_name("2025.progress.yaml")
    path.write_text(generated_progress(150), encoding="utf-8")
    checks: list[int] = []
    parsed: list[int] = []
    real_check = store.check_progress
    real_load = YAML.load

    def counting_check(*args: Any, **kwargs: Any) -> Any:
        checks.append(1)
        return real_check(*args, **kwargs)

    def counting_load(self: Any, stream: Any) -> Any:
        parsed.append(len(stream))
        return real_load(self, stream)

    monkeypatch.setattr(store, "check_progress", counting_check)
    monkeypatch.setattr(YAML, "load", counting_load)
    record_done(
        loaded,
        path,
        task_id="I.399",
        milestone=None,
        period=None,
        evidence="BC mới",
        today=dt.date(2025, 12, 31),
    )
    assert checks == [1] and parsed == []  # checked once; ruamel never read the file
    log = load_progress(path, loaded)
    assert len(log) == 151 and log.entries[-1].record.evidence == "BC mới"
    # A file the append does not take (an end-of-line comment on the last record): one
    # round trip, ruamel reading the file once (it used to read it twice), and the whole new
    # text checked again, since ruamel wrote all of it.
    lines = generated_progress(150).splitlines()
    lines[-2] += "  # cuối"  # the last record's last line; the last line is "# hết"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checks.clear()
    record_done(
        loaded, path, task_id="I.397", milestone=None, period=None, evidence="BC", today=dt.date(2025, 12, 31)
    )
    assert len(parsed) == 1 and len(checks) == 2
    assert load_progress(path, loaded).entries[-1].record.task == "I.397"
