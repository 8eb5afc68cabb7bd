"""Lint configuration: which rules are off and which severities are changed.

Read from `[tool.cchc.lint]` of a `pyproject.toml`, or from the `lint:` key of a `.cchc.yaml`
placed next to the plans. Both hold the same two settings::

    [tool.cchc.lint]                          # .cchc.yaml
    disable = ["earlier-year-in-text"]        # lint:
    severity = { duplicate-task = "info" }    #   disable: [earlier-year-in-text]
                                              #   severity: {duplicate-task: info}

Without `--config`, the nearest one wins, looking in the plan's folder and then in each
parent folder (a `.cchc.yaml` before a `pyproject.toml` of the same folder; a `pyproject.toml`
counts only when it has a `[tool.cchc…]` table). Mistakes (an unknown rule id, an unknown
severity) are problems with the config file's line, never silently ignored. Nothing here
prints; problems and notes are returned.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.lint.registry import RULES, is_required
from cchc_cli.plan.loader import parse_document
from cchc_cli.plan.settings import find_config, toml_module
from cchc_cli.plan.sourcemap import display_path

_SEVERITIES = {s.value: s for s in Severity}
_LINT_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*cchc\s*(\.\s*lint\s*)?\]", re.MULTILINE)


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
    path = find_config(folder)
    return read_config(path) if path is not None else ConfigResult(LintConfig())


def read_config(path: Path) -> ConfigResult:
    """Read a `pyproject.toml` (by its `.toml` suffix) or a `.cchc.yaml`."""
    if path.suffix == ".toml":
        return _read_toml(path)
    return _read_yaml(path)


def _problem(shown: str, where: tuple[int, int], message: str) -> Diagnostic:
    return Diagnostic(shown, where[0], where[1], Severity.ERROR, "config", message)


def _read_yaml(path: Path) -> ConfigResult:
    doc = parse_document(path)
    if doc.problems:
        return ConfigResult(LintConfig(), [*doc.problems])
    data = doc.data
    if not isinstance(data, dict):
        return ConfigResult(
            LintConfig(), [_problem(doc.path, (1, 1), "tệp cấu hình phải là một bảng khóa: giá trị")]
        )
    table = data.get("lint", {})

    def locate(*parts: str | int, key: bool = False) -> tuple[int, int]:
        return doc.source.locate(("lint", *parts), key=key)

    return _validate(table, doc.path, locate, "lint")


def _read_toml(path: Path) -> ConfigResult:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ConfigResult(LintConfig(), [_problem(shown, (1, 1), "không tìm thấy tệp cấu hình")])
    except (OSError, UnicodeDecodeError) as exc:
        return ConfigResult(LintConfig(), [_problem(shown, (1, 1), f"không đọc được tệp ({exc})")])
    tomllib = toml_module()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+), column (\d+)", str(exc))
        where = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        return ConfigResult(
            LintConfig(), [_problem(shown, where, f"lỗi cú pháp TOML: {str(exc).split(' (at')[0]}")]
        )
    table = data.get("tool", {}).get("cchc", {}).get("lint", {})
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if _LINT_TABLE.match(line)), 0)

    def locate(*parts: str | int, key: bool = False) -> tuple[int, int]:
        needle = parts[-1] if parts and isinstance(parts[-1], str) else None
        if len(parts) == 2 and isinstance(parts[1], int):  # an entry of the disable list
            entries = table.get(parts[0], [])
            needle = str(entries[parts[1]]) if parts[1] < len(entries) else None
        for index in range(header, len(lines)):
            column = lines[index].find(needle) if needle else -1
            if column >= 0:
                return index + 1, column + 1
        return header + 1, 1

    return _validate(table, shown, locate, "[tool.cchc.lint]")


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
