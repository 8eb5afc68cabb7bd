"""`cchc export sqlite`: the database opened with sqlite3 and checked against values worked out
by hand from plans/2025.yaml (see tests/query/test_status.py and tests/progress/test_stats.py
for the reasoning behind each count)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.export.sqlite import TABLES, VIEW_NAMES
from tests.conftest import province, sample_pair

BUCKETS = "early, on_time, late, open, overdue, waiting, ongoing, reference"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sqlite3.Connection]:
    """The bundled plan without progress, as of 20/06/2025."""
    monkeypatch.chdir(tmp_path)
    sample_pair(tmp_path, None)
    result = CliRunner().invoke(app, ["export", "sqlite", "-p", "plans/2025.yaml", "--as-of", "20/06/2025"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(tmp_path / "cchc.db")
    conn.execute("PRAGMA foreign_keys = ON")
    yield conn
    conn.close()


def one(conn: sqlite3.Connection, sql: str) -> object:
    return conn.execute(sql).fetchone()[0]


def test_counts_of_the_bundled_plan(db: sqlite3.Connection) -> None:
    assert one(db, "SELECT COUNT(*) FROM plans") == 1
    assert one(db, "SELECT COUNT(*) FROM sections") == 10
    assert one(db, "SELECT COUNT(*) FROM tasks") == 54
    # 9 units and 3 groups; don-vi-su-nghiep has 1 member, to-chuc-hanh-chinh 1, toan-so 5
    assert db.execute("SELECT kind, COUNT(*) FROM units GROUP BY kind ORDER BY kind").fetchall() == [
        ("group", 3),
        ("unit", 9),
    ]
    assert one(db, "SELECT COUNT(*) FROM group_members") == 7
    assert one(db, "SELECT COUNT(*) FROM events") == 4
    # 33 dated, 4 recurring (IV.9 mốc 1, VII.5, VII.6 mốc 2, VII.8), 5 events, 14 ongoing, 4 reference
    assert db.execute("SELECT kind, COUNT(*) FROM milestones GROUP BY kind ORDER BY kind").fetchall() == [
        ("date", 33),
        ("event", 5),
        ("ongoing", 14),
        ("recurring", 4),
        ("reference", 4),
    ]
    assert one(db, "SELECT COUNT(*) FROM progress") == 0
    assert one(db, "SELECT value FROM meta WHERE key = 'as_of'") == "2025-06-20"
    # I.1's two milestones: "Trước ngày 19/02/2025" and "Trước ngày 15/12/2025", due the day before
    assert db.execute(
        "SELECT m.key, m.due FROM milestones m JOIN tasks t USING (task_id) "
        "WHERE t.code = 'I.1' ORDER BY m.key"
    ).fetchall() == [("1", "2025-02-18"), ("2", "2025-12-14")]


def test_overdue_view_on_20_june(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT task, milestone, due, missed, days_late FROM overdue").fetchall()
    assert len(rows) == 13
    assert rows[0] == ("VII.4", "1", "2024-09-30", 1, 263)  # 30/09/2024 -> 20/06/2025: 263 days
    # the untracked weekly report: one line for its 24 missed Fridays, the latest 13/06
    assert ("VII.6", "2", "2025-06-13", 24, 7) in rows
    assert ("VII.8", "1", "2025-05-31", 5, 20) in rows
    assert sorted(r[0] for r in rows) == sorted(
        ["I.1", "III.3", "III.3", "III.4", "VI.3", "VII.2", "VII.3", "VII.4", "IV.9", "VII.5", "VII.5",
         "VII.6", "VII.8"]
    )  # fmt: skip


def test_stats_by_agency_view(db: sqlite3.Connection) -> None:
    row = db.execute(f"SELECT agency, {BUCKETS}, completion_rate, points FROM stats_by_agency").fetchone()
    # 27 open: the 25 dated due on or after 20/06, Friday 20/06 (VII.6), June (VII.8)
    assert row == ("Sở Xây dựng tỉnh Khánh Hòa", 0, 0, 0, 27, 13, 5, 14, 4, 0.0, None)


def test_foreign_keys_indexes_and_views(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert one(db, "PRAGMA foreign_keys") == 1
    found = {
        r[0]: r[1] for r in db.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
    }
    assert all(found.get(t) == "table" for t in TABLES)
    assert all(found.get(v) == "view" for v in VIEW_NAMES)
    assert found.get("items_status_due") == "index" and found.get("tasks_section") == "index"
    # items point at milestones, tasks, plans and statuses, each on one column
    keys = {(r[3], r[2]) for r in db.execute("PRAGMA foreign_key_list(items)")}
    assert keys >= {("milestone_id", "milestones"), ("task_id", "tasks"), ("plan_id", "plans"),
                    ("status", "statuses"), ("record_id", "progress")}  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO tasks (plan_id, section_id, code, position, task, output, schedule, "
                   "assignment, cells) VALUES (99, 99, 'X', 1, '', '', '', '', '{}')")  # fmt: skip


def test_with_progress_as_of_31_december(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sample_pair(tmp_path)
    result = CliRunner().invoke(app, ["export", "sqlite", "-p", "plans/2025.yaml", "--as-of", "31/12/2025"])
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(tmp_path / "cchc.db")
    assert one(db, "SELECT COUNT(*) FROM progress") == 11  # the records of SAMPLE_PROGRESS
    total = db.execute(f"SELECT {BUCKETS}, done, completion_rate FROM stats_by_agency").fetchone()
    assert total == (3, 3, 3, 22, 20, 4, 14, 4, 10, round(10 / 30, 4))
    units = {r[0]: r[1:] for r in db.execute(f"SELECT code, {BUCKETS} FROM stats_by_unit")}
    assert units["van-phong"] == (2, 3, 3, 17, 20, 3, 8, 1)
    assert units["dang-kiem"] == (1, 0, 0, 5, 3, 2, 3, 0)
    assert "mot-cua" not in units and "hd-tdkt" not in units  # they only support
    sections = {r[0]: r[1:] for r in db.execute(f"SELECT numeral, {BUCKETS} FROM stats_by_section")}
    assert sections["I"] == (1, 1, 0, 4, 1, 0, 0, 0)
    assert sections["VII"] == (1, 2, 1, 3, 15, 1, 0, 0)
    early = db.execute(
        "SELECT status, done, evidence FROM item_details WHERE task = 'I.1' AND milestone = '1'"
    ).fetchall()
    assert early == [("early", "2025-02-10", "Báo cáo số 45/BC-SXD ngày 10/02/2025")]
    db.close()


def test_several_plans_and_the_overwrite_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    province(tmp_path)
    (tmp_path / "plans" / ".cchc.yaml").write_text(
        "stats:\n  tiers:\n    - {min: 90, points: 2}\n    - {min: 50, points: 1}\n", encoding="utf-8"
    )
    runner = CliRunner()
    args = ["export", "sqlite", "--plans", "plans", "--as-of", "20/06/2025", "-o", "tinh.db"]
    assert runner.invoke(app, args).exit_code == 0
    db = sqlite3.connect(tmp_path / "tinh.db")
    assert one(db, "SELECT COUNT(*) FROM plans") == 3
    assert one(db, "SELECT COUNT(*) FROM tasks") == 3 + 54 + 3
    assert one(db, "SELECT COUNT(*) FROM overdue") == 15
    # per agency, ordered as `cchc stats --by agency`: 50 %, then 0 % with 1 overdue, then 13
    assert db.execute(
        "SELECT agency, overdue, completion_rate, points, max_points FROM stats_by_agency"
    ).fetchall() == [
        ("Sở Tư pháp tỉnh Khánh Hòa", 1, 0.5, 1.0, 2.0),
        ("UBND xã Cam Hải Tây", 1, 0.0, 0.0, 2.0),
        ("Sở Xây dựng tỉnh Khánh Hòa", 13, 0.0, 0.0, 2.0),
    ]
    # two agencies each have a "Văn phòng Sở": one unit per plan
    assert one(db, "SELECT COUNT(*) FROM units WHERE name = 'Văn phòng Sở'") == 2
    db.close()
    before = (tmp_path / "tinh.db").read_bytes()
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1 and "tệp đã có; thêm --force" in refused.stderr
    assert (tmp_path / "tinh.db").read_bytes() == before
    assert runner.invoke(app, [*args, "--force", "--agency", "ubnd-xa"]).exit_code == 0
    db = sqlite3.connect(tmp_path / "tinh.db")
    assert one(db, "SELECT COUNT(*) FROM plans") == 1
    db.close()
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    )  # no temporary file left


def test_dates_are_iso_text(db: sqlite3.Connection) -> None:
    dues = [r[0] for r in db.execute("SELECT due FROM items WHERE due IS NOT NULL")]
    assert dues and all(dt.date.fromisoformat(d).isoformat() == d for d in dues)
