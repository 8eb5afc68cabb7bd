"""Tệp kế hoạch không đọc được: không có, không phải tệp thường, quá lớn, hoặc không mở được.

Báo khi đường dẫn đưa cho `cchc lint` không trỏ tới một tệp đọc được: không có tệp, là thư
mục, đường ống (FIFO), tệp thiết bị hay socket (cchc chỉ đọc tệp thường, và không chờ), liên
kết tượng trưng hỏng hoặc vòng lặp, không có quyền đọc, hoặc lớn hơn giới hạn 10 MB (nâng
bằng biến môi trường `CCHC_MAX_FILE_MB`). Kiểm tra lại đường dẫn (chạy lệnh từ thư mục chứa
`plans/`) rồi chạy lại. Tệp nhị phân, tệp trống và tệp không phải UTF-8 (kể cả UTF-16) được
báo dưới quy tắc `yaml-syntax`.

Quy tắc này không tắt và không hạ mức được: không đọc được tệp thì không kiểm tra được gì khác.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "file"
SEVERITY = Severity.ERROR
REQUIRED = True


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
