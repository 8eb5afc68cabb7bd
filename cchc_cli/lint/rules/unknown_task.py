"""`repeats:` trỏ tới một mã nhiệm vụ không có trong kế hoạch.

Khóa `repeats: <mã>` khai báo rằng nhiệm vụ này cố ý nhắc lại một nhiệm vụ khác (xem quy
tắc `duplicate-task`); mã đó phải là mã của một nhiệm vụ trong cùng tệp.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "unknown-task"
SEVERITY = Severity.ERROR


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
