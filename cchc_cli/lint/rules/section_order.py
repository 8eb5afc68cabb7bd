"""Số thứ tự của các mục không theo thứ tự I, II, III… (lặp, lùi hoặc nhảy cóc).

Các mục của phụ lục thường được đánh số La Mã liên tiếp từ I; một số cơ quan đánh số 1, 2, 3…
hoặc A, B, C… (kế hoạch nhập bằng `cchc import` giữ cách đánh số của văn bản). Quy tắc báo mục
có số không đúng chỗ: "mục V đứng sau mục III (thiếu mục IV)", "mục III lặp lại hoặc lùi thứ
tự sau mục IV", và số viết không đúng cách viết La Mã chuẩn ("IIII", "VX"). Kế hoạch dùng lẫn
hai cách đánh số (I, II rồi 3) cũng bị báo.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.plan.numerals import numeral_value, roman_value, to_roman

__all__ = ["ID", "SEVERITY", "check", "numeral_value", "roman_value", "to_roman"]

ID = "section-order"
SEVERITY = Severity.WARNING


def _name(style: str, value: int) -> str:
    if style == "arabic":
        return str(value)
    if style == "letter":
        return chr(ord("A") + value - 1)
    return to_roman(value)


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.plan is None:
        return
    previous = 0
    style: str | None = None
    for index, section in enumerate(ctx.plan.sections):
        path = ("sections", index, "numeral")
        read = numeral_value(section.numeral, style)
        if read is None:
            yield ctx.at(path, f"'{section.numeral}' không phải số La Mã viết đúng cách")
            continue
        if style is not None and read[0] != style:
            yield ctx.at(
                path, f"mục {section.numeral} đánh số khác các mục trước (mục {_name(style, previous)})"
            )
            continue
        style, value = read
        if value == previous + 1:
            pass
        elif value <= previous:
            yield ctx.at(
                path, f"mục {section.numeral} lặp lại hoặc lùi thứ tự sau mục {_name(style, previous)}"
            )
        else:
            missing = ", ".join(_name(style, v) for v in range(previous + 1, value))
            after = f" đứng sau mục {_name(style, previous)}" if previous else " là mục đầu tiên"
            yield ctx.at(path, f"mục {section.numeral}{after} (thiếu mục {missing})")
        previous = value
