"""Khoảng trắng thừa: dấu cách cuối dòng, ký tự tab, hai dấu cách liền nhau trong chữ.

Những khoảng trắng này không nhìn thấy được nhưng làm sai khác khi so sánh, tìm kiếm và khi
xem thay đổi (`cchc diff`, git), và tab làm lệch thụt lề. Quy tắc xét:
- trên từng dòng của tệp: dấu cách hoặc tab ở cuối dòng; ký tự tab ở bất cứ đâu (tab dùng để
  thụt lề thì đã là lỗi `yaml-syntax`);
- trong chữ của mỗi ô (sau khi đọc YAML, nên khoảng trắng thụt lề của YAML không bị tính):
  hai dấu cách trở lên giữa hai chữ; khoảng trắng ở đầu hoặc cuối ô; ô kết thúc bằng dòng
  trống (thường do viết `|` thay cho `|-`).
Mỗi chỗ chỉ báo một lần. Sửa: xóa khoảng trắng thừa (nhiều trình soạn thảo có lệnh "Trim
trailing whitespace").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.plan.sourcemap import PathKey

ID = "whitespace"
SEVERITY = Severity.WARNING

_DOUBLE = re.compile(r"(\S+)([ \t\u00a0]{2,}|\t)(?=\S)")
_TRAILING = "khoảng trắng thừa ở cuối ô"


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.data is None:
        return
    seen: set[tuple[int, int]] = set()
    trailing_lines: set[int] = set()
    for number, line in enumerate(ctx.lines, start=1):
        stripped = line.rstrip(" \t")
        if len(stripped) != len(line):
            trailing_lines.add(number)
            seen.add((number, len(stripped) + 1))
            yield Finding(number, len(stripped) + 1, "khoảng trắng thừa ở cuối dòng")
        tab = stripped.find("\t")
        if tab >= 0:
            seen.add((number, tab + 1))
            yield Finding(number, tab + 1, "ký tự tab; dùng dấu cách")
    for path, value in _strings(ctx.data, ()):
        if not _suspect(value):
            continue
        for finding in _in_value(ctx, path, value):
            if (finding.line, finding.column) in seen:
                continue
            if finding.message == _TRAILING and finding.line in trailing_lines:
                continue
            seen.add((finding.line, finding.column))
            yield finding


def _suspect(value: str) -> bool:
    """A cheap test that skips the regular expressions for the usual, clean cell."""
    return bool(value) and (
        "  " in value or "\t" in value or "\u00a0" in value or value[0].isspace() or value[-1].isspace()
    )


def _position(ctx: LintContext, path: PathKey, fragment: str, skip: int, nth: int = 0) -> tuple[int, int]:
    """Where the text `skip` characters into `fragment` is written; the value's start if the
    fragment is not written verbatim (escapes, folded lines)."""
    found = ctx.search_in(path, fragment, nth)
    return (found[0], found[1] + skip) if found else ctx.source.locate(path)


def _in_value(ctx: LintContext, path: PathKey, value: str) -> Iterator[Finding]:
    for match in _DOUBLE.finditer(value):
        nth = value.count(match.group(0), 0, match.start())
        line, column = _position(ctx, path, match.group(0), len(match.group(1)), nth)
        what = "ký tự tab" if "\t" in match.group(2) else f"{len(match.group(2))} dấu cách liền nhau"
        yield Finding(line, column, f"{what} giữa hai chữ; chỉ để một dấu cách")
    if not value.strip():
        return  # an empty or blank cell is the `empty-cell` rule's business
    if value[0].isspace():
        yield ctx.at(path, "khoảng trắng thừa ở đầu ô")
    if value.endswith("\n"):
        yield ctx.at(path, "ô kết thúc bằng dòng trống; dùng '|-' thay cho '|'")
    elif value[-1].isspace():
        tail = value.rstrip()
        last_word = tail.split()[-1]
        line, column = _position(ctx, path, last_word + value[len(tail) :], len(last_word))
        yield Finding(line, column, _TRAILING)


def _strings(data: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
