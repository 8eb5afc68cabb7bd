"""Where things stand in a plan file, and a loaded plan: values with no YAML in them.

Kept apart from loader.py so that commands served from the plan cache never import PyYAML.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cchc_cli.plan.model import Plan

PathKey = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each node of a document stands: path -> (line, column), both 1-based."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Iterable[str | int], *, key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest ancestor that exists in the file."""
        parts = tuple(path)
        if key and parts in self.keys:
            return self.keys[parts]
        while parts:
            if parts in self.values:
                return self.values[parts]
            parts = parts[:-1]
        return self.values.get((), (1, 1))


@dataclass
class LoadedPlan:
    plan: Plan
    path: str
    source: SourceMap
    text: str


def real_path(path: Path | str) -> Path:
    """The path with every symbolic link followed, as far as they lead: `Path.resolve()`
    raises on a loop of links (RuntimeError before Python 3.13), `os.path.realpath` does not,
    and the reader then reports the loop under the name the user gave."""
    return Path(os.path.realpath(path))


def display_path(path: Path) -> str:
    """The path as the user gave it, relative to the current folder when it lies under it.

    Symbolic links are not followed: a link is named by its own path (a dangling link or a
    loop of links is reported under the name the user typed, not its target's)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.getcwd()))
    except (ValueError, OSError):
        return str(path)
