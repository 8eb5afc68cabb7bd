"""Write a validated Plan as YAML text in the bundled plan's style, without a YAML library.

PyYAML belongs to the loader; writing needs only a small subset of YAML, done here by hand:
block mappings and sequences with keys in the models' order, flow lists (`[a, b]`) of ids
and of names that need no quotes, plain scalars where YAML 1.1 and 1.2 both read them back
as the same string, `|-` literal blocks for multi-line cells that come back exactly, and
double-quoted strings (JSON-style escapes, valid YAML) for everything else: text that would
read as a number, date, boolean or null (`2025`, `2025-03-05`, `1:20`, `0x7E9`, `yes`, `~`),
text starting with an indicator (`- `, `*`, `&`, `!`, `%`, `@`, quotes…), containing `: ` or
` #`, with leading or trailing spaces, or with characters YAML cannot hold raw.

Fields equal to their default are left out (a task without `deadlines`, a unit without
aliases), except the Kèm-theo document's fields and an event's `date`, which the user fills
in later, and the cells of the columns the plan's table prints.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from pydantic import BaseModel

from cchc_cli.plan.model import TASK_FIELDS, DocumentRef, Event, Plan, Task

__all__ = ["plan_to_yaml"]

_ALWAYS: dict[type[BaseModel], frozenset[str]] = {
    DocumentRef: frozenset(DocumentRef.model_fields),
    Event: frozenset({"date"}),
}

# Characters a YAML stream may hold raw. Not listed, so escaped: C0/C1 controls, DEL,
# surrogates, U+FFFE/FFFF, and the characters PyYAML reads as line breaks (U+0085 NEL,
# U+2028, U+2029) or as a byte-order mark (U+FEFF).
_RAW_SAFE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_RESERVED = frozenset({"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "<<", "="})
_NUMBERISH = re.compile(r"[-+]?[.0-9]")
_FLOW_UNSAFE = frozenset(",[]{}#:")
_FLOW_WIDTH = 100  # a longer `key: [a, b, …]` line becomes a block list, one item a line


def _plain_ok(text: str, *, flow: bool = False) -> bool:
    """Whether `text` can be written without quotes and read back as this very string."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if not _RAW_SAFE.fullmatch(text):  # also rules out tabs and line breaks
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if text.lower() in _RESERVED or (text.isascii() and _NUMBERISH.match(text)):
        return False  # would resolve to null, a boolean, a number or a date
    return not (flow and any(ch in _FLOW_UNSAFE for ch in text))


def _escape_char(ch: str) -> str:
    special = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if ch in special:
        return special[ch]
    if _RAW_SAFE.fullmatch(ch):
        return ch
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _quoted(text: str) -> str:
    return '"' + "".join(_escape_char(ch) for ch in text) + '"'


def _literal_ok(text: str) -> bool:
    """Whether `text` comes back exactly from a `|-` block: several lines, no final line
    break, a first line that fixes the indentation, no blank-looking lines made of spaces."""
    if "\n" not in text or text.endswith("\n"):
        return False
    lines = text.split("\n")
    if not lines[0] or lines[0][0] in " \t":
        return False
    return all(_RAW_SAFE.fullmatch(line) and (line.strip() or not line) for line in lines)


def _scalar(value: Any, indent: int) -> str:
    """The text after `key: ` (or `- `): inline, or `|-` followed by the block's lines."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _plain_ok(text):
        return text
    if _literal_ok(text):
        pad = " " * (indent + 2)
        return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
    return _quoted(text)


def _flow(items: list[Any]) -> str | None:
    """`[a, b]` when every item is a plain word safe inside brackets, else None."""
    if not all(isinstance(item, str) and _plain_ok(item, flow=True) for item in items):
        return None
    return "[" + ", ".join(items) + "]"


_NO_DEFAULT = object()


@functools.cache
def _defaults(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """Each field of `model` in order, with its default (_NO_DEFAULT when required).

    Asking pydantic per value is slow: get_default inspects a default factory's signature
    on every call."""
    return tuple(
        (name, _NO_DEFAULT if info.is_required() else info.get_default(call_default_factory=True))
        for name, info in model.model_fields.items()
    )


def _fields(model: BaseModel, printed: frozenset[str]) -> list[tuple[str, Any]]:
    always = printed if isinstance(model, Task) else _ALWAYS.get(type(model), frozenset())
    kept = []
    for name, default in _defaults(type(model)):
        value = getattr(model, name)
        if name in always or default is _NO_DEFAULT or value != default:
            kept.append((name, value))
    return kept


class _Writer:
    def __init__(self, printed: frozenset[str]) -> None:
        self.lines: list[str] = []
        self.printed = printed  # Task fields whose column the table prints

    def value(self, key: str, value: Any, indent: int) -> None:
        pad = " " * indent
        name = _scalar(key, indent)
        if isinstance(value, BaseModel):
            self.lines.append(f"{pad}{name}:")
            self.mapping(value, indent + 2)
        elif isinstance(value, dict):
            if not value:
                self.lines.append(f"{pad}{name}: {{}}")
                return
            self.lines.append(f"{pad}{name}:")
            for sub_key, sub_value in value.items():
                self.value(str(sub_key), sub_value, indent + 2)
        elif isinstance(value, list):
            self.sequence(name, value, indent)
        else:
            self.lines.append(f"{pad}{name}: {_scalar(value, indent)}")

    def sequence(self, name: str, items: list[Any], indent: int) -> None:
        pad = " " * indent
        flow = _flow(items) if not items or not isinstance(items[0], BaseModel) else None
        if flow is not None and (not items or len(pad) + len(name) + len(flow) <= _FLOW_WIDTH):
            self.lines.append(f"{pad}{name}: {flow}")
            return
        self.lines.append(f"{pad}{name}:")
        for item in items:
            if isinstance(item, BaseModel):
                start = len(self.lines)
                self.mapping(item, indent + 4)
                # "    key: v" -> "  - key: v": the first key of the item carries the dash
                first = self.lines[start]
                self.lines[start] = f"{pad}  - {first[indent + 4 :]}"
            else:
                self.lines.append(f"{pad}  - {_scalar(item, indent + 2)}")

    def mapping(self, model: BaseModel, indent: int) -> None:
        for key, value in _fields(model, self.printed):
            self.value(key, value, indent)


def plan_to_yaml(plan: Plan, *, header: str | None = None) -> str:
    """`plan` as YAML text that loads back (plan/loader.py) into an equal Plan.

    `header` becomes comment lines at the top ("# …"). Top-level blocks are separated by a
    blank line, as in plans/2025.yaml; the text ends with a line break.
    """
    printed = frozenset(c.key for c in plan.table_columns) & frozenset(TASK_FIELDS)
    writer = _Writer(printed)
    out: list[str] = []
    if header:
        for line in header.splitlines():
            safe = "".join(ch if _RAW_SAFE.fullmatch(ch) or ch == "\t" else "?" for ch in line)
            out.append(f"# {safe}".rstrip())
    for index, (key, value) in enumerate(_fields(plan, printed)):
        writer.lines = []
        writer.value(key, value, 0)
        if index:
            out.append("")
        out.extend(writer.lines)
    return "\n".join(out) + "\n"
