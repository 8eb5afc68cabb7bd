"""Shared fixtures and helpers: the bundled plan, small plans and progress files, a CLI runner,
a clock no test reads for real, and one scratch folder for the whole run (removed at the end)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli import common

ROOT = Path(__file__).resolve().parent.parent
PLAN_2025 = ROOT / "plans" / "2025.yaml"
SEED = ROOT / "tests" / "data" / "seed-2025.txt"

MINIMAL_PLAN = """\
format_version: 1
plan:
  agency: Sở Thử nghiệm
  year: 2025
  title: NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025
  attachment: (Kèm theo Kế hoạch số 12/KH-STN ngày 05/03/2025 của Sở Thử nghiệm)
  document:
    number: "12"
    symbol: KH-STN
    date: 2025-03-05
    issuer: Sở Thử nghiệm
units:
  - id: van-phong
    name: Văn phòng Sở
    aliases: [Văn phòng]
  - id: thanh-tra
    name: Thanh tra Sở
groups:
  - id: toan-so
    name: Các phòng, ban, đơn vị thuộc và trực thuộc Sở
    members: [van-phong, thanh-tra]
sections:
  - numeral: I
    title: CẢI CÁCH THỂ CHẾ
    tasks:
      - id: I.1
        task: Rà soát văn bản
        output: Báo cáo
        schedule: Trước ngày 15/12/2025
        assignment: Văn phòng Sở chủ trì
        lead: [van-phong]
        support: [toan-so]
"""

# The plan every corpus file was made from (each with one mistake): lints clean.
SMALL_PLAN = """\
format_version: 1
plan:
  agency: Sở Thử nghiệm
  year: 2025
  title: NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025
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
    name: Thanh tra Sở
groups:
  - id: toan-so
    name: Các phòng, ban, đơn vị thuộc và trực thuộc Sở
    members: [van-phong, thanh-tra]
events:
  - id: de-an
    name: Đề án được phê duyệt
sections:
  - numeral: I
    title: CẢI CÁCH THỂ CHẾ
    tasks:
      - id: I.1
        task: Rà soát văn bản quy phạm pháp luật của Sở
        output: Báo cáo rà soát
        schedule: Trước ngày 15/12/2025
        assignment: Văn phòng Sở chủ trì
        lead: [van-phong]
        support: [toan-so]
      - id: I.2
        task: Kiểm tra công tác cải cách hành chính
        output: Kế hoạch kiểm tra
        schedule: Quý II/2025
        assignment: Thanh tra Sở chủ trì
        lead: [thanh-tra]
  - numeral: II
    title: CẢI CÁCH THỦ TỤC HÀNH CHÍNH
    tasks:
      - id: II.1
        task: Công khai thủ tục hành chính trên Trang thông tin điện tử
        output: Danh mục thủ tục
        schedule: Hằng tháng
        assignment: Văn phòng Sở chủ trì
        lead: [van-phong]
"""

# Results of the bundled plan; the status of each one was worked out by hand from
# plans/2025.yaml and the deadline rules (see tests/progress/test_progress.py).
SAMPLE_PROGRESS = """\
# Tiến độ kế hoạch CCHC 2025 (dữ liệu thử; trạng thái tính tay)
format_version: 1
plan: 2025
records:
  # I.1 mốc 1 "Trước ngày 19/02/2025" -> hạn 18/02; xong 10/02: sớm hạn 8 ngày
  - task: I.1
    milestone: "1"
    done: 2025-02-10
    evidence: Báo cáo số 45/BC-SXD ngày 10/02/2025
  # I.4 mốc 1 "Quý II/2025" -> hạn 30/06; xong 30/06: đúng hạn
  - task: I.4
    milestone: "1"
    done: 2025-06-30
    evidence: Kế hoạch số 120/KH-SXD ngày 30/06/2025
  # III.3b "Trước 20/12/2025" -> hạn 19/12; xong 22/12: trễ hạn 3 ngày
  - task: III.3b
    done: 2025-12-22
    evidence: Công văn số 900/SXD-VP ngày 22/12/2025
    recorded_by: Nguyễn Văn A
  - task: VII.5  # hằng quý, ngày 14 tháng cuối quý
    period: 2025-Q1
    done: 2025-03-14
    evidence: Báo cáo số 12/BC-SXD ngày 14/03/2025
  - task: VII.5
    milestone: "1"
    period: 2025-Q2
    done: 2025-06-10
    evidence: Báo cáo số 60/BC-SXD ngày 10/06/2025
  - task: VII.5
    milestone: "1"
    period: 2025-Q3
    done: 2025-09-16
    evidence: Báo cáo số 101/BC-SXD ngày 16/09/2025
    note: gửi chậm do chờ số liệu
  # III.3 mốc 2 (số lượng người làm việc, trước 01/4) -> hạn 31/03; xong 25/03: sớm hạn
  - task: III.3
    milestone: 2
    done: 2025-03-25
    evidence: Kế hoạch số 30/KH-TTĐK ngày 25/03/2025
  # IV.2 chờ "Đề án được phê duyệt" (chưa có ngày): xong vẫn tính đúng hạn
  - task: IV.2
    done: 2025-05-15
    evidence: Báo cáo số 50/BC-SXD ngày 15/05/2025
  # II.3 thường xuyên: có kết quả nhưng không tính vào tỷ lệ
  - task: II.3
    done: 2025-04-30
    evidence: Báo cáo tỷ lệ số hóa tháng 4/2025
  - task: VII.8
    period: 2025-01
    done: 2025-01-31
    evidence: Thông báo số 5/TB-SXD ngày 31/01/2025
  # IV.9 mốc 1 hằng năm "trước ngày 01/3/2025" -> hạn 28/02; xong 05/03: trễ hạn
  - task: IV.9
    milestone: "1"
    period: "2025"
    done: 2025-03-05
    evidence: Báo cáo số 20/BC-SXD ngày 05/03/2025
# hết tệp
"""


def sample_pair(folder: Path, progress: str | None = SAMPLE_PROGRESS) -> Path:
    """plans/2025.yaml (a copy of the bundled plan) and, beside it, the sample progress."""
    plans = folder / "plans"
    plans.mkdir(exist_ok=True)
    plan = plans / "2025.yaml"
    shutil.copyfile(PLAN_2025, plan)
    if progress is not None:
        (plans / "2025.progress.yaml").write_text(progress, encoding="utf-8")
    return plan


# Two more agencies for the several-plans views. By hand, on 20/06/2025 (a Friday):
# Sở Tư pháp: I.1 due 28/02 (Trước ngày 01/3) overdue; I.2 due 30/09 open; II.1 due 31/05, done
# 20/05 (its progress file): early. UBND xã: I.1 due 14/07 open; I.2 ongoing; I.3 due 09/06
# overdue. Both have a unit of their own; Sở Tư pháp has a "Văn phòng Sở" too, the xã has none.
PLAN_TU_PHAP = """\
format_version: 2
plan:
  agency: Sở Tư pháp tỉnh Khánh Hòa
  year: 2025
  title: KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025
  attachment: (Kèm theo Kế hoạch số 20/KH-STP ngày 10/01/2025 của Sở Tư pháp)
  document:
    number: "20"
    symbol: KH-STP
    date: 2025-01-10
    issuer: Sở Tư pháp
units:
  - id: van-phong
    name: Văn phòng Sở
  - id: phong-hcbt
    name: Phòng Hành chính - Bổ trợ tư pháp
sections:
  - numeral: I
    title: CẢI CÁCH THỂ CHẾ
    tasks:
      - id: I.1
        task: Báo cáo kết quả kiểm tra văn bản năm 2024
        output: Báo cáo
        schedule: Trước ngày 01/3/2025
        assignment: Văn phòng Sở chủ trì
        lead: [van-phong]
      - id: I.2
        task: Rà soát thủ tục hành chính lĩnh vực bổ trợ tư pháp
        output: Báo cáo rà soát
        schedule: Quý III/2025
        assignment: Phòng Hành chính - Bổ trợ tư pháp chủ trì
        lead: [phong-hcbt]
        support: [van-phong]
  - numeral: II
    title: CẢI CÁCH THỦ TỤC HÀNH CHÍNH
    tasks:
      - id: II.1
        task: Công khai thủ tục hành chính
        output: Thông báo
        schedule: Tháng 5/2025
        assignment: Văn phòng Sở chủ trì
        lead: [van-phong]
"""

PROGRESS_TU_PHAP = """\
format_version: 1
plan: 2025
records:
  - task: II.1
    done: 2025-05-20
    evidence: Thông báo số 15/TB-STP ngày 20/05/2025
"""

PLAN_XA = """\
format_version: 2
plan:
  agency: UBND xã Cam Hải Tây
  year: 2025
  title: KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025
  attachment: (Kèm theo Kế hoạch số 05/KH-UBND ngày 15/01/2025 của UBND xã)
  document:
    number: "05"
    symbol: KH-UBND
    date: 2025-01-15
    issuer: UBND xã Cam Hải Tây
units:
  - id: tu-phap-ho-tich
    name: Công chức Tư pháp - Hộ tịch
sections:
  - numeral: I
    title: CẢI CÁCH THỦ TỤC HÀNH CHÍNH
    tasks:
      - id: I.1
        task: Niêm yết thủ tục hành chính tại bộ phận một cửa
        output: Danh mục thủ tục
        schedule: Trước 15/7/2025
        assignment: Công chức Tư pháp - Hộ tịch
        lead: [tu-phap-ho-tich]
      - id: I.2
        task: Tiếp nhận hồ sơ trực tuyến
        output: Hồ sơ được tiếp nhận
        schedule: Thường xuyên
        assignment: Công chức Tư pháp - Hộ tịch
        lead: [tu-phap-ho-tich]
      - id: I.3
        task: Báo cáo CCHC 6 tháng
        output: Báo cáo
        schedule: Trước ngày 10/6/2025
        assignment: Công chức Tư pháp - Hộ tịch
        lead: [tu-phap-ho-tich]
"""


def province(folder: Path) -> Path:
    """plans/<agency>/<year>.yaml for three agencies, each with its units (and progress) beside:
    so-xay-dung (the bundled plan, no progress, and an older 2024 plan that --plans must pass
    over), so-tu-phap (with progress), ubnd-xa. Returns the plans/ folder."""
    plans = folder / "plans"
    for name in ("so-xay-dung", "so-tu-phap", "ubnd-xa"):
        (plans / name).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLAN_2025, plans / "so-xay-dung" / "2025.yaml")
    old = MINIMAL_PLAN.replace("2025", "2024").replace("Sở Thử nghiệm", "Sở Xây dựng tỉnh Khánh Hòa")
    (plans / "so-xay-dung" / "2024.yaml").write_text(old, encoding="utf-8")
    (plans / "so-tu-phap" / "2025.yaml").write_text(PLAN_TU_PHAP, encoding="utf-8")
    (plans / "so-tu-phap" / "2025.progress.yaml").write_text(PROGRESS_TU_PHAP, encoding="utf-8")
    (plans / "ubnd-xa" / "2025.yaml").write_text(PLAN_XA, encoding="utf-8")
    return plans


def line_of(text: str, needle: str, nth: int = 1) -> int:
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[[str, str], Path]:
    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def no_real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the real clock: a command that would ask for today fails the test, unless
    the test passes --as-of or sets the time with the `clock` fixture."""

    def refuse() -> dt.datetime:
        raise AssertionError("the test read the real clock: pass --as-of or use the clock fixture")

    monkeypatch.setattr(common, "clock", refuse)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.datetime], None]:
    """Set the instant the commands take as now (an aware datetime)."""

    def set_now(instant: dt.datetime) -> None:
        assert instant.tzinfo is not None
        monkeypatch.setattr(common, "clock", lambda: instant)

    return set_now


_SCRATCH: Path | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Everything the run writes goes under one throw-away folder, removed at the end: the
    tmp_path folders (unless --basetemp is given) and the plan cache of every command the tests
    run, in-process or in a subprocess (never the user's own cache). Git's environment
    variables are dropped, so no test can touch the repository it runs from."""
    global _SCRATCH
    # Run from a git hook or `git rebase --exec`, git exports GIT_DIR and friends: the tests'
    # own `git init`/`git commit` in temporary folders would then act on this repository.
    for name in [name for name in os.environ if name.startswith("GIT_")]:
        del os.environ[name]
    _SCRATCH = Path(tempfile.mkdtemp(prefix="cchc-tests-"))
    if not config.option.basetemp:
        config.option.basetemp = str(_SCRATCH / "tmp")
    os.environ["CCHC_CACHE_DIR"] = str(_SCRATCH / "cache")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SCRATCH is not None:
        shutil.rmtree(_SCRATCH, ignore_errors=True)
