"""Tên gọi khác (alias) của đơn vị, nhóm hay sự kiện có vẻ là một mảnh của tên dài hơn.

Trong YAML, danh sách viết trên một dòng `[A, B]` tách ở mỗi dấu phẩy: viết
`aliases: [Tất cả các phòng, ban, đơn vị thuộc và trực thuộc Sở]` là BA tên gọi khác
("Tất cả các phòng", "ban", "đơn vị thuộc và trực thuộc Sở"), và khi đó `cchc list -u ban`
khớp cả nhóm "toàn Sở". Quy tắc này báo:
- tên gọi khác chỉ có một chữ ("ban", "Sở"): quá dễ khớp nhầm khi tìm đơn vị;
- tên gọi khác trùng với một đoạn giữa hai dấu phẩy của một tên dài hơn của chính mục đó
  (tên "Các phòng, ban, đơn vị thuộc và trực thuộc Sở" có đoạn "ban");
- trong danh sách một dòng không có ngoặc kép, một tên bắt đầu bằng chữ thường ngay sau dấu
  phẩy: thường là phần sau của một tên có dấu phẩy bị tách ra.
Sửa: đặt tên có dấu phẩy trong ngoặc kép, `aliases: ["Tất cả các phòng, ban, đơn vị thuộc và
trực thuộc Sở"]`, hoặc viết mỗi tên một dòng bắt đầu bằng `- `.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.textfold import fold

ID = "unit-alias"
SEVERITY = Severity.WARNING

_PIECES = re.compile(r"\s*[,;]\s*")


def check(ctx: LintContext) -> Iterator[Finding]:
    if not isinstance(ctx.data, dict):
        return
    for kind in ("units", "groups", "events"):
        entries = ctx.data.get(kind)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                yield from _entry(ctx, (kind, index), entry)


def _entry(ctx: LintContext, path: tuple[str | int, ...], entry: dict[str, Any]) -> Iterator[Finding]:
    name = entry.get("name")
    aliases = entry.get("aliases")
    if not isinstance(aliases, list):
        return
    names = [n for n in (name, *aliases) if isinstance(n, str) and n.strip()]
    for a_index, alias in enumerate(aliases):
        if not isinstance(alias, str) or not alias.strip():
            continue
        where = (*path, "aliases", a_index)
        folded = fold(alias)
        longer = [other for other in names if other is not alias and len(fold(other)) > len(folded)]
        if len(folded.split()) == 1:
            yield ctx.at(
                where,
                f"tên gọi khác “{alias}” chỉ có một chữ: dễ khớp nhầm khi tìm đơn vị; "
                "nếu nó là một phần của tên có dấu phẩy, đặt cả tên trong ngoặc kép",
            )
        elif any(folded in (fold(piece) for piece in _PIECES.split(other)) for other in longer):
            whole = next(o for o in longer if folded in (fold(p) for p in _PIECES.split(o)))
            yield ctx.at(
                where,
                f"tên gọi khác “{alias}” là một đoạn của tên “{whole}”; tên có dấu phẩy phải đặt "
                "trong ngoặc kép",
            )
        elif a_index > 0 and alias[:1].islower() and _plain_in_flow(ctx, where):
            yield ctx.at(
                where,
                f"tên gọi khác “{alias}” bắt đầu bằng chữ thường ngay sau dấu phẩy: có phải một "
                "tên có dấu phẩy bị tách? Đặt cả tên trong ngoặc kép",
            )


def _plain_in_flow(ctx: LintContext, path: tuple[str | int, ...]) -> bool:
    """Whether the value at `path` is written unquoted inside a one-line `[…]` list."""
    line, column = ctx.source.locate(path)
    if not 0 < line <= len(ctx.lines):
        return False
    text = ctx.lines[line - 1]
    before = text[: column - 1].rstrip()
    at = text[column - 1 : column]
    return before.endswith(",") and "[" in before and at not in ("'", '"')
