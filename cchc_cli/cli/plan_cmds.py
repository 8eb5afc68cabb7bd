"""Plan commands: due, list, show, units, deadline."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from cchc_cli.cli.common import (
    AgencyOpt,
    AsOfOpt,
    FormatOpt,
    PlanOpt,
    PlansDirOpt,
    PlansOpt,
    RoleChoice,
    RoleOpt,
    SectionOpt,
    TableFormat,
    TableOrJsonOpt,
    UnitOpt,
    _print_rows,
    _selections,
    app,
    as_of_date,
    emit,
    emit_json,
    guard,
    open_plan,
    open_plans,
    several_progress,
)
from cchc_cli.errors import UsageError

if TYPE_CHECKING:
    from cchc_cli.plan.model import Section, Task
    from cchc_cli.plan.units import Directory

MAX_WITHIN = 3660
"""`--within` at most ten years: further than any plan looks, and far from date overflow."""


@app.command()
@guard
def due(
    unit: UnitOpt = None,
    role: RoleOpt = RoleChoice.any,
    as_of: AsOfOpt = None,
    within: Annotated[
        int,
        typer.Option(
            "--within", "-w", metavar="SỐ_NGÀY", help="Số ngày tới được coi là sắp đến hạn (0–3660)."
        ),
    ] = 14,
    section: SectionOpt = None,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
    fmt: FormatOpt = TableFormat.table,
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help="Thoát với mã 1 nếu có mốc quá hạn.")
    ] = False,
    progress_file: Annotated[
        str | None,
        typer.Option(
            "--progress",
            metavar="TỆP",
            help="Tệp tiến độ. Mặc định: <kế hoạch>.progress.yaml cạnh tệp kế hoạch, nếu có.",
        ),
    ] = None,
) -> None:
    """Nhiệm vụ quá hạn, sắp đến hạn và đang chờ sự kiện (của một đơn vị, một hay nhiều cơ quan)."""
    from cchc_cli.cli import tabular
    from cchc_cli.query.due import due_report, merge_reports

    if not 0 <= within <= MAX_WITHIN:
        raise UsageError(f"--within: từ 0 đến tối đa {MAX_WITHIN} ngày (10 năm), không phải {within}")
    loadeds = open_plans(plan, plans_dir, agency)
    picked, unit_name = _selections(loadeds, unit, role, section)
    day = as_of_date(as_of)
    progresses = several_progress([loaded for loaded, _s in picked], progress_file, of=len(loadeds))
    reports = [
        due_report(loaded.plan, day, within=within, selection=selection, progress=progress, path=loaded.path)
        for (loaded, selection), progress in zip(picked, progresses, strict=True)
    ]
    report = merge_reports(reports, unit_name)
    several = len(loadeds) > 1
    if fmt is TableFormat.json:
        emit_json(report.to_json())
    else:
        summary = tabular.due_summary(report)
        if several:
            summary = f"{len(picked)} kế hoạch. {summary}"
        _print_rows(
            fmt,
            tabular.with_agency(tabular.DUE_HEADERS, several),
            tabular.due_rows(report, several=several),
            title="Nhiệm vụ đến hạn" + (f" — {report.unit}" if report.unit else ""),
            caption=summary,
            status_column=0,
        )
        if fmt is not TableFormat.table:
            typer.echo(summary, err=True)
    if fail_on_overdue and report.overdue:
        raise typer.Exit(1)


def _task_json(
    section: "Section", task: "Task", directory: "Directory", agency: str, path: str
) -> dict[str, Any]:
    """A task's agency, plan, id, section, four cells and unit names, as `list` and `show`
    print them."""
    return {
        "agency": agency,
        "plan": path,
        "id": task.id,
        "section": section.numeral,
        "task": task.task,
        "output": task.output,
        "schedule": task.schedule,
        "assignment": task.assignment,
        "number": task.number,
        "cells": dict(task.cells),
        "lead": directory.names(task.lead),
        "support": directory.names(task.support),
    }


@app.command("list")
@guard
def list_tasks(
    unit: UnitOpt = None,
    role: RoleOpt = RoleChoice.any,
    section: SectionOpt = None,
    plan: PlansOpt = None,
    plans_dir: PlansDirOpt = None,
    agency: AgencyOpt = None,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Mọi nhiệm vụ của kế hoạch, của một hay nhiều cơ quan (lọc theo đơn vị, vai trò, mục)."""
    from cchc_cli.cli import tabular
    from cchc_cli.deadlines.language import deadline_to_json
    from cchc_cli.plan.units import Directory
    from cchc_cli.query.due import select

    loadeds = open_plans(plan, plans_dir, agency)
    picked, _unit_name = _selections(loadeds, unit, role, section)
    several = len(loadeds) > 1
    records = []
    for loaded, selection in picked:
        directory = Directory(loaded.plan)
        records += [
            (loaded, directory, section_, task, kept)
            for section_, task, kept in select(loaded.plan, directory, selection)
        ]
    if fmt is TableFormat.json:
        emit_json(
            [
                {
                    **_task_json(section_, task, directory, loaded.plan.plan.agency, loaded.path),
                    "deadlines": [deadline_to_json(m.deadline) for m, _role in kept],
                }
                for loaded, directory, section_, task, kept in records
            ]
        )
        return
    headers = tabular.with_agency(("Mã", "Mục", "Nhiệm vụ", "Tiến độ", "Chủ trì", "Phối hợp"), several)
    rows = [
        (
            task.id,
            *((loaded.plan.plan.agency,) if several else ()),
            section_.numeral,
            task.task,
            task.schedule,
            "; ".join(directory.names(task.lead)),
            "; ".join(directory.names(task.support)),
        )
        for loaded, directory, section_, task, _kept in records
    ]
    caption = f"{len(rows)} nhiệm vụ" + (f" của {len(picked)} kế hoạch" if several else "")
    _print_rows(fmt, headers, rows, caption=caption)


@app.command()
@guard
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help="Mã nhiệm vụ, ví dụ III.3")],
    plan: PlanOpt = None,
    fmt: TableOrJsonOpt = TableFormat.table,
) -> None:
    """Toàn bộ một nhiệm vụ: các ô của phụ lục, đơn vị và các mốc hạn đã đọc được."""
    from cchc_cli.deadlines.language import deadline_to_json
    from cchc_cli.deadlines.schedule import describe
    from cchc_cli.plan.lookup import find_task
    from cchc_cli.plan.milestones import task_milestones
    from cchc_cli.plan.model import CELL_LABELS
    from cchc_cli.plan.units import Directory

    loaded = open_plan(plan)
    section, task = find_task(loaded.plan, task_id)
    directory = Directory(loaded.plan)
    milestones = task_milestones(loaded.plan, task)
    if fmt is TableFormat.json:
        emit_json(
            {
                **_task_json(section, task, directory, loaded.plan.plan.agency, loaded.path),
                "section_title": section.title,
                "milestones": [
                    {
                        "key": m.key,
                        "lead": directory.names(m.lead),
                        **deadline_to_json(m.deadline),
                    }
                    for m in milestones
                ],
            }
        )
        return
    lines = [f"Nhiệm vụ {task.id} — Mục {section.numeral}. {section.title}", ""]
    if loaded.plan.columns is None:
        cells = [(label, getattr(task, key)) for key, label in CELL_LABELS.items()]
    else:  # the agency's own table: its headings, every column but STT
        position = section.tasks.index(task) + 1
        cells = [(c.heading, task.cell(c.key, position)) for c in loaded.plan.columns if c.key != "number"]
    for label, text in cells:
        lines += [f"{label}:", text, ""]
    lines += [
        "Chủ trì: " + "; ".join(directory.names(task.lead)),
        "Phối hợp: " + ("; ".join(directory.names(task.support)) or "—"),
        "",
        "Các mốc:",
    ]
    for m in milestones:
        d = m.deadline
        what = describe(d)
        lines.append(f"  {m.key}. {d.label} — {what}")
    emit("\n".join(lines))


@app.command()
@guard
def units(
    plan: PlanOpt = None,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Danh mục đơn vị và nhóm đơn vị, với số nhiệm vụ mỗi đơn vị chủ trì và phối hợp."""
    from cchc_cli.plan.units import Directory

    loaded = open_plan(plan)
    directory = Directory(loaded.plan)
    entries = [(u.id, u.name, u.aliases, False) for u in loaded.plan.units] + [
        (g.id, g.name, g.aliases, True) for g in loaded.plan.groups
    ]
    records = []
    for unit_id, name, aliases, is_group in entries:
        lead = support = 0
        for _section, task in loaded.plan.iter_tasks():
            role = directory.role(unit_id, task.lead, task.support)
            lead += role == "lead"
            support += role == "support"
        records.append((unit_id, name, aliases, is_group, lead, support))
    if fmt is TableFormat.json:
        emit_json(
            [
                {"id": i, "name": n, "aliases": a, "group": g, "lead": lead, "support": sup}
                for i, n, a, g, lead, sup in records
            ]
        )
        return
    headers = ("Mã", "Tên", "Loại", "Tên khác", "Chủ trì", "Phối hợp")
    rows = [
        (i, n, "nhóm" if g else "đơn vị", "; ".join(a), str(lead), str(sup))
        for i, n, a, g, lead, sup in records
    ]
    _print_rows(fmt, headers, rows, caption="Số nhiệm vụ tính cả qua nhóm đơn vị.")


@app.command()
@guard
def deadline(
    text: Annotated[
        str | None,
        typer.Argument(metavar="CÂU", help='Tiến độ bằng lời, ví dụ "Quý II/2025"', show_default=False),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            metavar="NĂM",
            min=1900,
            max=2199,
            help="Năm kế hoạch, cho ngày không ghi năm. Mặc định: năm của kế hoạch (--plan, "
            "$CCHC_PLAN, plans/, rồi kế hoạch kèm theo).",
        ),
    ] = None,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = TableFormat.table,
    rules: Annotated[
        bool,
        typer.Option(
            "--rules", help="In các bảng của ngôn ngữ hạn theo thứ tự ưu tiên, thay cho đọc một câu."
        ),
    ] = False,
) -> None:
    """Cách cchc hiểu một câu tiến độ (ngôn ngữ hạn); --rules in các quy tắc của ngôn ngữ."""
    from cchc_cli.deadlines.language import deadline_to_json, grammar, parse_deadlines
    from cchc_cli.deadlines.schedule import KIND_VI, describe
    from cchc_cli.errors import UsageError

    if rules:
        tables = grammar()
        if fmt is TableFormat.json:
            emit_json(
                [
                    {"title": title, "rules": [{"name": n, "example": e, "yields": y} for n, e, y in rows]}
                    for title, rows in tables
                ]
            )
            return
        if fmt is not TableFormat.table:
            raise UsageError("--rules chỉ in dạng table hoặc json")
        lines: list[str] = []
        for title, rows in tables:
            lines.append(f"{title}:")
            width = max(len(name) for name, _e, _y in rows)
            for index, (name, example, yields) in enumerate(rows, start=1):
                lines.append(f"  {index:>2}. {name:<{width}}  “{example}” → {yields}")
            lines.append("")
        emit("\n".join(lines).rstrip())
        return
    if text is None:
        raise UsageError('cần một câu tiến độ, ví dụ: cchc deadline "Quý II/2025" (hoặc --rules)')
    if year is None:
        year = open_plan(plan).plan.year  # says on stderr which plan gave the year
    found = parse_deadlines(text, year)
    if fmt is TableFormat.json:
        # only a recurring deadline has a "next" occurrence, counted from --as-of (or today)
        day = as_of_date(as_of) if any(d.kind == "recurring" for d in found) else None
        emit_json([deadline_to_json(d, day) for d in found])
        return
    found_rows = [(str(i), KIND_VI[d.kind], d.label, describe(d)) for i, d in enumerate(found, start=1)]
    _print_rows(
        fmt,
        ("Mốc", "Loại", "Nội dung", "Cách hiểu"),
        found_rows,
        caption=f"Năm kế hoạch {year}; {len(found_rows)} mốc.",
    )
