"""Mốc hạn chờ một sự kiện không có trong mục `events`.

Một mốc ghi rõ `kind: event` với `event: <mã>` nhưng mã đó không được khai báo trong mục
`events`; hạn của mốc sẽ không bao giờ được tính. Sửa mã hoặc thêm sự kiện vào `events`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "unknown-event"
SEVERITY = Severity.ERROR


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
