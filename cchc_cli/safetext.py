"""Text that is safe to show: one definition of the characters a plan must not carry, and of
how cells are written for spreadsheets.

- `CONTROL`: C0 control characters except tab, line feed and carriage return; DEL; C1
  control characters; and the bidirectional overrides and isolates (U+202A–U+202E,
  U+2066–U+2069), which reorder what a reader sees ("Trojan Source"). The lint rule
  `control-character` refuses them in a plan; `escape_controls` shows them as `\\u001b` or
  `\\u202e` wherever cchc prints to a terminal or a pipe, so a cell cannot ring the bell, move
  the cursor, retitle the window or reverse the text of the line; `document_text` does the
  same wherever cchc writes a document for people (Word, Excel, calendars, web pages,
  e-mail), which cannot hold most of them (XML, RFC 5545) or would show them reordered: the
  reader sees where the plan needs fixing instead of a file that fails or a text that
  silently lost characters. Data for other tools (JSON, CSV, SQLite) keeps the text as it is.
- `spreadsheet_text`: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
  gets a leading `'` (OWASP's rule against CSV injection), so Excel and LibreOffice show it as
  text instead of running it as a formula. A "- " bullet at the start of a multi-line cell
  therefore reads "'- …" in the CSV file; the .xlsx export stores such cells as text cells
  and needs no quote.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Shown escaped: the same, plus a carriage return that does not end a line (it would let the
# rest of the line overwrite its start).
_SHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")

_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x1B: "ESC",
    0x7F: "DEL",
    0x9B: "CSI",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
}


def describe(char: str) -> str:
    """'U+001B (ESC)': the code point, and its usual short name when it has one."""
    code = ord(char)
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def escaped(char: str) -> str:
    """How one control character is shown: `\\u001b`, `\\u202e`. One form for all, and the
    JSON one: in JSON output (`--format json`) the escape decodes back to the character."""
    return f"\\u{ord(char):04x}"


def escape_controls(text: str) -> str:
    """`text` with every control character (and a lone CR) shown as an escape."""
    if not _SHOWN.search(text):
        return text
    return _SHOWN.sub(lambda match: escaped(match.group()), text)


def document_text(text: str) -> str:
    """`text` as a document for people receives it: every control character shown as an
    escape. A lone CR is only white space there (and looking for it doubles the time of a
    search through a whole web page), so it is left to the format."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda match: escaped(match.group()), text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """A text cell as a spreadsheet must receive it: a leading `'` when it would start a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def clip(text: str, limit: int = 80) -> str:
    """`text` cut to `limit` characters (with "…"), for messages that quote what was typed."""
    return text if len(text) <= limit else text[:limit] + "…"
