"""`cchc export csv|json|xlsx`: one row per counted item, with status and evidence.

As of 31/03/2025 with SAMPLE_PROGRESS the plan has 75 items (33 dated milestones, IV.9
2025, VII.5 Q1, 14 Fridays 03/01..04/04, VII.8 January..March, 5 waiting events, 14 ongoing,
4 reference), with the statuses worked out in test_stats.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from tests.conftest import sample_pair

STATUSES_31_03 = {
    "Hoàn thành sớm hạn": 2,
    "Hoàn thành đúng hạn": 2,
    "Hoàn thành trễ hạn": 1,
    "Đang thực hiện, trong hạn": 29,
    "Quá hạn": 6,
    "Chờ sự kiện": 5,
    "Thường xuyên": 14,
    "Theo quy định/kế hoạch khác": 4,
}

I11 = [
    "I.1",
    "I",
    "Quản lý theo dõi thi hành pháp luật; rà soát, hệ thống hóa văn bản QPPL; Kiểm tra, rà "
    "soát và xử lý văn bản QPPL năm 2025 đảm bảo đúng hạn, đầy đủ nội dung",
    "Báo cáo kết quả theo dõi tình hình thi hành pháp luật, Kiểm tra, rà soát và xử lý văn bản QPPL năm 2025",
    "Trước ngày 19/02/2025\nTrước ngày 15/12/2025",
    "1",
    "Trước ngày 19/02/2025",
    "Có thời hạn",
    "",
    "18/02/2025",
    "Văn phòng Sở",
    "Các phòng, ban, đơn vị thuộc và trực thuộc Sở",
    "Hoàn thành sớm hạn",
    "Hoàn thành sớm hạn ngày 10/02/2025 (trước hạn 8 ngày)",
    "10/02/2025",
    "Báo cáo số 45/BC-SXD ngày 10/02/2025",
    "",
    "",
]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_pair(tmp_path_factory.mktemp("table"))


def invoke(runner: CliRunner, plan: Path, *args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["export", *args, "--plan", str(plan)])
    assert result.exit_code == 0, result.output
    return result


def test_csv_to_stdout(runner: CliRunner, plan: Path) -> None:
    result = invoke(runner, plan, "csv", "--as-of", "31/03/2025")
    assert not result.stdout.startswith("\ufeff")  # no BOM in a pipe
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Mã", "Mục", "Nhiệm vụ"] and len(header) == 18
    # The items of `cchc stats` on 31/03 (see test_stats.py): 2+2+1+29+6+5+14+4 = 63
    assert len(body) == 63
    status = header.index("Trạng thái")
    assert Counter(r[status] for r in body) == STATUSES_31_03
    assert body[0] == I11
    fridays = [r for r in body if r[0] == "VII.6" and r[header.index("Kỳ")]]
    # The weekly report was never recorded: the 13 Fridays 03/01..28/03 are one row, dated
    # by the latest (28/03, week 13), then this week's Friday 04/04, still ahead.
    assert [r[header.index("Kỳ")] for r in fridays] == ["2025-W13", "2025-W14"]
    assert [r[header.index("Hạn")] for r in fridays] == ["28/03/2025", "04/04/2025"]
    assert fridays[0][header.index("Diễn giải")] == "Quá hạn: 13 kỳ chưa ghi nhận, gần nhất 28/03/2025"
    assert fridays[-1][status] == "Đang thực hiện, trong hạn"


def test_csv_file_has_bom_and_section_filter(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "bang.csv"
    invoke(runner, plan, "csv", "--as-of", "31/03/2025", "--section", "VII", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))[1:]
    # VII.1 (waiting), VII.2 VII.3 VII.4 VII.6(1) VII.7 (dated), VII.5 Q1, the Fridays (one
    # row for the 13 missed, one for 04/04), VII.8 January..March
    assert len(rows) == 12 and {r[1] for r in rows} == {"VII"}
    again = runner.invoke(app, ["export", "csv", "--plan", str(plan), "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.stderr


def test_json_unit(runner: CliRunner, plan: Path) -> None:
    result = invoke(runner, plan, "json", "--as-of", "31/12/2025", "--unit", "Bộ phận một cửa")
    data = json.loads(result.stdout)
    assert data["as_of"] == "2025-12-31" and data["unit"] == "Bộ phận một cửa"
    # Bộ phận một cửa only supports VII.8 (monthly): 12 months, January recorded on time,
    # February..November overdue, December (31/12) due that day.
    items = data["items"]
    assert [i["period"] for i in items] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert Counter(i["status"] for i in items) == {"on_time": 1, "overdue": 10, "open": 1}
    first = items[0]
    assert (first["due"], first["done"], first["evidence"]) == (
        "2025-01-31",
        "2025-01-31",
        "Thông báo số 5/TB-SXD ngày 31/01/2025",
    )
    assert first["missed"] == 1  # VII.8 is tracked: each month is its own item
    assert first["lead"] == ["Văn phòng Sở"]
    assert first["support"] == ["Bộ phận một cửa", "Hội đồng Thi đua - Khen thưởng Sở"]


def test_xlsx(runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    invoke(runner, plan, "xlsx", "--as-of", "31/03/2025")
    workbook = load_workbook(tmp_path / "cchc-2025.xlsx")  # the default name, in the folder
    sheet = workbook.active
    assert sheet.title == "CCHC 2025"
    assert sheet.max_row == 1 + 63 and sheet.max_column == 18
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Mã", "Mục", "Nhiệm vụ"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:R64"
    assert sheet.column_dimensions["C"].width == 50
    row = [c.value for c in sheet[2]]
    assert row[:9] == [*I11[:8], None]
    assert row[9] == dt.datetime(2025, 2, 18) and row[14] == dt.datetime(2025, 2, 10)
    assert sheet.cell(2, 10).number_format == "DD/MM/YYYY"
    assert sheet.cell(2, 3).alignment.wrap_text
    status = header.index("Trạng thái")
    counted = Counter(sheet.cell(r, status + 1).value for r in range(2, sheet.max_row + 1))
    assert counted == STATUSES_31_03
