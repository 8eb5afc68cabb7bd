"""Shared fixtures: the bundled plan, a CLI runner, small plans written on the fly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

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


def pytest_configure(config: pytest.Config) -> None:
    # The plan cache of every command run by the tests (in-process or in a subprocess) lives
    # in a throw-away folder, never in the user's own cache.
    import os
    import tempfile

    os.environ["CCHC_CACHE_DIR"] = tempfile.mkdtemp(prefix="cchc-test-cache-")
