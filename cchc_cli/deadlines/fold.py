"""Folding and trimming for the deadline language.

``fold`` maps every character to exactly one character (no diacritics, lower case, "đ" -> "d"),
so an index found on folded text is the same index in the original: patterns are written on
folded text and labels are cut from the original. ``trim_bounds`` shrinks a span past bullets,
trailing punctuation and a "và" left at either edge. Pure and cheap to import.
"""

from __future__ import annotations

import unicodedata

from cchc_cli.textfold import squash

__all__ = ["LEAD_CHARS", "TRAIL_CHARS", "fold", "squash", "trim", "trim_bounds"]


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    low = base.lower()
    return low if len(low) == 1 else ch


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds each character on first sight, then from memory."""

    def __missing__(self, code: int) -> str:
        out = self[code] = _fold_char(chr(code))
        return out


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold an NFC string one character for one character (same length, same indices)."""
    return text.translate(_TABLE)


LEAD_CHARS = frozenset(" \t\r\n\f\v\u00a0-+•*–—▪●◦·")
TRAIL_CHARS = frozenset(" \t\r\n\f\v\u00a0;,.:-–—")


def trim_bounds(f: str, i: int, j: int) -> tuple[int, int]:
    """Shrink [i, j) of folded ``f`` past bullets / trailing punctuation and edge "và"."""
    while True:
        start = (i, j)
        while i < j and f[i] in LEAD_CHARS:
            i += 1
        if f.startswith("va", i, j) and (i + 2 == j or f[i + 2].isspace()):
            i += 2
        while j > i and f[j - 1] in TRAIL_CHARS:
            j -= 1
        if j - i >= 2 and f[j - 2 : j] == "va" and (j - 2 == i or f[j - 3].isspace()):
            j -= 2
        if (i, j) == start:
            return i, j


def trim(text: str) -> str:
    """``text`` without edge bullets, punctuation and "và", white space squashed."""
    f = fold(text)
    i, j = trim_bounds(f, 0, len(f))
    return squash(text[i:j])
