"""The lint rules of `cchc lint`, listed explicitly (no scanning at import time).

Each rule is a module with `ID` (kebab-case), `SEVERITY` (its default), a module docstring that
is its user documentation (first line: a one-line summary in Vietnamese) and
`check(ctx: LintContext) -> Iterator[Finding]`. A rule with `REQUIRED = True` cannot be
disabled in the configuration. The first rules only pass on what the loader found while
reading the file (syntax, schema, references), under the loader's own codes.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Protocol, cast

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.lint.rules import (
    cell_length,
    control_character,
    deadline_outside_year,
    duplicate_id,
    duplicate_key,
    duplicate_task,
    duplicate_task_id,
    earlier_year_in_text,
    empty_cell,
    file,
    format_version,
    group_cycle,
    not_nfc,
    schema,
    section_order,
    unit_alias,
    unknown_event,
    unknown_task,
    unknown_unit,
    unparsed_deadline,
    whitespace,
    yaml_syntax,
)


class Rule(Protocol):
    ID: str
    SEVERITY: Severity
    __doc__: str | None

    def check(self, ctx: LintContext) -> Iterator[Finding]: ...


_MODULES: tuple[ModuleType, ...] = (
    file,
    yaml_syntax,
    duplicate_key,
    schema,
    format_version,
    unknown_unit,
    unknown_event,
    unknown_task,
    duplicate_id,
    group_cycle,
    duplicate_task_id,
    unparsed_deadline,
    deadline_outside_year,
    earlier_year_in_text,
    duplicate_task,
    section_order,
    not_nfc,
    whitespace,
    empty_cell,
    cell_length,
    unit_alias,
    control_character,
)

RULES: dict[str, Rule] = {module.ID: cast(Rule, module) for module in _MODULES}


def get(rule_id: str) -> Rule:
    """The rule of that id; KeyError naming the id when there is none."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"không có quy tắc '{rule_id}'") from None


def summary(rule: Rule) -> str:
    """The first line of the rule's documentation."""
    return (rule.__doc__ or "").strip().splitlines()[0]


def is_required(rule: Rule) -> bool:
    return bool(getattr(rule, "REQUIRED", False))


__all__ = ["RULES", "Finding", "LintContext", "Rule", "get", "is_required", "summary"]
