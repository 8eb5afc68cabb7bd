"""Lỗi cú pháp YAML: tệp không đọc được thành dữ liệu.

Báo dòng và cột nơi trình đọc YAML dừng lại, kèm gợi ý khi nhận ra lỗi quen thuộc:
thụt lề bằng phím tab, thiếu dấu `:` sau khóa, dấu `:` trong ô chữ mà không có ngoặc kép,
tệp bị cắt cụt giữa chừng, bí danh (`*ten`) chưa định nghĩa hoặc tự tham chiếu thành vòng lặp.
Cũng báo tệp trống (kể cả chỉ có `---` hay `null`), tệp nhị phân (không phải văn bản), tệp
không lưu bằng mã hóa UTF-8 (UTF-16 được gọi đúng tên), ký tự điều khiển viết thẳng trong tệp,
thẻ YAML không chuẩn (`!!python/…`, `!ten_rieng`; chỉ nhận `!!str`, `!!int`, `!!float`,
`!!bool`, `!!null`, `!!seq`, `!!map`), khóa gộp `<<`, bí danh mở rộng quá lớn (quá hai lần độ
dài tệp hoặc 500 000 phần tử) và dữ liệu lồng quá 100 cấp.

Khi có lỗi này, các quy tắc khác không chạy được; sửa lỗi rồi chạy lại `cchc lint`.
Quy tắc này không tắt và không hạ mức được.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "yaml-syntax"
SEVERITY = Severity.ERROR
REQUIRED = True


def check(ctx: LintContext) -> Iterator[Finding]:
    yield from ctx.loader_findings(ID)
