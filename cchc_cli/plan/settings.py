"""cchc's settings: one reader for every command that has any (lint, stats, remind).

Settings live in a `.cchc.yaml` next to the plans (top-level keys `lint:`, `stats:`, …) or in
`[tool.cchc.*]` tables of a `pyproject.toml`; the nearest file from the plan's folder upwards
wins (a `.cchc.yaml` before a `pyproject.toml` of the same folder, and a `pyproject.toml` only
when it has a `[tool.cchc…]` table). This module finds that file, reads it once, and places
every bad setting on its line and column; what each section means is its command's business
(`validate_section` checks a section against a pydantic model, with Vietnamese messages).
Nothing here prints or exits.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cchc_cli import inputfile
from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.plan.sourcemap import PathKey, display_path

YAML_NAME = ".cchc.yaml"
TOML_NAME = "pyproject.toml"
SECTIONS: tuple[str, ...] = ("lint", "stats", "remind")
"""The settings cchc knows; any other key of a `.cchc.yaml` (or `[tool.cchc.x]`) is reported."""

_TOOL_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*cchc\s*[.\]]", re.MULTILINE)
M = TypeVar("M", bound=BaseModel)


def _problem(shown: str, where: tuple[int, int], message: str) -> Diagnostic:
    return Diagnostic(shown, where[0], where[1], Severity.ERROR, "config", message)


def toml_module() -> Any:
    """tomllib (3.11+) or tomli (installed as a dependency on 3.10)."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli  # type: ignore[import-not-found,unused-ignore]  # only on 3.10

    return tomli


def _has_cchc_table(path: Path) -> bool:
    """Whether a pyproject.toml has a [tool.cchc…] table (one that is not UTF-8 is still looked
    at, so that reading it reports its encoding rather than skipping it silently)."""
    try:
        raw = inputfile.read_bytes(path)
    except inputfile.InputFileError:
        return False
    return bool(_TOOL_TABLE.search(raw.decode("utf-8", "replace")))


def find_settings(folder: Path) -> Path | None:
    """The settings file that applies to plans in `folder`, or None.

    A `.cchc.yaml` that is there but is not a regular file (a folder, a FIFO, a dangling link)
    is still the one that applies: reading it reports what is wrong, instead of silently
    falling back to another settings file further up."""
    real = Path(os.path.realpath(folder))
    for current in (real, *real.parents):
        candidate = current / YAML_NAME
        if os.path.lexists(candidate):
            return candidate
        candidate = current / TOML_NAME
        if candidate.is_file() and _has_cchc_table(candidate):
            return candidate
    return None


@dataclass(frozen=True)
class Settings:
    """A read settings file: the `cchc` table, and where each setting is written."""

    path: Path
    shown: str
    data: dict[str, Any]
    locator: Callable[[PathKey, bool], tuple[int, int]]
    toml: bool

    def section(self, name: str) -> Any:
        """The value of one section (None when the file does not set it)."""
        return self.data.get(name)

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a setting, e.g. ("lint", "disable", 0)."""
        return self.locator(path, key)

    def label(self, name: str) -> str:
        """How the user wrote the section's name: `[tool.cchc.lint]` or `lint:`."""
        return f"[tool.cchc.{name}]" if self.toml else f"{name}:"


def read_settings(path: Path) -> tuple[Settings | None, list[Diagnostic]]:
    """Read a `pyproject.toml` (by its suffix) or a `.cchc.yaml`; problems carry their line."""
    shown = display_path(path)
    if not os.path.lexists(path):
        return None, [_problem(shown, (1, 1), "không tìm thấy tệp cấu hình")]
    settings, problems = _read_toml(path, shown) if path.suffix == ".toml" else _read_yaml(path, shown)
    if settings is not None:
        for name in settings.data:
            if name not in SECTIONS:
                close = difflib.get_close_matches(str(name), SECTIONS, n=1)
                hint = f"; có phải '{close[0]}'?" if close else f"; chỉ có: {', '.join(SECTIONS)}"
                where = settings.locate((name,), key=True)
                problems.append(_problem(shown, where, f"không có mục cấu hình '{name}'{hint}"))
    return settings, problems


def settings_for(folder: Path) -> tuple[Settings | None, list[Diagnostic]]:
    """The settings that apply to plans in `folder` (None, [] when there is no settings file)."""
    path = find_settings(folder)
    return read_settings(path) if path is not None else (None, [])


def validate_section(settings: Settings | None, name: str, model: type[M]) -> tuple[M, list[Diagnostic]]:
    """The section `name` checked against `model`; defaults (and the problems) when it is bad."""
    value = settings.section(name) if settings is not None else None
    if settings is None or value is None:
        return model(), []
    try:
        return model.model_validate(value), []
    except ValidationError as exc:
        from cchc_cli.plan.validation import validation_diagnostics

        def locate(path: PathKey, key: bool = False) -> tuple[int, int]:
            return settings.locate(path, key=key)

        problems = validation_diagnostics(
            exc, locate, settings.shown, model=model, what="cấu hình", prefix=(name,), code="config"
        )
        return model(), problems


# --- reading -----------------------------------------------------------------------------------


def _read_yaml(path: Path, shown: str) -> tuple[Settings | None, list[Diagnostic]]:
    from cchc_cli.plan.loader import parse_document

    doc = parse_document(path, shown)
    if doc.problems:
        return None, list(doc.problems)
    if not isinstance(doc.data, dict):
        return None, [_problem(shown, (1, 1), "tệp cấu hình phải là một bảng khóa: giá trị")]
    source = doc.source

    def locate(parts: PathKey, key: bool) -> tuple[int, int]:
        return source.locate(parts, key=key)

    return Settings(path, shown, doc.data, locate, toml=False), []


def _read_toml(path: Path, shown: str) -> tuple[Settings | None, list[Diagnostic]]:
    try:
        text = inputfile.read_text(path, shown)
    except inputfile.InputFileError as exc:
        return None, [_problem(shown, (exc.line, exc.column), exc.reason)]
    tomllib = toml_module()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+), column (\d+)", str(exc))
        where = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        return None, [_problem(shown, where, f"lỗi cú pháp TOML ({str(exc).split(' (at')[0]})")]
    table = data.get("tool", {}).get("cchc", {})
    if not isinstance(table, dict):
        return None, [_problem(shown, (1, 1), "[tool.cchc] phải là một bảng")]
    lines = text.splitlines()

    def locate(parts: PathKey, key: bool) -> tuple[int, int]:
        return _toml_position(lines, table, parts)

    return Settings(path, shown, table, locate, toml=True), []


def _toml_position(lines: list[str], table: dict[str, Any], parts: PathKey) -> tuple[int, int]:
    """Best line and column of a setting in TOML text (tomllib keeps no positions): the
    section's `[tool.cchc.x]` header, then each later part searched for from there on."""
    if not parts:
        return 1, 1
    header = re.compile(rf"^\s*\[\s*tool\s*\.\s*cchc\s*\.\s*{re.escape(str(parts[0]))}\s*\]")
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:  # `[tool.cchc]` with `lint = {…}` inside, or a dotted key
        start = next((i for i, line in enumerate(lines) if _TOOL_TABLE.match(line)), 0)
        needles: list[str] = [str(parts[0])]
    else:
        needles = []
    value: Any = table
    for part in parts:
        if isinstance(value, dict):
            value = value.get(part)
            if part is not parts[0]:
                needles.append(str(part))
        elif isinstance(value, list) and isinstance(part, int):
            value = value[part] if 0 <= part < len(value) else None
            needles.append(str(value) if value is not None else "")
    line, column = start, 0
    for needle in needles:
        found = False
        for index in range(line, len(lines)):
            at = lines[index].find(needle, column if index == line else 0) if needle else -1
            if at >= 0:
                line, column, found = index, at, True
                break
        if not found:
            break
    return line + 1, column + 1
