"""The progress file at the size of a province's year: work in proportion to the records.

Each record names its task: the task is found through an index of the plan's ids made once,
not by a scan of the plan for every record (a 5,000-record file against a 10,000-task plan
was 50 million comparisons). The counts below are of tasks visited, never of time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.model import Plan
from cchc_cli.progress.log import check_progress


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
