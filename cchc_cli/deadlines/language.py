"""The deadline language: Vietnamese "Tiến độ" prose -> structured deadlines.

``parse_deadlines(text, year)`` turns one "Tiến độ" cell into a list of :class:`Deadline`;
``year`` is the plan year. The module is pure: it imports nothing of the terminal or of Word,
never prints, never reads the clock (any "today" is a parameter) and never raises on any input
string -- what it cannot read becomes an ``unknown`` deadline with a Vietnamese reason.

Decisions (applied everywhere)
------------------------------
* Matching is case- and diacritic-insensitive (NFC or NFD input, "hằng" = "hàng" = "mỗi",
  "Quý" = "quý"); runs of spaces and line breaks count as one space. HTML tags left by the
  converter (``<ul ...>``) and HTML entities are ignored. Labels, texts and events are returned
  in NFC with white space squashed.
* A date without a year (``15/12``, ``20-9``, ``Tháng 12``, ``Quý IV``) takes the plan year;
  a written year is kept as written (2024 stays 2024). Two-digit years mean 20xx. A
  non-existent calendar date (31/02/2025, 32/1/2025, 15/13/2025) gives ``unknown`` with a
  reason such as "ngày 31/02/2025 không tồn tại".
* Date forms: ``15/12/2025``, ``01/4/2025``, ``20-9``, ``20/9``, ``15.12.2025`` (the dotted
  form needs a year), ``(ngày) 10 tháng 4 (năm 2025)``. Introducers: "trước (ngày)",
  "hoàn thành trước", "chậm nhất (là) (ngày)", "không muộn hơn", "hạn chót", "thời hạn",
  "đến/tới (hết) ngày", "hết ngày", "trong ngày", "vào ngày", "từ", or none.
  "Trước X" means strictly before X: the last day allowed is X - 1 day. Every other introducer
  (and a bare date) gives due = X.
* Periods are due on their last day with ``start`` = first day: "Tháng 3/2025",
  "Quý II/2025" (I-IV or 1-4), "quý II năm 2025", "6 tháng đầu/cuối năm", "nửa đầu/cuối năm",
  "Năm 2025", "Trong năm (2025)", "Cả năm", "năm nay"; lists "Quý II, III năm 2024",
  "Tháng 4, 5/2025" are ONE deadline from the first period's start to the last one's end;
  ranges "Từ X đến (hết) Y", "X đến Y", "X - Y" (two bare dates) run from X's start to Y's end,
  X taking Y's year when X has none. "Trước <period>" is due the day before the period starts;
  "đến (hết)/chậm nhất/hạn chót <period>" is due at its end with no ``start``; "Từ X" alone
  runs from X to 31/12 of X's year. A range that ends before it starts is ``unknown``.
* Several milestones in one cell: split on line breaks, ";", "•", leading "- "/"+ " bullets
  (and inline " - "/" + " when the cell or line starts with a bullet), a repeated introducer
  or a second date phrase after a complete one, and " và " between two complete concrete
  phrases (date, recurring or event). A bare "Năm 2025" next to another date phrase in the same
  milestone, and a bare period right before an introduced date ("Báo cáo quý I trước
  15/3/2025"), are part of the label, not deadlines. Each milestone keeps its label: the text in
  front of a trailing parenthesised date/recurring/event phrase, else the milestone phrase
  itself stripped of bullets and of trailing ";" "." "," ":".
* Precedence inside one milestone: parenthesised deadline, " và " split, event, recurring,
  ongoing, dates/periods, reference, unknown.
* Event: "sau khi (có)", "khi có", "ngay (sau) khi (có)", "(không quá|trong vòng|trong|
  tối đa|chậm nhất) N ngày (làm việc) kể từ/tính từ (ngày|khi) ...", "N ngày (làm việc) sau
  (khi) ...". The event runs to the end of the phrase (or of its parenthesis), trimmed of
  trailing punctuation and of a leading "ngày". "Ngay khi" has no offset (None). When the
  event is itself a date ("30 ngày kể từ ngày 01/4/2025"), it is resolved at once to a date.
  "Trước khi ..." (before an event) is ``unknown``.
* Recurring (span = plan year unless the text names another period): weekly with a weekday
  ("thứ Sáu", "thứ 6", "chủ nhật"; none given -> Sunday, the last day of the week); monthly
  (day N, "trước ngày N" -> N-1, "trước ngày 1" or none -> last day, day=-1); quarterly and
  semiannual (day of the period's last month, default its last day); yearly (day/month of the
  written date, "trước" -> the day before; none -> 31/12; the span is the written date's year).
  A bare "định kỳ" with a day/month date is yearly; with nothing else it is ``unknown``.
  Days 29-31 fall on the month's last day in shorter months.
* Ongoing: "thường xuyên", "liên tục", "hằng ngày"; a period in the text gives start/due.
* Reference: "theo quy định/kế hoạch/hướng dẫn/chỉ đạo/yêu cầu/..." or a phrase starting with
  "(Thực hiện) theo ...".
* Working days (``working_days=True``) skip Saturdays, Sundays and Vietnamese public holidays
  (see :mod:`cchc_cli.deadlines.workdays`); calendar-day offsets count from the day after the event.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

from cchc_cli.deadlines.schedule import (
    Deadline,
    Freq,
    Kind,
    Recurrence,
    deadline_to_json,
    next_occurrence,
    occurrences,
    resolve_event,
)
from cchc_cli.textfold import squash

__all__ = [
    "Deadline",
    "Freq",
    "Kind",
    "Recurrence",
    "deadline_to_json",
    "next_occurrence",
    "occurrences",
    "parse_deadlines",
    "resolve_event",
]

_CONCRETE = frozenset({"date", "recurring", "event"})


# --------------------------------------------------------------------------- folding


_FOLD_CACHE: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    cached = _FOLD_CACHE.get(ch)
    if cached is not None:
        return cached
    if ch in "đĐ":
        out = "d"
    else:
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        low = base.lower()
        out = low if len(low) == 1 else ch
    if len(_FOLD_CACHE) < 4096:
        _FOLD_CACHE[ch] = out
    return out


class _FoldTable(dict[int, str]):
    """str.translate table that folds each character on first sight, then from memory."""

    def __missing__(self, code: int) -> str:
        out = self[code] = _fold_char(chr(code))
        return out


_FOLD_TABLE = _FoldTable()


def _afold(text: str) -> str:
    """Fold an NFC string one character for one character (same length, same indices)."""
    return text.translate(_FOLD_TABLE)


_LEAD_CHARS = frozenset(" \t\r\n\f\v\u00a0-+•*–—▪●◦·")
_TRAIL_CHARS = frozenset(" \t\r\n\f\v\u00a0;,.:-–—")


def _trim_bounds(f: str, i: int, j: int) -> tuple[int, int]:
    """Shrink [i, j) of folded ``f`` past bullets / trailing punctuation and edge "và"."""
    while True:
        start = (i, j)
        while i < j and f[i] in _LEAD_CHARS:
            i += 1
        if f.startswith("va", i, j) and (i + 2 == j or f[i + 2].isspace()):
            i += 2
        while j > i and f[j - 1] in _TRAIL_CHARS:
            j -= 1
        if j - i >= 2 and f[j - 2 : j] == "va" and (j - 2 == i or f[j - 3].isspace()):
            j -= 2
        if (i, j) == start:
            return i, j


def _trim(text: str) -> str:
    f = _afold(text)
    i, j = _trim_bounds(f, 0, len(f))
    return squash(text[i:j])


# --------------------------------------------------------------------------- date phrases

_Q = r"(?:iv|iii|ii|i|[1-4])\b"
_INTRO = (
    r"(?:(?P<i_truoc>(?:hoan\s+thanh\s+)?truoc)"
    r"|(?P<i_den>(?:den|toi)(?:\s+het)?|het)"
    r"|(?P<i_tu>(?:bat\s+dau\s+)?tu)"
    r"|(?P<i_trong>trong)"
    r"|(?P<i_plain>cham\s+nhat(?:\s+la)?(?:\s+vao)?|khong\s+muon\s+hon|han\s+chot(?:\s+la)?"
    r"|thoi\s+han(?:\s+la)?|vao)"
    r")(?:\s*:)?\s+"
)
_VALUES = (
    r"(?P<half>(?:6\s+thang|nua)\s+(?P<hpos>dau|cuoi)(?:\s+nam)?"
    r"(?:\s*[/\-]\s*(?P<hy>\d{4})|\s+(?P<hy2>\d{4}))?(?!\d))"
    rf"|(?P<qlist>quy\s+(?P<q1>{_Q})(?P<qrest>(?:\s*(?:,|-|–|\bva\b)\s*(?:quy\s+)?{_Q})*)"
    r"(?:\s*[/\-]\s*(?P<qy>\d{4})|\s*,?\s*nam\s+(?P<qy2>\d{4}))?(?!\d))"
    r"|(?P<vdate>(?:ngay\s+)?(?P<vd>\d{1,2})\s+thang\s+(?P<vm>\d{1,2})"
    r"(?:\s*,?\s*nam\s+(?P<vy>\d{4})|\s*[/\-]\s*(?P<vy2>\d{4}))?(?!\d))"
    r"|(?P<ndate>(?:ngay\s+)?(?<![\d/.\-])(?P<nd>\d{1,2})\s*(?P<ns>[/.\-])\s*(?P<nm>\d{1,2})"
    r"(?:\s*(?P=ns)\s*(?P<ny>\d{4}|\d{2}))?(?!\d)(?!\s*/\s*\d))"
    r"|(?P<mlist>thang\s+(?P<m1>\d{1,2})(?!\d)"
    r"(?P<mrest>(?:\s*(?:,|-|–|\bva\b)\s*(?:thang\s+)?\d{1,2}(?!\d)(?!\s*[/.\-]\s*\d{1,2}(?!\d)))*)"
    r"(?:\s*[/\-.]\s*(?P<my>\d{4})|\s*,?\s*nam\s+(?P<my2>\d{4}))?(?!\d))"
    r"|(?P<year>(?:ca\s+)?nam\s+(?P<yy>\d{4})(?!\d))"
    r"|(?P<yplan>(?:ca\s+nam|nam\s+nay)\b(?!\s*\d))"
    r"|(?P<ybare>nam\b(?!\s*(?:\d|dinh|nay)))"
)
_SCAN = re.compile(rf"\b(?:{_INTRO})?(?:{_VALUES})")
_UNIT_AFTER = re.compile(r"\s*(?:ngay|tuan|thang|nam|lan|gio|nguoi)\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DASHES = frozenset({"-", "–", "—"})


class _Invalid(Exception):
    """A date phrase naming a day or period that does not exist."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Val:
    kind: str  # "day" | "month" | "quarter" | "half" | "year"
    items: tuple[int, ...] = ()
    year: int | None = None  # as written; None = take the plan (or range) year
    written: tuple[str, ...] = ()  # day/month digits as written, for messages


@dataclass(frozen=True)
class _M:
    start: int
    end: int
    intro: str | None  # "truoc" | "den" | "tu" | "trong" | "plain" | None
    val: _Val


def _year_of(text: str | None) -> int | None:
    if text is None:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


def _month_end(y: int, m: int) -> date:
    if m == 12:
        return date(y, 12, 31)
    return date(y, m + 1, 1) - timedelta(days=1)


def _period(val: _Val, y: int) -> tuple[date, date]:
    """(first day, last day) of a value in year ``y``; raises _Invalid."""
    if not 1 <= y <= 9999:
        raise _Invalid(f"năm {y} không hợp lệ")
    if val.kind == "day":
        d, m = val.items
        try:
            day = date(y, m, d)
        except ValueError:
            ds, ms = val.written
            raise _Invalid(f"ngày {ds}/{ms}/{y} không tồn tại") from None
        return day, day
    if val.kind == "month":
        for m in val.items:
            if not 1 <= m <= 12:
                raise _Invalid(f"tháng {m}/{y} không tồn tại")
        return date(y, min(val.items), 1), _month_end(y, max(val.items))
    if val.kind == "quarter":
        first, last = min(val.items), max(val.items)
        return date(y, 3 * first - 2, 1), _month_end(y, 3 * last)
    if val.kind == "half":
        return (
            (date(y, 1, 1), date(y, 6, 30))
            if val.items[0] == 1
            else (
                date(y, 7, 1),
                date(y, 12, 31),
            )
        )
    return date(y, 1, 1), date(y, 12, 31)


def _make_val(m: re.Match[str]) -> _Val | None:
    g = m.group
    if g("half"):
        return _Val("half", (1 if g("hpos") == "dau" else 2,), _year_of(g("hy") or g("hy2")))
    if g("qlist"):
        qs = [g("q1"), *re.findall(r"iv|iii|ii|i|[1-4]", g("qrest") or "")]
        items = tuple(_ROMAN[q] if q in _ROMAN else int(q) for q in qs)
        return _Val("quarter", items, _year_of(g("qy") or g("qy2")))
    if g("vdate"):
        return _Val(
            "day",
            (int(g("vd")), int(g("vm"))),
            _year_of(g("vy") or g("vy2")),
            (g("vd"), g("vm")),
        )
    if g("ndate"):
        sep, year_text = g("ns"), g("ny")
        raw = m.string[m.start("nd") : m.end("ndate")]
        if sep in ".-" and any(c.isspace() for c in raw):
            return None  # "20 - 9" is a bullet or a range of numbers
        if sep == "." and year_text is None:
            return None  # "1.5" is a number
        if sep == "-" and year_text is None and _UNIT_AFTER.match(m.string, m.end()):
            return None  # "1-2 ngày" is a count of days
        return _Val("day", (int(g("nd")), int(g("nm"))), _year_of(year_text), (g("nd"), g("nm")))
    if g("mlist"):
        items = (int(g("m1")), *(int(x) for x in re.findall(r"\d{1,2}", g("mrest") or "")))
        return _Val("month", items, _year_of(g("my") or g("my2")))
    if g("year"):
        return _Val("year", (), int(g("yy")))
    if g("yplan"):
        return _Val("year")
    if g("ybare"):
        return _Val("year") if g("i_trong") else None
    return None  # pragma: no cover


def _intro_of(m: re.Match[str]) -> str | None:
    for name in ("truoc", "den", "tu", "trong", "plain"):
        if m.group(f"i_{name}"):
            return name
    return None


def _scan(f: str) -> list[_M]:
    out: list[_M] = []
    pos = 0
    while pos < len(f):
        m = _SCAN.search(f, pos)
        if m is None:
            break
        val = _make_val(m)
        if val is None:
            pos = m.start() + 1
            continue
        out.append(_M(m.start(), m.end(), _intro_of(m), val))
        pos = m.end()
    return out


def _groups(ms: list[_M], f: str) -> list[tuple[_M, ...]]:
    if len(ms) > 1:
        kept = [m for m in ms if not (m.val.kind == "year" and m.intro is None)]
        ms = kept or ms[:1]
    # "Báo cáo quý I trước 15/3/2025": a bare period right before an introduced phrase
    # only describes the milestone.
    ms = [
        m
        for k, m in enumerate(ms)
        if not (
            k + 1 < len(ms)
            and m.intro is None
            and m.val.kind != "day"
            and ms[k + 1].intro in ("truoc", "trong", "plain")
            and f[m.end : ms[k + 1].start].strip() in ("", ",")
        )
    ]
    groups: list[tuple[_M, ...]] = []
    i = 0
    while i < len(ms):
        m1 = ms[i]
        if i + 1 < len(ms):
            m2 = ms[i + 1]
            gap = f[m1.end : m2.start].strip()
            merge = (
                (m1.intro == "tu" and (m2.intro == "den" or gap == "" or gap in _DASHES))
                or (m1.intro in (None, "trong", "plain") and m2.intro == "den" and gap == "")
                or (
                    m1.intro is None
                    and m2.intro is None
                    and gap in _DASHES
                    and m1.val.kind == m2.val.kind == "day"
                )
            )
            if merge:
                groups.append((m1, m2))
                i += 2
                continue
        groups.append((m1,))
        i += 1
    return groups


def _span(group: tuple[_M, ...], year: int) -> tuple[date | None, date]:
    """(start, due) of a date group; raises _Invalid."""
    try:
        return _span_unchecked(group, year)
    except OverflowError:
        raise _Invalid("ngày nằm ngoài lịch") from None


def _span_unchecked(group: tuple[_M, ...], year: int) -> tuple[date | None, date]:
    if len(group) == 2:
        m1, m2 = group
        y2 = m2.val.year if m2.val.year is not None else year
        y1 = m1.val.year if m1.val.year is not None else y2
        s1, _ = _period(m1.val, y1)
        s2, e2 = _period(m2.val, y2)
        due = s2 - timedelta(days=1) if m2.intro == "truoc" else e2
        if due < s1:
            raise _Invalid("khoảng thời gian kết thúc trước khi bắt đầu")
        return s1, due
    (m,) = group
    y = m.val.year if m.val.year is not None else year
    first, last = _period(m.val, y)
    if m.intro == "truoc":
        return None, first - timedelta(days=1)
    if m.intro == "tu":
        return first, max(last, date(first.year, 12, 31))
    if m.val.kind == "day" or m.intro in ("den", "plain"):
        return None, last
    return first, last


# --------------------------------------------------------------------------- other phrases

_E_OFFSET = re.compile(
    r"(?:\b(?:khong\s+qua|trong\s+vong|trong\s+thoi\s+han|trong|toi\s+da|cham\s+nhat(?:\s+la)?"
    r"|han)\s+)?\b(?P<n>\d{1,4})\s+ngay(?P<wd>\s+lam\s+viec)?\s*,?\s*"
    r"(?:\b(?:ke|tinh)\s+tu(?:\s+ngay\b|\s+khi(?:\s+co)?\b)?|\bsau\s+khi(?:\s+co)?\b"
    r"|\bsau(?:\s+ngay)?\b)"
)
_E_TRIGGER = re.compile(r"\b(?:ngay\s+sau\s+khi|ngay\s+khi|sau\s+khi|khi(?=\s+co\b))(?:\s+co\b)?")
_BEFORE_WORD = re.compile(r"\btruoc\s*$")
_BEFORE_EVENT = re.compile(r"\btruoc\s+khi\b")
_R_SEMI = re.compile(
    r"\bdinh\s+ky\s+(?:6\s+thang|nua\s+nam)\b|\b6\s+thang\s+(?:mot|1)\s+lan\b"
    r"|\b(?:hang|moi)\s+(?:6\s+thang|nua\s+nam)\b"
)
_R_QUARTER = re.compile(
    r"\b(?:hang|moi)\s+quy\b|\bdinh\s+ky\s+(?:hang\s+|moi\s+)?quy\b"
    r"|\bthang\s+cuoi\s+(?:cua\s+)?(?:moi\s+|hang\s+)?(?:ky|quy)\b|\bcuoi\s+(?:moi|hang)\s+quy\b"
)
_R_WEEK = re.compile(r"\b(?:hang|moi)\s+tuan\b|\bdinh\s+ky\s+(?:hang\s+)?tuan\b")
_R_MONTH = re.compile(r"\b(?:hang|moi)\s+thang\b(?!\s*\d)|\bdinh\s+ky\s+thang\b(?!\s*\d)")
_R_YEAR = re.compile(r"\b(?:hang|moi)\s+nam\b(?!\s*\d)|\bdinh\s+ky\s+(?:hang\s+)?nam\b|\bnam\s+dinh\s+ky\b")
_R_PERIODIC = re.compile(r"\bdinh\s+ky\b")
_R_WEEKDAY = re.compile(r"\bthu\s+(hai|ba|tu|nam|sau|bay|[2-7])\b|\b(chu\s+nhat)\b")
_WEEKDAYS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
_R_DAY = re.compile(r"(?P<tr>\btruoc\s+)?\bngay\s+(?P<d>\d{1,2})(?!\d)(?!\s*[/.\-]\s*\d)(?!\s+thang\s+\d)")
_R_LASTDAY = re.compile(r"\bngay\s+cuoi\s+(?:cung\s+)?(?:cua\s+)?(?:moi\s+)?thang\b")
_ONGOING = re.compile(r"\b(?:thuong\s+xuyen|lien\s+tuc|(?:hang|moi)\s+ngay)\b")
_REFERENCE = re.compile(
    r"\btheo\s+(?:cac\s+|nhung\s+)?(?:quy\s+dinh|ke\s+hoach|huong\s+dan|chi\s+dao|yeu\s+cau"
    r"|tien\s+do|lo\s+trinh|van\s+ban|thong\s+bao|quyet\s+dinh|nghi\s+dinh|thong\s+tu"
    r"|chuong\s+trinh|de\s+an|thoi\s+han|lich)\b|^(?:thuc\s+hien\s+)?theo\b"
)
_VA = re.compile(r"\s+va\s+")


def _unknown(label: str, text: str, reason: str) -> Deadline:
    return Deadline(kind="unknown", label=label, text=text, reason=reason)


def _event_end(f: str, pos: int) -> int:
    """End of an event phrase starting at ``pos``: the ')' closing an enclosing '(' or the end."""
    depth = f.count("(", 0, pos) - f.count(")", 0, pos)
    if depth <= 0:
        return len(f)
    level = 0
    for k in range(pos, len(f)):
        if f[k] == "(":
            level += 1
        elif f[k] == ")":
            if level == 0:
                return k
            level -= 1
    return len(f)


def _parse_event(o: str, f: str, year: int, label: str) -> Deadline | None:
    offset: int | None = None
    working = False
    m = _E_OFFSET.search(f)
    if m is not None:
        offset, working, pos = int(m.group("n")), bool(m.group("wd")), m.end()
    else:
        pos = -1
        for t in _E_TRIGGER.finditer(f):
            if not _BEFORE_WORD.search(f, 0, t.start()):
                pos = t.end()
                break
        if pos < 0:
            return None
    end = _event_end(f, pos)
    i, j = _trim_bounds(f, pos, end)
    if f.startswith("ngay ", i) or f.startswith("ngay\n", i):
        i, j = _trim_bounds(f, i + 4, j)
    event = squash(o[i:j]).strip("()")
    if not event:
        return None
    d = Deadline(
        kind="event",
        label=label,
        text=squash(o),
        event=event,
        offset=offset,
        working_days=working,
    )
    if offset is not None:
        ef = _afold(event)
        ms = _scan(ef)
        if (
            len(ms) == 1
            and ms[0].val.kind == "day"
            and ms[0].intro is None
            and _trim_bounds(ef, 0, len(ef)) == (ms[0].start, ms[0].end)
        ):
            try:
                y = ms[0].val.year if ms[0].val.year is not None else year
                when, _ = _period(ms[0].val, y)
            except _Invalid as exc:
                return _unknown(label, squash(o), exc.reason)
            return resolve_event(d, when, year)
    return d


def _scope(f: str, year: int) -> tuple[date | None, date | None]:
    """(start, due) of the first date phrase of ``f``; (None, None) if none; raises _Invalid."""
    groups = _groups(_scan(f), f)
    if not groups:
        return None, None
    return _span(groups[0], year)


def _month_day(f: str) -> int | None:
    """Day of month named by "ngày N" (N-1 after "trước"; -1 for "cuối tháng"); 0 = invalid."""
    if _R_LASTDAY.search(f):
        return -1
    m = _R_DAY.search(f)
    if m is None:
        return None
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return 0
    if m.group("tr"):
        day -= 1
        return -1 if day == 0 else day
    return day


def _parse_recurring(o: str, f: str, year: int, label: str) -> Deadline | None:
    freq: Freq
    if _R_SEMI.search(f):
        freq = "semiannual"
    elif _R_QUARTER.search(f):
        freq = "quarterly"
    elif _R_WEEK.search(f):
        freq = "weekly"
    elif _R_MONTH.search(f):
        freq = "monthly"
    elif _R_YEAR.search(f):
        freq = "yearly"
    elif _R_PERIODIC.search(f):
        days = [m for m in _scan(f) if m.val.kind == "day"]
        if not days:
            return _unknown(label, squash(o), "không xác định được chu kỳ định kỳ")
        freq = "yearly"
    else:
        return None
    text = squash(o)
    try:
        if freq == "yearly":
            return _yearly(f, year, label, text)
        start, until = date(year, 1, 1), date(year, 12, 31)
        s, due = _scope(f, year)
        if due is not None:
            until = due
            start = s if s is not None else min(start, date(due.year, 1, 1))
        weekday: int | None = None
        day: int | None = None
        if freq == "weekly":
            wm = _R_WEEKDAY.search(f)
            if wm is None or wm.group(2):
                weekday = 6
            else:
                w = wm.group(1)
                weekday = _WEEKDAYS[w] if w in _WEEKDAYS else int(w) - 2
        else:
            day = _month_day(f)
            if day == 0:
                return _unknown(label, text, "ngày trong tháng không tồn tại")
            if day is None:
                day = -1
        rec = Recurrence(freq=freq, start=start, until=until, weekday=weekday, day=day)
    except _Invalid as exc:
        return _unknown(label, text, exc.reason)
    return Deadline(kind="recurring", label=label, text=text, recurrence=rec)


def _yearly(f: str, year: int, label: str, text: str) -> Deadline:
    ms = _scan(f)
    days = [m for m in ms if m.val.kind == "day"]
    span_year = year
    if days:
        m = days[0]
        y = m.val.year if m.val.year is not None else year
        when, _ = _period(m.val, y)
        if m.intro == "truoc":
            if when == date.min:
                raise _Invalid("ngày nằm ngoài lịch")
            when -= timedelta(days=1)
        month, day = when.month, when.day
        if m.val.year is not None:
            span_year = m.val.year
    else:
        years = [m.val.year for m in ms if m.val.kind == "year" and m.val.year is not None]
        if years:
            span_year = years[0]
        months = [m for m in ms if m.val.kind == "month"]
        month = months[0].val.items[0] if months else 12
        if not 1 <= month <= 12:
            raise _Invalid(f"tháng {month} không tồn tại")
        md = _month_day(f)
        if md == 0:
            raise _Invalid("ngày trong tháng không tồn tại")
        day = -1 if md is None else md
        if day > 0:
            try:
                date(2000, month, day)  # 2000 is a leap year: 29/2 is allowed (clamped)
            except ValueError:
                raise _Invalid(f"ngày {day}/{month} không tồn tại") from None
    if not 1 <= span_year <= 9999:
        raise _Invalid(f"năm {span_year} không hợp lệ")
    rec = Recurrence(
        freq="yearly",
        start=date(span_year, 1, 1),
        until=date(span_year, 12, 31),
        day=day,
        month=month,
    )
    return Deadline(kind="recurring", label=label, text=text, recurrence=rec)


def _parse_dates(o: str, f: str, year: int, label: str) -> list[Deadline] | None:
    groups = _groups(_scan(f), f)
    if not groups:
        return None
    if len(groups) == 1:
        pieces = [(label, squash(o), groups[0])]
    else:
        pieces = []
        cut = 0
        for k, g in enumerate(groups):
            if k + 1 < len(groups):
                nxt = groups[k + 1][0].start
                stop = g[-1].end
                while stop < nxt and (f[stop] in _TRAIL_CHARS or f[stop] == "+"):
                    stop += 1
                if f.startswith("va ", stop) and stop + 3 <= nxt:
                    stop += 3
            else:
                stop = len(f)
            piece = _trim(o[cut:stop])
            pieces.append((piece, piece, g))
            cut = stop
    out: list[Deadline] = []
    for lab, text, g in pieces:
        try:
            start, due = _span(g, year)
        except _Invalid as exc:
            out.append(_unknown(lab, text, exc.reason))
            continue
        out.append(Deadline(kind="date", label=lab, text=text, due=due, start=start))
    return out


def _trailing_paren(o: str) -> tuple[str, str] | None:
    """(front, inner) when ``o`` ends with a balanced parenthesised group."""
    if not o.endswith(")"):
        return None
    level = 0
    for k in range(len(o) - 1, -1, -1):
        if o[k] == ")":
            level += 1
        elif o[k] == "(":
            level -= 1
            if level == 0:
                return o[:k], o[k + 1 : -1]
    return None


def _va_parts(o: str, f: str) -> list[str]:
    protected = [(g[0].start, g[-1].end) for g in _groups(_scan(f), f)]
    parts: list[str] = []
    last = 0
    for m in _VA.finditer(f):
        if f.count("(", 0, m.start()) != f.count(")", 0, m.start()):
            continue
        if any(a <= m.start() < b for a, b in protected):
            continue
        parts.append(o[last : m.start()])
        last = m.end()
    parts.append(o[last:])
    return [p for p in parts if p.strip()]


def _parse_segment(raw: str, year: int, depth: int = 0) -> list[Deadline]:
    o = _trim(raw)
    if not any(ch.isalnum() for ch in o):
        return []
    f = _afold(o)
    text = o

    if depth < 4:
        paren = _trailing_paren(o)
        if paren is not None:
            front, inner = paren
            inner_ds = _parse_segment(inner, year, depth + 1)
            if inner_ds and all(d.kind in _CONCRETE for d in inner_ds):
                front_label = _trim(front)
                if front_label:
                    return [replace(d, label=front_label, text=text) for d in inner_ds]
                return inner_ds
        parts = _va_parts(o, f)
        if len(parts) > 1:
            parsed = [_parse_segment(p, year, depth + 1) for p in parts]
            if all(ds and all(d.kind in _CONCRETE for d in ds) for ds in parsed):
                return [d for ds in parsed for d in ds]

    event = _parse_event(o, f, year, o)
    if event is not None:
        return [event]
    recurring = _parse_recurring(o, f, year, o)
    if recurring is not None:
        return [recurring]
    if _ONGOING.search(f):
        try:
            start, due = _scope(f, year)
        except _Invalid as exc:
            return [_unknown(o, text, exc.reason)]
        return [Deadline(kind="ongoing", label=o, text=text, due=due, start=start)]
    dates = _parse_dates(o, f, year, o)
    if dates:
        return dates
    if _REFERENCE.search(f):
        return [Deadline(kind="reference", label=o, text=text)]
    if _BEFORE_EVENT.search(f):
        return [_unknown(o, text, "thời hạn trước một sự kiện (“trước khi …”) chưa được hỗ trợ")]
    return [_unknown(o, text, "không nhận dạng được thời hạn")]


# --------------------------------------------------------------------------- cell splitting

_TAG = re.compile(r"<[^<>]*>")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
_PIECES = re.compile(r"[;•▪●◦]+")
_INLINE_BULLET = re.compile(r"(?<=\s)[-+–—](?=\s)")
_BULLET_START = re.compile(r"^\s*[-+–—*•]")
# A line ending with one of these words continues on the next line ("Trước ngày\n15/12").
_DANGLING = re.compile(
    r"(?:\b(?:truoc|den|het|tu|trong|vao|la|nhat|hon|chot|khi|co|sau|ke|tinh|cua|va|thu)"
    r"|(?<!hang\s)(?<!moi\s)\bngay)\s*:?\s*$"
)


def _lines(cleaned: str) -> list[str]:
    """Split on line breaks, re-joining a line left open (dangling word or open parenthesis)."""
    out: list[str] = []
    for line in _LINE_BREAKS.split(cleaned):
        if out:
            prev = out[-1]
            fp = _afold(prev)
            if fp.count("(") > fp.count(")") or _DANGLING.search(fp):
                out[-1] = f"{prev} {line}"
                continue
        out.append(line)
    return out


def _segments(text: str) -> list[str]:
    cleaned = unicodedata.normalize("NFC", html.unescape(_TAG.sub(" ", text)))
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


def _parse(text: str, year: int) -> list[Deadline]:
    out: list[Deadline] = []
    for seg in _segments(text):
        out.extend(_parse_segment(seg, year))
    if not out:
        label = squash(unicodedata.normalize("NFC", text))
        out.append(_unknown(label, label, "không có nội dung thời hạn"))
    return out


def parse_deadlines(text: str, year: int) -> list[Deadline]:
    """Parse one "Tiến độ" cell; ``year`` is the plan year. Never raises; [] for blank text."""
    if not isinstance(text, str) or not text.strip():
        return []
    return list(_parse_cached(text, year))


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str, year: int) -> tuple[Deadline, ...]:
    # Plans repeat their phrases ("Thường xuyên", "Trong năm 2025"…) and Deadlines are frozen,
    # so one reading serves every cell that says the same thing.
    try:
        return tuple(_parse(text, year))
    except Exception:  # the contract is "never raise": degrade to unknown
        label = squash(text)
        return (_unknown(label, label, "lỗi khi phân tích thời hạn"),)
