"""Lint configuration: which rules are off and which severities are changed.

Read from `[tool.cchc.lint]` of a `pyproject.toml`, or from the `lint:` key of a `.cchc.yaml`
placed next to the plans. Both hold the same two settings::

    [tool.cchc.lint]                          # .cchc.yaml
    disable = ["earlier-year-in-text"]        # lint:
    severity = { duplicate-task = "info" }    #   disable: [earlier-year-in-text]
                                              #   severity: {duplicate-task: info}

Without `--config`, the nearest settings file wins (`plan.settings` finds and reads it).
Mistakes (an unknown rule id, an unknown severity) are problems with the config file's line,
never silently ignored. The rules that make a file readable at all (`REQUIRED` ones:
`file`, `yaml-syntax`, `schema`, `format-version`) can be neither disabled nor re-graded, so a
settings file cannot make a broken plan pass. Nothing here prints; problems and notes are
returned.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.lint.registry import RULES, is_required
from cchc_cli.plan.settings import Settings, read_settings, settings_for

_SEVERITIES = {s.value: s for s in Severity}


@dataclass(frozen=True)
class LintConfig:
    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    origin: str | None = None  # the file it was read from, None for the defaults

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled

    def severity_for(self, rule_id: str, default: Severity) -> Severity:
        return self.severity.get(rule_id, default)


@dataclass
class ConfigResult:
    config: LintConfig
    problems: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Locator = Callable[..., tuple[int, int]]  # (setting, index or rule id) -> (line, column)


def config_for(folder: Path) -> ConfigResult:
    """The configuration that applies to plans in `folder` (defaults when none is found)."""
    return _result(*settings_for(folder))


def read_config(path: Path) -> ConfigResult:
    """The configuration of one settings file (`--config`): a `pyproject.toml` or a YAML file."""
    return _result(*read_settings(path))


def _problem(shown: str, where: tuple[int, int], message: str) -> Diagnostic:
    return Diagnostic(shown, where[0], where[1], Severity.ERROR, "config", message)


def _result(settings: Settings | None, problems: list[Diagnostic]) -> ConfigResult:
    if settings is None or problems:
        return ConfigResult(LintConfig(), problems)
    table = settings.section("lint")

    def locate(*parts: str | int, key: bool = False) -> tuple[int, int]:
        return settings.locate(("lint", *parts), key=key)

    return _validate({} if table is None else table, settings.shown, locate, settings.label("lint"))


def _validate(table: Any, shown: str, locate: Locator, name: str) -> ConfigResult:
    origin = shown
    problems: list[Diagnostic] = []
    if not isinstance(table, dict):
        problems.append(_problem(shown, locate(), f"{name} phải là một bảng khóa: giá trị"))
        return ConfigResult(LintConfig(origin=origin), problems)
    for key in table:
        if key not in ("disable", "severity"):
            problems.append(
                _problem(
                    shown,
                    locate(key, key=True),
                    f"{name}: khóa '{key}' không có; chỉ nhận 'disable' và 'severity'",
                )
            )
    disabled: set[str] = set()
    raw_disable = table.get("disable", [])
    if not isinstance(raw_disable, list):
        problems.append(_problem(shown, locate("disable"), "'disable' phải là một danh sách mã quy tắc"))
        raw_disable = []
    for index, rule_id in enumerate(raw_disable):
        where = locate("disable", index)
        problem = _unknown_rule(rule_id)
        if problem is None and is_required(RULES[rule_id]):
            problem = f"quy tắc '{rule_id}' không tắt được"
        if problem is not None:
            problems.append(_problem(shown, where, problem))
        else:
            disabled.add(rule_id)
    severity: dict[str, Severity] = {}
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, dict):
        problems.append(_problem(shown, locate("severity"), "'severity' phải là bảng mã quy tắc = mức"))
        raw_severity = {}
    for rule_id, level in raw_severity.items():
        problem = _unknown_rule(rule_id)
        if problem is None and is_required(RULES[rule_id]):
            problem = f"quy tắc '{rule_id}' luôn là lỗi, không đổi mức được"
        if problem is None and level not in _SEVERITIES:
            problem = f"mức '{level}' không có; chỉ nhận error, warning, info"
        if problem is not None:
            problems.append(_problem(shown, locate("severity", rule_id, key=True), problem))
        else:
            severity[rule_id] = _SEVERITIES[level]
    config = LintConfig(frozenset(disabled), MappingProxyType(severity), origin)
    return ConfigResult(config, problems)


def _unknown_rule(rule_id: Any) -> str | None:
    if isinstance(rule_id, str) and rule_id in RULES:
        return None
    close = difflib.get_close_matches(str(rule_id), sorted(RULES), n=1)
    hint = f"; có phải '{close[0]}'?" if close else "; xem `cchc lint --list-rules`"
    return f"không có quy tắc '{rule_id}'{hint}"
