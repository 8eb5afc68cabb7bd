"""`cchc report`: the periodic progress table, from SAMPLE_PROGRESS (tests/test_progress.py).

Expected cells and counts were worked out by hand; see test_stats.py for the plan's
milestones. Quý I is reported as of its data cut-off, 14/03/2025, for deadlines up to 31/03.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.export.appendix import BLANK
from cchc_cli.export.doctable import Row, SectionRow, to_markdown
from cchc_cli.export.report import report_table
from cchc_cli.plan.loader import load_plan
from cchc_cli.progress.log import load_progress
from cchc_cli.progress.report import PERIODS, build_report, default_as_of, report_due
from tests.conftest import sample_pair


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    plan = sample_pair(tmp_path_factory.mktemp("report"))
    loaded = load_plan(plan)
    return plan, loaded, load_progress(plan.with_name("2025.progress.yaml"), loaded)


def row_of(table, numeral: str, stt: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    current = None
    for row in table.body:
        if isinstance(row, SectionRow):
            current = row.numeral
        elif current == numeral and row.cells[0] == stt:
            return row.cells
    raise AssertionError(f"no row {numeral}.{stt}")


@pytest.mark.parametrize(
    ("name", "due"),
    [
        ("q1", dt.date(2025, 3, 14)),
        ("h1", dt.date(2025, 6, 14)),
        ("q3", dt.date(2025, 9, 14)),
        ("year", dt.date(2025, 12, 14)),
    ],
)
def test_report_due_is_the_14th_of_the_last_month(name: str, due: dt.date) -> None:
    assert report_due(2025, PERIODS[name]) == due
    assert default_as_of(2025, PERIODS[name], dt.date(2026, 11, 27)) == due
    assert default_as_of(2025, PERIODS[name], dt.date(2025, 2, 1)) == dt.date(2025, 2, 1)


def test_quarter_one_table(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, log = sample
    table = report_table(build_report(loaded.plan, PERIODS["q1"], dt.date(2025, 3, 14), progress=log))
    assert table.label == "Phụ lục"
    assert table.title == ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2025 CỦA SỞ XÂY DỰNG")
    assert table.attachment == (
        f"(Kèm theo Báo cáo số {BLANK}/BC-SXD ngày {BLANK} tháng {BLANK} năm 2025 của Sở Xây dựng)"
    )
    assert [c.header for c in table.columns] == [
        "STT",
        "Nhiệm vụ",
        "Thời hạn",
        "Tình hình thực hiện",
        "Kết quả, văn bản chứng minh",
    ]
    assert sum(isinstance(r, SectionRow) for r in table.body) == 10
    assert sum(isinstance(r, Row) for r in table.body) == 54
    assert row_of(table, "I", "1")[2:] == (
        "Trước ngày 19/02/2025\nTrước ngày 15/12/2025",
        "- Trước ngày 19/02/2025: Hoàn thành sớm hạn ngày 10/02/2025 (trước hạn 8 ngày)\n"
        "- Trước ngày 15/12/2025: Đang thực hiện, trong hạn (hạn 14/12/2025)",
        "Báo cáo số 45/BC-SXD ngày 10/02/2025",
    )
    # VII.5: only the Q1 report (14/03) falls in quý I; it was sent that day.
    assert row_of(table, "VII", "5")[3:] == (
        "Đã hoàn thành 1/1 kỳ (đúng hạn 1)",
        "Kỳ 2025-Q1: Báo cáo số 12/BC-SXD ngày 14/03/2025",
    )
    # VII.8 monthly: January done 31/01, February missed, March (31/03) still ahead.
    assert row_of(table, "VII", "8")[3:] == (
        "Đã hoàn thành 1/3 kỳ (đúng hạn 1); quá hạn 1 kỳ: 2025-02; 1 kỳ đang trong hạn",
        "Kỳ 2025-01: Thông báo số 5/TB-SXD ngày 31/01/2025",
    )
    # III.3b was done on 22/12: not yet on 14/03.
    assert row_of(table, "III", "4")[3:] == ("Đang thực hiện, trong hạn (hạn 19/12/2025)", "")
    assert row_of(table, "IV", "2")[3] == "Chờ sự kiện: Đề án được phê duyệt"
    assert row_of(table, "II", "3")[3:] == ("Thường xuyên", "")
    assert table.notes[0] == (
        "Báo cáo gửi Sở Nội vụ trong ngày 14 của tháng cuối kỳ báo cáo: hạn gửi báo cáo "
        "quý I năm 2025 là ngày 14/03/2025."
    )
    # Deadlines up to 31/03: done I.1(1) early, VII.5 Q1 and VII.8 January on time, IV.9
    # late (05/03 > 28/02); open III.3(2), III.4(2), Fridays 14, 21, 28/03, VII.8 March;
    # overdue VI.3, VII.2, VII.3, VII.4, the 10 unrecorded Fridays 03/01..07/03 as one item,
    # VII.8 February (tracked: January is recorded); 5 waiting. Rate 4 / (4 + 6) = 40 %.
    assert table.notes[1] == (
        "Số liệu tính đến ngày 14/03/2025, các mốc có hạn đến 31/03/2025: 4 mốc đã hoàn thành "
        "(sớm hạn 1, đúng hạn 2, trễ hạn 1), 6 đang thực hiện trong hạn, 6 quá hạn, 5 chờ sự "
        "kiện; tỷ lệ hoàn thành 40,0%, tỷ lệ hoàn thành sớm hạn 25,0%."
    )
    assert row_of(table, "VII", "6")[3] == (
        "- Trong năm 2025: Đang thực hiện, trong hạn (hạn 31/12/2025)\n"
        "- Văn phòng Sở tổng hợp, báo cáo kết quả cho lãnh đạo Sở (thứ sáu hàng tuần): "
        "Đã hoàn thành 0/13 kỳ; "
        "quá hạn 10 kỳ chưa ghi nhận, gần nhất 07/03/2025; 3 kỳ đang trong hạn"
    )


def test_quarter_one_counts_only_what_was_due_in_quarter_one(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, log = sample
    table = report_table(build_report(loaded.plan, PERIODS["q1"], dt.date(2025, 12, 31), progress=log))
    # As of 31/12, the quý I report still counts only what was due by 31/03: early I.1(1)
    # (10/02 < 18/02) and III.3(2) (25/03 < 31/03); on time VII.5 Q1 and VII.8 January; late
    # IV.9 (05/03 > 28/02); overdue III.4(2), VI.3, VII.2, VII.3, VII.4, the 13 unrecorded
    # Fridays 03/01..28/03 (one item), VII.8 February and March; waiting III.4(1), IV.3, IV.10,
    # VII.1 (IV.2 was done on 15/05, after the quarter). Not III.3(1) (14/05), I.4 (30/06),
    # III.3b (19/12). Rate 5 / (5 + 8) = 38,5 %; early 2 / 5 = 40 %.
    assert table.notes[1] == (
        "Số liệu tính đến ngày 31/12/2025, các mốc có hạn đến 31/03/2025: 5 mốc đã hoàn thành "
        "(sớm hạn 2, đúng hạn 2, trễ hạn 1), 0 đang thực hiện trong hạn, 8 quá hạn, 4 chờ sự "
        "kiện; tỷ lệ hoàn thành 38,5%, tỷ lệ hoàn thành sớm hạn 40,0%."
    )


def test_year_table(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, log = sample
    table = report_table(build_report(loaded.plan, PERIODS["year"], dt.date(2025, 12, 31), progress=log))
    assert table.title.endswith("NĂM 2025 CỦA SỞ XÂY DỰNG") and "QUÝ" not in table.title
    assert row_of(table, "VII", "5")[3:] == (
        "Đã hoàn thành 3/4 kỳ (sớm hạn 1, đúng hạn 1, trễ hạn 1); quá hạn 1 kỳ: 2025-Q4",
        "Kỳ 2025-Q1: Báo cáo số 12/BC-SXD ngày 14/03/2025\n"
        "Kỳ 2025-Q2: Báo cáo số 60/BC-SXD ngày 10/06/2025\n"
        "Kỳ 2025-Q3: Báo cáo số 101/BC-SXD ngày 16/09/2025 (gửi chậm do chờ số liệu)",
    )
    assert row_of(table, "III", "4")[3] == "Hoàn thành trễ hạn ngày 22/12/2025 (trễ 3 ngày)"
    # IV.2 waits for an event that has no date: done, but never "đúng hạn"
    assert row_of(table, "IV", "2")[3] == "Hoàn thành (chưa có hạn để so) ngày 15/05/2025"
    assert row_of(table, "II", "3")[3:] == (
        "Thường xuyên; đã có kết quả ngày 30/04/2025",
        "Báo cáo tỷ lệ số hóa tháng 4/2025",
    )
    assert "là ngày 14/12/2025" in table.notes[0]


def test_unit_report_keeps_its_tasks(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, log = sample
    from cchc_cli.query.due import Selection

    table = report_table(
        build_report(
            loaded.plan,
            PERIODS["h1"],
            dt.date(2025, 6, 14),
            progress=log,
            selection=Selection(unit="van-thu"),
        )
    )
    # Văn thư Sở appears only in II.5 (chủ trì, "Thường xuyên").
    assert [r.numeral for r in table.body if isinstance(r, SectionRow)] == ["II"]
    assert [r.cells[:2] for r in table.body if isinstance(r, Row)] == [
        ("5", "100% hồ sơ TTHC được ký số đối với kết quả giải quyết theo quy định.")
    ]


def test_markdown(sample) -> None:  # type: ignore[no-untyped-def]
    _plan, loaded, log = sample
    text = to_markdown(
        report_table(build_report(loaded.plan, PERIODS["q1"], dt.date(2025, 3, 14), progress=log))
    )
    lines = text.splitlines()
    assert lines[0] == "**Phụ lục**"
    assert lines[2].startswith("**KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I")
    assert "| STT | Nhiệm vụ | Thời hạn | Tình hình thực hiện | Kết quả, văn bản chứng minh |" in lines
    assert "| **I** | **CẢI CÁCH THỂ CHẾ** |  |  |  |" in lines
    assert sum(1 for line in lines if line.startswith("| ")) == 1 + 10 + 54
    assert "Trước ngày 19/02/2025<br>Trước ngày 15/12/2025" in text
    assert "hạn gửi báo cáo quý I năm 2025 là ngày 14/03/2025." in text


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("q1", "quý I năm 2025 là ngày 14/03/2025"),
        ("h1", "6 tháng đầu năm 2025 là ngày 14/06/2025"),
        ("q3", "quý III năm 2025 là ngày 14/09/2025"),
        ("year", "báo cáo năm 2025 là ngày 14/12/2025"),
    ],
)
def test_cli_markdown(sample, runner: CliRunner, period: str, words: str) -> None:  # type: ignore[no-untyped-def]
    plan, _loaded, _log = sample
    result = runner.invoke(
        app,
        ["report", "--plan", str(plan), "--period", period, "--format", "markdown", "--as-of", "01/10/2025"],
    )
    assert result.exit_code == 0, result.output
    assert words in result.stdout
    assert "Nhắc: báo cáo gửi Sở Nội vụ trong ngày" in result.stderr


def test_cli_output_file_is_not_overwritten(sample, runner: CliRunner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan, _loaded, _log = sample
    out = tmp_path / "bao-cao.md"
    args = ["report", "--plan", str(plan), "--period", "q1", "-f", "markdown", "-o", str(out)]
    assert runner.invoke(app, [*args, "--as-of", "14/03/2025"]).exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert first.startswith("**Phụ lục**")
    again = runner.invoke(app, [*args, "--as-of", "01/03/2025"])
    assert again.exit_code == 1 and "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == first
    forced = runner.invoke(app, [*args, "--as-of", "01/03/2025", "--force"])
    assert forced.exit_code == 0 and "ngày 01/03/2025" in out.read_text(encoding="utf-8")


def test_cli_docx(sample, runner: CliRunner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    plan, _loaded, _log = sample
    out = tmp_path / "bao-cao.docx"
    args = ["report", "--plan", str(plan), "--period", "q1", "-o", str(out), "--as-of", "14/03/2025"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    table = document.tables[0]
    assert len(table.rows) == 1 + 10 + 54
    assert [c.text for c in table.rows[0].cells][:3] == ["STT", "Nhiệm vụ", "Thời hạn"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2025" in text
    assert "hạn gửi báo cáo quý I năm 2025 là ngày 14/03/2025" in text
