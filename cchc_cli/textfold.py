"""Text helpers for matching Vietnamese names: NFC, diacritic- and case-insensitive folding."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """'Văn phòng  Sở' -> 'van phong so': no diacritics, lower case, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def squash(text: str) -> str:
    """Collapse every run of white space (line breaks included) into one space."""
    return _SPACES.sub(" ", text).strip()


def capitals(text: str) -> float:
    """The share of the letters of `text` written in capitals (0.0 when it has none)."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) / len(letters) if letters else 0.0


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at `limit` characters with "…" (for messages)."""
    flat = squash(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
