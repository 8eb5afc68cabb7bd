"""Phrase rules of the deadline language: what one milestone phrase means.

``PHRASES`` is ONE ordered table: each row has a name, a pattern written on folded text (see
:mod:`.fold`), the handler that reads a phrase the pattern matched, an example and what it
yields. :func:`read_segment` tries the rows top to bottom; the first row whose pattern matches
and whose handler returns deadlines wins (a handler returns None to let the next rows try).
Precedence is therefore the table order, visible in one screen. Date values (days, months,
quarters, years…) are read by the value table of :mod:`.values`, which the rows share.

To add a phrase kind: one row in ``PHRASES`` at the place its precedence calls for, one handler,
and tests (see the README, "Phát triển").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from cchc_cli.deadlines import work
from cchc_cli.deadlines.fold import TRAIL_CHARS, fold, squash, trim, trim_bounds
from cchc_cli.deadlines.schedule import CONCRETE, Deadline, Freq, Recurrence, resolve_event
from cchc_cli.deadlines.values import Hit, Invalid, bounds, groups, scan, span

__all__ = ["MAX_DEPTH", "PHRASES", "PhraseRule", "Segment", "read_segment", "rule_of"]

MAX_DEPTH = 4
"""How deep parenthesised deadlines and "và" parts are read inside one another."""


@dataclass(frozen=True)
class Segment:
    """One milestone phrase: NFC text with white space squashed, its fold, the plan year."""

    text: str
    folded: str
    year: int
    depth: int = 0


Handler = Callable[[Segment], "list[Deadline] | None"]


@dataclass(frozen=True)
class PhraseRule:
    name: str
    pattern: re.Pattern[str] | None  # searched on folded text; None = the handler decides
    handler: Handler  # None = not this rule after all: the next rows try
    example: str
    yields: str  # Vietnamese, shown by `cchc deadline --rules`


def _unknown(seg: Segment, reason: str) -> Deadline:
    return Deadline(kind="unknown", label=seg.text, text=seg.text, reason=reason)


# --------------------------------------------------------------------------- parenthesis, "và"


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


def _parenthesised(seg: Segment) -> list[Deadline] | None:
    if seg.depth >= MAX_DEPTH:
        return None
    paren = _trailing_paren(seg.text)
    if paren is None:
        return None
    front, inner = paren
    inner_ds = read_segment(inner, seg.year, seg.depth + 1)
    if not inner_ds or not all(d.kind in CONCRETE for d in inner_ds):
        return None
    front_label = trim(front)
    if front_label:
        return [replace(d, label=front_label, text=seg.text) for d in inner_ds]
    return inner_ds


_VA = re.compile(r"\s+va\s+")


def _va_parts(o: str, f: str) -> list[str]:
    """``o`` cut at each " và " outside parentheses and outside a date range."""
    protected = [(g[0].start, g[-1].end) for g in groups(scan(f), f)]
    parts: list[str] = []
    last = 0
    depth = 0  # "(" minus ")" in f[:counted]
    counted = 0
    p = 0  # first protected interval that may still contain a later position
    for m in _VA.finditer(f):
        at = m.start()
        depth += f.count("(", counted, at) - f.count(")", counted, at)
        counted = at
        if depth != 0:
            continue
        while p < len(protected) and protected[p][1] <= at:
            p += 1
        if p < len(protected) and protected[p][0] <= at:
            continue
        parts.append(o[last:at])
        last = m.end()
    parts.append(o[last:])
    return [part for part in parts if part.strip()]


def _va_split(seg: Segment) -> list[Deadline] | None:
    if seg.depth >= MAX_DEPTH:
        return None
    parts = _va_parts(seg.text, seg.folded)
    if len(parts) < 2:
        return None
    parsed = [read_segment(part, seg.year, seg.depth + 1) for part in parts]
    if all(ds and all(d.kind in CONCRETE for d in ds) for ds in parsed):
        return [d for ds in parsed for d in ds]
    return None


# --------------------------------------------------------------------------- events

_E_OFFSET = re.compile(
    r"(?:\b(?:khong\s+qua|trong\s+vong|trong\s+thoi\s+han|trong|toi\s+da|cham\s+nhat(?:\s+la)?"
    r"|han)\s+)?\b(?P<n>\d{1,4})\s+ngay(?P<wd>\s+lam\s+viec)?\s*,?\s*"
    r"(?:\b(?:ke|tinh)\s+tu(?:\s+ngay\b|\s+khi(?:\s+co)?\b)?|\bsau\s+khi(?:\s+co)?\b"
    r"|\bsau(?:\s+ngay)?\b)"
)
_E_TRIGGER = re.compile(r"\b(?:ngay\s+sau\s+khi|ngay\s+khi|sau\s+khi|khi(?=\s+co\b))(?:\s+co\b)?")
_EVENT = re.compile(f"{_E_OFFSET.pattern}|{_E_TRIGGER.pattern}")
_BEFORE_WORD = re.compile(r"\btruoc\s*$")
_BEFORE_WINDOW = 12  # "truoc" and the (squashed) space after it


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


def _event(seg: Segment) -> list[Deadline] | None:
    o, f, year = seg.text, seg.folded, seg.year
    offset: int | None = None
    working = False
    m = _E_OFFSET.search(f)
    if m is not None:
        offset, working, pos = int(m.group("n")), bool(m.group("wd")), m.end()
    else:
        pos = -1
        for t in _E_TRIGGER.finditer(f):
            # "trước khi …" is before an event: only a bounded window is looked at.
            if not _BEFORE_WORD.search(f, max(0, t.start() - _BEFORE_WINDOW), t.start()):
                pos = t.end()
                break
        if pos < 0:
            return None
    end = _event_end(f, pos)
    i, j = trim_bounds(f, pos, end)
    if f.startswith("ngay ", i) or f.startswith("ngay\n", i):
        i, j = trim_bounds(f, i + 4, j)
    event = squash(o[i:j]).strip("()")
    if not event:
        return None
    d = Deadline(kind="event", label=o, text=o, event=event, offset=offset, working_days=working)
    if offset is not None:
        ef = fold(event)
        hits = scan(ef)
        if (
            len(hits) == 1
            and hits[0].val.kind == "day"
            and hits[0].intro is None
            and trim_bounds(ef, 0, len(ef)) == (hits[0].start, hits[0].end)
        ):
            try:
                y = hits[0].val.year if hits[0].val.year is not None else year
                when, _ = bounds(hits[0].val, y)
            except Invalid as exc:
                return [_unknown(seg, exc.reason)]
            return [resolve_event(d, when, year)]
    return [d]


# --------------------------------------------------------------------------- recurring

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


def _scope(f: str, year: int) -> tuple[date | None, date | None]:
    """(start, due) of the first date phrase of ``f``; (None, None) if none; raises Invalid."""
    found = groups(scan(f), f)
    if not found:
        return None, None
    return span(found[0], year)


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


def _recurring(freq: Freq) -> Callable[[Segment], list[Deadline]]:
    def handler(seg: Segment) -> list[Deadline]:
        try:
            if freq == "yearly":
                return [_yearly(seg)]
            return [_periodic(seg, freq)]
        except Invalid as exc:
            return [_unknown(seg, exc.reason)]

    return handler


def _periodic(seg: Segment, freq: Freq) -> Deadline:
    f, year = seg.folded, seg.year
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
            raise Invalid("ngày trong tháng không tồn tại")
        if day is None:
            day = -1
    rec = Recurrence(freq=freq, start=start, until=until, weekday=weekday, day=day)
    return Deadline(kind="recurring", label=seg.text, text=seg.text, recurrence=rec)


def _yearly(seg: Segment) -> Deadline:
    f, year = seg.folded, seg.year
    hits = scan(f)
    days = [h for h in hits if h.val.kind == "day"]
    span_year = year
    if days:
        h = days[0]
        y = h.val.year if h.val.year is not None else year
        when, _ = bounds(h.val, y)
        if h.intro == "truoc":
            if when == date.min:
                raise Invalid("ngày nằm ngoài lịch")
            when -= timedelta(days=1)
        month, day = when.month, when.day
        if h.val.year is not None:
            span_year = h.val.year
    else:
        years = [h.val.year for h in hits if h.val.kind == "year" and h.val.year is not None]
        if years:
            span_year = years[0]
        months = [h for h in hits if h.val.kind == "month"]
        month = months[0].val.items[0] if months else 12
        if not 1 <= month <= 12:
            raise Invalid(f"tháng {month} không tồn tại")
        md = _month_day(f)
        if md == 0:
            raise Invalid("ngày trong tháng không tồn tại")
        day = -1 if md is None else md
        if day > 0:
            try:
                date(2000, month, day)  # 2000 is a leap year: 29/2 is allowed (clamped)
            except ValueError:
                raise Invalid(f"ngày {day}/{month} không tồn tại") from None
    if not 1 <= span_year <= 9999:
        raise Invalid(f"năm {span_year} không hợp lệ")
    rec = Recurrence(
        freq="yearly",
        start=date(span_year, 1, 1),
        until=date(span_year, 12, 31),
        day=day,
        month=month,
    )
    return Deadline(kind="recurring", label=seg.text, text=seg.text, recurrence=rec)


def _periodic_yearly(seg: Segment) -> list[Deadline]:
    """A bare "định kỳ": yearly when a day/month date is written, else unknown."""
    if not any(h.val.kind == "day" for h in scan(seg.folded)):
        return [_unknown(seg, "không xác định được chu kỳ định kỳ")]
    return _recurring("yearly")(seg)


# --------------------------------------------------------------------------- ongoing, dates

_ONGOING = re.compile(r"\b(?:thuong\s+xuyen|lien\s+tuc|(?:hang|moi)\s+ngay)\b")


def _ongoing(seg: Segment) -> list[Deadline]:
    try:
        start, due = _scope(seg.folded, seg.year)
    except Invalid as exc:
        return [_unknown(seg, exc.reason)]
    return [Deadline(kind="ongoing", label=seg.text, text=seg.text, due=due, start=start)]


def _dates(seg: Segment) -> list[Deadline] | None:
    o, f, year = seg.text, seg.folded, seg.year
    found = groups(scan(f), f)
    if not found:
        return None
    pieces: list[tuple[str, str, tuple[Hit, ...]]]
    if len(found) == 1:
        pieces = [(o, o, found[0])]
    else:
        pieces = []
        cut = 0
        for k, g in enumerate(found):
            if k + 1 < len(found):
                nxt = found[k + 1][0].start
                stop = g[-1].end
                while stop < nxt and (f[stop] in TRAIL_CHARS or f[stop] == "+"):
                    stop += 1
                if f.startswith("va ", stop) and stop + 3 <= nxt:
                    stop += 3
            else:
                stop = len(f)
            piece = trim(o[cut:stop])
            pieces.append((piece, piece, g))
            cut = stop
    out: list[Deadline] = []
    for lab, text, g in pieces:
        for group in _runs(g):
            try:
                start, due = span(group, year)
            except Invalid as exc:
                out.append(Deadline(kind="unknown", label=lab, text=text, reason=exc.reason))
                continue
            out.append(Deadline(kind="date", label=lab, text=text, due=due, start=start))
    return out


def _runs(group: tuple[Hit, ...]) -> list[tuple[Hit, ...]]:
    """A list of months or quarters standing alone, cut into runs of consecutive items: each
    run is one period ("Tháng 4, 5/2025"), a gap makes another milestone ("Tháng 3 và tháng 9")."""
    if len(group) != 1 or group[0].val.kind not in ("month", "quarter"):
        return [group]
    hit = group[0]
    items = sorted(set(hit.val.items))
    runs: list[list[int]] = [[items[0]]]
    for item in items[1:]:
        if item == runs[-1][-1] + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    if len(runs) == 1:
        return [group]
    return [(replace(hit, val=replace(hit.val, items=(run[0], run[-1]))),) for run in runs]


# --------------------------------------------------------------------------- the rest

_REFERENCE = re.compile(
    r"\btheo\s+(?:cac\s+|nhung\s+)?(?:quy\s+dinh|ke\s+hoach|huong\s+dan|chi\s+dao|yeu\s+cau"
    r"|tien\s+do|lo\s+trinh|van\s+ban|thong\s+bao|quyet\s+dinh|nghi\s+dinh|thong\s+tu"
    r"|chuong\s+trinh|de\s+an|thoi\s+han|lich)\b|^(?:thuc\s+hien\s+)?theo\b"
)
_BEFORE_EVENT = re.compile(r"\btruoc\s+khi\b")


def _reference(seg: Segment) -> list[Deadline]:
    return [Deadline(kind="reference", label=seg.text, text=seg.text)]


def _before_event(seg: Segment) -> list[Deadline]:
    return [_unknown(seg, "thời hạn trước một sự kiện (“trước khi …”) chưa được hỗ trợ")]


def _not_read(seg: Segment) -> list[Deadline]:
    return [_unknown(seg, "không nhận dạng được thời hạn")]


# --------------------------------------------------------------------------- the table

PHRASES: tuple[PhraseRule, ...] = (
    PhraseRule(
        "parenthesised",
        re.compile(r"\)$"),
        _parenthesised,
        "Kế hoạch biên chế công chức (trước 15/5/2025)",
        "hạn đọc trong ngoặc cuối câu; nhãn là phần trước ngoặc",
    ),
    PhraseRule(
        "va-split",
        _VA,
        _va_split,
        "Trước ngày 15/5/2025 và trước ngày 30/11/2025",
        "nhiều mốc, khi mỗi vế quanh “và” là một hạn cụ thể",
    ),
    PhraseRule(
        "event",
        _EVENT,
        _event,
        "không quá 30 ngày kể từ ngày kế hoạch của tỉnh được ban hành",
        "chờ sự kiện (sau khi, khi có, N ngày (làm việc) kể từ …)",
    ),
    PhraseRule(
        "semiannual",
        _R_SEMI,
        _recurring("semiannual"),
        "định kỳ 6 tháng, ngày 15 tháng cuối kỳ",
        "định kỳ 6 tháng: tháng 6 và tháng 12 (mặc định ngày cuối tháng)",
    ),
    PhraseRule(
        "quarterly",
        _R_QUARTER,
        _recurring("quarterly"),
        "trong ngày 14 của tháng cuối kỳ báo cáo",
        "hằng quý, ngày N tháng cuối quý (mặc định ngày cuối quý)",
    ),
    PhraseRule(
        "weekly",
        _R_WEEK,
        _recurring("weekly"),
        "Định kỳ thứ sáu hàng tuần",
        "hằng tuần vào một thứ (mặc định Chủ nhật)",
    ),
    PhraseRule(
        "monthly",
        _R_MONTH,
        _recurring("monthly"),
        "trước ngày 25 hằng tháng",
        "hằng tháng, ngày N (mặc định ngày cuối tháng)",
    ),
    PhraseRule(
        "yearly",
        _R_YEAR,
        _recurring("yearly"),
        "trước ngày 15/12 hằng năm",
        "hằng năm vào một ngày (mặc định 31/12)",
    ),
    PhraseRule(
        "periodic",
        _R_PERIODIC,
        _periodic_yearly,
        "Định kỳ, trước ngày 15/12",
        "“định kỳ” với một ngày: hằng năm vào ngày đó; không có ngày: chưa đọc được",
    ),
    PhraseRule(
        "ongoing",
        _ONGOING,
        _ongoing,
        "Thường xuyên",
        "làm thường xuyên, không có hạn (hoặc trong kỳ được nêu)",
    ),
    PhraseRule(
        "dates",
        None,
        _dates,
        "Trước ngày 19/02/2025",
        "hạn theo ngày, kỳ hoặc khoảng thời gian (xem bảng dạng ngày)",
    ),
    PhraseRule(
        "reference",
        _REFERENCE,
        _reference,
        "Theo quy định",
        "theo quy định/kế hoạch khác, không có ngày",
    ),
    PhraseRule(
        "before-event",
        _BEFORE_EVENT,
        _before_event,
        "Trước khi họp",
        "chưa đọc được: hạn trước một sự kiện",
    ),
    PhraseRule(
        "unknown",
        None,
        _not_read,
        "Khi cần thiết",
        "chưa đọc được, kèm lý do",
    ),
)


def _first_rule(seg: Segment) -> tuple[str, list[Deadline]]:
    for rule in PHRASES:
        if rule.pattern is not None and rule.pattern.search(seg.folded) is None:
            continue
        found = rule.handler(seg)
        if found is not None:
            return rule.name, found
    raise AssertionError("the last phrase rule reads everything")  # pragma: no cover


def _segment(raw: str, year: int, depth: int) -> Segment | None:
    o = trim(raw)
    if not any(ch.isalnum() for ch in o):
        return None
    f = fold(o)
    work.charge(len(f))
    return Segment(o, f, year, depth)


def read_segment(raw: str, year: int, depth: int = 0) -> list[Deadline]:
    """The deadlines of one milestone phrase ([] when it holds no letter or digit)."""
    seg = _segment(raw, year, depth)
    return [] if seg is None else _first_rule(seg)[1]


def rule_of(raw: str, year: int) -> str | None:
    """The name of the phrase rule that reads ``raw`` (None when it holds no letter or digit)."""
    seg = _segment(raw, year, 0)
    return None if seg is None else _first_rule(seg)[0]
