"""Lint rules: the broken-plan corpus, the bundled plan's own problems, and each heuristic.

Every expected rule, line and column here was worked out by hand from the files (lines
counted in the corpus files, columns counted on the line), never copied from a run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.lint.config import LintConfig
from cchc_cli.lint.registry import RULES, get, summary
from cchc_cli.lint.rules.section_order import roman_value, to_roman
from cchc_cli.lint.runner import lint_file
from tests.conftest import PLAN_2025, ROOT, SMALL_PLAN, line_of

INVALID = ROOT / "tests" / "data" / "invalid"
EXPECTED = yaml.safe_load((INVALID / "expected.yaml").read_text(encoding="utf-8"))


DEFAULTS = LintConfig()
VIETNAMESE_LETTER = r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]"
Lint = Callable[..., list[Diagnostic]]


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    def run(text: str, config: LintConfig = DEFAULTS) -> list[Diagnostic]:
        path = tmp_path / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        return lint_file(path, config, "plan.yaml")

    return run


def edit(old: str, new: str, text: str = SMALL_PLAN) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def set_line(text: str, number: int, new: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[number - 1] = new + "\n"
    return "".join(lines)


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in diagnostics]


# --- the corpus -------------------------------------------------------------------------------


def test_corpus_is_complete() -> None:
    files = {p.name for p in INVALID.iterdir()} - {"expected.yaml"}
    assert files == set(EXPECTED)
    assert len(files) >= 30
    # Every rule that can fire on a file has a broken plan of its own (`file` needs a path
    # that is not there, tested below).
    covered = {rule for entry in EXPECTED.values() for rule, _line in entry["expect"]}
    assert covered == set(RULES) - {"file"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name: str) -> None:
    diagnostics = lint_file(INVALID / name, DEFAULTS, name)
    assert [[d.code, d.line] for d in diagnostics] == EXPECTED[name]["expect"]
    assert all(d.path == name and d.message for d in diagnostics)


def test_small_plan_is_clean(lint: Lint) -> None:
    assert lint(SMALL_PLAN) == []


def test_missing_file(tmp_path: Path) -> None:
    diagnostics = lint_file(tmp_path / "khong-co.yaml", DEFAULTS, "khong-co.yaml")
    assert [(d.code, d.line, d.column, d.severity) for d in diagnostics] == [("file", 1, 1, Severity.ERROR)]


def test_corpus_columns() -> None:
    # Columns counted on the lines: "        lead: [" is 15 characters, so the unit is col 16.
    by_name = {
        "unknown-unit.yaml": ("unknown-unit", 33, 16),
        # "        schedule: " is 18 characters: the deadline phrase starts at column 19.
        "deadline-outside-year.yaml": ("deadline-outside-year", 31, 19),
        # "        task: Kiểm tra công tác cải cách hành chính " is 52 characters.
        "earlier-year-in-text.yaml": ("earlier-year-in-text", 36, 53),
        # "        task: Rà soát văn bản" is 29 characters: the doubled space is column 30.
        "double-space.yaml": ("whitespace", 29, 30),
        # "        output: Báo cáo rà soát" is 31 characters, then the three spaces.
        "trailing-space.yaml": ("whitespace", 30, 32),
        # "        assignment: Văn phòng Sở" is 32 characters, then the tab.
        "tab-in-text.yaml": ("whitespace", 32, 33),
        # "    name: Va" is 12 characters; the combining breve that follows sits on that a.
        "not-nfc.yaml": ("not-nfc", 14, 12),
        # "  - numeral: " is 13 characters.
        "section-order.yaml": ("section-order", 41, 14),
        # "  agency: S" is 11 characters, then the first byte that is not UTF-8.
        "not-utf8.yaml": ("yaml-syntax", 3, 12),
    }
    for name, expected in by_name.items():
        (d,) = lint_file(INVALID / name, DEFAULTS, name)
        assert (d.code, d.line, d.column) == expected, name


# --- the bundled plan -------------------------------------------------------------------------


def _task_line(text: str, task_id: str, key: str, nth: int = 1) -> int:
    """The line of `key:` (or of its nth line holding 'năm 2024') inside task `task_id`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {task_id}")
    key_line = next(i for i in range(start, len(lines)) if lines[i].strip().startswith(f"{key}:"))
    if nth == 0:
        return key_line + 1
    hits = [i for i in range(key_line, key_line + 6) if "năm 2024" in lines[i]]
    return hits[nth - 1] + 1


def test_bundled_plan_reports_the_source_problems() -> None:
    text = PLAN_2025.read_text(encoding="utf-8")
    diagnostics = lint_file(PLAN_2025, DEFAULTS, "plans/2025.yaml")
    # The seed's own problems, found by reading it: three deadlines and one period in 2024
    # (VI.3, VII.2, VII.3, VII.4); "năm 2024" where 2025 is meant in VI.1's task, VII.4's task
    # and twice in its output, VII.5's output; VII.1 ("Chỉ số … năm 2024") is meant. IX.4
    # repeats III.6.
    expected = sorted(
        [
            ("earlier-year-in-text", _task_line(text, "VI.1", "task")),
            ("deadline-outside-year", _task_line(text, "VI.3", "schedule", 0)),
            ("deadline-outside-year", _task_line(text, "VII.2", "schedule", 0)),
            ("deadline-outside-year", _task_line(text, "VII.3", "schedule", 0)),
            ("earlier-year-in-text", _task_line(text, "VII.4", "task")),
            ("earlier-year-in-text", _task_line(text, "VII.4", "output", 1)),
            ("earlier-year-in-text", _task_line(text, "VII.4", "output", 2)),
            ("deadline-outside-year", _task_line(text, "VII.4", "schedule", 0)),
            ("earlier-year-in-text", _task_line(text, "VII.5", "output", 1)),
            ("duplicate-task", _task_line(text, "IX.4", "task", 0)),
        ],
        key=lambda item: item[1],
    )
    assert found(diagnostics) == expected
    assert {d.severity for d in diagnostics} == {Severity.WARNING}
    duplicate = next(d for d in diagnostics if d.code == "duplicate-task")
    assert "IX.4" in duplicate.message and "III.6" in duplicate.message


# --- the registry -----------------------------------------------------------------------------


def test_registry() -> None:
    assert list(RULES) == [
        "file", "yaml-syntax", "duplicate-key", "schema", "format-version", "unknown-unit",
        "unknown-event", "unknown-task", "duplicate-id", "group-cycle", "duplicate-task-id",
        "unparsed-deadline", "deadline-outside-year", "earlier-year-in-text", "duplicate-task",
        "section-order", "not-nfc", "whitespace", "empty-cell", "cell-length", "unit-alias",
        "control-character",
    ]  # fmt: skip
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule_id)
        assert get(rule_id) is rule
        assert rule.__name__ == "cchc_cli.lint.rules." + rule_id.replace("-", "_")  # type: ignore[attr-defined]
        assert isinstance(rule.SEVERITY, Severity)
        first = summary(rule)
        # The user documentation starts with a Vietnamese sentence (letters with marks).
        assert re.search(VIETNAMESE_LETTER, first.lower())
        assert unicodedata.is_normalized("NFC", rule.__doc__ or "")
        assert len((rule.__doc__ or "").strip().splitlines()) > 2
    with pytest.raises(KeyError, match="khong-co"):
        get("khong-co")


# --- configuration at work --------------------------------------------------------------------


def test_config_changes_severity_and_disables(lint: Lint) -> None:
    text = edit("  - numeral: II\n", "  - numeral: III\n")
    assert [(d.code, d.severity) for d in lint(text)] == [("section-order", Severity.WARNING)]
    as_error = LintConfig(severity=MappingProxyType({"section-order": Severity.ERROR}))
    assert [(d.code, d.severity) for d in lint(text, as_error)] == [("section-order", Severity.ERROR)]
    assert lint(text, LintConfig(disabled=frozenset({"section-order"}))) == []


# --- duplicate-task ---------------------------------------------------------------------------

REPEAT = edit(
    "        task: Công khai thủ tục hành chính trên Trang thông tin điện tử\n"
    "        output: Danh mục thủ tục\n",
    "        task: 'Hoàn thành nhiệm vụ của tỉnh, cụ thể: Rà soát văn bản quy phạm pháp luật của Sở'\n"
    "        output: Báo cáo rà soát\n",
)


def test_duplicate_task_contained_text_with_same_output(lint: Lint) -> None:
    # II.1's task contains I.1's (8 words) and both outputs are "Báo cáo rà soát": line 45.
    assert found(lint(REPEAT)) == [("duplicate-task", 45)]


def test_duplicate_task_silenced_by_repeats(lint: Lint) -> None:
    declared = REPEAT + "        repeats: I.1\n"
    assert lint(declared) == []


def test_duplicate_task_needs_the_same_output_when_only_contained(lint: Lint) -> None:
    other_output = set_line(REPEAT, 46, "        output: Công văn")
    assert lint(other_output) == []


def test_duplicate_task_short_texts_are_not_compared(lint: Lint) -> None:
    # "Báo cáo tháng" (3 words) inside a longer task with the same output: not a duplicate.
    text = edit("        task: Rà soát văn bản quy phạm pháp luật của Sở\n", "        task: Báo cáo tháng\n")
    text = edit(
        "        task: Công khai thủ tục hành chính trên Trang thông tin điện tử\n"
        "        output: Danh mục thủ tục\n",
        "        task: Báo cáo tháng về thủ tục hành chính\n        output: Báo cáo rà soát\n",
        text,
    )
    assert lint(text) == []


# --- earlier-year-in-text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("task", "reported"),
    [
        ("Xây dựng Kế hoạch chuyển đổi số của Sở Xây dựng năm 2024", True),
        ("Tổ chức kiểm tra công tác CCHC năm 2023 đảm bảo 40% số đơn vị", True),
        ("Công bố Chỉ số và xếp hạng kết quả CCHC năm 2024 của tỉnh", False),
        ("Công khai ngân sách theo Thông tư số 90/2018/TT-BTC ngày 28/9/2018", False),
        ("Báo cáo theo NĐ 106/2020/NĐ-CP và NĐ 62/2020/NĐ-CP", False),
        ("Triển khai Luật Ban hành văn bản quy phạm pháp luật năm 2024", False),
        ("Thực hiện Kế hoạch số 12/KH-UBND năm 2024 của tỉnh", False),
        ("Thực hiện Quyết định ban hành ngày 10 tháng 4 năm 2024", False),
        ("Giảm số hồ sơ trễ hạn so với năm 2024", False),
        ("Tổng kết công tác CCHC năm 2024", False),
        ("Xây dựng Kế hoạch biên chế công chức năm 2026", False),
        ("Sắp xếp theo Nghị quyết năm 2021", False),  # more than 3 years before 2025
        ("Kiểm tra (theo kết quả năm trước); rà soát năm 2024", True),  # another clause
    ],
)
def test_earlier_year_heuristic(lint: Lint, task: str, reported: bool) -> None:
    text = edit("        task: Kiểm tra công tác cải cách hành chính\n", f"        task: {task}\n")
    assert found(lint(text)) == ([("earlier-year-in-text", 36)] if reported else [])


# --- deadline-outside-year --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "reported"),
    [
        ("Trước ngày 30/11/2024", True),
        ("Trong quý II, III năm 2024", True),
        ("Từ 01/12/2024 đến 31/12/2025", True),  # starts in 2024
        ("Trước ngày 15/01/2026", False),  # an annual report due early next year
        ("Trước ngày 15/04/2026", True),  # due after the first quarter of next year
        ("Tháng 3/2026", True),  # starts after the plan year
        ("Trước ngày 01/01/2026", False),  # due 31/12/2025
        ("Hằng quý", False),
    ],
)
def test_deadline_outside_year(lint: Lint, schedule: str, reported: bool) -> None:
    text = edit("        schedule: Quý II/2025\n", f"        schedule: {schedule}\n")
    assert found(lint(text)) == ([("deadline-outside-year", 38)] if reported else [])


def test_explicit_deadline_outside_year(lint: Lint) -> None:
    text = edit(
        "        lead: [thanh-tra]\n",
        "        lead: [thanh-tra]\n"
        "        deadlines:\n"
        "          - kind: date\n"
        "            due: 2024-06-30\n",
    )
    # deadlines starts on line 41; its entry (the `kind` key) on line 42.
    assert found(lint(text)) == [("deadline-outside-year", 42)]


def test_second_milestone_placed_on_its_own_line(lint: Lint) -> None:
    text = edit(
        "        schedule: Quý II/2025\n",
        "        schedule: |-\n          - Quý II/2025\n          - Trước ngày 20/11/2024\n",
    )
    assert found(lint(text)) == [("deadline-outside-year", 40)]


# --- whitespace, empty cells, NFC -------------------------------------------------------------


def test_whitespace_in_block_and_quoted_cells(lint: Lint) -> None:
    text = edit("        output: Kế hoạch kiểm tra\n", "        output: ' Kế hoạch kiểm tra'\n")
    text = edit(
        "        assignment: Thanh tra Sở chủ trì\n",
        "        assignment: |\n          Thanh tra Sở chủ trì\n",
        text,
    )
    # Line 37: leading space inside the quotes; line 39: '|' keeps a final line break.
    assert found(lint(text)) == [("whitespace", 37), ("whitespace", 39)]


def test_whitespace_indentation_is_not_doubled_space(lint: Lint) -> None:
    text = edit(
        "        assignment: Thanh tra Sở chủ trì\n",
        "        assignment: |-\n          - Thanh tra Sở chủ trì;\n          - Văn phòng Sở phối hợp.\n",
    )
    assert lint(text) == []


def test_empty_cells(lint: Lint) -> None:
    text = edit("        schedule: Hằng tháng\n", "        schedule: '   '\n")
    text = edit(
        "    tasks:\n      - id: II.1\n",
        "    tasks: []\n  - numeral: III\n    title: X\n    tasks:\n      - id: II.1\n",
        text,
    )
    # Section II is left without tasks (its `tasks` on line 43); II.1's blank Tiến độ moved
    # to line 50 by the three inserted lines.
    assert found(lint(text)) == [("empty-cell", 43), ("empty-cell", 50)]


def test_empty_cells_only_in_the_plans_own_columns(lint: Lint) -> None:
    # A table without a Kết quả column (format 2 `columns`): the blank output of every task is
    # not a slip; a blank Tiến độ still is, since that column is printed.
    columns = (
        "columns:\n  - {key: number, heading: TT}\n  - {key: task, heading: Nội dung}\n"
        "  - {key: schedule, heading: Thời gian}\n  - {key: assignment, heading: Đơn vị thực hiện}\n"
    )
    text = edit("format_version: 1\n", "format_version: 2\n", SMALL_PLAN)
    text = edit("units:\n", columns + "units:\n", text)
    text = edit("        output: Báo cáo rà soát\n", "        output: ''\n", text)
    text = edit("        schedule: Hằng tháng\n", "        schedule: ''\n", text)
    assert found(lint(text)) == [("empty-cell", line_of(text, "schedule: ''"))]


def test_not_nfc_reports_each_line(lint: Lint) -> None:
    text = SMALL_PLAN.replace("Văn phòng Sở chủ trì", unicodedata.normalize("NFD", "Văn phòng Sở chủ trì"))
    # Two assignment cells hold it: lines 32 and 48.
    assert found(lint(text)) == [("not-nfc", 32), ("not-nfc", 48)]


# --- section numerals -------------------------------------------------------------------------


def test_roman_numerals() -> None:
    assert [roman_value(n) for n in ("I", "IV", "IX", "XIV", "XL", "XC", "CXCIX")] == [
        1, 4, 9, 14, 40, 90, 199,
    ]  # fmt: skip
    assert [roman_value(n) for n in ("IIII", "VX", "IC", "")] == [None, None, None, None]
    assert [to_roman(v) for v in (1, 4, 9, 14, 40, 90, 199)] == [
        "I", "IV", "IX", "XIV", "XL", "XC", "CXCIX",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("numerals", "expected"),
    [
        (("I", "II"), []),
        (("II", "III"), [25]),  # the first section is not I
        (("I", "I"), [41]),
        (("I", "IIII"), [41]),
        # Imported plans keep the document's own numbering: 1, 2 … or A, B …
        (("1", "2"), []),
        (("1", "3"), [41]),  # section 2 is missing
        (("A", "B"), []),
        (("A", "C"), [41]),  # C after A is the third letter, not Roman 100: B is missing
        (("I", "2"), [41]),  # two numbering styles in one plan
    ],
)
def test_section_order(lint: Lint, numerals: tuple[str, str], expected: list[int]) -> None:
    text = set_line(SMALL_PLAN, 25, f'  - numeral: "{numerals[0]}"')
    text = set_line(text, 41, f'  - numeral: "{numerals[1]}"')
    assert found(lint(text)) == [("section-order", line) for line in expected]


def test_whitespace_trailing_inside_quotes(lint: Lint) -> None:
    text = edit("        output: Kế hoạch kiểm tra\n", '        output: "Kế hoạch kiểm tra  "\n')
    # '        output: "Kế hoạch kiểm ' is 31 characters; "tra" ends at column 34.
    (d,) = lint(text)
    assert (d.code, d.line, d.column) == ("whitespace", 37, 35)
