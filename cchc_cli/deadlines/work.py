"""A work meter for the deadline language: characters handed to its scanners.

Every stage that hands text to a pattern (the cell splitter for each line, the phrase table for
each milestone phrase, the value scanner for each search) charges the length it hands over.
Tests reset and read the meter to prove that reading a cell costs work in proportion to its
length (no rescanning of a growing string). Not thread-safe; not meant for anything but that.
"""

from __future__ import annotations

__all__ = ["charge", "read", "reset"]

_spent = [0]


def charge(chars: int) -> None:
    _spent[0] += chars


def reset() -> None:
    _spent[0] = 0


def read() -> int:
    return _spent[0]
