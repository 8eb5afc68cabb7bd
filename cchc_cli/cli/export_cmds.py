"""`cchc export docx`: the phụ lục as a Word document (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""

from pathlib import Path
from typing import Annotated

import typer

from cchc_cli.cli.common import PlanOpt, SectionOpt, UnitOpt, export_app, guard, open_plan
from cchc_cli.errors import CchcError


@export_app.command("docx")
@guard
def export_docx(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
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
    from cchc_cli.atomicwrite import refuse_overwrite
    from cchc_cli.export.appendix import appendix_table, section_count, task_count

    loaded = open_plan(plan)
    out = output if output is not None else Path(f"phu-luc-{loaded.plan.year}.docx")
    refuse_overwrite(out, force)  # before any work: say it at once
    table = appendix_table(loaded.plan, unit=unit, section=section, electronic=electronic)
    tasks = task_count(table)
    if tasks == 0:
        raise CchcError("không có nhiệm vụ nào khớp bộ lọc --unit/--section; không ghi tệp")

    from cchc_cli.export.docx import write_docx  # python-docx is loaded only for this command

    write_docx(table, out, template=template, force=force)
    typer.echo(f"Đã ghi {out}: phụ lục {tasks} nhiệm vụ trong {section_count(table)} mục.", err=True)
