"""Where cchc's settings live: a `.cchc.yaml` next to the plans, or `[tool.cchc.*]` tables in
a `pyproject.toml`; the nearest one from the plan's folder upwards wins. Shared by lint
(`[tool.cchc.lint]` / `lint:`) and stats (`[tool.cchc.stats]` / `stats:`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

YAML_NAME = ".cchc.yaml"
TOML_NAME = "pyproject.toml"
TOOL_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*cchc\s*[.\]]", re.MULTILINE)


def has_cchc_table(path: Path) -> bool:
    try:
        return bool(TOOL_TABLE.search(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return False


def find_config(folder: Path) -> Path | None:
    """The nearest `.cchc.yaml`, or `pyproject.toml` with a `[tool.cchc…]` table, from `folder` up
    (a `.cchc.yaml` before a `pyproject.toml` of the same folder)."""
    for current in (folder.resolve(), *folder.resolve().parents):
        candidate = current / YAML_NAME
        if candidate.is_file():
            return candidate
        candidate = current / TOML_NAME
        if candidate.is_file() and has_cchc_table(candidate):
            return candidate
    return None


def toml_module() -> Any:
    """tomllib (3.11+) or tomli (installed as a dependency on 3.10)."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli  # type: ignore[import-not-found,unused-ignore]

    return tomli
