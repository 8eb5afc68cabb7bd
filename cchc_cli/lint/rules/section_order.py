"""Số La Mã của các mục không theo thứ tự I, II, III… (lặp, lùi hoặc nhảy cóc).

Các mục của phụ lục được đánh số La Mã liên tiếp từ I. Quy tắc báo mục có số không đúng
chỗ: "mục V đứng sau mục III (thiếu mục IV)", "mục III lặp lại hoặc lùi thứ tự sau mục IV",
và số viết không đúng cách viết La Mã chuẩn ("IIII", "VX").
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


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.plan is None:
        return
    previous = 0
    for index, section in enumerate(ctx.plan.sections):
        path = ("sections", index, "numeral")
        value = roman_value(section.numeral)
        if value is None:
            yield ctx.at(path, f"'{section.numeral}' không phải số La Mã viết đúng cách")
            continue
        if value == previous + 1:
            pass
        elif value <= previous:
            yield ctx.at(path, f"mục {section.numeral} lặp lại hoặc lùi thứ tự sau mục {to_roman(previous)}")
        else:
            missing = ", ".join(to_roman(v) for v in range(previous + 1, value))
            after = f" đứng sau mục {to_roman(previous)}" if previous else " là mục đầu tiên"
            yield ctx.at(path, f"mục {section.numeral}{after} (thiếu mục {missing})")
        previous = value
