"""The site of several agencies: an index of agencies with their summary, and each agency's own
site (`build_site`, unchanged) in a folder of its own.

    index.html                 the agencies: completion, VPCP buckets, overdue, projected points
    <agency>/index.html …      each agency's site, exactly as `cchc site` builds it alone
    assets/site.css, site.js   the look of the index (each agency's folder has its own copy)

The agencies are ordered as `cchc stats --by agency` orders them (progress/stats.py's
AGENCY_ORDER), and counted the same way. A folder is named after the agency
(`so-xay-dung-tinh-khanh-hoa`); two plans of one agency (two years) get the year added.
Pure: files in memory, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from cchc_cli import __version__, inputfile
from cchc_cli.export.html import render, templates_dir
from cchc_cli.export.site.chart import stacked_bars
from cchc_cli.export.site.model import BUCKETS, STATUS_SHORT, SiteSettings
from cchc_cli.export.site.pages import ASSETS, Site, SiteFile, build_site
from cchc_cli.plan.agencies import agency_slug
from cchc_cli.progress.stats import AgencyRow, AgencySource, agency_stats, percent


@dataclass(frozen=True)
class Province:
    files: tuple[SiteFile, ...]  # the index and its assets
    sites: tuple[tuple[str, Site], ...]  # (folder, the agency's site), in the index's order


def folders(sources: list[AgencySource]) -> list[str]:
    """One folder name per plan: the agency's name folded, with the year when an agency has
    several plans, and -2, -3… should two names still meet."""
    slugs = [agency_slug(s.plan.plan.agency) for s in sources]
    repeated = {slug for slug, n in Counter(slugs).items() if n > 1}
    names = [
        f"{slug}-{s.plan.year}" if slug in repeated else slug for slug, s in zip(slugs, sources, strict=True)
    ]
    seen: Counter[str] = Counter()
    unique = []
    for name in names:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return unique


def _points(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value).replace(".", ",")


def build_province(
    sources: list[AgencySource], as_of: dt.date, settings: SiteSettings | None = None
) -> Province:
    """The index of agencies and every agency's site, as of `as_of`; each agency's projected
    points use its own tiers (`AgencySource.config`)."""
    settings = settings or SiteSettings()
    report = agency_stats(sources, as_of)
    by_path = {s.path: (folder, s) for folder, s in zip(folders(sources), sources, strict=True)}
    ordered: list[tuple[str, AgencyRow, AgencySource]] = []
    for row in report.rows:
        folder, source = by_path[row.path]
        ordered.append((folder, row, source))
    sites = tuple(
        (folder, build_site(source.plan, source.progress, as_of, SiteSettings(
            stats=source.config,
            within=settings.within,
            remind_days=settings.remind_days,
            page_budget=settings.page_budget,
        )))
        for folder, _row, source in ordered
    )  # fmt: skip
    years = sorted({s.plan.year for s in sources})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    bars = stacked_bars([(row.agency, row.agency, row.counts) for _f, row, _s in ordered], report.total)
    html = render(
        "site/province.html",
        root="",
        path="index.html",
        version=__version__,
        agency=f"{len(sources)} cơ quan",
        year=span,
        as_of=as_of,
        nav=(),
        current="",
        site_name=f"Kế hoạch CCHC năm {span}",
        page_title="Các cơ quan",
        status_short=STATUS_SHORT,
        buckets=BUCKETS,
        percent=percent,
        points=_points,
        rows=[(folder, row) for folder, row, _s in ordered],
        total=report.total,
        bars=bars,
        tiers=any(s.config.tiers for s in sources),
    )
    assets = templates_dir() / "site"
    files = (
        SiteFile("index.html", html.encode("utf-8")),
        *(SiteFile(f"assets/{name}", inputfile.read_bytes(assets / name)) for name in ASSETS),
    )
    return Province(files, sites)
