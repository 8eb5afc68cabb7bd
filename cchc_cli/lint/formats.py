"""How lint diagnostics are written: pure functions from diagnostics to text.

- `standard`: `file:line:col: mức [rule] message`, one a line (mức: lỗi, cảnh báo, lưu ý);
- `github`: GitHub Actions workflow commands (`::error file=…,line=…,col=…::[rule] message`;
  warnings as `::warning`, info as `::notice`), which GitHub shows on the pull request's lines;
- `json`: a list of objects with path, line, column, severity (error/warning/info), rule,
  message.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence

from cchc_cli.diagnostics import Diagnostic, Severity

SEVERITY_LABELS = {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.INFO: "lưu ý"}
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def standard(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(
        f"{d.path}:{d.line}:{d.column}: {SEVERITY_LABELS[d.severity]} [{d.code}] {d.message}\n"
        for d in diagnostics
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(
        f"::{_GITHUB_COMMANDS[d.severity]} file={_escape_property(d.path.replace(chr(92), '/'))},"
        f"line={d.line},col={d.column}::{_escape_data(f'[{d.code}] {d.message}')}\n"
        for d in diagnostics
    )


def to_json(diagnostics: Sequence[Diagnostic]) -> str:
    records = [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "severity": d.severity.value,
            "rule": d.code,
            "message": d.message,
        }
        for d in diagnostics
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "standard": standard,
    "github": github,
    "json": to_json,
}


def pick_format(env: Mapping[str, str]) -> str:
    """`github` inside GitHub Actions, `standard` everywhere else."""
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "standard"


def counts(diagnostics: Sequence[Diagnostic]) -> dict[Severity, int]:
    found = dict.fromkeys(Severity, 0)
    for d in diagnostics:
        found[d.severity] += 1
    return found


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """One line for the end of a run: 'Đã kiểm tra 1 tệp: 0 lỗi, 5 cảnh báo, 0 lưu ý.'"""
    found = counts(diagnostics)
    return (
        f"Đã kiểm tra {files} tệp: {found[Severity.ERROR]} lỗi, "
        f"{found[Severity.WARNING]} cảnh báo, {found[Severity.INFO]} lưu ý."
    )
