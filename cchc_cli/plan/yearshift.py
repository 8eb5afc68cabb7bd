"""Moving the years of a plan's text to another plan year: the rules of `cchc rollover`.

``YEAR_RULES`` is ONE ordered table. Each row names a way a year is written, its pattern on
folded text (no diacritics, lower case, same length as the original, see
``deadlines/fold.py``), what it does, an example and what the example becomes when a 2025
plan is rolled over to 2026. The scanner tries the rows at each position in table order and
takes the leftmost match, so a cited document ("Thông tư số 90/2018/TT-BTC ngày 28/9/2018")
is consumed whole before any of its years could be read as a date; cited-document rows come
first, year rows after them.

Three kinds of text, three behaviours (``Context``):

* ``schedule`` — a Tiến độ cell, an explicit milestone's text or label. Every year of the
  window (the source plan's year Y, Y − 1 and Y + 1) moves by the difference. A year Y − 1 is
  a deadline already before the source plan's own year (a stale deadline the source's
  `cchc lint` warns about): it moves too, so the bundled plan's "Trước ngày 30/11/2024"
  becomes "Trước ngày 30/11/2025" for 2026, and is flagged for review (it is still before the
  new plan's year). A year outside the window, and a stage ("giai đoạn 2021-2025", a span of
  more than one year), is kept and flagged.
* ``text`` — the task, output and assignment cells, extra columns, notes, section titles,
  event names. "năm Y − 1", "năm Y", "năm Y + 1" move (the year before, the plan year, the
  year after, all relative to the plan: "Chỉ số CCHC năm 2024" in a 2025 plan is last year's
  index, and next year's plan publishes 2025's); so do periods ("quý I/2025", "tháng
  3/2025"). A written date in the window moves and is flagged (it may be the date of a
  document that was not recognised as one). A bare year in the window ("CCHC 2025") is kept
  and flagged: without "năm" or a date around it there is no telling what it is. Other years
  ("năm 2020", stages) stay, silently.
* ``heading`` — the plan's title and Kèm-theo line: every year of the window moves, with no
  flag (the line's own number and date are the plan's, reviewed by the caller).

Cited documents never move, in any context: a document symbol with its year ("90/2018/TT-BTC",
"NĐ 106/2020/NĐ-CP"), a numbered document ("Quyết định số 1015/QĐ-TTg", "Kết luận số
91-KL/TU") with the date or year that follows it, a law named with its year ("Luật Đất đai
năm 2024", capital L), a standard ("TCVN ISO 9001:2015"). In a heading the date after a
numbered document is the plan's own and moves.

29/02 has no counterpart in a year that is not a leap year: it becomes 28/02 (the last day of
that February) and is flagged. Pure: text in, text and notes out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from cchc_cli.deadlines.fold import fold

__all__ = ["YEAR_RULES", "Context", "Note", "Shift", "Shifted", "YearRule", "shift_date", "shift_text"]

Context = Literal["schedule", "text", "heading"]
NoteKind = Literal["leap-day", "stale", "kept-year", "stage", "date-in-text", "bare-year"]


@dataclass(frozen=True)
class Shift:
    """From the source plan's year to the new one."""

    source: int
    target: int

    @property
    def delta(self) -> int:
        return self.target - self.source

    def in_window(self, year: int) -> bool:
        """Whether `year` is relative to the plan (the year before, the plan year, the year after)."""
        return self.source - 1 <= year <= self.source + 1


@dataclass(frozen=True)
class Note:
    """Something rollover could not decide alone: the phrase, what became of it, why."""

    kind: NoteKind
    found: str  # the phrase as written in the source
    result: str  # what it became ("" when kept)
    message: str  # Vietnamese, for the review list


@dataclass(frozen=True)
class Shifted:
    text: str
    notes: tuple[Note, ...] = ()


Handler = Callable[["re.Match[str]", str, Shift, Context], tuple[str, list[Note]]]


@dataclass(frozen=True)
class YearRule:
    name: str
    pattern: str  # on folded text; named groups are the row's own
    handler: Handler
    example: str
    result: str  # the example rolled from 2025 over to 2026 in `context`
    context: Context = "text"


# --- moving one year -----------------------------------------------------------------------


def shift_date(day: dt.date, shift: Shift) -> tuple[dt.date, bool]:
    """`day` in the target year; True when it was 29/02 and the target year has none."""
    year = day.year + shift.delta
    try:
        return day.replace(year=year), False
    except ValueError:
        return dt.date(year, 2, 28), True


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end) span replaced, spans given in increasing order."""
    out = []
    at = 0
    for start, end, new in spans:
        out.append(text[at:start])
        out.append(new)
        at = end
    out.append(text[at:])
    return "".join(out)


def _group_span(match: re.Match[str], name: str) -> tuple[int, int]:
    start, end = match.span(name)
    return start - match.start(), end - match.start()


def _years_moved(match: re.Match[str], original: str, shift: Shift, names: tuple[str, ...]) -> str:
    """The matched text with the years of groups `names` moved by the difference."""
    spans = []
    for name in names:
        if match.group(name) is None:
            continue
        start, end = _group_span(match, name)
        spans.append((start, end, str(int(match.group(name)) + shift.delta)))
    spans.sort()
    return _replace(original, spans)


def _keep(match: re.Match[str], original: str, shift: Shift, context: Context) -> tuple[str, list[Note]]:
    return original, []


def _stale(found: str, result: str, shift: Shift) -> Note:
    return Note(
        "stale",
        found,
        result,
        f"“{found}” đã trước năm kế hoạch {shift.source} ngay trong bản gốc; dời thành “{result}”, "
        f"vẫn trước năm {shift.target}: xem lại hạn này",
    )


def _kept(found: str, shift: Shift) -> Note:
    return Note(
        "kept-year",
        found,
        "",
        f"“{found}” không thuộc năm {shift.source - 1}–{shift.source + 1} nên giữ nguyên; "
        f"xem lại nếu hạn phải dời sang năm {shift.target}",
    )


def _moving_year(
    match: re.Match[str], original: str, shift: Shift, context: Context, names: tuple[str, ...]
) -> tuple[str, list[Note]]:
    """A phrase with one or more years (all in `names`): moved when every year is in the window."""
    years = [int(match.group(n)) for n in names if match.group(n) is not None]
    if not all(shift.in_window(y) for y in years):
        return original, [_kept(original, shift)] if context == "schedule" else []
    result = _years_moved(match, original, shift, names)
    if context == "schedule" and any(y < shift.source for y in years):
        return result, [_stale(original, result, shift)]
    return result, []


# --- handlers, one per kind of row ---------------------------------------------------------


def _citation(match: re.Match[str], original: str, shift: Shift, context: Context) -> tuple[str, list[Note]]:
    """A cited document: kept. In a heading, the date that follows it is the plan's own."""
    if context != "heading":
        return original, []
    names = tuple(n for n in ("cdy", "cwy", "cny") if match.group(n) is not None)
    if not names or not all(shift.in_window(int(match.group(n))) for n in names):
        return original, []
    moved = _years_moved(match, original, shift, names)
    return _leap_fix(match, moved, shift, ("cdd", "cdm", "cdy"), ("cwd", "cwm", "cwy"))[0], []


def _law(match: re.Match[str], original: str, shift: Shift, context: Context) -> tuple[str, list[Note]]:
    """'Luật Đất đai năm 2024' is a cited law only with a capital (a name): 'pháp luật năm 2025'
    is the plan year's dissemination of law, whose year moves like any other."""
    if original[:1].isupper():
        return original, []
    return _moving_year(match, original, shift, context, ("ly",))


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _leap_fix(
    match: re.Match[str], moved: str, shift: Shift, *triples: tuple[str, str, str]
) -> tuple[str, bool]:
    """A moved 29/02 written as 28/02 when the target year has no 29/02 (the day's digits only;
    a year keeps its four digits when moved, so positions in `moved` are those of the match)."""
    for day_name, month_name, year_name in triples:
        if match.group(day_name) is None or match.group(year_name) is None:
            continue
        if int(match.group(day_name)) != 29 or int(match.group(month_name)) != 2:
            continue
        if _is_leap(int(match.group(year_name)) + shift.delta):
            continue
        start, end = _group_span(match, day_name)
        return moved[:start] + "28" + moved[end:], True
    return moved, False


def _date(match: re.Match[str], original: str, shift: Shift, context: Context) -> tuple[str, list[Note]]:
    year = int(match.group("dy"))
    if not shift.in_window(year):
        return original, [_kept(original, shift)] if context == "schedule" else []
    moved = _years_moved(match, original, shift, ("dy",))
    moved, leap = _leap_fix(match, moved, shift, ("dd", "dm", "dy"))
    notes: list[Note] = []
    if leap:
        notes.append(
            Note(
                "leap-day",
                original,
                moved,
                f"“{original}”: năm {year + shift.delta} không có ngày 29/02; đã ghi “{moved}” "
                "(ngày cuối tháng 2), xem lại",
            )
        )
    if context == "schedule" and year < shift.source:
        notes.append(_stale(original, moved, shift))
    if context == "text":
        notes.append(
            Note(
                "date-in-text",
                original,
                moved,
                f"ngày “{original}” dời thành “{moved}”; nếu đó là ngày của một văn bản đã ban hành "
                "thì giữ lại ngày cũ",
            )
        )
    return moved, notes


def _range(match: re.Match[str], original: str, shift: Shift, context: Context) -> tuple[str, list[Note]]:
    """'2025-2026' (two consecutive years, a school year) moves; a stage does not."""
    first, last = int(match.group("ra")), int(match.group("rb"))
    stage = match.group("stage") is not None or last - first > 1 or last < first
    if stage or not (shift.in_window(first) and shift.in_window(last)):
        if context != "schedule":
            return original, []
        return original, [
            Note(
                "stage",
                original,
                "",
                f"“{original}” là một giai đoạn nhiều năm nên giữ nguyên; xem lại hạn của nhiệm vụ "
                f"trong năm {shift.target}",
            )
        ]
    return _moving_year(match, original, shift, context, ("ra", "rb"))


def _period(match: re.Match[str], original: str, shift: Shift, context: Context) -> tuple[str, list[Note]]:
    return _moving_year(match, original, shift, context, ("py",))


def _year_word(match: re.Match[str], original: str, shift: Shift, context: Context) -> tuple[str, list[Note]]:
    return _moving_year(match, original, shift, context, ("ny",))


def _bare_year(match: re.Match[str], original: str, shift: Shift, context: Context) -> tuple[str, list[Note]]:
    year = int(match.group("by"))
    if context != "text":
        return _moving_year(match, original, shift, context, ("by",))
    if not shift.in_window(year):
        return original, []
    return original, [
        Note(
            "bare-year",
            original,
            "",
            f"số “{original}” đứng riêng (không có chữ “năm” hay ngày, tháng đi kèm) nên giữ nguyên; "
            f"nếu là năm kế hoạch thì sửa thành {year + shift.delta}",
        )
    ]


# --- the table -------------------------------------------------------------------------------

_Y = r"(?:19|20)\d{2}"
_DATE_TAIL = (
    r"(?:\s*,?\s*(?:ngay\s+(?:(?P<cdd>\d{1,2})\s*[/.-]\s*(?P<cdm>\d{1,2})\s*[/.-]\s*(?P<cdy>" + _Y + r")"
    r"|(?P<cwd>\d{1,2})\s+thang\s+(?P<cwm>\d{1,2})\s+nam\s+(?P<cwy>" + _Y + r"))"
    r"|nam\s+(?P<cny>" + _Y + r"))(?!\d))?"
)
"""What may follow a cited document and belongs to it: its date, or its year."""

YEAR_RULES: tuple[YearRule, ...] = (
    YearRule(
        "citation-symbol",
        r"(?<![\w/])\d+[a-z]?/" + _Y + r"/[a-z][\w-]*(?:/[\w-]+)?" + _DATE_TAIL,
        _keep,
        "Thông tư số 90/2018/TT-BTC ngày 28/9/2018",
        "Thông tư số 90/2018/TT-BTC ngày 28/9/2018",
    ),
    YearRule(
        "citation-number",
        r"(?<![\w/])\d*(?:-[a-z]+)?/[a-z][\w-]*(?:/[a-z][\w-]*)?" + _DATE_TAIL,
        _citation,
        "Quyết định số 1015/QĐ-TTg ngày 30/8/2025",
        "Quyết định số 1015/QĐ-TTg ngày 30/8/2025",
    ),
    YearRule(
        "citation-law",
        r"(?<!\w)(?:bo\s+luat|luat|hien\s+phap|phap\s+lenh)(?:\s+[^\W\d_]+,?){0,8}?\s+nam\s+(?P<ly>"
        + _Y
        + r")(?!\d)",
        _law,
        "Luật Đất đai năm 2024",
        "Luật Đất đai năm 2024",
    ),
    YearRule(
        "citation-standard",
        r"(?<!\w)(?:tcvn|iso)\b[^,;()\n]{0,20}?\d+:" + _Y + r"(?!\d)",
        _keep,
        "TCVN ISO 9001:2015",
        "TCVN ISO 9001:2015",
    ),
    YearRule(
        "year-range",
        r"(?:(?P<stage>giai\s+doan|thoi\s+ky|5\s+nam\s*\(?)\s*)?(?<![\d/])(?P<ra>" + _Y + r")\s*[-–—]\s*"
        r"(?P<rb>" + _Y + r")(?![\d/])",
        _range,
        "Giai đoạn 2021 - 2025",
        "Giai đoạn 2021 - 2025",
        "schedule",
    ),
    YearRule(
        "date-in-words",
        r"(?<!\d)(?P<dd>\d{1,2})\s+thang\s+(?P<dm>\d{1,2})\s+nam\s+(?P<dy>" + _Y + r")(?!\d)",
        _date,
        "ngày 15 tháng 12 năm 2025",
        "ngày 15 tháng 12 năm 2026",
        "schedule",
    ),
    YearRule(
        "date",
        r"(?<![\d/])(?:(?P<dd>\d{1,2})\s*)?/\s*(?P<dm>\d{1,2})\s*/\s*(?P<dy>" + _Y + r")(?![\d/])",
        _date,
        "Trước ngày 19/02/2025",
        "Trước ngày 19/02/2026",
        "schedule",
    ),
    YearRule(
        "date-dashed",
        r"(?<![\d/.-])(?P<dd>\d{1,2})([.-])(?P<dm>\d{1,2})\2(?P<dy>" + _Y + r")(?![\d.-])",
        _date,
        "trước 15-12-2025",
        "trước 15-12-2026",
        "schedule",
    ),
    YearRule(
        "period",
        r"(?<![\d/])(?P<pn>\d{1,2}|[ivx]+)\s*[/-]\s*(?P<py>" + _Y + r")(?![\d/])",
        _period,
        "Quý II/2025",
        "Quý II/2026",
        "schedule",
    ),
    YearRule(
        "year-word",
        r"(?<!\w)nam\s+(?P<ny>" + _Y + r")(?![\d/])",
        _year_word,
        "Báo cáo kết quả năm 2024",
        "Báo cáo kết quả năm 2025",
    ),
    YearRule(
        "bare-year",
        r"(?<![\w/.:,-])(?P<by>" + _Y + r")(?![\w/:])",
        _bare_year,
        "Trong 2025",
        "Trong 2026",
        "schedule",
    ),
)
"""The rows in precedence order: cited documents, then stages and ranges, then dates, periods
and years (see the module's documentation)."""

_COMPILED: tuple[re.Pattern[str], ...] = tuple(re.compile(rule.pattern) for rule in YEAR_RULES)


def scan(folded: str) -> list[tuple[YearRule, re.Match[str]]]:
    """The rows' matches in `folded` text from left to right, none overlapping: at each point the
    leftmost match wins, and of two starting at the same place the row listed first."""
    found: list[tuple[YearRule, re.Match[str]]] = []
    ahead: list[re.Match[str] | None] = [p.search(folded) for p in _COMPILED]
    pos = 0
    while True:
        best: int | None = None
        for index, match in enumerate(ahead):
            if match is not None and match.start() < pos:
                match = ahead[index] = _COMPILED[index].search(folded, pos)
            if match is not None and (best is None or match.start() < ahead[best].start()):  # type: ignore[union-attr]
                best = index
        if best is None:
            return found
        match = ahead[best]
        assert match is not None
        found.append((YEAR_RULES[best], match))
        pos = max(match.end(), match.start() + 1)


def shift_text(text: str, shift: Shift, context: Context) -> Shifted:
    """`text` with its years moved from `shift.source` to `shift.target` by the rows of
    ``YEAR_RULES`` for `context`, and notes of what could not be decided alone."""
    if shift.delta == 0 or not any(ch.isdigit() for ch in text):
        return Shifted(text)
    spans: list[tuple[int, int, str]] = []
    notes: list[Note] = []
    for rule, match in scan(fold(text)):
        original = text[match.start() : match.end()]
        new, found = rule.handler(match, original, shift, context)
        notes.extend(found)
        if new != original:
            spans.append((match.start(), match.end(), new))
    return Shifted(_replace(text, spans), tuple(notes))
