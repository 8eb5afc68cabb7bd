"""Progress commands: done, reopen, stats, report."""

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_cli.cli.common import (
    AgencyOpt,
    AsOfOpt,
    ForceOpt,
    OutOpt,
    PlanOpt,
    PlansDirOpt,
    PlansOpt,
    ProgressOpt,
    RoleChoice,
    SectionOpt,
    TableFormat,
    UnitOpt,
    _print_rows,
    _selection,
    _selections,
    _shown,
    _write,
    app,
    as_of_date,
    emit,
    emit_json,
    guard,
    open_plan,
    open_plans,
    open_progress,
    output_path,
    several_progress,
    today,
    word_output,
)
from cchc_cli.errors import UsageError

if TYPE_CHECKING:  # importing sourcemap loads pydantic: not for `cchc --help`
    from cchc_cli.plan.sourcemap import LoadedPlan

MilestoneOpt = Annotated[
    str | None,
    typer.Option(
        "--milestone", "-m", metavar="MỐC", help="Mốc: 1, 2… theo thứ tự trong ô Tiến độ (xem: cchc show ID)."
    ),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="KỲ",
        help="Kỳ của mốc định kỳ: 2025-W05 (tuần), 2025-03 (tháng), 2025-Q1, 2025-H1, 2025.",
    ),
]
TaskArg = Annotated[str, typer.Argument(metavar="ID", help="Mã nhiệm vụ, ví dụ I.1, VII.5")]


@app.command()
@guard
def done(
    task_id: TaskArg,
    evidence: Annotated[
        str,
        typer.Option(
            "--evidence",
            "-e",
            metavar="VĂN_BẢN",
            help='Văn bản chứng minh, ví dụ "Báo cáo số 45/BC-SXD ngày 18/02/2025".',
            show_default=False,
        ),
    ],
    milestone: MilestoneOpt = None,
    period: PeriodOpt = None,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="NGÀY", help="Ngày hoàn thành (dd/mm/yyyy). Mặc định: hôm nay."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="CHỮ", help="Ghi chú.")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="TÊN", help="Người ghi nhận.")] = None,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Ghi nhận một mốc đã hoàn thành, kèm văn bản chứng minh."""
    from cchc_cli.dates import parse_user_date, vn_date
    from cchc_cli.plan.discovery import progress_path_for
    from cchc_cli.progress.store import record_done

    loaded = open_plan(plan)
    day = parse_user_date(on, option="--on") if on is not None else None
    path = progress_path_for(Path(loaded.path), progress_file)
    if progress_file is None and not path.parent.exists():
        # The bundled plan's progress goes to plans/ under the current folder: make it.
        path.parent.mkdir(parents=True)
    change = record_done(
        loaded,
        path,
        task_id=task_id,
        milestone=milestone,
        period=period,
        evidence=evidence,
        today=today(),
        on=day,
        note=note,
        recorded_by=by,
    )
    target = change.target
    timing = ""
    if target.due is not None:
        gap = (target.due - change.done).days
        if gap > 0:
            timing = f" — sớm hạn {gap} ngày (hạn {vn_date(target.due)})"
        elif gap == 0:
            timing = f" — đúng hạn ({vn_date(target.due)})"
        else:
            timing = f" — trễ hạn {-gap} ngày (hạn {vn_date(target.due)})"
    emit(f"Đã ghi: {target.describe()} hoàn thành ngày {vn_date(change.done)}{timing}.")
    created = " (tệp mới)" if change.created else ""
    typer.echo(f"Tệp tiến độ: {_shown(change.path)}{created}", err=True)


@app.command()
@guard
def reopen(
    task_id: TaskArg,
    milestone: MilestoneOpt = None,
    period: PeriodOpt = None,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Xóa một kết quả đã ghi (mốc trở lại chưa hoàn thành)."""
    from cchc_cli.dates import vn_date
    from cchc_cli.plan.discovery import progress_path_for
    from cchc_cli.progress.store import reopen as reopen_record

    loaded = open_plan(plan)
    change = reopen_record(
        loaded,
        progress_path_for(Path(loaded.path), progress_file),
        task_id=task_id,
        milestone=milestone,
        period=period,
    )
    emit(
        f"Đã mở lại: {change.target.describe()} (kết quả ngày {vn_date(change.done)}: "
        f"{change.evidence} đã được xóa)."
    )


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


class StatsBy(str, Enum):
    section = "section"
    agency = "agency"


@app.command()
@guard
def stats(
    unit: UnitOpt = None,
    as_of: AsOfOpt = None,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
    by: Annotated[
        StatsBy | None,
        typer.Option(
            "--by",
            help="section: theo mục và đơn vị (mặc định với một kế hoạch); agency: mỗi cơ quan một dòng "
            "(mặc định với nhiều kế hoạch).",
            show_default=False,
        ),
    ] = None,
    progress_file: ProgressOpt = None,
    fmt: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="table (mặc định) hoặc json.")
    ] = StatsFormat.table,
) -> None:
    """Thống kê sớm hạn, đúng hạn, trễ hạn, trong hạn, quá hạn theo mục, đơn vị hoặc cơ quan."""
    from cchc_cli.progress import stats as st

    loadeds = open_plans(plan, plans_dir, agency)
    if by is None:
        by = StatsBy.agency if len(loadeds) > 1 else StatsBy.section
    if by is StatsBy.agency:
        _stats_by_agency(loadeds, unit, as_of, progress_file, fmt)
        return
    if len(loadeds) > 1:
        raise UsageError(
            "--by section chỉ dùng với một kế hoạch; với nhiều kế hoạch dùng --by agency (mặc định), "
            "hoặc chọn một cơ quan bằng --agency"
        )
    loaded = loadeds[0]
    unit_id = _selection(loaded, unit, RoleChoice.any, None).unit
    config = st.load_stats_config(Path(loaded.path))
    report = st.compute_stats(
        loaded.plan,
        as_of_date(as_of),
        progress=open_progress(loaded, progress_file),
        unit=unit_id,
        config=config,
    )
    if fmt is StatsFormat.json:
        emit_json({"agency": loaded.plan.plan.agency, "plan": loaded.path, **report.to_json()})
        return
    total = st.Row("", "Tổng cộng" + (f" ({report.unit} chủ trì)" if report.unit else ""), report.total)
    _print_rows(
        TableFormat.table,
        st.STATS_HEADERS,
        st.stats_rows([*report.by_section, total, *report.by_unit]),
        title="Tiến độ theo mục và theo đơn vị chủ trì",
        caption=st.stats_summary(report),
    )


def _stats_by_agency(
    loadeds: "list[LoadedPlan]",
    unit: str | None,
    as_of: str | None,
    progress_file: str | None,
    fmt: StatsFormat,
) -> None:
    from cchc_cli.progress import stats as st

    picked, unit_name = _selections(loadeds, unit, RoleChoice.any, None)
    progresses = several_progress([loaded for loaded, _s in picked], progress_file, of=len(loadeds))
    sources = [
        st.AgencySource(
            loaded.plan, loaded.path, progress, selection.unit, st.load_stats_config(Path(loaded.path))
        )
        for (loaded, selection), progress in zip(picked, progresses, strict=True)
    ]
    day = as_of_date(as_of)
    report = st.agency_stats(sources, day, unit_name)
    if fmt is StatsFormat.json:
        emit_json(report.to_json())
        return
    who = f" ({unit_name} chủ trì)" if unit_name else ""
    _print_rows(
        TableFormat.table,
        st.AGENCY_HEADERS,
        st.agency_rows(report),
        title=f"Tiến độ theo cơ quan{who}",
        caption=f"Tính đến {day:%d/%m/%Y}, {len(report.rows)} cơ quan; xếp theo {st.AGENCY_ORDER}.",
    )


class ReportPeriodChoice(str, Enum):
    q1 = "q1"
    h1 = "h1"
    q3 = "q3"
    year = "year"


class ReportFormat(str, Enum):
    docx = "docx"
    markdown = "markdown"


@app.command()
@guard
def report(
    period: Annotated[
        ReportPeriodChoice,
        typer.Option("--period", help="Kỳ báo cáo: q1 (quý I), h1 (6 tháng), q3 (quý III), year (năm)."),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="NGÀY",
            help="Số liệu tính đến ngày (dd/mm/yyyy). Mặc định: hôm nay, hoặc ngày 14 tháng cuối kỳ "
            "nếu đã qua.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="docx (mặc định) hoặc markdown.")
    ] = ReportFormat.docx,
    output: OutOpt = None,
    force: ForceOpt = False,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", metavar="TỆP", help="Tệp Word mẫu (docx).", show_default=False),
    ] = None,
) -> None:
    """Báo cáo kết quả thực hiện kế hoạch CCHC theo kỳ (quý I, 6 tháng, quý III, năm)."""
    from cchc_cli.atomicwrite import refuse_overwrite
    from cchc_cli.export.doctable import to_markdown
    from cchc_cli.export.report import report_table
    from cchc_cli.progress.report import PERIODS, build_report, default_as_of, report_due

    loaded = open_plan(plan)
    chosen = PERIODS[period.value]
    year = loaded.plan.year
    out = output_path(output)
    if out is None and fmt is ReportFormat.docx:
        out = Path(f"bao-cao-cchc-{period.value}-{year}.docx")
    if out is not None and fmt is ReportFormat.docx:
        word_output(out, force)  # before any work: say it at once
    elif out is not None:
        refuse_overwrite(out, force)
    day = as_of_date(as_of) if as_of is not None else default_as_of(year, chosen, today())
    content = build_report(
        loaded.plan,
        chosen,
        day,
        progress=open_progress(loaded, progress_file),
        selection=_selection(loaded, unit, RoleChoice.any, section),
    )
    table = report_table(content)
    if fmt is ReportFormat.markdown:
        text = to_markdown(table)
        if out is None:
            emit(text)
        else:
            _write(out, text.encode("utf-8"), force)
    else:
        from cchc_cli.export.docx import write_docx

        assert out is not None
        write_docx(table, out, template=template, force=force)
        typer.echo(f"Đã ghi {_shown(out)}", err=True)
    from cchc_cli.dates import vn_date

    typer.echo(
        f"Nhắc: báo cáo gửi Sở Nội vụ trong ngày {vn_date(report_due(year, chosen))} "
        "(ngày 14 của tháng cuối kỳ báo cáo).",
        err=True,
    )
