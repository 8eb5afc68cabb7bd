"""Finding a task or a section of a plan from what a user typed, with suggestions when none fits.

`cchc show III.3c`, `cchc done III.3c` and a progress record naming `III.3c` all ask the same
question and get the same answer ("có phải III.3, III.3b?"). Nothing here prints.
"""

from __future__ import annotations

import difflib
import weakref

from cchc_cli.errors import UsageError
from cchc_cli.plan.model import Plan, Section, Task
from cchc_cli.safetext import clip
from cchc_cli.textfold import fold


class NotFoundError(UsageError):
    """What was asked for is not in the plan; `field` names what was wrong (task, milestone,
    period, section) so that a file checker can place the message on that key."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def find_task(plan: Plan, task_id: str) -> tuple[Section, Task]:
    """A task by id, ignoring case and surrounding spaces; NotFoundError with close ids.

    Through an index of the plan's ids made once per plan object: a progress file of 5,000
    records names a task in each, and a scan of 10,000 tasks for each was most of `cchc done`."""
    found = _task_index(plan).get(task_id.strip().casefold())
    if found is not None:
        return found
    ids = [task.id for _section, task in plan.iter_tasks()]
    close = difflib.get_close_matches(task_id.strip(), ids, n=3, cutoff=0.6)
    hint = f"; có phải {', '.join(close)}?" if close else "; xem danh sách mã: cchc list"
    raise NotFoundError("task", f"không có nhiệm vụ mã “{clip(task_id)}” trong kế hoạch{hint}")


# Task indexes made once per plan object (plans are frozen), dropped with the plan.
_INDEXES: dict[int, tuple[weakref.ref[Plan], dict[str, tuple[Section, Task]]]] = {}


def _task_index(plan: Plan) -> dict[str, tuple[Section, Task]]:
    """Case-folded id -> (section, task); the first task of an id wins, as a scan would find."""
    entry = _INDEXES.get(id(plan))
    if entry is None or entry[0]() is not plan:
        index: dict[str, tuple[Section, Task]] = {}
        for section, task in plan.iter_tasks():
            index.setdefault(task.id.casefold(), (section, task))
        entry = _INDEXES[id(plan)] = (weakref.ref(plan), index)
        weakref.finalize(plan, _INDEXES.pop, id(plan), None)
    return entry[1]


def find_section(plan: Plan, query: str) -> Section:
    """A section by Roman numeral (any case) or by a part of its title that only it has."""
    key = fold(query)
    for section in plan.sections:
        if fold(section.numeral) == key:
            return section
    matches = [s for s in plan.sections if key and key in fold(s.title)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = "; ".join(f"{s.numeral}. {s.title}" for s in matches)
        raise NotFoundError(
            "section",
            f"“{clip(query)}” có trong tên của {len(matches)} mục ({listed}); chỉ rõ bằng số La Mã, "
            f"ví dụ --section {matches[0].numeral}",
        )
    numerals = ", ".join(s.numeral for s in plan.sections)
    raise NotFoundError("section", f"không có mục “{clip(query)}”; các mục của kế hoạch: {numerals}")
