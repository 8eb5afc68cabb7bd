"""Vietnamese everywhere a user reads: every help page, usage and option errors, YAML and
pydantic fragments, the JSON Schema an editor shows. Each text is searched for English
words that have no business in a Vietnamese interface (option names, metavars and choice
values such as `--format json` are code, not sentences, and are left out first)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.plan.loader import parse_document
from cchc_cli.plan.schema import plan_schema
from tests.conftest import PLAN_2025, SMALL_PLAN

ENGLISH = frozenset(
    (
        "the", "this", "that", "and", "for", "with", "show", "message", "exit", "missing",
        "argument", "arguments", "invalid", "value", "such", "command", "commands", "usage",
        "options", "option", "default", "required", "error", "try", "help", "not", "is", "are",
        "of", "did", "you", "mean", "should", "valid", "integer", "input", "unable", "parse",
        "string", "got", "unexpected", "extra", "takes", "requires", "does", "take", "possible",
        "aborted", "dynamic", "env", "var", "exist", "readable", "writable", "range", "than",
        "greater", "less", "equal", "found", "expected", "while", "scanning", "parsing", "out",
        "indicator", "node", "content", "cannot", "token", "allowed", "here",
    )
)  # fmt: skip
COMMAND_NAMES = frozenset((c.name or "") for c in app.registered_commands) | {
    "export",
    "docx",
    "ics",
    "csv",
    "json",
    "xlsx",
    "list",
    "show",
}
CODE = re.compile(
    r"--?[\w-]+|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|'[^']*'|\"[^\"]*\"|`[^`]*`|\S+\.(?:yaml|toml|docx|ics|csv|json|xlsx)"
)


def english_words(text: str) -> set[str]:
    plain = CODE.sub(" ", text)
    words = re.findall(r"[A-Za-z]+", plain)
    return {w for w in words if w.lower() in ENGLISH and w not in COMMAND_NAMES}


def commands() -> Iterator[list[str]]:
    yield []
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        yield [name.replace("_", "-")]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        yield [group.name or ""]
        for command in group.typer_instance.registered_commands:
            yield [group.name or "", command.name or ""]


@pytest.mark.parametrize("words", list(commands()), ids=lambda w: " ".join(w) or "cchc")
def test_every_help_page_is_vietnamese(words: list[str]) -> None:
    result = CliRunner().invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert "Cách dùng:" in result.stdout and "In hướng dẫn này rồi thoát." in result.stdout
    assert english_words(result.stdout) == set(), result.stdout


USAGE_ERRORS = [
    ["du"],  # no such command, with a suggestion
    ["due", "--bogus"],
    ["due", "--format", "xml"],
    ["due", "--within", "abc"],
    ["due", "--within", "-3"],
    ["due", "--as-of"],
    ["due", "x", "y"],
    ["show"],
    ["done", "I.1"],  # missing --evidence
    ["export", "ics", "--remind-days", "99"],
    ["export", "nothing"],
    ["report", "--period", "q5"],
    ["due", "--as-of", "31/02/2025", "--plan", str(PLAN_2025)],
    ["due", "--unit", "Không Có", "--plan", str(PLAN_2025), "--as-of", "01/06/2025"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda a: " ".join(a[:3]))
def test_usage_errors_are_vietnamese(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert english_words(result.output) == set(), result.output


BROKEN_YAML = [
    "format_version: 1\nplan:\n  agency: x\n - oops\n",
    "format_version: 1\nunits: [a, b\n",
    "format_version: 1\nplan: {agency: x\n",
    "format_version: 1\nplan:\n\tagency: x\n",
    'format_version: 1\nplan: "unclosed\n',
    "format_version: 1\nplan: @x\n",
    "format_version: 1\nplan:\n  - a\n  b: c\n",
    'format_version: 1\nplan: "bad \\q escape"\n',
    "format_version: 1\n---\nformat_version: 1\n",
    SMALL_PLAN.replace("date: 2025-03-05", "date: 2025-02-31"),
]


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_yaml_and_pydantic_fragments_are_vietnamese(text: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(path), "--format", "standard"])
    assert result.exit_code == 1, result.output
    assert english_words(result.stdout) == set(), result.stdout
    assert "day is out of range" not in result.stdout


def test_yaml_problems_keep_their_place(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("format_version: 1\nunits: [a, b\n", encoding="utf-8")
    [problem] = parse_document(path, "plan.yaml").problems
    assert problem.line == 3 and "thiếu dấu ',' hoặc dấu ']'" in problem.message


def _texts(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "description") and isinstance(value, str):
                yield f"{where}.{key}", value
            else:
                yield from _texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{where}.{index}")


def test_the_schema_an_editor_shows_is_vietnamese() -> None:
    vietnamese = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)
    texts = list(_texts(plan_schema()))
    assert len(texts) > 60
    for where, text in texts:
        assert vietnamese.search(text), (where, text)
        assert english_words(text) == set(), (where, text)


def test_the_detector_sees_english() -> None:
    # The tests above would pass on a detector that finds nothing.
    assert english_words("Show this message and exit.") == {"Show", "this", "message", "and", "exit"}
    assert english_words("Error: Invalid value for '--format': 'xml' is not one of …") >= {"Invalid", "is"}
    assert english_words("Lỗi: --format <table|json> 'table'") == set()
