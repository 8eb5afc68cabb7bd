"""On-time statistics: how many milestones were done early, on time or late, how many are
open within their deadline or overdue, per unit and per section, as of a day.

What is counted is what every command counts: `query/status.py` defines the items (a
milestone, or an occurrence of a recurring one; an untracked weekly or monthly milestone's
missed occurrences as one item) and their status, so `stats` counts what `due` shows.
Ongoing ("Thường xuyên"), reference ("Theo quy định…") and unreadable milestones are kept
apart, as the national task-tracking statistics keep tasks without a deadline apart: they
are counted in their own columns and never in the rates.

Rates: completion rate = done / (done + overdue), the share done of what is done or should be
by A (at year end, of every dated milestone); early rate = done early / done, the figure the
seed's "Trên 30% … hoàn thành sớm hạn" asks about. Per unit, a milestone counts for the units
that lead it (chủ trì), directly or through a group.

Scoring tiers (optional) turn the completion rate into the projected points of the
plan-completion criterion of the CCHC index. They come from the configuration file nearest to
the plan, found as `cchc lint` finds its own (the plan's folder, then each parent folder; a
`.cchc.yaml` before a `pyproject.toml` of the same folder): `stats:` in `.cchc.yaml`, or:

    [tool.cchc.stats]
    tiers = [{min = 90, points = 2}, {min = 70, points = 1}]

The first tier whose `min` (a percentage) the rate reaches gives the points; below every tier
the score is 0. Without tiers no score is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cchc_cli.dates import vn_date
from cchc_cli.errors import PlanFileError
from cchc_cli.plan.model import Plan
from cchc_cli.plan.settings import settings_for, validate_section
from cchc_cli.plan.units import Directory
from cchc_cli.progress.log import ProgressLog
from cchc_cli.query.status import DONE, Item, milestone_items, missed_text
from cchc_cli.textfold import fold

STATUS_VI: dict[str, str] = {
    "early": "Hoàn thành sớm hạn",
    "on_time": "Hoàn thành đúng hạn",
    "late": "Hoàn thành trễ hạn",
    "done_undated": "Hoàn thành (chưa có hạn để so)",
    "open": "Đang thực hiện, trong hạn",
    "overdue": "Quá hạn",
    "waiting": "Chờ sự kiện",
    "ongoing": "Thường xuyên",
    "reference": "Theo quy định/kế hoạch khác",
    "unknown": "Chưa xác định được thời hạn",
}


@dataclass
class Counts:
    early: int = 0
    on_time: int = 0
    late: int = 0
    done_undated: int = 0
    open: int = 0
    overdue: int = 0
    waiting: int = 0
    ongoing: int = 0
    reference: int = 0
    unknown: int = 0

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def done(self) -> int:
        return self.early + self.on_time + self.late + self.done_undated

    @property
    def completion_rate(self) -> float | None:
        """done / (done + overdue); None when nothing is done or due yet."""
        base = self.done + self.overdue
        return self.done / base if base else None

    @property
    def early_rate(self) -> float | None:
        return self.early / self.done if self.done else None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        data["done"] = self.done
        data["completion_rate"] = _round(self.completion_rate)
        data["early_rate"] = _round(self.early_rate)
        return data


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def count(items: Iterator[Item] | list[Item]) -> Counts:
    counts = Counts()
    for item in items:
        counts.add(item.status)
    return counts


# --- scoring tiers -----------------------------------------------------------------------------


class Tier(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min: float = Field(ge=0, le=100, description="Tỷ lệ hoàn thành tối thiểu, tính theo %")
    points: float = Field(ge=0, description="Điểm đạt được")


class StatsSettings(BaseModel):
    """The `stats:` section of the settings (`[tool.cchc.stats]`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tiers: list[Tier] = Field(
        default_factory=list,
        description="Bậc điểm, ví dụ [{min: 90, points: 2}, {min: 70, points: 1}]",
    )


@dataclass(frozen=True)
class StatsConfig:
    tiers: list[Tier] = field(default_factory=list)
    source: str | None = None  # the settings file the tiers were read from (for the output)


@dataclass(frozen=True)
class Score:
    rate: float
    points: float
    max_points: float
    tiers: tuple[Tier, ...]
    source: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "criterion": "Mức độ hoàn thành kế hoạch CCHC năm",
            "rate": _round(self.rate),
            "points": self.points,
            "max_points": self.max_points,
            "tiers": [t.model_dump() for t in self.tiers],
            "source": self.source,
        }


def projected_score(rate: float | None, config: StatsConfig) -> Score | None:
    if not config.tiers or rate is None:
        return None
    tiers = tuple(sorted(config.tiers, key=lambda t: t.min, reverse=True))
    points = next((t.points for t in tiers if rate * 100 >= t.min - 1e-9), 0.0)
    return Score(rate, points, max(t.points for t in tiers), tiers, config.source)


def load_stats_config(plan_path: Path) -> StatsConfig:
    """Scoring tiers from the settings nearest to the plan (none: no tiers); a bad setting is
    a PlanFileError placed on its line."""
    settings, problems = settings_for(plan_path.parent)
    section, more = validate_section(settings, "stats", StatsSettings)
    problems += more
    if problems:
        raise PlanFileError(problems[0].path, problems)
    if settings is None:
        return StatsConfig()
    return StatsConfig(list(section.tiers), settings.shown)


# --- the statistics ------------------------------------------------------------------------------


@dataclass
class Row:
    key: str  # unit id or section numeral
    name: str
    counts: Counts

    def to_json(self) -> dict[str, Any]:
        return {"id": self.key, "name": self.name, **self.counts.to_json()}


@dataclass
class StatsReport:
    as_of: dt.date
    unit: str | None  # unit name when restricted
    total: Counts
    by_section: list[Row] = field(default_factory=list)
    by_unit: list[Row] = field(default_factory=list)
    score: Score | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "unit": self.unit,
            "total": self.total.to_json(),
            "by_section": [r.to_json() for r in self.by_section],
            "by_unit": [r.to_json() for r in self.by_unit],
            "score": self.score.to_json() if self.score else None,
        }


def compute_stats(
    plan: Plan,
    as_of: dt.date,
    *,
    progress: ProgressLog | None = None,
    unit: str | None = None,
    config: StatsConfig | None = None,
) -> StatsReport:
    """Counts per section and per unit (units that lead), for the plan or one unit's share.

    One pass over the items: each item is counted in its section and in every unit that
    leads it (the units whose expansion meets the expansion of its lead), found through an
    index from unit ids to the listed units that contain them."""
    directory = Directory(plan)
    items = list(milestone_items(plan, as_of, progress=progress))
    unit_ids = [unit] if unit else [u.id for u in plan.units]
    owners: dict[str, list[str]] = {}
    for unit_id in unit_ids:
        for member in directory.expand(unit_id):
            owners.setdefault(member, []).append(unit_id)
    leaders: dict[tuple[str, ...], tuple[str, ...]] = {}

    def leading(item: Item) -> tuple[str, ...]:
        """The listed units that lead the item (directly or through groups), once per lead."""
        lead = tuple(item.milestone.lead)
        found = leaders.get(lead)
        if found is None:
            reached = directory.expand_all(lead)
            found = leaders[lead] = tuple(
                dict.fromkeys(owner for member in reached for owner in owners.get(member, ()))
            )
        return found

    if unit is not None:
        items = [i for i in items if leading(i)]
    report = StatsReport(as_of, directory.name(unit) if unit else None, count(items))
    by_section: dict[int, Counts] = {}
    by_unit: dict[str, Counts] = {}
    for item in items:
        by_section.setdefault(id(item.section), Counts()).add(item.status)
        for unit_id in leading(item):
            by_unit.setdefault(unit_id, Counts()).add(item.status)
    for section in plan.sections:
        if id(section) in by_section:
            report.by_section.append(Row(section.numeral, section.title, by_section[id(section)]))
    for unit_id in unit_ids:
        if unit_id in by_unit:
            report.by_unit.append(Row(unit_id, directory.name(unit_id), by_unit[unit_id]))
    if config is not None:
        report.score = projected_score(report.total.completion_rate, config)
    return report


# --- the province view: one row per agency ----------------------------------------------------


@dataclass(frozen=True)
class AgencySource:
    """One agency's plan as `stats --by agency` reads it."""

    plan: Plan
    path: str  # the plan file, as shown to the user
    progress: ProgressLog | None = None
    unit: str | None = None  # unit id: count only what it leads (chủ trì)
    config: StatsConfig = field(default_factory=StatsConfig)


@dataclass
class AgencyRow:
    agency: str
    path: str
    year: int
    counts: Counts
    score: Score | None

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "plan": self.path,
            "year": self.year,
            **self.counts.to_json(),
            "score": self.score.to_json() if self.score else None,
        }


@dataclass
class AgencyReport:
    as_of: dt.date
    unit: str | None
    rows: list[AgencyRow]
    total: Counts

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "unit": self.unit,
            "by": "agency",
            "agencies": [row.to_json() for row in self.rows],
            "total": self.total.to_json(),
        }


BUCKET_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Counts))

AGENCY_ORDER = (
    "tỷ lệ hoàn thành giảm dần (chưa có mốc đến hạn: cuối bảng), rồi số mốc quá hạn tăng dần, "
    "rồi tên cơ quan theo thứ tự chữ cái"
)


def _agency_key(row: AgencyRow) -> tuple[bool, float, int, str, str]:
    rate = row.counts.completion_rate
    return (rate is None, -(rate or 0.0), row.counts.overdue, fold(row.agency), row.path)


def agency_stats(sources: list[AgencySource], as_of: dt.date, unit: str | None = None) -> AgencyReport:
    """Per agency, the VPCP buckets, the completion rate and the projected points (each with its
    own tiers), sorted by AGENCY_ORDER; `unit` is the unit's name for the title."""
    rows = []
    total = Counts()
    for source in sources:
        items = milestone_items(source.plan, as_of, progress=source.progress)
        if source.unit is not None:
            directory = Directory(source.plan)
            mine = directory.expand(source.unit)
            items = (i for i in items if mine & directory.expand_all(i.milestone.lead))
        counts = count(items)
        for name in BUCKET_FIELDS:
            setattr(total, name, getattr(total, name) + getattr(counts, name))
        score = projected_score(counts.completion_rate, source.config)
        rows.append(AgencyRow(source.plan.plan.agency, source.path, source.plan.year, counts, score))
    rows.sort(key=_agency_key)
    return AgencyReport(as_of, unit, rows, total)


AGENCY_HEADERS = (
    "Cơ quan",
    "Năm",
    "Sớm hạn",
    "Đúng hạn",
    "Trễ hạn",
    "Trong hạn",
    "Quá hạn",
    "Chờ sự kiện",
    "Tỷ lệ hoàn thành",
    "Điểm dự kiến",
)


def agency_rows(report: AgencyReport) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for row in [*report.rows, AgencyRow("Tổng cộng", "", 0, report.total, None)]:
        c = row.counts
        points = f"{_num(row.score.points)}/{_num(row.score.max_points)}" if row.score else "—"
        out.append(
            (
                row.agency,
                str(row.year) if row.year else "",
                str(c.early),
                str(c.on_time),
                str(c.late),
                str(c.open),
                str(c.overdue),
                str(c.waiting),
                percent(c.completion_rate),
                points if row.path else "",
            )
        )
    return out


# --- words ------------------------------------------------------------------------------------------


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%".replace(".", ",")


def status_text(item: Item, as_of: dt.date) -> str:
    """'Hoàn thành sớm hạn ngày 10/02/2025 (trước hạn 8 ngày)', 'Quá hạn 12 ngày (hạn …)'…"""
    label = STATUS_VI[item.status]
    if item.status in DONE and item.done is not None:
        text = f"{label} ngày {vn_date(item.done)}"
        if item.due is not None and item.status == "early":
            text += f" (trước hạn {(item.due - item.done).days} ngày)"
        elif item.due is not None and item.status == "late":
            text += f" (trễ {(item.done - item.due).days} ngày)"
        return text
    if item.status == "open" and item.due is not None:
        return f"{label} (hạn {vn_date(item.due)})"
    if item.status == "overdue" and item.due is not None and item.missed > 1:
        return f"{label}: {missed_text(item.missed, item.due)}"
    if item.status == "overdue" and item.due is not None:
        return f"{label} {(as_of - item.due).days} ngày (hạn {vn_date(item.due)})"
    if item.status == "waiting":
        event = item.milestone.deadline.event
        return f"{label}: {event}" if event else label
    if item.done is not None:
        return f"{label}; đã có kết quả ngày {vn_date(item.done)}"
    return label


STATS_HEADERS = (
    "Mục/đơn vị",
    "Tên",
    "Sớm hạn",
    "Đúng hạn",
    "Trễ hạn",
    "Trong hạn",
    "Quá hạn",
    "Chờ sự kiện",
    "Thường xuyên",
    "Theo quy định",
    "Tỷ lệ hoàn thành",
    "Tỷ lệ sớm hạn",
)


def stats_rows(rows: list[Row]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for row in rows:
        c = row.counts
        out.append(
            (
                row.key,
                row.name,
                str(c.early),
                str(c.on_time),
                str(c.late),
                str(c.open),
                str(c.overdue),
                str(c.waiting),
                str(c.ongoing),
                str(c.reference + c.unknown),
                percent(c.completion_rate),
                percent(c.early_rate),
            )
        )
    return out


def stats_summary(report: StatsReport) -> str:
    t = report.total
    who = f" ({report.unit} chủ trì)" if report.unit else ""
    text = (
        f"Tính đến {vn_date(report.as_of)}{who}: {t.done} mốc đã hoàn thành (sớm hạn {t.early}, "
        f"đúng hạn {t.on_time}, trễ hạn {t.late}{_undated(t)}), {t.open} đang trong hạn, "
        f"{t.overdue} quá hạn, "
        f"{t.waiting} chờ sự kiện; tỷ lệ hoàn thành {percent(t.completion_rate)}, "
        f"tỷ lệ sớm hạn {percent(t.early_rate)}. Không tính vào tỷ lệ: {t.ongoing} mốc thường "
        f"xuyên, {t.reference} theo quy định/kế hoạch khác"
    )
    text += f", {t.unknown} chưa đọc được tiến độ." if t.unknown else "."
    if report.score is not None:
        s = report.score
        text += f" Điểm dự kiến tiêu chí hoàn thành kế hoạch CCHC: {_num(s.points)}/{_num(s.max_points)}."
    return text


def _undated(counts: Counts) -> str:
    """', chưa có hạn để so N' when event milestones were done before their event had a date."""
    return f", chưa có hạn để so {counts.done_undated}" if counts.done_undated else ""


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value).replace(".", ",")
