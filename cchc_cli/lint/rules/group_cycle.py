"""Một nhóm đơn vị chứa chính nó (trực tiếp hoặc qua nhóm khác).

Ví dụ nhóm `toan-so` có thành viên `khoi-a`, còn `khoi-a` lại có thành viên `toan-so`.
Bỏ một trong hai liên kết.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "group-cycle"
SEVERITY = Severity.ERROR


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
