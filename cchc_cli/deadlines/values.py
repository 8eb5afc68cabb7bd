"""Date values of the deadline language: the forms a date or a period is written in.

``VALUE_FORMS`` is ONE ordered table: each row is a form (a day, a month list, a quarter list,
a half-year, a year…) with its pattern written on folded text (see :mod:`.fold`), the builder
that turns a match into a :class:`Value`, an example and what it yields. The scanner tries the
rows at each position in table order, so a row listed earlier wins over a later one that would
match at the same place ("quý II/2025" is a quarter before "2025" could be anything else).
``INTROS`` is the table of words in front of a value ("trước", "đến hết", "từ"…).

A new date form is one row here plus its builder: every phrase rule that reads dates (dates,
periods, ranges, the span of a recurring or ongoing deadline) understands it at once. Each row's
named groups must be its own (Python refuses a pattern that repeats a group name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cchc_cli.deadlines import work
from cchc_cli.deadlines.calendar import (
    LAST_WEEK,
    half_bounds,
    month_bounds,
    quarter_bounds,
    week_bounds,
    year_bounds,
)

__all__ = [
    "INTROS",
    "VALUE_FORMS",
    "Hit",
    "Intro",
    "IntroForm",
    "Invalid",
    "Value",
    "ValueForm",
    "bounds",
    "groups",
    "scan",
    "span",
]

ValueKind = Literal["day", "week", "month", "quarter", "half", "year", "years", "unsupported"]
Intro = Literal["truoc", "den", "tu", "trong", "plain"]


class Invalid(Exception):
    """A date phrase naming a day or period that does not exist."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Value:
    """A date or a period as written: its kind, its numbers and its year (None = not written)."""

    kind: ValueKind
    items: tuple[int, ...] = ()
    year: int | None = None  # as written; None = take the plan (or range) year
    written: tuple[str, ...] = ()  # day/month digits as written (the reason, if unsupported)


@dataclass(frozen=True)
class Hit:
    """A value found in folded text, with its introducer."""

    start: int
    end: int
    intro: Intro | None
    val: Value
    form: str = ""  # the name of the VALUE_FORMS row that read it


@dataclass(frozen=True)
class IntroForm:
    name: Intro
    pattern: str
    example: str
    meaning: str  # Vietnamese, shown by `cchc deadline --rules`


@dataclass(frozen=True)
class ValueForm:
    name: str
    pattern: str  # on folded text; its named groups are its own
    build: Callable[[re.Match[str]], Value | None]  # None = not a date after all
    example: str
    yields: str  # Vietnamese, shown by `cchc deadline --rules`


def _year_of(text: str | None) -> int | None:
    if text is None:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


_Q = r"(?:iv|iii|ii|i|[1-4])\b"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_UNIT_AFTER = re.compile(r"\s*(?:ngay|tuan|thang|nam|lan|gio|nguoi)\b")


# --------------------------------------------------------------------------- builders


def _half(m: re.Match[str]) -> Value:
    g = m.group
    year = _year_of(g("hy") or g("hy2"))
    first_part = (g("hpos") or g("hpos2")) == "dau"
    count = int(g("hn")) if g("hn") else 6
    if count == 6:
        return Value("half", (1 if first_part else 2,), year)
    if not 1 <= count <= 12:
        return Value("unsupported", written=(f"{count} tháng không nằm trong một năm",))
    first, last = (1, count) if first_part else (13 - count, 12)
    return Value("month", tuple(range(first, last + 1)), year)


def _school_year(m: re.Match[str]) -> Value:
    return Value("unsupported", written=("năm học (từ tháng 9 đến tháng 5 năm sau) chưa được hỗ trợ",))


def _quarters(m: re.Match[str]) -> Value:
    g = m.group
    qs = [g("q1"), *re.findall(r"iv|iii|ii|i|[1-4]", g("qrest") or "")]
    items = tuple(_ROMAN[q] if q in _ROMAN else int(q) for q in qs)
    return Value("quarter", items, _year_of(g("qy") or g("qy2")))


def _day_words(m: re.Match[str]) -> Value:
    g = m.group
    return Value("day", (int(g("vd")), int(g("vm"))), _year_of(g("vy") or g("vy2")), (g("vd"), g("vm")))


def _day_digits(m: re.Match[str]) -> Value | None:
    g = m.group
    sep, year_text = g("ns"), g("ny")
    raw = m.string[m.start("nd") : m.end()]
    if sep in ".-" and any(c.isspace() for c in raw):
        return None  # "20 - 9" is a bullet or a range of numbers
    if sep == "." and year_text is None:
        return None  # "1.5" is a number
    if sep == "-" and year_text is None and _UNIT_AFTER.match(m.string, m.end()):
        return None  # "1-2 ngày" is a count of days
    return Value("day", (int(g("nd")), int(g("nm"))), _year_of(year_text), (g("nd"), g("nm")))


def _months(m: re.Match[str]) -> Value:
    g = m.group
    items = (int(g("m1")), *(int(x) for x in re.findall(r"\d{1,2}", g("mrest") or "")))
    return Value("month", items, _year_of(g("my") or g("my2")))


_WEEK_NUMBERS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5}


def _week(m: re.Match[str]) -> Value:
    g = m.group
    if g("wfirst"):
        week = 1
    elif g("wlast"):
        week = LAST_WEEK
    else:
        n = g("wnth") or g("wnum") or "1"
        week = _WEEK_NUMBERS[n] if n in _WEEK_NUMBERS else int(n)
    return Value("week", (week, int(g("wm"))), _year_of(g("wy") or g("wy2")), (g("wm"),))


def _ends_with_word(text: str, end: int, word: str) -> bool:
    """Whether ``text[:end]``, less the white space at its end, ends with the word ``word``."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():  # scanned text is squashed: one space at most
        stop -= 1
    begin = stop - len(word)
    return text.startswith(word, begin) and (begin == 0 or not text[begin - 1].isalnum())


# "số 12/2025" numbers a document, "Quý 5/2025" is no month, "Đợt 1/2025" is a round.
_NOT_BEFORE_MONTH = ("so", "quy", "dot", "doan", "ky", "lan", "tuan", "thu", "ngay", "nam")


def _month_year(m: re.Match[str]) -> Value | None:
    month = int(m.group("mym"))
    if not 1 <= month <= 12 or any(_ends_with_word(m.string, m.start(), w) for w in _NOT_BEFORE_MONTH):
        return None  # "61/2018/NĐ-CP" is the number of a document
    return Value("month", (month,), int(m.group("myy")))


def _years(m: re.Match[str]) -> Value:
    return Value("years", (int(m.group("ya")), int(m.group("yb"))), int(m.group("ya")))


def _bare_year(m: re.Match[str]) -> Value | None:
    year = int(m.group("by"))
    if not 1900 <= year <= 2199 or _UNIT_AFTER.match(m.string, m.end()):
        return None  # "1500 hồ sơ", "2000 người": a count, not a year
    return Value("year", (), year)


def _year(m: re.Match[str]) -> Value:
    return Value("year", (), int(m.group("yy")))


def _plan_year(m: re.Match[str]) -> Value:
    return Value("year")


def _bare_year_word(m: re.Match[str]) -> Value | None:
    return Value("year") if m.group("i_trong") else None


# --------------------------------------------------------------------------- the tables

INTROS: tuple[IntroForm, ...] = (
    IntroForm(
        "truoc", r"(?:hoan\s+thanh\s+)?truoc", "Trước ngày 15/12/2025", "trước X: hạn là ngày liền trước X"
    ),
    IntroForm(
        "den",
        r"(?:den|toi)(?:\s+(?:het|cuoi))?|het|cuoi",
        "Đến hết tháng 6/2025",
        "đến (hết, cuối) X, cuối X: hạn là ngày cuối của X, không có ngày bắt đầu",
    ),
    IntroForm(
        "tu",
        r"(?:bat\s+dau\s+)?tu",
        "Từ tháng 4 đến tháng 9/2025",
        "từ X: bắt đầu từ ngày đầu của X (đến … hoặc đến 31/12)",
    ),
    IntroForm("trong", r"trong", "Trong năm 2025", "trong X: như X"),
    IntroForm(
        "plain",
        r"cham\s+nhat(?:\s+la)?(?:\s+vao)?|khong\s+muon\s+hon|han\s+chot(?:\s+la)?"
        r"|thoi\s+han(?:\s+la)?|vao",
        "Chậm nhất là ngày 15/12/2025",
        "chậm nhất, không muộn hơn, hạn chót, thời hạn, vào X: hạn là ngày cuối của X",
    ),
)

VALUE_FORMS: tuple[ValueForm, ...] = (
    ValueForm(
        "half-year",
        r"(?:(?:6\s+thang|nua)\s+(?P<hpos>dau|cuoi)(?:\s+nam)?"
        r"|(?P<hn>\d{1,2})\s+thang\s+(?P<hpos2>dau|cuoi)\s+nam)"
        r"(?:\s*[/\-]\s*(?P<hy>\d{4})|\s+(?P<hy2>\d{4}))?(?!\d)",
        _half,
        "6 tháng đầu năm 2025",
        "nửa năm: 01/01–30/06 hoặc 01/07–31/12; N tháng đầu/cuối năm: N tháng đầu/cuối",
    ),
    ValueForm(
        "quarters",
        rf"quy\s+(?P<q1>{_Q})(?P<qrest>(?:\s*(?:,|-|–|\bva\b)\s*(?:quy\s+)?{_Q})*)"
        r"(?:\s*[/\-]\s*(?P<qy>\d{4})|\s*,?\s*nam\s+(?P<qy2>\d{4}))?(?!\d)",
        _quarters,
        "Quý II, III năm 2024",
        "một hay nhiều quý: từ ngày đầu quý đầu đến ngày cuối quý cuối",
    ),
    ValueForm(
        "day-in-words",
        r"(?:ngay\s+)?(?P<vd>\d{1,2})\s+thang\s+(?P<vm>\d{1,2})"
        r"(?:\s*,?\s*nam\s+(?P<vy>\d{4})|\s*[/\-]\s*(?P<vy2>\d{4}))?(?!\d)",
        _day_words,
        "ngày 10 tháng 4 năm 2025",
        "một ngày",
    ),
    ValueForm(
        "day",
        r"(?:ngay\s+)?(?<![\d/.\-])(?P<nd>\d{1,2})\s*(?P<ns>[/.\-])\s*(?P<nm>\d{1,2})"
        r"(?:\s*(?P=ns)\s*(?P<ny>\d{4}|\d{2}))?(?!\d)(?!\s*/\s*\d)",
        _day_digits,
        "15/12/2025",
        "một ngày (15/12, 20-9, 15.12.2025)",
    ),
    ValueForm(
        "month-year",
        r"(?<![\d/.\-])(?P<mym>\d{1,2})\s*/\s*(?P<myy>\d{4})(?![\d/.\-])",
        _month_year,
        "12/2025",
        "một tháng viết không có chữ “tháng”",
    ),
    ValueForm(
        "week",
        r"tuan\s+(?:(?P<wfirst>dau(?:\s+tien)?)|(?P<wlast>cuoi(?:\s+cung)?)"
        r"|thu\s+(?P<wnth>nhat|hai|ba|tu|nam|[1-5])|(?P<wnum>[1-5]))\s+(?:cua\s+)?thang\s+(?P<wm>\d{1,2})"
        r"(?:\s*[/\-.]\s*(?P<wy>\d{4})|\s*,?\s*nam\s+(?P<wy2>\d{4}))?(?!\d)",
        _week,
        "Tuần đầu tháng 5/2025",
        "một tuần của tháng: ngày 1–7, 8–14, 15–21, 22–28, 29–hết tháng; tuần cuối = 7 ngày cuối",
    ),
    ValueForm(
        "months",
        r"thang\s+(?P<m1>\d{1,2})(?!\d)"
        r"(?P<mrest>(?:\s*(?:,|-|–|\bva\b)\s*(?:thang\s+)?\d{1,2}(?!\d)(?!\s*[/.\-]\s*\d{1,2}(?!\d)))*)"
        r"(?:\s*[/\-.]\s*(?P<my>\d{4})|\s*,?\s*nam\s+(?P<my2>\d{4}))?(?!\d)",
        _months,
        "Tháng 4, 5/2025",
        "một hay nhiều tháng: từ ngày đầu tháng đầu đến ngày cuối tháng cuối",
    ),
    ValueForm(
        "school-year",
        r"nam\s+hoc\s+(?P<sya>\d{4})\s*[-–—/]\s*(?P<syb>\d{4})(?!\d)",
        _school_year,
        "năm học 2025-2026",
        "chưa đọc được: năm học không trùng năm dương lịch",
    ),
    ValueForm(
        "years",
        r"(?:(?:giai\s+doan|thoi\s+ky|nam)\s+)?(?<![\d/.\-])(?P<ya>\d{4})\s*[-–—]\s*(?P<yb>\d{4})(?![\d/.\-])",
        _years,
        "Giai đoạn 2025 - 2030",
        "nhiều năm: 01/01 năm đầu – 31/12 năm cuối",
    ),
    ValueForm(
        "year",
        r"(?:ca\s+)?nam\s+(?P<yy>\d{4})(?!\d)",
        _year,
        "Năm 2025",
        "cả năm: 01/01–31/12",
    ),
    ValueForm(
        "plan-year",
        r"(?:ca\s+nam|nam\s+nay)\b(?!\s*\d)",
        _plan_year,
        "Cả năm",
        "cả năm kế hoạch",
    ),
    ValueForm(
        "year-word",
        r"nam\b(?!\s*(?:\d|dinh|nay))",
        _bare_year_word,
        "Trong năm",
        "cả năm kế hoạch (chỉ sau “trong”)",
    ),
    ValueForm(
        "bare-year",
        r"(?<![\d/.\-])(?P<by>\d{4})(?![\d/.\-]|\s*[-–—/]\s*\d)",
        _bare_year,
        "2025",
        "cả năm, viết chỉ bằng con số (1900–2199)",
    ),
)


def _compile_scanner() -> re.Pattern[str]:
    intro = "|".join(f"(?P<i_{row.name}>{row.pattern})" for row in INTROS)
    values = "|".join(f"(?P<v{k}>{row.pattern})" for k, row in enumerate(VALUE_FORMS))
    return re.compile(rf"\b(?:(?:{intro})(?:\s*:)?\s+)?(?:{values})")


_SCANNER = _compile_scanner()
_ROWS: dict[str, ValueForm] = {f"v{k}": row for k, row in enumerate(VALUE_FORMS)}
_INTRO_GROUPS: tuple[tuple[str, Intro], ...] = tuple((f"i_{row.name}", row.name) for row in INTROS)
_DASHES = frozenset({"-", "–", "—"})


def _intro_of(m: re.Match[str]) -> Intro | None:
    for group, name in _INTRO_GROUPS:
        if m.group(group):
            return name
    return None


def scan(f: str) -> list[Hit]:
    """Every value in folded text ``f``, left to right, each with its introducer."""
    work.charge(len(f))
    out: list[Hit] = []
    pos = 0
    while pos < len(f):
        m = _SCANNER.search(f, pos)
        if m is None:
            break
        row = _ROWS[m.lastgroup or ""]
        val = row.build(m)
        if val is None:
            pos = m.start() + 1
            continue
        out.append(Hit(m.start(), m.end(), _intro_of(m), val, row.name))
        pos = m.end()
    return out


# --------------------------------------------------------------------------- values -> dates


def bounds(val: Value, y: int) -> tuple[date, date]:
    """(first day, last day) of a value in year ``y``; raises Invalid."""
    if val.kind == "unsupported":
        raise Invalid(val.written[0])
    if not 1 <= y <= 9999:
        raise Invalid(f"năm {y} không hợp lệ")
    if val.kind == "day":
        d, m = val.items
        try:
            day = date(y, m, d)
        except ValueError:
            ds, ms = val.written
            raise Invalid(f"ngày {ds}/{ms}/{y} không tồn tại") from None
        return day, day
    if val.kind == "week":
        week, m = val.items
        if not 1 <= m <= 12:
            raise Invalid(f"tháng {val.written[0]}/{y} không tồn tại")
        try:
            return week_bounds(y, m, week)
        except ValueError:
            raise Invalid(f"tháng {m}/{y} không có tuần thứ {week}") from None
    if val.kind == "years":
        first, last = val.items
        if last < first:
            raise Invalid(f"khoảng năm {first}–{last} kết thúc trước khi bắt đầu")
        if not 1 <= first <= last <= 9999:
            raise Invalid(f"năm {last} không hợp lệ")
        return year_bounds(first, last)
    if val.kind == "month":
        for m in val.items:
            if not 1 <= m <= 12:
                raise Invalid(f"tháng {m}/{y} không tồn tại")
        return month_bounds(y, min(val.items), max(val.items))
    if val.kind == "quarter":
        return quarter_bounds(y, min(val.items), max(val.items))
    if val.kind == "half":
        return half_bounds(y, val.items[0])
    return year_bounds(y)


def groups(hits: list[Hit], f: str) -> list[tuple[Hit, ...]]:
    """The values of one milestone phrase grouped into deadlines: a value alone, or a range."""
    if len(hits) > 1:
        kept = [h for h in hits if not (h.val.kind == "year" and h.intro is None)]
        hits = kept or hits[:1]
    # "Báo cáo quý I trước 15/3/2025": a bare period right before an introduced phrase
    # only describes the milestone.
    hits = [
        h
        for k, h in enumerate(hits)
        if not (
            k + 1 < len(hits)
            and h.intro is None
            and h.val.kind != "day"
            and hits[k + 1].intro in ("truoc", "trong", "plain")
            and f[h.end : hits[k + 1].start].strip() in ("", ",")
        )
    ]
    out: list[tuple[Hit, ...]] = []
    i = 0
    while i < len(hits):
        h1 = hits[i]
        if i + 1 < len(hits):
            h2 = hits[i + 1]
            gap = f[h1.end : h2.start].strip()
            merge = (
                (h1.intro == "tu" and (h2.intro == "den" or gap == "" or gap in _DASHES))
                or (h1.intro in (None, "trong", "plain") and h2.intro == "den" and gap == "")
                or (
                    h1.intro is None
                    and h2.intro is None
                    and gap in _DASHES
                    and h1.val.kind == h2.val.kind == "day"
                )
            )
            if merge:
                out.append((h1, h2))
                i += 2
                continue
        out.append((h1,))
        i += 1
    return out


def span(group: tuple[Hit, ...], year: int) -> tuple[date | None, date]:
    """(start, due) of a group of values; raises Invalid."""
    try:
        return _span(group, year)
    except OverflowError:
        raise Invalid("ngày nằm ngoài lịch") from None


def _span(group: tuple[Hit, ...], year: int) -> tuple[date | None, date]:
    if len(group) == 2:
        h1, h2 = group
        y2 = h2.val.year if h2.val.year is not None else year
        y1 = h1.val.year if h1.val.year is not None else y2
        s1, _ = bounds(h1.val, y1)
        s2, e2 = bounds(h2.val, y2)
        due = s2 - timedelta(days=1) if h2.intro == "truoc" else e2
        if due < s1:
            raise Invalid("khoảng thời gian kết thúc trước khi bắt đầu")
        return s1, due
    (h,) = group
    y = h.val.year if h.val.year is not None else year
    first, last = bounds(h.val, y)
    if h.intro == "truoc":
        return None, first - timedelta(days=1)
    if h.intro == "tu":
        return first, max(last, date(first.year, 12, 31))
    if h.val.kind == "day" or h.intro in ("den", "plain"):
        return None, last
    return first, last
