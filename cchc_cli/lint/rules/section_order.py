"""Số thứ tự của các mục không theo thứ tự I, II, III… (lặp, lùi hoặc nhảy cóc).

Các mục của phụ lục thường được đánh số La Mã liên tiếp từ I; một số cơ quan đánh số 1, 2, 3…
hoặc A, B, C… (kế hoạch nhập bằng `cchc import` giữ cách đánh số của văn bản). Quy tắc báo mục
có số không đúng chỗ: "mục V đứng sau mục III (thiếu mục IV)", "mục III lặp lại hoặc lùi thứ
tự sau mục IV", và số viết không đúng cách viết La Mã chuẩn ("IIII", "VX"). Kế hoạch dùng lẫn
hai cách đánh số (I, II rồi 3) cũng bị báo.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "section-order"
SEVERITY = Severity.WARNING

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CANONICAL = re.compile(r"^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def roman_value(numeral: str) -> int | None:
    """The value of a canonical Roman numeral (1–399), None for anything else."""
    if not numeral or not _CANONICAL.match(numeral):
        return None
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _VALUES[char]
        total += -value if following and _VALUES[following] > value else value
    return total


def to_roman(value: int) -> str:
    parts = []
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                            (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        count, value = divmod(value, number)
        parts.append(letters * count)
    return "".join(parts)


def numeral_value(numeral: str, style: str | None = None) -> tuple[str, int] | None:
    """The numbering style ("roman", "arabic", "letter") and value of a section numeral.

    A single letter that is also a Roman numeral (I, V, X, L, C) is read in the `style` of the
    sections before it: C after A and B is the third section, I alone is the first."""
    if len(numeral) == 1 and "A" <= numeral <= "Z" and (style == "letter" or roman_value(numeral) is None):
        return "letter", ord(numeral) - ord("A") + 1
    roman = roman_value(numeral)
    if roman is not None:
        return "roman", roman
    if numeral.isdigit():
        return "arabic", int(numeral)
    return None


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
