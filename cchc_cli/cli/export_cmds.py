"""`cchc export …`: the phụ lục as Word (docx), calendars (ics) and task tables (csv, json, xlsx)."""

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cchc_cli.atomicwrite import refuse_overwrite
from cchc_cli.cli import common
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
    UnitOpt,
    _selections,
    _shown,
    _write,
    as_of_date,
    export_app,
    guard,
    open_plan,
    open_plans,
    output_path,
    required_text,
    several_progress,
    word_output,
)
from cchc_cli.errors import CchcError

if TYPE_CHECKING:  # importing sourcemap loads pydantic: not for `cchc --help`
    from cchc_cli.plan.sourcemap import LoadedPlan


@export_app.command("docx")
@guard
def export_docx(
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Tệp .docx sẽ ghi. Mặc định: phu-luc-<năm>.docx trong thư mục hiện tại.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="TỆP",
            help="Tài liệu Word (.docx) của đơn vị: giữ kiểu chữ, tiêu đề, lề; phụ lục được "
            "thêm vào sau nội dung của nó. Mặc định: mẫu kèm theo cchc.",
            show_default=False,
        ),
    ] = None,
    electronic: Annotated[
        bool,
        typer.Option(
            "--electronic",
            help="Văn bản điện tử: để trống số và ngày ở dòng “Kèm theo …” (NĐ 30/2020).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
) -> None:
    """Xuất phụ lục nhiệm vụ ra tệp Word (.docx) theo thể thức Nghị định 30/2020/NĐ-CP."""
    from cchc_cli.export.appendix import appendix_table, section_count, task_count

    chosen = output_path(output)
    required_text(unit, "--unit", "mã, tên hoặc tên khác của một đơn vị")
    required_text(section, "--section", "số La Mã hoặc một phần tên mục")
    loaded = open_plan(plan)
    out = chosen if chosen is not None else Path(f"phu-luc-{loaded.plan.year}.docx")
    word_output(out, force)  # before any work: say it at once
    table = appendix_table(loaded.plan, unit=unit, section=section, electronic=electronic)
    tasks = task_count(table)
    if tasks == 0:
        raise CchcError("không có nhiệm vụ nào khớp bộ lọc --unit/--section; không ghi tệp")

    from cchc_cli.export.docx import write_docx  # python-docx is loaded only for this command

    write_docx(table, out, template=template, force=force)
    typer.echo(f"Đã ghi {out}: phụ lục {tasks} nhiệm vụ trong {section_count(table)} mục.", err=True)


# --- exports ------------------------------------------------------------------------------------


@export_app.command("ics")
@guard
def export_ics(
    unit: UnitOpt = None,
    section: SectionOpt = None,
    output: OutOpt = None,
    remind_days: Annotated[
        int,
        typer.Option(
            "--remind-days",
            metavar="SỐ_NGÀY",
            min=0,
            max=60,
            help="Nhắc trước hạn bao nhiêu ngày (lúc 8 giờ).",
        ),
    ] = 3,
    force: ForceOpt = False,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
) -> None:
    """Lịch iCalendar (.ics) các hạn của kế hoạch (một hay nhiều cơ quan), kèm lời nhắc trước hạn."""
    from cchc_cli.export.ics import build_calendars

    chosen = output_path(output)
    loadeds = open_plans(plan, plans_dir, agency)
    out = chosen or Path(f"lich-cchc{_year_of(loadeds)}.ics")
    refuse_overwrite(out, force)  # before any work: say it at once
    picked, unit_name = _selections(loadeds, unit, RoleChoice.any, section)
    data = build_calendars(
        [(loaded.plan, selection) for loaded, selection in picked],
        dtstamp=common.clock(),  # looked up at call time: the tests' clock replaces it
        remind_days=remind_days,
        unit=unit_name,
    )
    _write(out, data, force)


def _table(
    plans: list[str] | None,
    plans_dir: str | None,
    agency: list[str] | None,
    progress_file: str | None,
    unit: str | None,
    section: str | None,
    as_of: str | None,
    output: "Callable[[list[LoadedPlan]], Path | None]",
    force: bool,
) -> "tuple[list[LoadedPlan], list[Any], str | None, dt.date, Path | None]":
    """The rows of a table export, of one plan or several (in the order they were read); an
    output file that may not be replaced is refused before any work (`output` names it once
    the plans, hence their year, are known)."""
    from cchc_cli.export.tables import table_rows

    loadeds = open_plans(plans, plans_dir, agency)
    out = output(loadeds)
    if out is not None:
        refuse_overwrite(out, force)
    picked, unit_name = _selections(loadeds, unit, RoleChoice.any, section)
    day = as_of_date(as_of)
    progresses = several_progress([loaded for loaded, _s in picked], progress_file, of=len(loadeds))
    rows: list[Any] = []
    for (loaded, selection), progress in zip(picked, progresses, strict=True):
        rows += table_rows(loaded.plan, day, progress=progress, selection=selection, path=loaded.path)
    return loadeds, rows, unit_name, day, out


def _text_out(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text.encode("utf-8"), force)


def _year_of(loadeds: "list[LoadedPlan]") -> str:
    """'-2025' in a default file name when every plan is of one year, else nothing."""
    years = {loaded.plan.year for loaded in loadeds}
    return f"-{years.pop()}" if len(years) == 1 else ""


@export_app.command("csv")
@guard
def export_csv(
    output: OutOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Bảng nhiệm vụ kèm trạng thái dạng CSV (mở bằng Excel). Không có -o: in ra màn hình."""
    from cchc_cli.export.tables import to_csv

    chosen = output_path(output)
    loadeds, rows, _unit, _day, out = _table(
        plan, plans_dir, agency, progress_file, unit, section, as_of, lambda _loadeds: chosen, force
    )
    # Excel needs the BOM to read a UTF-8 file; a pipe does not want it.
    _text_out(to_csv(rows, bom=out is not None, several=len(loadeds) > 1), out, force)


@export_app.command("json")
@guard
def export_json(
    output: OutOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Bảng nhiệm vụ kèm trạng thái dạng JSON. Không có -o: in ra màn hình."""
    from cchc_cli.export.tables import to_json

    chosen = output_path(output)
    _loadeds, rows, unit_name, day, out = _table(
        plan, plans_dir, agency, progress_file, unit, section, as_of, lambda _loadeds: chosen, force
    )
    _text_out(to_json(rows, day, unit_name), out, force)


@export_app.command("xlsx")
@guard
def export_xlsx(
    output: OutOpt = None,
    unit: UnitOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Bảng nhiệm vụ kèm trạng thái dạng Excel (.xlsx)."""
    from cchc_cli.export.tables import to_xlsx

    chosen = output_path(output)
    loadeds, rows, _unit, _day, out = _table(
        plan,
        plans_dir,
        agency,
        progress_file,
        unit,
        section,
        as_of,
        lambda loadeds: chosen or Path(f"cchc{_year_of(loadeds)}.xlsx"),
        force,
    )
    assert out is not None
    title = f"CCHC{_year_of(loadeds).replace('-', ' ')}"
    _write(out, to_xlsx(rows, title=title, several=len(loadeds) > 1), force)


@export_app.command("sqlite")
@guard
def export_sqlite(
    output_text: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Tệp cơ sở dữ liệu SQLite sẽ ghi (mở bằng Datasette, Metabase, Excel, DBeaver…).",
        ),
    ] = "cchc.db",
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Kế hoạch, mốc, tiến độ và tình trạng (một hay nhiều cơ quan) vào một cơ sở dữ liệu SQLite."""
    from cchc_cli.export.sqlite import PlanData, build_database
    from cchc_cli.progress.stats import load_stats_config

    output = output_path(output_text)
    assert output is not None
    if output.is_dir():
        raise CchcError(f"-o {output}: là một thư mục; chọn tên tệp, ví dụ -o {output / 'cchc.db'}")
    loadeds = open_plans(plan, plans_dir, agency)
    refuse_overwrite(output, force)  # before any work: say it at once
    day = as_of_date(as_of)
    progresses = several_progress(loadeds, progress_file)
    data = build_database(
        [
            PlanData(loaded.plan, loaded.path, progress, load_stats_config(Path(loaded.path)))
            for loaded, progress in zip(loadeds, progresses, strict=True)
        ],
        day,
    )
    _write(output, data, force)
    tasks = sum(len(s.tasks) for loaded in loadeds for s in loaded.plan.sections)
    typer.echo(
        f"{len(loadeds)} kế hoạch, {tasks} nhiệm vụ, tình trạng tính đến ngày {day:%d/%m/%Y}. "
        f"Xem bằng: datasette {_shown(output)}",
        err=True,
    )
