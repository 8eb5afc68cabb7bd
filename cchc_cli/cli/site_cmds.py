"""`cchc site`: the plan and its progress as a static web site (Tổng quan, đơn vị, nhiệm vụ,
lịch tiến độ, phụ lục) for the Sở's website or intranet."""

import os
from pathlib import Path
from typing import Annotated

import typer

from cchc_cli.cli.common import (
    AsOfOpt,
    PlanOpt,
    ProgressOpt,
    _shown,
    app,
    as_of_date,
    guard,
    open_plan,
    open_progress,
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
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Thay cả thư mục đã có tệp dù không do `cchc site` tạo."),
    ] = False,
) -> None:
    """Trang web tĩnh về kế hoạch và tiến độ: mở trực tiếp từ tệp hoặc đặt lên máy chủ web."""
    from cchc_cli.export.site.writer import check_target
    from cchc_cli.plan.discovery import progress_path_for

    loaded = open_plan(plan)
    plan_path = Path(loaded.path)
    protected = [Path.cwd(), Path.home(), plan_path, progress_path_for(plan_path, progress_file)]
    check_target(output, force, protected)  # before any work: say it at once
    day = as_of_date(as_of)
    progress = open_progress(loaded, progress_file)

    from cchc_cli.export.site.model import SiteSettings
    from cchc_cli.export.site.pages import build_site
    from cchc_cli.export.site.writer import write_site
    from cchc_cli.progress.stats import load_stats_config

    settings = SiteSettings(stats=load_stats_config(plan_path))
    built = build_site(loaded.plan, progress, day, settings)
    write_site(built, output, force=force, protected=protected)
    pages = sum(1 for f in built.files if f.path.endswith(".html"))
    index = output / "index.html"
    typer.echo(
        f"Đã ghi trang web vào {_shown(output)}{os.sep}: {pages} trang, tính đến ngày "
        f"{day:%d/%m/%Y}. Mở {_shown(index)} bằng trình duyệt, hoặc chép cả thư mục lên máy chủ web.",
        err=True,
    )
