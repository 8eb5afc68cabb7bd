"""Plans, their milestones and their progress as one SQLite database, for any SQL tool.

`cchc export sqlite` writes what cchc knows of one plan or of several agencies' plans into a
database that opens in Datasette (`datasette cchc.db`), Metabase, Excel/Power Query (ODBC) or
any SQL client. Every row of a table has a single-column integer key, and every reference is a
declared foreign key on one column (Datasette links single-column keys only), checked with
`PRAGMA foreign_key_check` before the file is written. Dates are ISO text (`2025-06-30`),
lists are JSON text. Tables:

    meta              key, value: as_of (the day statuses are computed for), cchc version,
                      schema version (also PRAGMA user_version)
    statuses          status, name (Vietnamese), bucket (done | open | overdue | waiting | apart),
                      is_done, counted (whether it counts in completion rates)
    plans             plan_id, agency, year, path, plan_title, attachment, document_kind,
                      document_number, document_symbol, document_date, document_issuer
    tiers             tier_id, plan_id, min, points: the plan's scoring tiers (if any)
    units             unit_id, plan_id, code, name, kind (unit | group), aliases, note
    group_members     group_members_id, group_id, member_id: a group's direct members
    events            event_id, plan_id, code, name, aliases, date, evidence
    sections          section_id, plan_id, position, numeral, title
    tasks             task_id, plan_id, section_id, code (I.1), position, number (STT as
                      printed), task, output, schedule, assignment, cells (JSON), repeats, note
    task_units        task_units_id, task_id, unit_id, role (lead | support), position: the
                      units and groups as the plan names them
    milestones        milestone_id, plan_id, task_id, key ("1", "2"…), label, kind, start,
                      due, freq, event_id, event, offset_days, working_days, description
    milestone_units   milestone_units_id, milestone_id, unit_id, role, direct: every unit and
                      group concerned, groups expanded (a unit leads a milestone whose lead
                      is a group it belongs to, as `cchc stats` counts it); direct = 1 when
                      the plan names it itself
    progress          record_id, plan_id, task_id, milestone_id, period, done, evidence, note,
                      recorded_by: every record of the progress files
    items             item_id, plan_id, task_id, milestone_id, period, due, status, missed,
                      done, record_id: what `cchc due` and `cchc stats` count, with the
                      status `query/status.py` gives on as_of (the one meaning of overdue)

Views: `item_details` (an item with its agency, task, milestone and lead units), `overdue`
(the overdue items with days late), `stats_by_agency`, `stats_by_section`, `stats_by_unit`
(the VPCP buckets, done, completion and early rates; `stats_by_agency` adds the projected
points from `tiers`). Pure: the database is built in memory and returned as bytes; the
command writes them atomically.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_cli import __version__
from cchc_cli.deadlines.schedule import describe
from cchc_cli.errors import CchcError
from cchc_cli.plan.milestones import task_milestones
from cchc_cli.plan.model import Plan
from cchc_cli.plan.units import Directory
from cchc_cli.progress.log import Entry, ProgressLog
from cchc_cli.progress.stats import STATUS_VI, StatsConfig
from cchc_cli.query.status import APART, DONE, milestone_items

SCHEMA_VERSION = 1

BUCKET: dict[str, str] = {
    **{status: "done" for status in DONE},
    "open": "open",
    "overdue": "overdue",
    "waiting": "waiting",
    **{status: "apart" for status in APART},
}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE statuses (
  status TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  bucket TEXT NOT NULL CHECK (bucket IN ('done', 'open', 'overdue', 'waiting', 'apart')),
  is_done INTEGER NOT NULL,
  counted INTEGER NOT NULL
);
CREATE TABLE plans (
  plan_id INTEGER PRIMARY KEY,
  agency TEXT NOT NULL,
  year INTEGER NOT NULL,
  path TEXT NOT NULL UNIQUE,
  plan_title TEXT NOT NULL,
  attachment TEXT NOT NULL,
  document_kind TEXT NOT NULL,
  document_number TEXT NOT NULL,
  document_symbol TEXT NOT NULL,
  document_date TEXT,
  document_issuer TEXT NOT NULL
);
CREATE TABLE tiers (
  tier_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (plan_id),
  min REAL NOT NULL,
  points REAL NOT NULL
);
CREATE TABLE units (
  unit_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (plan_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('unit', 'group')),
  aliases TEXT NOT NULL,
  note TEXT,
  UNIQUE (plan_id, code)
);
CREATE TABLE group_members (
  group_members_id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES units (unit_id),
  member_id INTEGER NOT NULL REFERENCES units (unit_id),
  UNIQUE (group_id, member_id)
);
CREATE TABLE events (
  event_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (plan_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL,
  date TEXT,
  evidence TEXT,
  UNIQUE (plan_id, code)
);
CREATE TABLE sections (
  section_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (plan_id),
  position INTEGER NOT NULL,
  numeral TEXT NOT NULL,
  title TEXT NOT NULL,
  UNIQUE (plan_id, position)
);
CREATE TABLE tasks (
  task_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (plan_id),
  section_id INTEGER NOT NULL REFERENCES sections (section_id),
  code TEXT NOT NULL,
  position INTEGER NOT NULL,
  number TEXT,
  task TEXT NOT NULL,
  output TEXT NOT NULL,
  schedule TEXT NOT NULL,
  assignment TEXT NOT NULL,
  cells TEXT NOT NULL,
  repeats TEXT,
  note TEXT
);
CREATE TABLE task_units (
  task_units_id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks (task_id),
  unit_id INTEGER NOT NULL REFERENCES units (unit_id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  position INTEGER NOT NULL
);
CREATE TABLE milestones (
  milestone_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (plan_id),
  task_id INTEGER NOT NULL REFERENCES tasks (task_id),
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  kind TEXT NOT NULL,
  start TEXT,
  due TEXT,
  freq TEXT,
  event_id INTEGER REFERENCES events (event_id),
  event TEXT,
  offset_days INTEGER,
  working_days INTEGER NOT NULL,
  description TEXT NOT NULL,
  UNIQUE (task_id, key)
);
CREATE TABLE milestone_units (
  milestone_units_id INTEGER PRIMARY KEY,
  milestone_id INTEGER NOT NULL REFERENCES milestones (milestone_id),
  unit_id INTEGER NOT NULL REFERENCES units (unit_id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
  direct INTEGER NOT NULL,
  UNIQUE (milestone_id, unit_id)
);
CREATE TABLE progress (
  record_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (plan_id),
  task_id INTEGER NOT NULL REFERENCES tasks (task_id),
  milestone_id INTEGER NOT NULL REFERENCES milestones (milestone_id),
  period TEXT,
  done TEXT NOT NULL,
  evidence TEXT NOT NULL,
  note TEXT,
  recorded_by TEXT
);
CREATE TABLE items (
  item_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans (plan_id),
  task_id INTEGER NOT NULL REFERENCES tasks (task_id),
  milestone_id INTEGER NOT NULL REFERENCES milestones (milestone_id),
  period TEXT,
  due TEXT,
  status TEXT NOT NULL REFERENCES statuses (status),
  missed INTEGER NOT NULL,
  done TEXT,
  record_id INTEGER REFERENCES progress (record_id)
);
"""

INDEXES = """
CREATE INDEX tiers_plan ON tiers (plan_id);
CREATE INDEX group_members_member ON group_members (member_id);
CREATE INDEX sections_plan ON sections (plan_id);
CREATE INDEX tasks_plan ON tasks (plan_id);
CREATE INDEX tasks_section ON tasks (section_id);
CREATE INDEX tasks_code ON tasks (code);
CREATE INDEX task_units_task ON task_units (task_id);
CREATE INDEX task_units_unit ON task_units (unit_id, role);
CREATE INDEX milestones_task ON milestones (task_id);
CREATE INDEX milestones_plan ON milestones (plan_id);
CREATE INDEX milestones_event ON milestones (event_id);
CREATE INDEX milestones_due ON milestones (due);
CREATE INDEX milestone_units_unit ON milestone_units (unit_id, role);
CREATE INDEX progress_plan ON progress (plan_id);
CREATE INDEX progress_task ON progress (task_id);
CREATE INDEX progress_milestone ON progress (milestone_id);
CREATE INDEX items_plan_status ON items (plan_id, status);
CREATE INDEX items_status_due ON items (status, due);
CREATE INDEX items_task ON items (task_id);
CREATE INDEX items_milestone ON items (milestone_id);
CREATE INDEX items_record ON items (record_id);
"""

_COUNTS = """
  SUM(i.status = 'early') AS early,
  SUM(i.status = 'on_time') AS on_time,
  SUM(i.status = 'late') AS late,
  SUM(i.status = 'done_undated') AS done_undated,
  SUM(i.status = 'open') AS open,
  SUM(i.status = 'overdue') AS overdue,
  SUM(i.status = 'waiting') AS waiting,
  SUM(i.status = 'ongoing') AS ongoing,
  SUM(i.status = 'reference') AS reference,
  SUM(i.status = 'unknown') AS unknown,
  SUM(s.is_done) AS done,
  ROUND(CAST(SUM(s.is_done) AS REAL) / NULLIF(SUM(s.is_done) + SUM(i.status = 'overdue'), 0), 4)
    AS completion_rate,
  ROUND(CAST(SUM(i.status = 'early') AS REAL) / NULLIF(SUM(s.is_done), 0), 4) AS early_rate"""

VIEWS = f"""
CREATE VIEW item_details AS
SELECT
  i.item_id, p.plan_id, p.agency, p.year, p.path AS plan, sec.numeral AS section, t.code AS task,
  t.task AS task_text, m.key AS milestone, m.label, m.kind, i.period, i.due, i.status,
  s.name AS status_name, i.missed, i.done, r.evidence,
  (SELECT GROUP_CONCAT(u.name, '; ') FROM milestone_units mu JOIN units u ON u.unit_id = mu.unit_id
     WHERE mu.milestone_id = m.milestone_id AND mu.role = 'lead' AND mu.direct = 1) AS lead
FROM items i
JOIN plans p ON p.plan_id = i.plan_id
JOIN tasks t ON t.task_id = i.task_id
JOIN sections sec ON sec.section_id = t.section_id
JOIN milestones m ON m.milestone_id = i.milestone_id
JOIN statuses s ON s.status = i.status
LEFT JOIN progress r ON r.record_id = i.record_id;

CREATE VIEW overdue AS
SELECT
  d.*,
  CAST(julianday((SELECT value FROM meta WHERE key = 'as_of')) - julianday(d.due) AS INTEGER) AS days_late
FROM item_details d
WHERE d.status = 'overdue'
ORDER BY d.due, d.agency, d.plan, d.task;

CREATE VIEW stats_by_agency AS
SELECT
  c.*,
  CASE WHEN NOT EXISTS (SELECT 1 FROM tiers WHERE tiers.plan_id = c.plan_id) OR c.completion_rate IS NULL
    THEN NULL
    ELSE COALESCE((SELECT tiers.points FROM tiers WHERE tiers.plan_id = c.plan_id
      AND c.completion_rate * 100 >= tiers.min - 1e-9 ORDER BY tiers.min DESC LIMIT 1), 0)
  END AS points,
  (SELECT MAX(tiers.points) FROM tiers WHERE tiers.plan_id = c.plan_id) AS max_points
FROM (
  SELECT p.plan_id, p.agency, p.year, p.path AS plan,{_COUNTS}
  FROM plans p
  JOIN items i ON i.plan_id = p.plan_id
  JOIN statuses s ON s.status = i.status
  GROUP BY p.plan_id
) c
ORDER BY c.completion_rate IS NULL, c.completion_rate DESC, c.overdue, c.agency;

CREATE VIEW stats_by_section AS
SELECT p.plan_id, p.agency, sec.section_id, sec.numeral, sec.title,{_COUNTS}
FROM sections sec
JOIN plans p ON p.plan_id = sec.plan_id
JOIN tasks t ON t.section_id = sec.section_id
JOIN items i ON i.task_id = t.task_id
JOIN statuses s ON s.status = i.status
GROUP BY sec.section_id
ORDER BY p.plan_id, sec.position;

CREATE VIEW stats_by_unit AS
SELECT p.plan_id, p.agency, u.unit_id, u.code, u.name,{_COUNTS}
FROM units u
JOIN plans p ON p.plan_id = u.plan_id
JOIN milestone_units mu ON mu.unit_id = u.unit_id AND mu.role = 'lead'
JOIN items i ON i.milestone_id = mu.milestone_id
JOIN statuses s ON s.status = i.status
WHERE u.kind = 'unit'
GROUP BY u.unit_id
ORDER BY p.plan_id, u.unit_id;
"""

TABLES: tuple[str, ...] = (
    "meta", "statuses", "plans", "tiers", "units", "group_members", "events", "sections", "tasks",
    "task_units", "milestones", "milestone_units", "progress", "items",
)  # fmt: skip
VIEW_NAMES: tuple[str, ...] = (
    "item_details",
    "overdue",
    "stats_by_agency",
    "stats_by_section",
    "stats_by_unit",
)


@dataclass(frozen=True)
class PlanData:
    """One plan as the database receives it."""

    plan: Plan
    path: str  # as shown to the user
    progress: ProgressLog | None = None
    config: StatsConfig = field(default_factory=StatsConfig)


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Ids:
    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def new(self, table: str) -> int:
        value = self.next.get(table, 0) + 1
        self.next[table] = value
        return value


def _rows(plans: Sequence[PlanData], as_of: dt.date) -> dict[str, list[tuple[Any, ...]]]:
    ids = _Ids()
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    rows["meta"] = [
        ("as_of", as_of.isoformat()),
        ("cchc_version", __version__),
        ("schema_version", str(SCHEMA_VERSION)),
    ]
    rows["statuses"] = [
        (status, name, BUCKET[status], int(status in DONE), int(status not in APART))
        for status, name in STATUS_VI.items()
    ]
    for data in plans:
        _plan_rows(data, as_of, ids, rows)
    return rows


def _plan_rows(data: PlanData, as_of: dt.date, ids: _Ids, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    plan = data.plan
    info = plan.plan
    doc = info.document
    plan_id = ids.new("plans")
    rows["plans"].append(
        (
            plan_id,
            info.agency,
            plan.year,
            data.path,
            info.title,
            info.attachment,
            doc.kind,
            doc.number,
            doc.symbol,
            _date(doc.date),
            doc.issuer,
        )
    )
    rows["tiers"] += [(ids.new("tiers"), plan_id, t.min, t.points) for t in data.config.tiers]
    directory = Directory(plan)
    unit_ids: dict[str, int] = {}
    for kind, listed in (("unit", plan.units), ("group", plan.groups)):
        for known in listed:
            unit_ids[known.id] = ids.new("units")
            aliases = json.dumps(known.aliases, ensure_ascii=False)
            rows["units"].append(
                (unit_ids[known.id], plan_id, known.id, known.name, kind, aliases, known.note)
            )
    for group in plan.groups:
        for member in dict.fromkeys(group.members):
            rows["group_members"].append((ids.new("group_members"), unit_ids[group.id], unit_ids[member]))
    event_ids: dict[str, int] = {}
    for event in plan.events:
        event_ids[event.id] = ids.new("events")
        rows["events"].append(
            (
                event_ids[event.id],
                plan_id,
                event.id,
                event.name,
                json.dumps(event.aliases, ensure_ascii=False),
                _date(event.date),
                event.evidence,
            )
        )
    order = {unit: index for index, unit in enumerate(unit_ids)}
    task_ids: dict[str, int] = {}
    milestone_ids: dict[tuple[str, str], int] = {}
    for s_position, section in enumerate(plan.sections, start=1):
        section_id = ids.new("sections")
        rows["sections"].append((section_id, plan_id, s_position, section.numeral, section.title))
        for t_position, task in enumerate(section.tasks, start=1):
            task_id = task_ids[task.id] = ids.new("tasks")
            rows["tasks"].append(
                (
                    task_id,
                    plan_id,
                    section_id,
                    task.id,
                    t_position,
                    task.number,
                    task.task,
                    task.output,
                    task.schedule,
                    task.assignment,
                    json.dumps(task.cells, ensure_ascii=False),
                    task.repeats,
                    task.note,
                )
            )
            for role in ("lead", "support"):
                for position, unit in enumerate(getattr(task, role), start=1):
                    rows["task_units"].append(
                        (ids.new("task_units"), task_id, unit_ids[unit], role, position)
                    )
            for milestone in task_milestones(plan, task):
                m_id = milestone_ids[(task.id, milestone.key)] = ids.new("milestones")
                d = milestone.deadline
                rec = d.recurrence
                rows["milestones"].append(
                    (
                        m_id,
                        plan_id,
                        task_id,
                        milestone.key,
                        d.label,
                        d.kind,
                        _date(rec.start if rec else d.start),
                        _date(d.due),
                        rec.freq if rec else None,
                        event_ids.get(milestone.event.id) if milestone.event else None,
                        d.event,
                        d.offset,
                        int(d.working_days),
                        describe(d),
                    )
                )
                leads = directory.expand_all(milestone.lead)
                supports = directory.expand_all(milestone.support) - leads
                for role, found, named in (
                    ("lead", leads, set(milestone.lead)),
                    ("support", supports, set(milestone.support)),
                ):
                    for code in sorted(found, key=order.__getitem__):
                        rows["milestone_units"].append(
                            (ids.new("milestone_units"), m_id, unit_ids[code], role, int(code in named))
                        )
    record_ids: dict[int, int] = {}
    for entry in data.progress.entries if data.progress is not None else []:
        record_id = record_ids[id(entry)] = ids.new("progress")
        target, record = entry.target, entry.record
        rows["progress"].append(
            (
                record_id,
                plan_id,
                task_ids[target.task.id],
                milestone_ids[(target.task.id, target.milestone.key)],
                target.period,
                record.done.isoformat(),
                record.evidence,
                record.note,
                record.recorded_by,
            )
        )
    for item in milestone_items(plan, as_of, progress=data.progress):
        found_entry = item.entry
        rows["items"].append(
            (
                ids.new("items"),
                plan_id,
                task_ids[item.task.id],
                milestone_ids[(item.task.id, item.milestone.key)],
                item.period,
                _date(item.due),
                item.status,
                item.missed,
                _date(item.done),
                record_ids.get(id(found_entry)) if isinstance(found_entry, Entry) else None,
            )
        )


def _insert(conn: sqlite3.Connection, table: str, values: Iterable[tuple[Any, ...]]) -> None:
    values = list(values)
    if not values:
        return
    marks = ", ".join("?" * len(values[0]))
    conn.executemany(f"INSERT INTO {table} VALUES ({marks})", values)


def _to_bytes(conn: sqlite3.Connection) -> bytes:
    """The in-memory database as the bytes of a database file."""
    serialize = getattr(conn, "serialize", None)  # Python 3.11+
    if serialize is not None:
        return bytes(serialize())
    with tempfile.TemporaryDirectory(prefix="cchc-sqlite-") as folder:
        path = Path(folder) / "cchc.db"
        target = sqlite3.connect(path)
        try:
            conn.backup(target)
        finally:
            target.close()
        return path.read_bytes()


def build_database(plans: Sequence[PlanData], as_of: dt.date) -> bytes:
    """The database of `plans` with statuses as of `as_of`, as the bytes of a SQLite file."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.executescript(SCHEMA)
        rows = _rows(plans, as_of)
        with conn:
            for table in TABLES:
                _insert(conn, table, rows[table])
        conn.executescript(INDEXES + VIEWS)
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:  # never expected: the rows are built from one validated plan
            raise CchcError(
                f"cơ sở dữ liệu có {len(broken)} khóa ngoại không khớp (ví dụ bảng {broken[0][0]})"
            )
        conn.execute("ANALYZE")
        return _to_bytes(conn)
    finally:
        conn.close()
