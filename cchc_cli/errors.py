"""Exceptions the core raises; the CLI turns them into one-line messages and exit codes."""

from __future__ import annotations

from cchc_cli.diagnostics import Diagnostic


class CchcError(Exception):
    """An error meant for the user: its text is shown as it is, without a traceback."""

    exit_code = 1


class UsageError(CchcError):
    """The command was asked something that cannot be answered (unknown unit, bad date…)."""

    exit_code = 2


class PlanFileError(CchcError):
    """A plan (or progress) file could not be loaded; carries every problem found."""

    def __init__(self, path: str, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.diagnostics = diagnostics
        first = diagnostics[0].one_line() if diagnostics else f"{path}: không đọc được tệp"
        super().__init__(first)
