"""Chữ tiếng Việt không ở dạng Unicode dựng sẵn (NFC).

Cùng một chữ "ộ" có thể lưu là một ký tự (dựng sẵn, NFC) hoặc là "o" cộng hai dấu rời (tổ
hợp, thường gặp khi chép từ PDF hay từ máy Mac). Hai cách trông giống hệt nhau nhưng tìm kiếm,
so sánh, sắp xếp sẽ coi là khác nhau: "Văn phòng" tổ hợp không khớp đơn vị "Văn phòng".

Quy tắc báo dòng và cột của ký tự tổ hợp đầu tiên trên mỗi dòng. Sửa: chuyển tệp sang dạng
dựng sẵn (Unikey: công cụ chuyển mã "Unicode tổ hợp" sang "Unicode"; VS Code: lệnh
"Normalize to NFC"), hoặc gõ lại chữ đó.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "not-nfc"
SEVERITY = Severity.WARNING


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.data is None or unicodedata.is_normalized("NFC", ctx.text):
        return
    for number, line in enumerate(ctx.lines, start=1):
        if unicodedata.is_normalized("NFC", line):
            continue
        column = _first_offender(line)
        yield Finding(
            number,
            column,
            "chữ ở dạng Unicode tổ hợp (dấu rời), không phải dựng sẵn (NFC); chuyển sang Unicode dựng sẵn",
        )


def _first_offender(line: str) -> int:
    """1-based column of the first character that NFC would change."""
    for index, char in enumerate(line):
        if unicodedata.combining(char):
            return max(index, 1)  # the letter carrying the mark
        if unicodedata.normalize("NFC", char) != char:
            return index + 1
    return 1
