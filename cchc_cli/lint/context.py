"""What every lint rule receives (`LintContext`) and what it yields (`Finding`).

A rule never builds a `Diagnostic` itself: it yields findings (line, column, message) and the
linter stamps the file, the rule id and the configured severity on each of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from cchc_cli.deadlines.schedule import Deadline
from cchc_cli.diagnostics import Diagnostic
from cchc_cli.plan.model import Plan, Task
from cchc_cli.plan.sourcemap import PathKey, SourceMap


class Finding(NamedTuple):
    """One problem a rule found: 1-based line and column, and a Vietnamese message."""

    line: int
    column: int
    message: str


class PlacedDeadline(NamedTuple):
    """A deadline of a task with the document path where it is written."""

    task: Task
    path: PathKey  # the Tiến độ cell, or deadlines[i] when the task spells its deadlines out
    deadline: Deadline


@dataclass
class LintContext:
    """A parsed plan file: its text, data, node positions, the Plan when it validated, and the
    problems the loader already found (syntax, schema, references), each with its code."""

    path: str
    text: str
    data: Any
    source: SourceMap
    plan: Plan | None
    loader_problems: list[Diagnostic] = field(default_factory=list)

    def at(self, path: Iterable[str | int], message: str, *, key: bool = False) -> Finding:
        """A finding placed on the node at `path` (or its nearest ancestor in the file)."""
        line, column = self.source.locate(path, key=key)
        return Finding(line, column, message)

    def loader_findings(self, code: str) -> Iterator[Finding]:
        """The loader's problems of one code, as findings of the rule of that id."""
        for problem in self.loader_problems:
            if problem.code == code:
                yield Finding(problem.line, problem.column, problem.message)

    def value_at(self, path: Iterable[str | int]) -> Any:
        """The data at `path`, or None when the path does not exist."""
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def find_in(self, path: PathKey, fragment: str, nth: int = 0) -> tuple[int, int]:
        """Where `fragment` is written inside the value at `path`: the value's own position
        when the fragment is not found verbatim there (folded lines, escapes)."""
        return self.search_in(path, fragment, nth) or self.source.locate(path)

    def search_in(self, path: PathKey, fragment: str, nth: int = 0) -> tuple[int, int] | None:
        """Where the `nth` (from 0) `fragment` is written inside the value at `path`, or None."""
        if not fragment:
            return None
        first_line, first_col = self.source.locate(path)
        value = self.value_at(path)
        # A value spans its own line breaks, plus the block indicator or quote line.
        span = (value.count("\n") if isinstance(value, str) else 0) + 2
        lines = self.lines
        for index in range(first_line - 1, min(len(lines), first_line - 1 + span)):
            found = lines[index].find(fragment, first_col - 1 if index == first_line - 1 else 0)
            while found >= 0:
                if nth == 0:
                    return index + 1, found + 1
                nth -= 1
                found = lines[index].find(fragment, found + len(fragment))
        return None

    def place_deadline(self, placed: PlacedDeadline) -> tuple[int, int]:
        """The line of a deadline's own phrase inside its Tiến độ cell (or deadlines entry)."""
        return self.find_in(placed.path, placed.deadline.text)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def deadlines(self) -> list[PlacedDeadline]:
        """Every deadline of every task, read once and shared by the deadline rules."""
        return list(_placed_deadlines(self.plan)) if self.plan else []


def _placed_deadlines(plan: Plan) -> Iterator[PlacedDeadline]:
    # The same reading as milestones.task_milestones, but keeping where each deadline is
    # written: the Tiến độ cell, or the explicit deadlines[i] entry that replaces it.
    from cchc_cli.deadlines.language import parse_deadlines
    from cchc_cli.plan.milestones import spec_deadlines

    for path, _section, task in plan.task_paths():
        if task.deadlines is None:
            for deadline in parse_deadlines(task.schedule, plan.year):
                yield PlacedDeadline(task, (*path, "schedule"), deadline)
        else:
            for index, spec in enumerate(task.deadlines):
                for deadline in spec_deadlines(spec, plan):
                    yield PlacedDeadline(task, (*path, "deadlines", index), deadline)
