"""remind/sendlog.py: the reminder log is read like every cchc file and written whole, locked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc_cli.errors import PlanFileError
from cchc_cli.remind.sendlog import (
    LogBusyError,
    SentMessage,
    ToldItem,
    check_send_log,
    open_send_log,
    read_send_log,
    render_send_log,
)

MESSAGE = SentMessage(
    unit="van-phong",
    date=dt.date(2025, 6, 20),
    via="smtp",
    message_id="<cchc.2025.van-phong.20250620.0123456789abcdef@example.gov.vn>",
    items=[
        ToldItem(task="VII.5", milestone="1", period="2025-Q2", due=dt.date(2025, 6, 14), reason="overdue"),
        ToldItem(
            task="VII.6",
            milestone="2",
            period="2025-W24",
            due=dt.date(2025, 6, 13),
            missed=24,
            reason="overdue",
        ),
        ToldItem(task="IV.2", milestone="1", reason="waiting"),
    ],
)

WRITTEN = """\
format_version: 1
plan: 2025
messages:
  - unit: "van-phong"
    date: 2025-06-20
    via: smtp
    message_id: "<cchc.2025.van-phong.20250620.0123456789abcdef@example.gov.vn>"
    items:
      - {task: "VII.5", milestone: "1", period: "2025-Q2", due: 2025-06-14, reason: overdue}
      - {task: "VII.6", milestone: "2", period: "2025-W24", due: 2025-06-13, missed: 24, reason: overdue}
      - {task: "IV.2", milestone: "1", reason: waiting}
"""


def test_written_as_documented_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "2025.remind-log.yaml"
    with open_send_log(path, 2025) as log:
        assert log.messages == []
        log.record(MESSAGE)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Nhật ký nhắc việc của kế hoạch CCHC năm 2025")
    assert text.endswith(WRITTEN)
    again = read_send_log(path, 2025)
    assert again.messages == [MESSAGE]
    # The one line of missed Fridays is keyed without its latest date: the same item whatever it says.
    assert again.last_told("van-phong", ("VII.6", "2", "*", None), "overdue") == dt.date(2025, 6, 20)
    assert again.last_told(
        "van-phong", ("VII.5", "1", "2025-Q2", dt.date(2025, 6, 14)), "overdue"
    ) == dt.date(2025, 6, 20)
    assert again.last_told("van-phong", ("VII.5", "1", "2025-Q2", dt.date(2025, 6, 14)), "upcoming") is None
    assert again.last_told("thanh-tra", ("IV.2", "1", None, None), "waiting") is None


def test_empty_log_is_written_as_an_empty_list(tmp_path: Path) -> None:
    text = render_send_log(2025, [])
    assert text.endswith("format_version: 1\nplan: 2025\nmessages: []\n")
    log, problems = check_send_log(tmp_path / "x.yaml", 2025, text=text)
    assert problems == [] and log is not None and log.messages == []


@pytest.mark.parametrize(
    ("edit", "where", "message"),
    [
        (
            ("reason: waiting", "reason: later"),
            (11, "later"),
            "chỉ nhận 'upcoming', 'due_today', 'overdue' hoặc",
        ),
        (("format_version: 1", "format_version: 2"), (1, "2"), "mới hơn phiên bản cchc này hiểu (1)"),
        (
            ("plan: 2025", "plan: 2024"),
            (2, "2024"),
            "ghi cho kế hoạch “2024”, nhưng đang mở kế hoạch năm 2025",
        ),
        (
            ("    via: smtp", "    via: smtp\n    sent: yes"),
            (7, "sent"),
            "khóa 'sent' không thuộc định dạng nhật ký",
        ),
        (("due: 2025-06-14", "due: 2025-06-31"), (9, "2025-06-31"), "ngày không tồn tại"),
    ],
)
def test_problems_are_placed_and_worded(
    tmp_path: Path, edit: tuple[str, str], where: tuple[int, str], message: str
) -> None:
    path = tmp_path / "2025.remind-log.yaml"
    text = WRITTEN.replace(*edit)
    path.write_text(text, encoding="utf-8")
    line, needle = where  # the column is where the offending text starts on that line
    where = (line, text.splitlines()[line - 1].index(needle) + 1)
    with pytest.raises(PlanFileError) as caught:
        read_send_log(path, 2025)
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.column) == where
    assert message in problem.message


def test_a_second_run_waits_for_the_lock_then_gives_up_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "2025.remind-log.yaml"
    with open_send_log(path, 2025), pytest.raises(LogBusyError, match="một lần chạy cchc remind khác"):  # noqa: SIM117
        with open_send_log(path, 2025, timeout=0.2):
            pass
    with open_send_log(path, 2025, timeout=0.2) as log:  # released: the next run gets it
        assert log.messages == []


def test_nothing_is_written_when_the_folder_is_missing(tmp_path: Path) -> None:
    from cchc_cli.errors import CchcError

    with (
        pytest.raises(CchcError, match="thư mục không tồn tại"),
        open_send_log(tmp_path / "no" / "x.yaml", 2025),
    ):
        pass
