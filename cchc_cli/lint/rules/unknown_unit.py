"""Mã đơn vị không có trong danh mục `units`/`groups`.

Một nhiệm vụ (ô `lead`, `support`, hoặc `lead` của một mốc) hay một nhóm (`members`) dùng
mã đơn vị chưa khai báo. Nhiệm vụ đó sẽ không hiện trong `cchc due --unit …` của đơn vị nào:
sửa mã cho đúng (xem `cchc units`) hoặc thêm đơn vị vào mục `units`.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "unknown-unit"
SEVERITY = Severity.ERROR


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
