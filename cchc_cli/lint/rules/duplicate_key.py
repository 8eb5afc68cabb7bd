"""Khóa lặp lại trong cùng một bảng: YAML chỉ giữ giá trị sau cùng.

Ví dụ một nhiệm vụ có hai dòng `schedule:` thì dòng đầu bị bỏ qua mà không ai hay. Quy tắc
báo ở khóa thứ hai và nêu dòng của khóa thứ nhất; xóa hoặc gộp một trong hai.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "duplicate-key"
SEVERITY = Severity.ERROR


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
