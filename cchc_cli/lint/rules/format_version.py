"""Khóa `format_version` thiếu, sai, hoặc mới hơn phiên bản cchc đang chạy.

Dòng `format_version: 1` cho biết tệp viết theo định dạng nào. Thiếu khóa (hoặc viết sai
tên, ví dụ `version:`) thì không biết đọc tệp theo định dạng nào; một số lớn hơn định dạng
mà cchc này hiểu nghĩa là tệp được viết cho bản cchc mới hơn: hãy cập nhật cchc.
Quy tắc này không tắt và không hạ mức được.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "format-version"
SEVERITY = Severity.ERROR
REQUIRED = True


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
