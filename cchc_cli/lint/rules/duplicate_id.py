"""Hai đơn vị (hoặc nhóm) dùng chung một mã.

Mã trong `units` và `groups` phải khác nhau; khi trùng, không biết nhiệm vụ giao cho đơn vị
nào. Đổi mã của một trong hai.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "duplicate-id"
SEVERITY = Severity.ERROR


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
