"""Splitting one "Tiến độ" cell into milestone phrases, in one pass over the cell.

A cell is cleaned once (HTML tags and entities removed, NFC) and split on line breaks; a line
left open -- ending with a word that needs what follows ("Trước ngày", "đến hết", "sau khi"…)
or with a parenthesis still open -- is joined with the next one. Each joined line is then split
on ";" and bullets ("•", and "-"/"+" between spaces when the cell or the line starts with a
bullet). Each line is folded and looked at once: whether the text so far is open is kept as a
running parenthesis count and a short tail of the text, so the cost is linear in the cell's
length however many lines are joined.
"""

from __future__ import annotations

import html
import re
import unicodedata

from cchc_cli.deadlines import work
from cchc_cli.deadlines.fold import fold

__all__ = ["DANGLING_WORDS", "segments"]

_TAG = re.compile(r"<[^<>]*>")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
_PIECES = re.compile(r"[;•▪●◦]+")
_INLINE_BULLET = re.compile(r"(?<=\s)[-+–—](?=\s)")
_BULLET_START = re.compile(r"^\s*[-+–—*•]")

DANGLING_WORDS: tuple[str, ...] = (
    *("truoc", "den", "het", "tu", "trong", "vao", "la", "nhat", "hon", "chot"),
    *("khi", "co", "sau", "ke", "tinh", "cua", "va", "thu", "ngay"),
)
"""Folded words that leave a line open ("Trước ngày" + newline + "15/12/2025")."""

# A line ending with a dangling word (optionally followed by ":") continues on the next line;
# "ngày" does not when it is "hằng ngày"/"mỗi ngày".
_DANGLING = re.compile(
    r"(?:\b(?:" + "|".join(w for w in DANGLING_WORDS if w != "ngay") + r")"
    r"|(?<!hang\s)(?<!moi\s)\bngay)\s*:?\s*$"
)
# The pattern looks at most ~21 characters back once runs of white space are capped at two
# characters (which changes no match: it only tells one white space character from several),
# so the last 32 characters of the joined text, so capped, decide as well as the whole text.
_TAIL = 32
_LONG_SPACE = re.compile(r"\s{3,}")


def _lines(cleaned: str) -> list[str]:
    """Split on line breaks, re-joining a line left open (dangling word or open parenthesis)."""
    out: list[list[str]] = []
    balance = 0  # "(" minus ")" in the current joined line
    tail = ""  # the last _TAIL characters of the current joined line, folded and capped
    for line in _LINE_BREAKS.split(cleaned):
        folded = fold(line)
        capped = _LONG_SPACE.sub("  ", folded)
        work.charge(len(folded) + len(tail))
        if out and (balance > 0 or _DANGLING.search(tail)):
            out[-1].append(line)
            # Only the junction of the two pieces can form a new long run of white space.
            tail = _LONG_SPACE.sub("  ", f"{tail} {capped[-2 * _TAIL :]}")[-_TAIL:]
        else:
            out.append([line])
            balance = 0
            tail = capped[-_TAIL:]
        balance += folded.count("(") - folded.count(")")
    return [" ".join(parts) for parts in out]


def segments(text: str) -> list[str]:
    """The milestone phrases of a cell, in order (some may be blank)."""
    cleaned = unicodedata.normalize("NFC", html.unescape(_TAG.sub(" ", text)))
    work.charge(len(cleaned))
    bullet_cell = bool(_BULLET_START.match(cleaned))
    out: list[str] = []
    for line in _lines(cleaned):
        bullet_line = bullet_cell or bool(_BULLET_START.match(line))
        for piece in _PIECES.split(line):
            if bullet_line:
                out.extend(_INLINE_BULLET.split(piece))
            else:
                out.append(piece)
    return out
