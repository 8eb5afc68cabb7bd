"""Section numerals as appendices print them: Roman (I, II…), Arabic (1, 2…) or letters (A, B…).

One home for reading and writing them: the section-order lint rule checks their sequence,
the importer numbers a group row that has none and writes Word's Roman list numbers.
"""

from __future__ import annotations

import re

_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CANONICAL = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_LETTERS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def roman_value(numeral: str) -> int | None:
    """The value of a canonical Roman numeral (I–MMMCMXCIX), None for anything else
    ("IIII", "VX", "IC", "")."""
    if not numeral or not _CANONICAL.match(numeral):
        return None
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _VALUES[char]
        total += -value if following and _VALUES[following] > value else value
    return total


def to_roman(value: int) -> str:
    parts = []
    for number, letters in _LETTERS:
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
