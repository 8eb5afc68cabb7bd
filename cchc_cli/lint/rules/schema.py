"""Sai định dạng kế hoạch: thiếu khóa, khóa lạ, sai kiểu, ngày không tồn tại.

Mỗi lỗi kiểm tra của mô hình kế hoạch được đặt đúng dòng, cột của ô sai: khóa viết sai
chính tả (`shedule:` — có gợi ý tên đúng), khóa bắt buộc bị thiếu (báo ở bảng chứa nó),
giá trị sai kiểu (chữ thay cho danh sách…), mã đơn vị sai dạng, ngày không có thật
(`2025-02-31`), năm kế hoạch ngoài khoảng 2000–2100, mốc hạn thiếu `text` lẫn `kind`.
Lời nhắn bắt đầu bằng đường dẫn của ô, ví dụ `sections.0.tasks.1.lead`.

Khi có lỗi này, các quy tắc cần kế hoạch hợp lệ (hạn, nhiệm vụ trùng…) không chạy.
Quy tắc này không tắt và không hạ mức được: tệp sai định dạng không thể coi là đạt.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "schema"
SEVERITY = Severity.ERROR
REQUIRED = True


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
