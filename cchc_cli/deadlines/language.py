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
* Periods are due on their last day with ``start`` = first day: "Tháng 3/2025", "12/2025"
  (a month and year without "tháng"; not after "số", "Quý", "Đợt"…), "Quý II/2025" (I-IV or
  1-4), "quý II năm 2025", "6 tháng đầu/cuối năm", "nửa đầu/cuối năm", "N tháng đầu/cuối năm",
  "Năm 2025", "2025" (a bare year, 1900-2199, not a count such as "2000 người"), "Trong năm
  (2025)", "Cả năm", "năm nay"; ranges of years "2025-2026", "Năm 2025-2026", "Giai đoạn
  2025 - 2030" run from 01/01 of the first to 31/12 of the last. "Năm học 2025-2026" (September
  to May) is ``unknown``.
* A week of a month is counted inside the month, whatever the weekdays: "tuần đầu (tiên)",
  "tuần thứ nhất/1" = days 1-7, "tuần thứ hai/2" = 8-14, "thứ ba/3" = 15-21, "thứ tư/4" = 22-28,
  "thứ năm/5" = 29 to the month's end (``unknown`` when the month has no day 29), and "tuần cuối
  (cùng)" = the last seven days ("tuần cuối tháng 5/2025" = 25-31/05/2025).
* Lists of months or quarters are read as runs of consecutive items: each run is ONE period
  from its first item's start to its last item's end ("Tháng 4, 5/2025" = 01/04-31/05,
  "Quý II và quý III năm 2024" = 01/04-30/09), and a gap starts another milestone with the same
  label ("Tháng 3 và tháng 9/2025" = March and September; "Tháng 3, 6, 9 và 12" = four). In a
  range or as the span of a recurring deadline a list still counts as one period, first to last.
* Ranges "Từ X đến (hết) Y", "X đến Y", "X - Y" (two bare dates) run from X's start to Y's end,
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
  Days 29-31 fall on the month's last day in shorter months. ``describe`` names the day:
  "thứ Sáu hằng tuần", "ngày 25 hằng tháng", "ngày 14 tháng cuối quý", "ngày 28/02 hằng năm".
* Ongoing: "thường xuyên", "liên tục", "hằng ngày"; a period in the text gives start/due.
* Reference: "theo quy định/kế hoạch/hướng dẫn/chỉ đạo/yêu cầu/..." or a phrase starting with
  "(Thực hiện) theo ...".
* A cell longer than ``MAX_CELL_CHARS`` (2,000) characters is not read: it gives one
  ``unknown`` deadline saying so (the lint rule ``cell-length`` reports it). Reading is linear
  in the cell's length whatever it holds (see :mod:`.cells` and :mod:`.work`).
* Working days (``working_days=True``) skip Saturdays, Sundays and Vietnamese public holidays
  (see :mod:`cchc_cli.deadlines.workdays`); calendar-day offsets count from the day after the event.

Where each decision lives
-------------------------
* :mod:`.cells` splits a cell into milestone phrases (line breaks, bullets, ";", dangling words),
  in one pass.
* :mod:`.phrases` holds ``PHRASES``, the ordered table of phrase rules (the precedence above is
  its order); :mod:`.values` holds ``VALUE_FORMS``, the ordered table of date forms, and
  ``INTROS``, the words in front of them. ``cchc deadline --rules`` prints the tables.
* :mod:`.fold` folds and trims text; :mod:`.calendar` does month ends and periods;
  :mod:`.schedule` holds the values (kinds, frequencies, occurrences, ``describe``).
"""

from __future__ import annotations

import functools
import unicodedata

from cchc_cli.deadlines.cells import segments
from cchc_cli.deadlines.fold import squash
from cchc_cli.deadlines.phrases import PHRASES, read_segment
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
from cchc_cli.deadlines.values import INTROS, VALUE_FORMS

__all__ = [
    "MAX_CELL_CHARS",
    "Deadline",
    "Freq",
    "Kind",
    "Recurrence",
    "deadline_to_json",
    "grammar",
    "next_occurrence",
    "occurrences",
    "parse_deadlines",
    "read_cell",
    "resolve_event",
]


def grammar() -> tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]:
    """The tables of the language, in precedence order, for `cchc deadline --rules`:
    (title, rows of (name, example, what it yields)), titles and texts in Vietnamese."""
    return (
        (
            "Quy tắc câu (thứ tự ưu tiên: quy tắc trên được thử trước)",
            tuple((r.name, r.example, r.yields) for r in PHRASES),
        ),
        (
            "Dạng ngày và kỳ (thứ tự ưu tiên khi hai dạng cùng khớp một chỗ)",
            tuple((r.name, r.example, r.yields) for r in VALUE_FORMS),
        ),
        (
            "Từ dẫn trước một ngày hoặc một kỳ",
            tuple((r.name, r.example, r.meaning) for r in INTROS),
        ),
    )


MAX_CELL_CHARS = 2000
"""The longest "Tiến độ" cell that is read. The cells of real appendices are a few hundred
characters at most (the longest Tiến độ cell of plans/2025.yaml has 102); a longer one is a paste gone wrong
or hostile input, and is reported instead of read."""

_SHOWN_CHARS = 60


def _number(n: int) -> str:
    """12345 -> '12.345', as Vietnamese writes numbers."""
    return f"{n:,}".replace(",", ".")


def _unknown(text: str, reason: str) -> Deadline:
    return Deadline(kind="unknown", label=text, text=text, reason=reason)


def read_cell(text: str, year: int) -> list[Deadline]:
    """Read one cell without the cache (and without the guards of :func:`parse_deadlines`)."""
    out: list[Deadline] = []
    for seg in segments(text):
        out.extend(read_segment(seg, year))
    if not out:
        label = squash(unicodedata.normalize("NFC", text))
        out.append(_unknown(label, "không có nội dung thời hạn"))
    return out


def parse_deadlines(text: str, year: int) -> list[Deadline]:
    """Parse one "Tiến độ" cell; ``year`` is the plan year. Never raises; [] for blank text."""
    if not isinstance(text, str) or not text.strip():
        return []
    if len(text) > MAX_CELL_CHARS:
        shown = squash(unicodedata.normalize("NFC", text[: _SHOWN_CHARS * 4]))[:_SHOWN_CHARS] + "…"
        reason = (
            f"ô dài {_number(len(text))} ký tự, quá giới hạn {_number(MAX_CELL_CHARS)} ký tự nên không đọc"
        )
        return [_unknown(shown, reason)]
    return list(_parse_cached(text, year))


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str, year: int) -> tuple[Deadline, ...]:
    # Plans repeat their phrases ("Thường xuyên", "Trong năm 2025"…) and Deadlines are frozen,
    # so one reading serves every cell that says the same thing.
    try:
        return tuple(read_cell(text, year))
    except Exception:  # the contract is "never raise": degrade to unknown
        label = squash(text)
        return (_unknown(label, "lỗi khi phân tích thời hạn"),)
