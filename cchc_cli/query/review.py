"""The review of a rollover: what changed outside the tasks, the task diff, what to check.

The task part is `query/diff.py`'s comparison of the two plans, rendered by its own renderers,
so a rollover reads like the `cchc diff` a reviewer already knows. Pure: text in, text out.
"""

from __future__ import annotations

import json
from typing import Any

from cchc_cli.plan.rollover import Rollover
from cchc_cli.query import diff as plan_diff
from cchc_cli.textfold import squash

NO_PROGRESS = "tiến độ: không chép (năm mới bắt đầu chưa có kết quả nào)"


def _change_lines(result: Rollover) -> list[tuple[str, list[str]]]:
    lines: list[tuple[str, list[str]]] = []
    for change in result.changes:
        if not change.new:
            lines.append((f"{change.what}: “{squash(change.old)}” → để trống", []))
        else:
            lines.append((f"{change.what} đổi", [f"cũ: {squash(change.old)}", f"mới: {squash(change.new)}"]))
    lines.append((NO_PROGRESS, []))
    return lines


def _heading(result: Rollover) -> str:
    return f"Bản nháp kế hoạch năm {result.plan.year} (từ kế hoạch năm {result.source.year})"


def to_text(result: Rollover, diff: plan_diff.PlanDiff) -> str:
    lines = [_heading(result), "", "Thay đổi ngoài các nhiệm vụ:"]
    for fact, details in _change_lines(result):
        lines.append(f"  - {fact}")
        lines += [f"      {d}" for d in details]
    lines += ["", plan_diff.to_text(diff).rstrip("\n"), ""]
    if result.doubts:
        lines.append(f"Cần xem lại ({len(result.doubts)}):")
        lines += [f"  ! {doubt.line()}" for doubt in result.doubts]
    else:
        lines.append("Không có điểm nào cần xem lại.")
    return "\n".join(lines) + "\n"


def to_markdown(result: Rollover, diff: plan_diff.PlanDiff) -> str:
    md = plan_diff.md_escape
    lines = [f"# {_heading(result)}", "", "## Thay đổi ngoài các nhiệm vụ", ""]
    for fact, details in _change_lines(result):
        lines.append(f"- {md(fact)}")
        lines += [f"  - {md(d)}" for d in details]
    lines += ["", plan_diff.to_markdown(diff).rstrip("\n"), ""]
    if result.doubts:
        lines += [f"## Cần xem lại ({len(result.doubts)})", ""]
        lines += [f"- {md(doubt.line())}" for doubt in result.doubts]
    else:
        lines.append("Không có điểm nào cần xem lại.")
    return "\n".join(lines) + "\n"


def to_json_data(result: Rollover, diff: plan_diff.PlanDiff) -> dict[str, Any]:
    return {
        "from": result.source.year,
        "to": result.plan.year,
        "changes": [{"what": c.what, "old": c.old, "new": c.new} for c in result.changes],
        "progress_copied": False,
        "diff": plan_diff.to_json_data(diff),
        "doubts": [
            {
                "task": d.task,
                "where": d.where,
                "kind": d.note.kind,
                "found": d.note.found,
                "result": d.note.result,
                "message": d.note.message,
            }
            for d in result.doubts
        ],
    }


def to_json(result: Rollover, diff: plan_diff.PlanDiff) -> str:
    return json.dumps(to_json_data(result, diff), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": to_text, "markdown": to_markdown, "json": to_json}
