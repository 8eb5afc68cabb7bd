"""Control characters: refused by lint with their line and column, and never sent raw to a
terminal or a pipe by any command. Before: `show` and `due` printed ESC, BEL and NUL as they
were and lint said nothing."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SMALL_PLAN, line_of
from tests.hostile.helpers import cchc, refused

RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ESCAPED_TASK = 'task: "Rà soát\\e[2J\\e]0;pwned\\a văn bản\\0 [link=file:///etc]xem[/link]"'
HOSTILE = SMALL_PLAN.replace("task: Rà soát văn bản quy phạm pháp luật của Sở", ESCAPED_TASK).replace(
    "name: Thanh tra Sở", "name: Thanh tra \u202eSở\u202c"
)


def strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [s for value in values for s in strings(value)]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_lint_places_every_control_character(hostile: Path) -> None:
    result = cchc("lint", str(hostile))
    assert result.exit_code == 1
    found = [line for line in result.stdout.splitlines() if "[control-character]" in line]
    task_line, name_line = line_of(HOSTILE, ESCAPED_TASK), line_of(HOSTILE, "Thanh tra \u202e")
    task_col = HOSTILE.splitlines()[task_line - 1].index("\\e") + 1
    name_col = HOSTILE.splitlines()[name_line - 1].index("\u202e") + 1
    message = "lỗi [control-character] ký tự điều khiển {} không in được; xóa ký tự này"
    assert [re.sub(r"^[^:]+:", "", line) for line in found] == [
        f"{name_line}:{name_col}: " + message.format("U+202E (RLO)"),
        f"{name_line}:{name_col + 3}: " + message.format("U+202C (PDF)"),
        f"{task_line}:{task_col}: " + message.format("U+001B (ESC)"),
        f"{task_line}:{task_col + 15}: " + message.format("U+0007 (BEL)"),
        f"{task_line}:{task_col + 25}: " + message.format("U+0000 (NUL)"),
    ]
    assert not RAW.search(result.stdout)


def test_a_raw_escape_in_the_file_is_placed(tmp_path: Path) -> None:
    # libyaml refuses a raw ESC; before, that was "special characters are not allowed" at 1:1.
    text = SMALL_PLAN.replace("output: Báo cáo rà soát", "output: Báo cáo\x1b[31m rà soát")
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = cchc("due", "--plan", str(path), "--as-of", "01/06/2025")
    line = refused(result, code=1, place=True, says="U+001B")
    number = line_of(text, "\x1b")
    assert f":{number}:{text.splitlines()[number - 1].index(chr(27)) + 1}: " in line


@pytest.mark.parametrize(
    "args",
    [
        ["show", "I.1"],
        ["list"],
        ["list", "--format", "csv"],
        ["list", "--format", "markdown"],
        ["due", "--as-of", "01/12/2025"],
        ["due", "--as-of", "01/12/2025", "--format", "csv"],
        ["units"],
        ["export", "csv", "--as-of", "01/12/2025"],
    ],
    ids=lambda a: "-".join(a[:3]),
)
def test_no_command_prints_a_control_character(hostile: Path, args: list[str]) -> None:
    result = cchc(*args, "--plan", str(hostile))
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout + result.stderr)
    assert "\\u001b" in result.stdout or "\\u202e" in result.stdout


@pytest.mark.parametrize("args", [["show", "I.1", "-f", "json"], ["list", "-f", "json"], ["export", "json"]])
def test_json_output_keeps_the_data_and_stays_json(hostile: Path, args: list[str]) -> None:
    extra = ["--as-of", "01/12/2025"] if args[0] == "export" else []
    result = cchc(*args, *extra, "--plan", str(hostile))
    assert result.exit_code == 0 and not RAW.search(result.stdout)
    text = "".join(strings(json.loads(result.stdout)))
    assert "\x1b[2J" in text  # decoded, the characters are all there
    assert ("\u202eSở\u202c" in text) == (args[0] != "show")


def test_messages_quoting_the_user_are_escaped(hostile: Path) -> None:
    line = refused(cchc("show", "I.9\x1b]0;x\x07", "--plan", str(hostile)), code=2)
    assert "\\u001b]0;x\\u0007" in line and not RAW.search(line)
    unit = refused(
        cchc("due", "--unit", "\u202ekhông có", "--plan", str(hostile), "--as-of", "01/06/2025"), code=2
    )
    assert "\\u202e" in unit and not RAW.search(unit)


def test_the_terminal_table_escapes_cells_and_keeps_its_colours(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a terminal, rich draws the table: cells are escaped, markup is not interpreted, and
    # the only escape sequences are rich's own colours.
    from cchc_cli.cli import common

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stdout", screen)
    from cchc_cli.plan.loader import load_plan
    from cchc_cli.query.due import due_report

    loaded = load_plan(hostile)
    import datetime as dt

    from cchc_cli.cli import tabular

    report = due_report(loaded.plan, dt.date(2025, 12, 1), within=30)
    monkeypatch.setenv("COLUMNS", "400")
    with common.escaped_output():
        common._print_rows(
            common.TableFormat.table, tabular.DUE_HEADERS, tabular.due_rows(report), status_column=0
        )
    shown = screen.getvalue()
    assert "\\u001b[2J" in shown and "[link=file:///etc]xem[/link]" in shown
    assert re.sub(r"\x1b\[[0-9;]*m", "", shown).count("\x1b") == 0  # only colour codes
    assert "\x1b[" in shown  # rich did colour the status


def test_escape_controls_leaves_ordinary_text_alone() -> None:
    from cchc_cli.safetext import escape_controls

    text = "Văn phòng Sở\tchủ trì\nQuý II/2025\r\n"
    assert escape_controls(text) is text
    assert escape_controls("a\rb\x7f\x85\u2066") == "a\\u000db\\u007f\\u0085\\u2066"
