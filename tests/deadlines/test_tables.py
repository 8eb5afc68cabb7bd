"""The tables of the deadline language: precedence, examples, and `cchc deadline --rules`.

The expected orders below are the precedence the specification (language.py) states, written
out by hand; each table row's example must be read by that very row.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.deadlines.fold import fold
from cchc_cli.deadlines.phrases import PHRASES, rule_of
from cchc_cli.deadlines.values import INTROS, VALUE_FORMS, scan

PHRASE_ORDER = [
    "parenthesised", "va-split", "event", "semiannual", "quarterly", "weekly", "monthly",
    "yearly", "periodic", "ongoing", "dates", "reference", "before-event", "unknown",
]  # fmt: skip
VALUE_ORDER = [
    "half-year", "quarters", "day-in-words", "day", "month-year", "week", "months", "school-year",
    "years", "year", "plan-year", "year-word", "bare-year",
]  # fmt: skip


def test_phrase_rules_in_the_order_of_the_specification() -> None:
    assert [rule.name for rule in PHRASES] == PHRASE_ORDER


def test_value_forms_in_precedence_order() -> None:
    assert [form.name for form in VALUE_FORMS] == VALUE_ORDER


@pytest.mark.parametrize("rule", PHRASES, ids=lambda r: r.name)
def test_each_phrase_example_is_read_by_its_own_rule(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule_of(rule.example, 2025) == rule.name


@pytest.mark.parametrize("form", VALUE_FORMS, ids=lambda f: f.name)
def test_each_value_example_is_read_by_its_own_form(form) -> None:  # type: ignore[no-untyped-def]
    hits = scan(fold(form.example))
    assert [h.form for h in hits] == [form.name]
    assert hits[0].end == len(form.example)


@pytest.mark.parametrize("intro", INTROS, ids=lambda i: i.name)
def test_each_introducer_example(intro) -> None:  # type: ignore[no-untyped-def]
    hits = scan(fold(intro.example))
    assert hits and hits[0].intro == intro.name and hits[0].start == 0


def test_rules_command_prints_the_tables_in_order() -> None:
    result = CliRunner().invoke(app, ["deadline", "--rules"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    phrases_at = lines.index("Quy tắc câu (thứ tự ưu tiên: quy tắc trên được thử trước):")
    values_at = next(k for k, line in enumerate(lines) if line.startswith("Dạng ngày và kỳ"))
    names = [line.split()[1] for line in lines[phrases_at + 1 : values_at] if line.strip()]
    assert names == PHRASE_ORDER
    assert "“Trước ngày 19/02/2025”" in lines[phrases_at + 1 + PHRASE_ORDER.index("dates")]
    intros_at = lines.index("Từ dẫn trước một ngày hoặc một kỳ:")
    value_names = [line.split()[1] for line in lines[values_at + 1 : intros_at] if line.strip()]
    assert value_names == VALUE_ORDER
    data = json.loads(CliRunner().invoke(app, ["deadline", "--rules", "-f", "json"]).stdout)
    assert [r["name"] for r in data[0]["rules"]] == PHRASE_ORDER
    assert set(data[0]["rules"][0]) == {"name", "example", "yields"}


def test_deadline_without_text_or_rules_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["deadline"])
    assert result.exit_code == 2
    assert "--rules" in result.stderr
