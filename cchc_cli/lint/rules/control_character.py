"""Ký tự điều khiển trong tệp: ESC, BEL, NUL, DEL, C1 và ký tự đảo chiều chữ (bidi).

Các ký tự này không nhìn thấy được nhưng có tác dụng khi chữ được in ra: ESC (`\\x1b`) mở đầu
lệnh điều khiển màn hình (đổi màu, xóa dòng, đổi tiêu đề cửa sổ), BEL (`\\x07`) làm máy kêu,
DEL và các ký tự C1 (U+0080–U+009F) làm rối màn hình; các ký tự định hướng U+202A–U+202E,
U+2066–U+2069 đảo thứ tự chữ hiển thị, khiến một dòng đọc khác với nội dung thật (kiểu
"Trojan Source"). Chúng lọt vào tệp khi chép từ trang web hay tài liệu khác, hoặc do người
cố ý chèn vào; trong tệp YAML chúng cũng có thể được viết bằng dấu thoát trong ngoặc kép
(`"\\e"`, `"\\x1b"`, `"\\u202e"`).

Quy tắc báo dòng và cột của từng ký tự (hoặc của dấu thoát viết ra nó), ở bất cứ đâu trong
tệp: chữ trong ô, khóa, cả chú thích. Tab, xuống dòng và CR (tệp lưu kiểu Windows) không bị
báo. Sửa: xóa ký tự đó (trong VS Code, bật "Render Control Characters" để thấy nó). Khi cchc
in chữ ra màn hình, các ký tự này luôn được hiện thành dạng thoát như `\\u001b`, không bao giờ
được gửi nguyên vẹn tới màn hình.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.plan.sourcemap import PathKey
from cchc_cli.safetext import CONTROL, describe

ID = "control-character"
SEVERITY = Severity.ERROR

_NAMED_ESCAPES = {0x00: "0", 0x07: "a", 0x08: "b", 0x0B: "v", 0x0C: "f", 0x1B: "e", 0x85: "N"}


def _message(char: str) -> str:
    return f"ký tự điều khiển {describe(char)} không in được; xóa ký tự này"


def check(ctx: LintContext) -> Iterator[Finding]:
    for number, text in enumerate(ctx.lines, start=1):
        for match in CONTROL.finditer(text):
            yield Finding(number, match.start() + 1, _message(match.group()))
    if ctx.data is None or "\\" not in ctx.text:
        return  # no escape sequence, so every character is written as itself (reported above)
    for path, value, is_key in _strings(ctx.data, ()):
        if not CONTROL.search(value):
            continue
        line, column = ctx.source.locate(path, key=is_key)
        written = ctx.lines[line - 1 : line + value.count("\n") + 1]
        for char in dict.fromkeys(CONTROL.findall(value)):
            if any(char in text for text in written):
                continue  # written as itself: reported above
            yield Finding(*_escape_position(ctx, (line, column), written, char), _message(char))


def _escape_position(
    ctx: LintContext, start: tuple[int, int], written: list[str], char: str
) -> tuple[int, int]:
    """Where the escape that writes `char` stands, in the lines the value spans."""
    code = ord(char)
    short = f"[xX]{code:02x}|" if code < 0x100 else ""
    escape = re.compile(rf"\\(?:{short}u{code:04x}|U{code:08x})", re.IGNORECASE)
    named = "\\" + _NAMED_ESCAPES[code] if code in _NAMED_ESCAPES else None
    for offset, text in enumerate(written):
        begin = start[1] - 1 if offset == 0 else 0
        hits = [m.start() for m in [escape.search(text, begin)] if m]
        if named is not None and text.find(named, begin) >= 0:
            hits.append(text.find(named, begin))
        if hits:
            return start[0] + offset, min(hits) + 1
    return start


def _strings(data: Any, path: PathKey) -> Iterator[tuple[PathKey, str, bool]]:
    if isinstance(data, str):
        yield path, data, False
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*path, key), key, True
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
