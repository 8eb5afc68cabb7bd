"""`stats` on a province-sized plan: one pass over the items, the same rows as asking every
unit about every item.

The reference below is the definition, unit by unit: a unit's row counts the items whose
milestone lead, expanded through groups, meets the unit's own expansion (Directory.role ==
"lead"); a section's row counts its items. The plan has many agencies, each with its units
and a group of them, so that a loop over units x items would show.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.units import Directory
from cchc_cli.progress.log import load_progress
from cchc_cli.progress.stats import Counts, compute_stats
from cchc_cli.query.status import milestone_items

SCHEDULES = ["Trước ngày 15/03/2025", "Quý II/2025", "Hằng quý", "Thường xuyên", "Năm 2025", "Hằng tháng"]


def province_plan(agencies: int, tasks_each: int) -> tuple[str, str]:
    """A plan of `agencies` agencies (3 units and a group each, a unit shared by two agencies'
    groups) and `tasks_each` tasks each, led by a unit, the group or two units; its progress."""
    units, groups, tasks, records = [], [], [], []
    for a in range(agencies):
        for u in range(3):
            units.append(f"  - id: a{a}-u{u}\n    name: Đơn vị {u} cơ quan {a}")
        shared = f", a{(a + 1) % agencies}-u0" if a % 2 == 0 else ""
        groups.append(
            f"  - id: a{a}-all\n    name: Cả cơ quan {a}\n    members: [a{a}-u0, a{a}-u1, a{a}-u2{shared}]"
        )
        for t in range(tasks_each):
            number = a * tasks_each + t + 1
            lead = [f"a{a}-u{t % 3}", f"a{a}-all", f"a{a}-u1, a{a}-u2"][t % 3]
            tasks.append(
                f"      - id: I.{number}\n"
                f"        task: Nhiệm vụ {number}\n"
                f"        output: Báo cáo\n"
                f"        schedule: {SCHEDULES[number % len(SCHEDULES)]}\n"
                f"        lead: [{lead}]\n"
            )
            if number % len(SCHEDULES) == 0:
                records.append(
                    f"  - task: I.{number}\n    done: 2025-03-10\n    evidence: Báo cáo số {number}"
                )
    plan = (
        "format_version: 2\nplan:\n  agency: UBND tỉnh\n  year: 2025\n  title: T\n  attachment: (K)\n"
        "  document:\n    symbol: KH\n    issuer: UBND tỉnh\n"
        "units:\n" + "\n".join(units) + "\ngroups:\n" + "\n".join(groups) + "\n"
        "sections:\n  - numeral: I\n    title: A\n    tasks:\n" + "".join(tasks)
    )
    progress = "format_version: 1\nplan: 2025\nrecords:\n" + "\n".join(records) + "\n"
    return plan, progress


def reference(plan, progress, as_of, unit=None):  # type: ignore[no-untyped-def]
    directory = Directory(plan)
    items = list(milestone_items(plan, as_of, progress=progress))

    def leads(unit_id: str, item) -> bool:  # type: ignore[no-untyped-def]
        return directory.role(unit_id, item.milestone.lead, ()) == "lead"

    if unit is not None:
        items = [i for i in items if leads(unit, i)]
    sections = []
    for section in plan.sections:
        mine = [i for i in items if i.section is section]
        if mine:
            sections.append((section.numeral, counts(mine)))
    units = []
    for unit_id in [unit] if unit else [u.id for u in plan.units]:
        mine = [i for i in items if leads(unit_id, i)]
        if mine:
            units.append((unit_id, counts(mine)))
    return counts(items), sections, units


def counts(items) -> Counts:  # type: ignore[no-untyped-def]
    found = Counts()
    for item in items:
        found.add(item.status)
    return found


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("province")
    plan_text, progress_text = province_plan(agencies=30, tasks_each=12)
    (folder / "2025.yaml").write_text(plan_text, encoding="utf-8")
    (folder / "2025.progress.yaml").write_text(progress_text, encoding="utf-8")
    loaded = load_plan(folder / "2025.yaml")
    return loaded, load_progress(folder / "2025.progress.yaml", loaded)


@pytest.mark.parametrize("unit", [None, "a3-u1", "a4-all", "a5-u0"])
def test_same_rows_as_asking_every_unit(province, unit) -> None:  # type: ignore[no-untyped-def]
    loaded, log = province
    as_of = dt.date(2025, 7, 1)
    report = compute_stats(loaded.plan, as_of, progress=log, unit=unit)
    total, sections, units = reference(loaded.plan, log, as_of, unit)
    assert report.total == total
    assert [(r.key, r.counts) for r in report.by_section] == sections
    assert [(r.key, r.counts) for r in report.by_unit] == units
    assert len(units) == (90 if unit is None else 1)
    if unit == "a5-u0":  # a5's u0 is also in a4's group: it leads a4's group tasks too
        assert units[0][1].open + units[0][1].overdue > 0


def test_group_expansions_once_per_distinct_lead(province, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Asking each of the 90 units about each of the ~700 items expanded leads 60,000 times;
    # now a lead is expanded once (90 agencies x 3 kinds of lead here).
    loaded, log = province
    calls: list[tuple[str, ...]] = []
    real = Directory.expand_all

    def counting(self, unit_ids):  # type: ignore[no-untyped-def]
        calls.append(tuple(unit_ids))
        return real(self, unit_ids)

    monkeypatch.setattr(Directory, "expand_all", counting)
    compute_stats(loaded.plan, dt.date(2025, 7, 1), progress=log)
    assert len(calls) == len(set(calls)) <= 30 * 3
