"""Progress commands: done, reopen, stats, report; exports ics, csv, json, xlsx."""

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cchc_cli.cli.common import (
    AsOfOpt,
    PlanOpt,
    RoleChoice,
    SectionOpt,
    TableFormat,
    UnitOpt,
    _print_rows,
    _selection,
    app,
    as_of_date,
    emit,
    emit_json,
    export_app,
    guard,
    open_plan,
    open_progress,
    today,
)

if TYPE_CHECKING:  # importing sourcemap loads pydantic: not for `cchc --help`
    from cchc_cli.plan.sourcemap import LoadedPlan

ProgressOpt = Annotated[
    str | None,
    typer.Option(
        "--progress",
        help="Tệp tiến độ. Mặc định: <kế hoạch>.progress.yaml cạnh tệp kế hoạch.",
        show_default=False,
    ),
]
MilestoneOpt = Annotated[
    str | None,
    typer.Option("--milestone", "-m", help="Mốc: 1, 2… theo thứ tự trong ô Tiến độ (xem: cchc show ID)."),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period", help="Kỳ của mốc định kỳ: 2025-W05 (tuần), 2025-03 (tháng), 2025-Q1, 2025-H1, 2025."
    ),
]
OutOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Tệp kết quả.", show_default=False)]
ForceOpt = Annotated[bool, typer.Option("--force", help="Ghi đè tệp kết quả đã có.")]
TaskArg = Annotated[str, typer.Argument(metavar="ID", help="Mã nhiệm vụ, ví dụ I.1, VII.5")]


def _shown(path: Path) -> str:
    from cchc_cli.plan.sourcemap import display_path

    return display_path(path)


def _write(out: Path, data: bytes, force: bool) -> None:
    from cchc_cli.atomicwrite import write_atomic

    write_atomic(out, data, force=force)
    typer.echo(f"Đã ghi {_shown(out)}", err=True)


@app.command()
@guard
def done(
    task_id: TaskArg,
    evidence: Annotated[
        str,
        typer.Option(
            "--evidence",
            "-e",
            help='Văn bản chứng minh, ví dụ "Báo cáo số 45/BC-SXD ngày 18/02/2025".',
            show_default=False,
        ),
    ],
    milestone: MilestoneOpt = None,
    period: PeriodOpt = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Ngày hoàn thành (dd/mm/yyyy). Mặc định: hôm nay."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Người ghi nhận.")] = None,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Ghi nhận một mốc đã hoàn thành, kèm văn bản chứng minh."""
    from cchc_cli.dates import parse_user_date, vn_date
    from cchc_cli.progress.log import progress_path_for
    from cchc_cli.progress.store import record_done

    loaded = open_plan(plan)
    day = parse_user_date(on, option="--on") if on else None
    change = record_done(
        loaded,
        progress_path_for(Path(loaded.path), progress_file),
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
    from cchc_cli.progress.log import progress_path_for
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


@app.command()
@guard
def stats(
    unit: UnitOpt = None,
    as_of: AsOfOpt = None,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
    fmt: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="table (mặc định) hoặc json.")
    ] = StatsFormat.table,
) -> None:
    """Thống kê sớm hạn, đúng hạn, trễ hạn, trong hạn, quá hạn theo đơn vị và theo mục."""
    from cchc_cli.progress import stats as st

    loaded = open_plan(plan)
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
        emit_json(report.to_json())
        return
    total = st.Row("", "Tổng cộng" + (f" ({report.unit} chủ trì)" if report.unit else ""), report.total)
    _print_rows(
        TableFormat.table,
        st.STATS_HEADERS,
        st.stats_rows([*report.by_section, total, *report.by_unit]),
        title="Tiến độ theo mục và theo đơn vị chủ trì",
        caption=st.stats_summary(report),
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
        Path | None, typer.Option("--template", help="Tệp Word mẫu (docx).", show_default=False)
    ] = None,
) -> None:
    """Báo cáo kết quả thực hiện kế hoạch CCHC theo kỳ (quý I, 6 tháng, quý III, năm)."""
    from cchc_cli.progress.report import PERIODS, build_report, default_as_of, report_due, to_markdown

    loaded = open_plan(plan)
    chosen = PERIODS[period.value]
    year = loaded.plan.year
    day = as_of_date(as_of) if as_of else default_as_of(year, chosen, today())
    table = build_report(
        loaded.plan,
        chosen,
        day,
        progress=open_progress(loaded, progress_file),
        selection=_selection(loaded, unit, RoleChoice.any, section),
    )
    if fmt is ReportFormat.markdown:
        text = to_markdown(table)
        if output is None:
            emit(text)
        else:
            _write(output, text.encode("utf-8"), force)
    else:
        try:
            from cchc_cli.export.docx import write_docx
        except ImportError:
            from cchc_cli.errors import CchcError

            raise CchcError("bản cchc này chưa có phần xuất Word; dùng --format markdown") from None
        out = output or Path(f"bao-cao-cchc-{period.value}-{year}.docx")
        write_docx(table, out, template=template, force=force)
        typer.echo(f"Đã ghi {_shown(out)}", err=True)
    from cchc_cli.dates import vn_date

    typer.echo(
        f"Nhắc: báo cáo gửi Sở Nội vụ trong ngày {vn_date(report_due(year, chosen))} "
        "(ngày 14 của tháng cuối kỳ báo cáo).",
        err=True,
    )


# --- exports ------------------------------------------------------------------------------------


@export_app.command("ics")
@guard
def export_ics(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    output: OutOpt = None,
    remind_days: Annotated[
        int,
        typer.Option("--remind-days", min=0, max=60, help="Nhắc trước hạn bao nhiêu ngày (lúc 8 giờ)."),
    ] = 3,
    force: ForceOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Lịch iCalendar (.ics) các hạn của kế hoạch, kèm lời nhắc trước hạn."""
    from cchc_cli.export.ics import build_calendar

    loaded = open_plan(plan)
    data = build_calendar(
        loaded.plan,
        dtstamp=dt.datetime.now(dt.timezone.utc),
        selection=_selection(loaded, unit, RoleChoice.any, section),
        remind_days=remind_days,
    )
    _write(output or Path(f"lich-cchc-{loaded.plan.year}.ics"), data, force)


def _table(
    plan: str | None,
    progress_file: str | None,
    unit: str | None,
    section: str | None,
    as_of: str | None,
) -> "tuple[LoadedPlan, list[Any], str | None, dt.date]":
    from cchc_cli.export.tables import table_rows

    loaded = open_plan(plan)
    selection = _selection(loaded, unit, RoleChoice.any, section)
    day = as_of_date(as_of)
    rows = table_rows(loaded.plan, day, progress=open_progress(loaded, progress_file), selection=selection)
    unit_name = None
    if selection.unit:
        from cchc_cli.plan.units import Directory

        unit_name = Directory(loaded.plan).name(selection.unit)
    return loaded, rows, unit_name, day


def _text_out(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text.encode("utf-8"), force)


@export_app.command("csv")
@guard
def export_csv(
    output: OutOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Bảng nhiệm vụ kèm trạng thái dạng CSV (mở bằng Excel). Không có -o: in ra màn hình."""
    from cchc_cli.export.tables import to_csv

    _loaded, rows, _unit, _day = _table(plan, progress_file, unit, section, as_of)
    # Excel needs the BOM to read a UTF-8 file; a pipe does not want it.
    _text_out(to_csv(rows, bom=output is not None), output, force)


@export_app.command("json")
@guard
def export_json(
    output: OutOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Bảng nhiệm vụ kèm trạng thái dạng JSON. Không có -o: in ra màn hình."""
    from cchc_cli.export.tables import to_json

    _loaded, rows, unit_name, day = _table(plan, progress_file, unit, section, as_of)
    _text_out(to_json(rows, day, unit_name), output, force)


@export_app.command("xlsx")
@guard
def export_xlsx(
    output: OutOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Bảng nhiệm vụ kèm trạng thái dạng Excel (.xlsx)."""
    from cchc_cli.export.tables import to_xlsx

    loaded, rows, _unit, _day = _table(plan, progress_file, unit, section, as_of)
    data = to_xlsx(rows, title=f"CCHC {loaded.plan.year}")
    _write(output or Path(f"cchc-{loaded.plan.year}.xlsx"), data, force)
