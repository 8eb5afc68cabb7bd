"""The site's files in memory: every HTML page, each unit's calendar, the style sheet and script.

`build_site(plan, progress, as_of, settings)` is the one entry: the same inputs give the same
bytes (no build time, plan order everywhere, ids from task ids, unit ids and section numerals).
Pages:

    index.html                 Tổng quan: completion, VPCP buckets per section, overdue, upcoming
    don-vi/index.html          the units; don-vi/<unit>.html one page each, <unit>.ics its calendar
    muc/index.html             the sections; muc/<numeral>.html their tasks in full (anchors nv-<id>)
    lich/index.html            the year's timeline (inline SVG)
    phu-luc/index.html         the appendix table, as the Word export lays it out
    phu-luc-<year>.docx        written by the site writer with export/docx.py
    assets/site.css, site.js   the look, the print sheet and the filter box

A page larger than the budget is split by section (`don-vi/<unit>.<numeral>.html`,
`lich/<numeral>.html`, `phu-luc/<numeral>.html`, `muc/<numeral>-2.html`): see layout.py.
Every page but the overview lives one folder down, so pieces rendered once link the same way
from every page they may be placed on. Nothing here writes files or reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from cchc_cli import __version__, inputfile
from cchc_cli.export.appendix import appendix_table
from cchc_cli.export.doctable import DocTable, Row, SectionRow
from cchc_cli.export.html import fragment_renderer, render, templates_dir
from cchc_cli.export.ics import build_unit_calendars
from cchc_cli.export.site.chart import stacked_bars
from cchc_cli.export.site.layout import Block, Part, split
from cchc_cli.export.site.model import (
    BUCKETS,
    STATUS_SHORT,
    SectionView,
    SiteData,
    SiteSettings,
    UnitTask,
    UnitView,
    build_data,
)
from cchc_cli.export.site.timeline import build_timeline
from cchc_cli.plan.collector import collector_paused
from cchc_cli.plan.model import Plan
from cchc_cli.progress.log import ProgressLog
from cchc_cli.progress.stats import percent

ASSETS = ("site.css", "site.js")
NAV: tuple[tuple[str, str, str], ...] = (
    ("overview", "index.html", "Tổng quan"),
    ("units", "don-vi/index.html", "Đơn vị"),
    ("tasks", "muc/index.html", "Nhiệm vụ"),
    ("timeline", "lich/index.html", "Lịch tiến độ"),
    ("appendix", "phu-luc/index.html", "Phụ lục"),
)
TIMELINE_LANES = 60  # tasks per SVG: a long section gets several pictures
MARGIN = 4_000  # bytes kept free on a split page for what the estimate leaves out
TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class SiteFile:
    path: str  # relative to the site folder, with "/"
    data: bytes


@dataclass(frozen=True)
class Site:
    files: tuple[SiteFile, ...]
    appendix: DocTable  # the Word appendix, written beside the pages by the writer
    docx_path: str

    def file(self, path: str) -> SiteFile:
        return next(f for f in self.files if f.path == path)


def docx_name(plan: Plan) -> str:
    return f"phu-luc-{plan.year}.docx"


def calendar_stamp(as_of: dt.date) -> dt.datetime:
    """The calendars' DTSTAMP: midnight of the as-of day in Việt Nam, never the build time."""
    return dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=TIME_ZONE)


class _Builder:
    def __init__(self, data: SiteData, table: DocTable) -> None:
        self.data = data
        self.table = table
        self.files: list[SiteFile] = []
        self.budget = data.settings.page_budget
        self.task_href: dict[str, str] = {}
        self.pieces: dict[str, Callable[..., str]] = {}
        self.unit_rows: dict[tuple[str, tuple[str, ...]], str] = {}
        self.section_of = {task.id: section for section in data.sections for task in section.tasks}
        plan = data.plan
        self.common: dict[str, Any] = {
            "version": __version__,
            "agency": plan.plan.agency,
            "year": plan.year,
            "as_of": data.as_of,
            "nav": NAV,
            "site_name": f"Kế hoạch CCHC năm {plan.year}",
            "status_short": STATUS_SHORT,
            "buckets": BUCKETS,
            "percent": percent,
            "href": self.href,
            "by_key": _by_key,
            "filter_units": [(u.id, u.name) for u in plan.units],
            "filter_statuses": list(STATUS_SHORT.items()),
            "docx": docx_name(plan),
        }

    # --- plumbing --------------------------------------------------------------------------

    def href(self, task_id: str) -> str:
        """Where a task's details are, from the site's root."""
        return self.task_href.get(task_id, "muc/index.html")

    def render(self, path: str, template: str, **context: Any) -> str:
        root = "../" * path.count("/")
        return render(template, root=root, path=path, **self.common, **context)

    def fragment(self, template: str, **context: Any) -> str:
        """A piece (`site/_task.html`…) rendered for a page one folder down."""
        piece = self.pieces.get(template)
        if piece is None:
            piece = self.pieces[template] = fragment_renderer(template, root="../", **self.common)
        return piece(**context)

    def add(self, path: str, html: str) -> None:
        self.files.append(SiteFile(path, html.encode("utf-8")))

    def fits(self, html: str) -> bool:
        return len(html.encode("utf-8")) <= self.budget

    def room(self, path: str, template: str, **context: Any) -> int:
        """Bytes left for blocks on a page of `template` (rendered with no block)."""
        empty = self.render(path, template, **context)
        return self.budget - len(empty.encode("utf-8")) - MARGIN

    def sections_of(self, blocks: Sequence[Block]) -> list[SectionView]:
        seen: dict[str, SectionView] = {}
        for block in blocks:
            seen.setdefault(block.section.slug, block.section)
        return list(seen.values())

    def view(
        self,
        folder: str,
        index: str,
        template: str,
        blocks: Sequence[Block],
        part_path: Callable[[Part], str],
        **context: Any,
    ) -> None:
        """One page with every block if it fits, else an index of parts and a page each."""
        path = f"{folder}/{index}"
        sections = self.sections_of(blocks)
        if sum(block.size for block in blocks) <= self.budget:  # else the page cannot fit
            whole = self.render(
                path, template, blocks=blocks, parts=None, part=None, links=[], page_sections=sections,
                **context,
            )  # fmt: skip
            if self.fits(whole):
                self.add(path, whole)
                return
        room = self.room(
            f"{folder}/x.html", template, blocks=[], parts=None, part=None, links=[], page_sections=sections,
            **context,
        )  # fmt: skip
        parts = split(blocks, room)
        links = [(part_path(part), part) for part in parts]
        self.add(
            path,
            self.render(
                path, template, blocks=[], parts=parts, part=None, links=links, page_sections=[], **context
            ),
        )
        for part in parts:
            where = f"{folder}/{part_path(part)}"
            html = self.render(
                where, template, blocks=part.blocks, parts=None, part=part, links=links,
                page_sections=[part.section], **context,
            )  # fmt: skip
            self.add(where, html)

    # --- pages -----------------------------------------------------------------------------

    def build(self) -> None:
        self.sections()
        self.overview()
        self.units()
        self.timeline()
        self.appendix()
        folder = templates_dir() / "site"
        for name in ASSETS:
            self.files.append(SiteFile(f"assets/{name}", inputfile.read_bytes(folder / name)))

    def sections(self) -> None:
        """The task details, a page per section (cut in runs when a section is too large)."""
        data = self.data
        pages: list[tuple[str, Part]] = []
        whole_pages: dict[str, str] = {}  # a section on one page has no links to parts
        for section in data.sections:
            blocks = [
                Block(section, self.fragment("site/_task.html", t=task), task.id) for task in section.tasks
            ]
            path = f"muc/{section.slug}.html"
            whole = Part(section.slug, section, 1, 1, tuple(blocks))
            html = self.render(path, "site/section.html", part=whole, links=[], **self.section_ctx(section))
            if self.fits(html):
                pages.append((path, whole))
                whole_pages[path] = html
                continue
            empty = Part(section.slug, section, 1, 2, ())
            room = self.room(path, "site/section.html", part=empty, links=[], **self.section_ctx(section))
            pages += [(f"muc/{part.name}.html", part) for part in split(blocks, room)]
        siblings: dict[str, list[tuple[str, Part]]] = defaultdict(list)
        for path, part in pages:
            siblings[part.section.slug].append((path, part))
            for block in part.blocks:
                self.task_href[block.key] = f"{path}#{data.tasks[block.key].anchor}"
        for path, part in pages:
            if path in whole_pages:
                self.add(path, whole_pages[path])
                continue
            links = [(where.split("/")[-1], p) for where, p in siblings[part.section.slug]]
            html = self.render(
                path, "site/section.html", part=part, links=links, **self.section_ctx(part.section)
            )
            self.add(path, html)
        self.add(
            "muc/index.html",
            self.render(
                "muc/index.html",
                "site/sections.html",
                sections=data.sections,
                pages=siblings,
                current="tasks",
                page_title="Nhiệm vụ theo mục",
            ),
        )

    def overview(self) -> None:
        o = self.data.overview
        rows = [(s.numeral, s.title, counts) for s, counts in o.by_section]
        bars = stacked_bars(rows, o.total)
        self.add(
            "index.html",
            self.render(
                "index.html",
                "site/overview.html",
                o=o,
                bars=bars,
                tiers=bool(self.data.settings.stats.tiers),
                points=_points,
                current="overview",
                page_title="Tổng quan",
            ),
        )

    def units(self) -> None:
        data = self.data
        calendars: dict[str, bool] = {}
        files = build_unit_calendars(
            data.plan,
            [unit.id for unit in data.units],
            dtstamp=calendar_stamp(data.as_of),
            remind_days=data.settings.remind_days,
        )
        for unit in data.units:
            ics = files[unit.id]
            calendars[unit.id] = b"BEGIN:VEVENT" in ics
            if calendars[unit.id]:
                self.files.append(SiteFile(f"don-vi/{unit.id}.ics", ics))
            self.unit(unit, calendars[unit.id])
        self.add(
            "don-vi/index.html",
            self.render(
                "don-vi/index.html",
                "site/units.html",
                units=data.units,
                calendars=calendars,
                current="units",
                page_title="Đơn vị",
            ),
        )

    def unit(self, unit: UnitView, calendar: bool) -> None:
        blocks = []
        for role, tasks in (("lead", unit.lead), ("support", unit.support)):
            for unit_task in tasks:
                section = self.section_of[unit_task.task.id]
                blocks.append(Block(section, self.unit_row(unit_task), role))
        self.view(
            "don-vi",
            f"{unit.id}.html",
            "site/unit.html",
            blocks,
            lambda part: f"{unit.id}.{part.name}.html",
            unit=unit,
            calendar=calendar,
            remind_days=self.data.settings.remind_days,
            current="units",
            page_title=unit.name,
        )

    def unit_row(self, unit_task: UnitTask) -> str:
        """A task's row on a unit's page, rendered once for all the units that hold the same
        milestones of it (a task "các phòng, ban" support is on every unit's page)."""
        task, milestones = unit_task.task, unit_task.milestones
        key = (task.id, tuple(m.key for m in milestones))
        html = self.unit_rows.get(key)
        if html is None:
            html = self.unit_rows[key] = self.fragment("site/_unit_row.html", t=task, milestones=milestones)
        return html

    def section_ctx(self, section: SectionView) -> dict[str, Any]:
        return {"current": "tasks", "page_title": f"Mục {section.numeral}. {section.title}"}

    def timeline(self) -> None:
        data = self.data
        blocks = []
        for section in data.sections:
            tasks = section.tasks
            for start in range(0, len(tasks), TIMELINE_LANES):
                chunk = tasks[start : start + TIMELINE_LANES]
                label = f"Lịch tiến độ mục {section.numeral}: {len(chunk)} nhiệm vụ"
                picture = build_timeline(
                    data.plan.year, data.as_of, chunk, lambda t: "../" + self.href(t.id), label
                )
                blocks.append(Block(section, self.fragment("site/_timeline.html", tl=picture, s=section)))
        self.view(
            "lich",
            "index.html",
            "site/timeline.html",
            blocks,
            lambda part: f"{part.name}.html",
            current="timeline",
            page_title="Lịch tiến độ",
        )

    def appendix(self) -> None:
        data = self.data
        blocks = []
        table = self.table
        tasks = iter([t for s in data.sections for t in s.tasks])
        current: SectionView | None = None
        heading: SectionRow | None = None
        sections = iter([s for s in data.sections if s.tasks])
        for row in table.body:
            if isinstance(row, SectionRow):
                current = next(sections)
                heading = row
                continue
            assert isinstance(row, Row) and current is not None and heading is not None
            task = next(tasks)
            html = self.fragment("site/_appendix_row.html", row=row, t=task, columns=table.columns)
            blocks.append(Block(current, html, heading.title))
        self.view(
            "phu-luc",
            "index.html",
            "site/appendix.html",
            blocks,
            lambda part: f"{part.name}.html",
            table=table,
            current="appendix",
            page_title="Phụ lục",
        )


def _by_key(blocks: Sequence[Block]) -> dict[str, list[Block]]:
    """The blocks grouped by their key, in order (a unit page's tasks by role)."""
    groups: dict[str, list[Block]] = defaultdict(list)
    for block in blocks:
        groups[block.key].append(block)
    return groups


def _points(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value).replace(".", ",")


def build_site(
    plan: Plan, progress: ProgressLog | None, as_of: dt.date, settings: SiteSettings | None = None
) -> Site:
    """Every file of the site of `plan` as of `as_of` (the Word appendix as a table to write)."""
    settings = settings or SiteSettings()
    with collector_paused():  # thousands of views, pieces and events: freed by reference counting
        data = build_data(plan, progress, as_of, settings)
        table = appendix_table(plan)
        builder = _Builder(data, table)
        builder.build()
    files = sorted(builder.files, key=lambda f: f.path)
    return Site(tuple(files), table, docx_name(plan))
