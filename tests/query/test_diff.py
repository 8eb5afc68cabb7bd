"""query/diff.py: what an edit changes, task by task, and its three renderings."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.model import Plan
from cchc_cli.query.diff import CellChange, UnitChange, diff_plans, to_json, to_markdown, to_text
from tests.conftest import PLAN_2025, SMALL_PLAN

PlanOf = Callable[..., Plan]


@pytest.fixture
def plan_of(tmp_path: Path) -> PlanOf:
    def load(text: str, name: str = "plan.yaml") -> Plan:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return load_plan(path, name).plan

    return load


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_added_removed_cells_deadlines_units(plan_of: PlanOf) -> None:
    new = replace_once(SMALL_PLAN, "Trước ngày 15/12/2025", "Trước ngày 20/12/2025")
    new = replace_once(
        new, "        lead: [thanh-tra]\n", "        lead: [thanh-tra]\n        support: [van-phong]\n"
    )
    new = replace_once(new, "      - id: II.1\n", "      - id: II.2\n")
    diff = diff_plans(plan_of(SMALL_PLAN, "old.yaml"), plan_of(new, "new.yaml"), "old.yaml", "new.yaml")

    assert [(r.id, r.section) for r in diff.added] == [("II.2", "II")]
    assert [(r.id, r.section) for r in diff.removed] == [("II.1", "II")]
    assert [c.id for c in diff.changed] == ["I.1", "I.2"]
    first, second = diff.changed
    assert first.cells == (CellChange("schedule", "Trước ngày 15/12/2025", "Trước ngày 20/12/2025"),)
    (move,) = first.deadlines
    # "Trước X" is due the day before X.
    assert (move.key, move.old.due, move.new.due) == ("1", dt.date(2025, 12, 14), dt.date(2025, 12, 19))  # type: ignore[union-attr]
    assert first.units == () and first.old_section is None
    assert second.cells == () and second.deadlines == ()
    assert second.units == (UnitChange("support", ("van-phong",), ()),)

    text = to_text(diff)
    assert "Thêm 1 nhiệm vụ, xóa 1, sửa 2." in text
    assert "mốc 1 “Trước ngày 20/12/2025” dời hạn: 14/12/2025 → 19/12/2025" in text
    assert "Phối hợp: thêm Văn phòng Sở (van-phong)" in text
    markdown = to_markdown(diff)
    assert markdown.startswith("## So sánh kế hoạch: `old.yaml` → `new.yaml`\n")
    assert "### Thêm mới\n\n- **II.2** (mục II): Công khai thủ tục hành chính" in markdown
    assert "### Đã xóa\n\n- **II.1** (mục II): " in markdown
    assert "  - cũ: Trước ngày 15/12/2025\n  - mới: Trước ngày 20/12/2025" in markdown
    data = json.loads(to_json(diff))
    assert data["added"] == [
        {"id": "II.2", "section": "II", "task": "Công khai thủ tục hành chính trên Trang thông tin điện tử"}
    ]
    deadline = data["changed"][0]["deadlines"][0]
    assert (deadline["old"]["due"], deadline["new"]["due"]) == ("2025-12-14", "2025-12-19")


def test_milestone_added_and_section_move(plan_of: PlanOf) -> None:
    new = replace_once(
        SMALL_PLAN,
        "        schedule: Quý II/2025\n",
        "        schedule: |-\n          - Quý II/2025\n          - Tháng 12/2025\n",
    )
    # Move I.1 (lines 28-34) to the end of the file: into section II, after II.1.
    first = "".join(SMALL_PLAN.splitlines(keepends=True)[27:34])
    assert first.startswith("      - id: I.1\n") and first.endswith("support: [toan-so]\n")
    new = replace_once(new, first, "") + first
    diff = diff_plans(plan_of(SMALL_PLAN, "old.yaml"), plan_of(new, "new.yaml"))
    assert diff.added == [] and diff.removed == []
    milestones, moved = diff.changed  # the new plan's order: I.2 (section I), then I.1 (II)
    assert (moved.id, moved.old_section, moved.section) == ("I.1", "I", "II")
    assert moved.cells == () and moved.deadlines == ()
    assert milestones.id == "I.2"
    (added,) = milestones.deadlines
    assert added.key == "2" and added.old is None
    assert (added.new.start, added.new.due) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))  # type: ignore[union-attr]
    text = to_text(diff)
    assert "chuyển từ mục I sang mục II" in text
    assert "thêm mốc 2 “Tháng 12/2025”: từ 01/12/2025 đến 31/12/2025" in text


def test_same_plan_no_change(plan_of: PlanOf) -> None:
    plan = plan_of(SMALL_PLAN)
    diff = diff_plans(plan, plan)
    assert diff.empty
    assert to_text(diff).splitlines()[1] == "Không có thay đổi nào về nhiệm vụ."
    assert json.loads(to_json(diff))["changed"] == []


def test_rewording_without_moving_the_deadline(plan_of: PlanOf) -> None:
    new = replace_once(SMALL_PLAN, "Trước ngày 15/12/2025", "Chậm nhất ngày 14/12/2025")
    (change,) = diff_plans(plan_of(SMALL_PLAN, "a.yaml"), plan_of(new, "b.yaml")).changed
    assert [c.cell for c in change.cells] == ["schedule"]
    assert change.deadlines == ()  # both are due on 14/12/2025


def test_markdown_escapes_text(plan_of: PlanOf) -> None:
    new = replace_once(
        SMALL_PLAN,
        "        task: Kiểm tra công tác cải cách hành chính\n",
        "        task: Kiểm tra <b>gấp</b> *ngay* | CCHC\n",
    )
    markdown = to_markdown(diff_plans(plan_of(SMALL_PLAN, "a.yaml"), plan_of(new, "b.yaml")))
    assert "  - mới: Kiểm tra &lt;b&gt;gấp&lt;/b&gt; \\*ngay\\* \\| CCHC" in markdown


def test_bundled_plan_fixing_a_2024_deadline(plan_of: PlanOf) -> None:
    text = PLAN_2025.read_text(encoding="utf-8")
    fixed = replace_once(text, "Trước ngày 30/11/2024", "Trước ngày 30/11/2025")
    diff = diff_plans(plan_of(text, "2025.yaml"), plan_of(fixed, "2025-sua.yaml"))
    (change,) = diff.changed
    assert change.id == "VI.3" and change.section == "VI"
    assert [c.cell for c in change.cells] == ["schedule"]
    (move,) = change.deadlines
    assert (move.old.due, move.new.due) == (dt.date(2024, 11, 29), dt.date(2025, 11, 29))  # type: ignore[union-attr]
    assert "dời hạn: 29/11/2024 → 29/11/2025" in to_markdown(diff)
