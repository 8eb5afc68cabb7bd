"""Hostile text: reading is linear in the cell's length, a cell has a length limit, and
parse_deadlines never raises.

Linearity is measured in work, not wall time: the deadline language charges every character it
hands to a scanner to a meter (cchc_cli.deadlines.work). The bound K comes from the bundled
plan: its most expensive Tiến độ cell costs 5.4 characters of work per character of text
(test_the_bundled_plan_sets_the_budget), so K = 10 leaves a margin of almost two. Before the
cell splitter kept a running state, each line ending in "Trước ngày" re-joined and rescanned
the whole text so far: 5,000 such lines cost about 5,000² / 2 × 11 = 137 million characters
(16-20 s); the budget below is 550,000.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from cchc_cli.deadlines import work
from cchc_cli.deadlines.language import MAX_CELL_CHARS, parse_deadlines, read_cell
from cchc_cli.deadlines.schedule import KINDS, deadline_to_json
from cchc_cli.diagnostics import Severity
from cchc_cli.lint.config import LintConfig
from cchc_cli.lint.runner import lint_file
from tests.conftest import PLAN_2025, SMALL_PLAN

K = 10
HOSTILE = ["Trước ngày\n", "đến hết\n", "Trước ngày:\n", "sau khi có\n", "Thường xuyên và\n"]


def cost(text: str) -> int:
    work.reset()
    read_cell(text, 2025)
    return work.read()


def test_the_bundled_plan_sets_the_budget() -> None:
    import yaml

    plan = yaml.safe_load(PLAN_2025.read_text(encoding="utf-8"))
    ratios = [cost(t["schedule"]) / len(t["schedule"]) for s in plan["sections"] for t in s["tasks"]]
    assert len(ratios) == 54
    assert max(ratios) * 1.5 <= K


@pytest.mark.parametrize("line", HOSTILE)
def test_5000_dangling_lines_cost_at_most_k_times_their_length(line: str) -> None:
    text = line * 5000
    assert cost(text) <= K * len(text)


@pytest.mark.parametrize("line", [*HOSTILE, "(\n", "Trước ngày 15/12/2025 và\n", "hằng\nngày\n"])
def test_work_grows_linearly(line: str) -> None:
    small, big = cost(line * 1000), cost(line * 5000)
    assert 4.5 <= big / small <= 5.5


def test_white_space_runs_cost_linear_work() -> None:
    small = cost("Trước ngày" + " " * 10_000 + ":\n" + "\n" * 10_000 + "15/12/2025")
    big = cost("Trước ngày" + " " * 50_000 + ":\n" + "\n" * 50_000 + "15/12/2025")
    assert 4.5 <= big / small <= 5.5


def test_dangling_lines_still_join_across_white_space() -> None:
    # the running state sees the end of the text so far as the whole text did
    assert [d.due for d in read_cell("Trước" + " " * 100 + ":\n  \n\t\n15/12/2025", 2025)] == [
        date(2025, 12, 14)
    ]
    assert [d.due for d in read_cell("(Trước\n\n ngày 15/12/2025)", 2025)] == [date(2025, 12, 14)]


# --------------------------------------------------------------------------- the limit


def test_a_cell_at_the_limit_is_read() -> None:
    text = "Trước ngày 15/12/2025" + " " * (MAX_CELL_CHARS - 21)
    assert len(text) == 2000
    assert [d.due for d in parse_deadlines(text, 2025)] == [date(2025, 12, 14)]


def test_a_cell_over_the_limit_is_one_unknown_saying_why() -> None:
    text = "Trước ngày 15/12/2025" + " " * (MAX_CELL_CHARS - 20)
    (d,) = parse_deadlines(text, 2025)
    assert (d.kind, d.reason) == ("unknown", "ô dài 2.001 ký tự, quá giới hạn 2.000 ký tự nên không đọc")
    (huge,) = parse_deadlines("Trước ngày\n" * 5000, 2025)
    assert huge.reason == "ô dài 55.000 ký tự, quá giới hạn 2.000 ký tự nên không đọc"
    assert len(huge.label) <= 61 and huge.label.endswith("…")


def test_cell_length_lint_rule(tmp_path: Path) -> None:
    long_cell = "Trước ngày 15/12/2025; " * 100  # 2,300 characters
    text = SMALL_PLAN.replace("schedule: Quý II/2025", f"schedule: {long_cell.strip()}")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    found = [d for d in lint_file(path, LintConfig(), "plan.yaml") if d.code == "cell-length"]
    written = "        schedule: Trước ngày 15/12/2025; "
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith(written))
    assert [(d.line, d.column, d.severity) for d in found] == [(line, 19, Severity.WARNING)]
    assert found[0].message == (
        "nhiệm vụ I.2: ô Tiến độ dài 2.299 ký tự, quá giới hạn 2.000 ký tự; cchc không đọc hạn trong ô này"
    )
    assert [d.code for d in lint_file(PLAN_2025, LintConfig())].count("cell-length") == 0


# --------------------------------------------------------------------------- never raises


def test_never_raises_on_random_huge_or_control_text() -> None:
    rnd = random.Random(20251202)
    pools = [
        "".join(chr(c) for c in range(0, 32)) + "\u2028\u2029\u0085\u00a0\ufeff\u200b",
        "aăâđêôơư0123456789/-.:;,() \n" + "".join(chr(c) for c in range(0x300, 0x370)),
        "".join(chr(rnd.randrange(0x20, 0x30000)) for _ in range(400)),
    ]
    words = ["trước", "ngày", "tháng", "tuần", "đầu", "cuối", "thứ", "năm", "học", "quý", "2025", "-", "/"]
    for i in range(1500):
        pool = pools[i % 3]
        if i % 5 == 0:
            text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 30)))
        else:
            text = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 80)))
        if i % 50 == 0:
            text *= 100  # over the limit
        if i % 7 == 0:
            text = unicodedata.normalize("NFD", text)
        for d in parse_deadlines(text, 2025):
            assert d.kind in KINDS
            assert d.reason != "lỗi khi phân tích thời hạn", repr(text)
            deadline_to_json(d, date(2025, 6, 1))
    assert [d.due for d in parse_deadlines("\ud800 Trước ngày 15/12/2025", 2025)] == [date(2025, 12, 14)]
