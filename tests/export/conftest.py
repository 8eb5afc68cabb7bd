"""Sites built for the tests, and the values worked out by hand that they are checked against.

The bundled plan with the sample progress (tests/conftest.py) as of 20/06/2025. Worked from
tests/query/test_status.py: with no progress 13 items are overdue on that day. The sample
records dated by 20/06 change that:
- I.1 mốc 1 done 10/02: its 18/02 deadline is no longer overdue;
- III.3 mốc 2 done 25/03: its 31/03 deadline neither;
- IV.9 mốc 1 (yearly, 28/02) done 05/03: neither;
- VII.5 done for 2025-Q1 (14/03) and 2025-Q2 (10/06): neither of its two;
- VII.8 done for 2025-01: the monthly milestone becomes *tracked*, so its one collapsed line
  (January to May) becomes one item per missed month: 28/02, 31/03, 30/04, 31/05 (June's
  occurrence, due 30/06, is open);
- the records dated after 20/06 (I.4 30/06, III.3b 22/12, VII.5 Q3 16/09) are not known yet.
So 13 - 6 + 4 = 11 overdue items, by due date then id.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from cchc_cli.cli.main import app
from tests.conftest import SAMPLE_PROGRESS, sample_pair

AS_OF = "20/06/2025"

OVERDUE_BY_HAND = [
    ("VII.4", "30/09/2024"),  # "Trong quý II, III năm 2024"
    ("VII.2", "19/11/2024"),  # "Trước ngày 20/11/2024"
    ("VII.3", "19/11/2024"),
    ("VI.3", "29/11/2024"),  # "Trước ngày 30/11/2024"
    ("VII.8", "28/02/2025"),
    ("III.4", "31/03/2025"),  # "Tháng 03/2025"
    ("VII.8", "31/03/2025"),
    ("VII.8", "30/04/2025"),
    ("III.3", "14/05/2025"),  # mốc 1 "trước 15/5/2025"
    ("VII.8", "31/05/2025"),
    ("VII.6", "13/06/2025"),  # the 24 untracked Fridays 03/01 … 13/06, as one line
]

# Section VII of the timeline, counted from the plan's Tiến độ cells:
# - dated milestones, one mark each: VII.2, VII.3 (20/11/2024), VII.4 (quý II, III 2024),
#   VII.6 mốc 1 and VII.7 ("Trong năm 2025") = 5; VII.1 waits for an undated event: none;
# - recurring items: VII.5 2025-Q1 and Q2 (Q3 has not begun on 20/06) = 2; VII.6 mốc 2 the
#   collapsed overdue line + this week's Friday 20/06 = 2; VII.8 January to June = 6; total 10;
# - later occurrences (hollow): VII.5 14/09 and 14/12 = 2; VII.6 the Fridays 27/06 … 26/12 =
#   27; VII.8 July to December = 6; total 35.
TIMELINE_VII = {"date": 5, "recurring": 10, "future": 35}

UNITS = (
    "van-phong",
    "thanh-tra",
    "phong-chuyen-mon",
    "cang-vu",
    "dang-kiem",
    "cong-chuc-tthcc",
    "van-thu",
    "mot-cua",
    "hd-tdkt",
)
SECTIONS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

HOSTILE_TASK = "<script>window.pwned = 1</script> & “Sở”"
HOSTILE_OUTPUT = '<img src="x" onerror="window.pwned = 2">'
HOSTILE_EVIDENCE = "<b>Báo cáo</b> số 1</td></tr><script>window.pwned = 3</script>"

HOSTILE_PLAN = f"""\
format_version: 1
plan:
  agency: Sở <i>Thử</i> nghiệm
  year: 2025
  title: NHIỆM VỤ <script>window.pwned = 4</script>
  attachment: (Kèm theo Kế hoạch số 12/KH-STN ngày 05/03/2025 của Sở Thử nghiệm)
  document:
    number: "12"
    symbol: KH-STN
    date: 2025-03-05
    issuer: Sở Thử nghiệm
units:
  - id: van-phong
    name: Văn phòng Sở
  - id: thanh-tra
    name: Thanh tra <u>Sở</u>
sections:
  - numeral: I
    title: CẢI CÁCH "THỂ CHẾ" <svg onload="window.pwned=5">
    tasks:
      - id: I.1
        task: '{HOSTILE_TASK}'
        output: '{HOSTILE_OUTPUT}'
        schedule: Trước ngày 15/03/2025
        assignment: |-
          Văn phòng Sở chủ trì;
          Thanh tra phối hợp
        lead: [van-phong]
        support: [thanh-tra]
"""

HOSTILE_PROGRESS = f"""\
format_version: 1
plan: 2025
records:
  - task: I.1
    done: 2025-03-10
    evidence: '{HOSTILE_EVIDENCE}'
    note: <em>ghi chú</em>
"""


def build(folder: Path, *args: str) -> Path:
    """`cchc site` on the bundled plan with the sample progress, as of 20/06/2025."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = sample_pair(folder, SAMPLE_PROGRESS)
    out = folder / "public"
    result = CliRunner().invoke(app, ["site", "--plan", str(plan), "--as-of", AS_OF, "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def build_hostile(folder: Path) -> Path:
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    (plans / "2025.yaml").write_text(HOSTILE_PLAN, encoding="utf-8")
    (plans / "2025.progress.yaml").write_text(HOSTILE_PROGRESS, encoding="utf-8")
    out = folder / "public"
    result = CliRunner().invoke(
        app, ["site", "--plan", str(plans / "2025.yaml"), "--as-of", "20/06/2025", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def as_day(text: str) -> dt.date:
    day, month, year = (int(p) for p in text.split("/"))
    return dt.date(year, month, day)
