"""`cchc site`: the plan and its progress as a static web site (Tổng quan, đơn vị, nhiệm vụ,
lịch tiến độ, phụ lục) for the Sở's website or intranet."""

import os
from pathlib import Path
from typing import Annotated

import typer

from cchc_cli.cli.common import (
    AgencyOpt,
    AsOfOpt,
    PlansDirOpt,
    PlansOpt,
    ProgressOpt,
    _shown,
    app,
    as_of_date,
    guard,
    open_plans,
    several_progress,
)


@app.command("site")
@guard
def site(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="THƯ_MỤC",
            help="Thư mục trang web sẽ ghi (cả thư mục được thay mới mỗi lần chạy).",
        ),
    ] = Path("public"),
    as_of: AsOfOpt = None,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
    progress_file: ProgressOpt = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Thay cả thư mục đã có tệp dù không do `cchc site` tạo."),
    ] = False,
) -> None:
    """Trang web tĩnh về kế hoạch và tiến độ (một hay nhiều cơ quan): mở trực tiếp từ tệp hoặc đặt lên
    máy chủ web."""
    from cchc_cli.export.site.writer import check_target
    from cchc_cli.plan.discovery import progress_path_for

    loadeds = open_plans(plan, plans_dir, agency)
    protected = [Path.cwd(), Path.home()]
    for loaded in loadeds:
        plan_path = Path(loaded.path)
        protected += [plan_path, progress_path_for(plan_path, progress_file)]
    check_target(output, force, protected)  # before any work: say it at once
    day = as_of_date(as_of)
    progresses = several_progress(loadeds, progress_file)

    from cchc_cli.export.site.model import SiteSettings
    from cchc_cli.export.site.writer import write_site
    from cchc_cli.progress.stats import load_stats_config

    if len(loadeds) == 1:
        from cchc_cli.export.site.pages import build_site

        loaded = loadeds[0]
        settings = SiteSettings(stats=load_stats_config(Path(loaded.path)))
        built = build_site(loaded.plan, progresses[0], day, settings)
        write_site(built, output, force=force, protected=protected)
        pages = sum(1 for f in built.files if f.path.endswith(".html"))
        what = f"{pages} trang"
    else:
        from cchc_cli.export.site.province import build_province
        from cchc_cli.progress.stats import AgencySource

        sources = [
            AgencySource(loaded.plan, loaded.path, progress, None, load_stats_config(Path(loaded.path)))
            for loaded, progress in zip(loadeds, progresses, strict=True)
        ]
        province = build_province(sources, day)
        write_site(province, output, force=force, protected=protected)
        pages = 1 + sum(1 for _f, s in province.sites for f in s.files if f.path.endswith(".html"))
        what = f"trang các cơ quan và trang riêng của {len(province.sites)} cơ quan ({pages} trang)"
    index = output / "index.html"
    typer.echo(
        f"Đã ghi trang web vào {_shown(output)}{os.sep}: {what}, tính đến ngày "
        f"{day:%d/%m/%Y}. Mở {_shown(index)} bằng trình duyệt, hoặc chép cả thư mục lên máy chủ web.",
        err=True,
    )
