"""The reminder scenario worked out by hand: the bundled plan, the progress below, and a
scheduler that runs `cchc remind --send` every working day from Fri 20/06 to Tue 01/07/2025
(within 7 days, overdue repeated every 7 days, empty log at the start).

What is still open in that fortnight (from plans/2025.yaml and the calendar):
- VII.5 (quarterly, "ngày 14 tháng cuối quý"): quý II due 14/06, not done -> overdue from
  15/06. Lead Văn phòng (van-phong), support Các phòng chuyên môn (phong-chuyen-mon).
- VII.6 mốc 2 (every Friday), never recorded, so untracked: every missed Friday is ONE line,
  keyed (VII.6, 2, "*"). On 20/06 it stands for the 24 Fridays 03/01 … 13/06; from 21/06 for 25
  (… 20/06); from 28/06 for 26 (… 27/06). The next Friday is an item of its own (open).
  Lead van-phong, support "toàn Sở" = van-phong, thanh-tra, phong-chuyen-mon, cang-vu (via
  the group of tổ chức hành chính) and dang-kiem (via the đơn vị sự nghiệp).
- I.4 mốc 1 "Quý II/2025": due 30/06; in the window from 23/06 (30 - 7); lead van-phong,
  support toàn Sở.
- VII.8 (monthly, last day), tracked (January to May recorded): June's occurrence due 30/06,
  in the window from 23/06. Lead van-phong, support mot-cua and hd-tdkt.
- waiting for an event with no date: III.4 mốc 1 (van-phong; dang-kiem through the đơn vị sự
  nghiệp), IV.2, IV.10, VII.1 (van-phong), IV.3 (dang-kiem).
Everything else is done below, ongoing, by regulation, or due in December.

Only the first open occurrence of a milestone is "upcoming" (query/due.py): on Fri 20/06 the
Friday report of 20/06 is due today and 27/06 is not listed; 27/06 first shows on 23/06.

Day by day (new = never told this item for this reason; repeat = overdue, told >= 7 days ago):
- 20/06: every overdue item and every waiting one is new; the Friday report is due today.
- 23/06: the overdue ones were told 3 days ago (the Friday line now says 25, still the same
  item): quiet. New: Friday 27/06 (4 days), I.4 and VII.8 of 30/06 (7 days) enter the window.
- 24–26/06: nothing new, nothing to repeat (4, 5, 6 days since 20/06): no message at all.
- 27/06: VII.5 quý II and the Friday line reach their weekly repeat (7 days since 20/06);
  the 27/06 report is due today. I.4 and VII.8 (3 days left) were told on 23/06: quiet, so
  mot-cua and hd-tdkt get nothing.
- 30/06: I.4 and VII.8 are due today; Friday 04/07 enters (4 days). The Friday line (now 26)
  and VII.5 were told 3 days ago: quiet.
- 01/07: I.4 and VII.8 (June) are overdue, 1 day: new. Nothing else.
"""

from __future__ import annotations

import datetime as dt

PROGRESS = """\
format_version: 1
plan: 2025
records:
  - {task: I.1, milestone: "1", done: 2025-02-10, evidence: Báo cáo số 45/BC-SXD}
  - {task: III.3, milestone: "1", done: 2025-05-10, evidence: Kế hoạch số 30/KH-SXD}
  - {task: III.3, milestone: "2", done: 2025-03-25, evidence: Kế hoạch số 31/KH-TTĐK}
  - {task: III.4, milestone: "2", done: 2025-03-28, evidence: Kế hoạch số 32/KH-SXD}
  - {task: VI.3, done: 2025-01-15, evidence: Báo cáo số 3/BC-SXD}
  - {task: VII.2, done: 2025-01-15, evidence: Báo cáo số 4/BC-SXD}
  - {task: VII.3, done: 2025-01-15, evidence: Báo cáo số 5/BC-SXD}
  - {task: VII.4, done: 2025-01-15, evidence: Báo cáo số 6/BC-SXD}
  - {task: IV.9, milestone: "1", period: "2025", done: 2025-02-20, evidence: Báo cáo số 20/BC-SXD}
  - {task: VII.5, period: 2025-Q1, done: 2025-03-14, evidence: Báo cáo số 12/BC-SXD}
  - {task: VII.8, period: 2025-01, done: 2025-01-31, evidence: Thông báo số 5/TB-SXD}
  - {task: VII.8, period: 2025-02, done: 2025-02-28, evidence: Thông báo số 9/TB-SXD}
  - {task: VII.8, period: 2025-03, done: 2025-03-31, evidence: Thông báo số 14/TB-SXD}
  - {task: VII.8, period: 2025-04, done: 2025-04-29, evidence: Thông báo số 20/TB-SXD}
  - {task: VII.8, period: 2025-05, done: 2025-05-30, evidence: Thông báo số 26/TB-SXD}
"""

# (reason, task, milestone, period, repeated?) — "*" is the one line of missed Fridays.
Told = tuple[str, str, str, str | None, bool]

VII5_Q2 = ("VII.5", "1", "2025-Q2")
FRIDAYS = ("VII.6", "2", "*")
I4 = ("I.4", "1", None)
VII8_JUNE = ("VII.8", "1", "2025-06")


def _t(reason: str, item: tuple[str, str, str | None], repeat: bool = False) -> Told:
    return (reason, item[0], item[1], item[2], repeat)


WAITING_VP = [
    _t("waiting", ("III.4", "1", None)),
    _t("waiting", ("IV.2", "1", None)),
    _t("waiting", ("IV.10", "1", None)),
    _t("waiting", ("VII.1", "1", None)),
]
WAITING_DK = [_t("waiting", ("III.4", "1", None)), _t("waiting", ("IV.3", "1", None))]
TOAN_SO = ("van-phong", "thanh-tra", "phong-chuyen-mon", "cang-vu", "dang-kiem")


def _friday(day: int) -> tuple[str, str, str]:
    return ("VII.6", "2", f"2025-W{day:02d}")


EXPECTED: dict[dt.date, dict[str, list[Told]]] = {
    dt.date(2025, 6, 20): {
        "van-phong": [
            _t("overdue", FRIDAYS),
            _t("overdue", VII5_Q2),
            _t("due_today", _friday(25)),
            *WAITING_VP,
        ],
        "thanh-tra": [_t("overdue", FRIDAYS), _t("due_today", _friday(25))],
        "phong-chuyen-mon": [_t("overdue", FRIDAYS), _t("overdue", VII5_Q2), _t("due_today", _friday(25))],
        "cang-vu": [_t("overdue", FRIDAYS), _t("due_today", _friday(25))],
        "dang-kiem": [_t("overdue", FRIDAYS), _t("due_today", _friday(25)), *WAITING_DK],
    },
    dt.date(2025, 6, 23): {
        "van-phong": [_t("upcoming", _friday(26)), _t("upcoming", I4), _t("upcoming", VII8_JUNE)],
        **{u: [_t("upcoming", _friday(26)), _t("upcoming", I4)] for u in TOAN_SO[1:]},
        "mot-cua": [_t("upcoming", VII8_JUNE)],
        "hd-tdkt": [_t("upcoming", VII8_JUNE)],
    },
    dt.date(2025, 6, 24): {},
    dt.date(2025, 6, 25): {},
    dt.date(2025, 6, 26): {},
    dt.date(2025, 6, 27): {
        "van-phong": [
            _t("overdue", VII5_Q2, repeat=True),
            _t("overdue", FRIDAYS, repeat=True),
            _t("due_today", _friday(26)),
        ],
        "thanh-tra": [_t("overdue", FRIDAYS, repeat=True), _t("due_today", _friday(26))],
        "phong-chuyen-mon": [
            _t("overdue", VII5_Q2, repeat=True),
            _t("overdue", FRIDAYS, repeat=True),
            _t("due_today", _friday(26)),
        ],
        "cang-vu": [_t("overdue", FRIDAYS, repeat=True), _t("due_today", _friday(26))],
        "dang-kiem": [_t("overdue", FRIDAYS, repeat=True), _t("due_today", _friday(26))],
    },
    dt.date(2025, 6, 30): {
        "van-phong": [_t("due_today", I4), _t("due_today", VII8_JUNE), _t("upcoming", _friday(27))],
        **{u: [_t("due_today", I4), _t("upcoming", _friday(27))] for u in TOAN_SO[1:]},
        "mot-cua": [_t("due_today", VII8_JUNE)],
        "hd-tdkt": [_t("due_today", VII8_JUNE)],
    },
    dt.date(2025, 7, 1): {
        "van-phong": [_t("overdue", I4), _t("overdue", VII8_JUNE)],
        **{u: [_t("overdue", I4)] for u in TOAN_SO[1:]},
        "mot-cua": [_t("overdue", VII8_JUNE)],
        "hd-tdkt": [_t("overdue", VII8_JUNE)],
    },
}
"""Who is told what on each run, in the digest's order: overdue (by due date), due today,
upcoming, waiting."""

FRIDAY_LINE: dict[dt.date, tuple[int, dt.date]] = {
    dt.date(2025, 6, 20): (24, dt.date(2025, 6, 13)),
    dt.date(2025, 6, 27): (25, dt.date(2025, 6, 20)),
}
"""What the one line of missed Fridays says on the days it is told: (missed, latest)."""

ALREADY_TOLD_VP: dict[dt.date, dict[str, int]] = {
    dt.date(2025, 6, 23): {"overdue": 2, "upcoming": 0, "waiting": 4},
    dt.date(2025, 6, 27): {"overdue": 0, "upcoming": 2, "waiting": 4},
    dt.date(2025, 6, 30): {"overdue": 2, "upcoming": 0, "waiting": 4},
    dt.date(2025, 7, 1): {"overdue": 2, "upcoming": 1, "waiting": 4},
}
"""Văn phòng Sở's closing line: what it was told before and is still open, by kind."""

ADDRESSES: dict[str, list[str]] = {
    "van-phong": ["vanphong@example.gov.vn"],
    "thanh-tra": ["thanhtra@example.gov.vn", "chanhthanhtra@example.gov.vn"],
    "phong-chuyen-mon": ["Các phòng chuyên môn <phongcm@example.gov.vn>"],
    "cang-vu": ["cangvu@example.gov.vn"],
    "dang-kiem": ["dangkiem@example.gov.vn"],
    "mot-cua": ["motcua@example.gov.vn"],
    "hd-tdkt": ["tdkt@example.gov.vn"],
}
"""Every unit with something to say in the fortnight has an address; cong-chuc-tthcc and
van-thu have nothing to say, so their missing address is not reported."""

RUN_DAYS = sorted(EXPECTED)


def settings_yaml(port: int, addresses: dict[str, list[str]] | None = None, extra: str = "") -> str:
    """The `.cchc.yaml` of the scenario, pointing at a test server on 127.0.0.1:port."""
    lines = [
        "remind:",
        "  within: 7",
        "  repeat_overdue_days: 7",
        "  smtp:",
        "    host: 127.0.0.1",
        f"    port: {port}",
        "    security: none",
        "    sender: CCHC Sở Xây dựng <cchc@example.gov.vn>",
        "  units:",
    ]
    for unit, found in (ADDRESSES if addresses is None else addresses).items():
        quoted = ", ".join(f'"{a}"' for a in found)
        lines.append(f"    {unit}: [{quoted}]")
    return "\n".join(lines) + "\n" + extra
