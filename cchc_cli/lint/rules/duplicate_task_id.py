"""Hai nhiệm vụ dùng chung một mã (ví dụ hai nhiệm vụ `III.3`).

Mã nhiệm vụ là thứ người dùng gõ trong `cchc show`, `cchc done`; khi trùng, tiến độ ghi cho
nhiệm vụ này sẽ rơi vào nhiệm vụ kia. Đổi mã của nhiệm vụ sau (ví dụ `III.3b`).
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "duplicate-task-id"
SEVERITY = Severity.ERROR


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
