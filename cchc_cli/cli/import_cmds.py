"""`cchc import`: an agency's phụ lục (.docx, .xlsx or extracted text) as a plan file."""

from pathlib import Path
from typing import Annotated

import typer

from cchc_cli.cli.common import app, emit, guard, output_path, today
from cchc_cli.errors import CchcError


@app.command("import")
@guard
def import_plan(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCE",
            help="Phụ lục của cơ quan: tệp Word (.docx), Excel (.xlsx) hoặc văn bản (.txt) "
            "chép từ PDF/trang web.",
            show_default=False,
        ),
    ],
    output_text: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Tệp kế hoạch sẽ ghi. Mặc định: plans/<năm>.yaml trong thư mục hiện tại.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="Năm kế hoạch, khi văn bản không ghi (hoặc ghi sai).", show_default=False
        ),
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            help="Tên cơ quan, ví dụ 'Sở Tư pháp tỉnh Khánh Hòa'. "
            "Mặc định: cơ quan ở dòng “Kèm theo … của …”.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp kế hoạch đã có.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ đọc và in tóm tắt, không ghi tệp.")] = False,
) -> None:
    """Nhập phụ lục kế hoạch CCHC của cơ quan (Word, Excel, văn bản) thành tệp kế hoạch YAML."""
    from cchc_cli.atomicwrite import refuse_overwrite, write_atomic
    from cchc_cli.dates import vn_date
    from cchc_cli.importer.build import import_plan as read_plan
    from cchc_cli.plan.emit import plan_to_yaml
    from cchc_cli.plan.sourcemap import display_path

    output = output_path(output_text)  # `-o thu-muc/` is refused, not written as a file
    shown = display_path(source)
    if output is not None and not dry_run:
        if output.is_dir():
            raise CchcError(f"{output}: là một thư mục; chọn tên tệp .yaml bằng -o")
        refuse_overwrite(output, force)  # before reading anything: say it at once
    result = read_plan(source, shown, year=year, agency=agency)
    out = output if output is not None else Path("plans") / f"{result.plan.year}.yaml"
    header = (
        f"Kế hoạch CCHC năm {result.plan.year} — {result.plan.plan.agency or 'cơ quan'}.\n"
        f"Nhập từ {source.name} bằng `cchc import` ngày {vn_date(today())}; các ô chép nguyên văn.\n"
        "Xem lại những điểm cchc đã báo khi nhập, rồi chạy `cchc lint`."
    )
    # plan_to_yaml gives text the loader reads back into this very plan (tests/plan/test_emit.py
    # checks it on generated plans, tests/importer on every imported one): no second parse here.
    text = plan_to_yaml(result.plan, header=header)
    if not dry_run:
        refuse_overwrite(out, force)
    emit("\n".join(result.summary_lines(shown)))
    if dry_run:
        typer.echo(f"--dry-run: không ghi tệp (sẽ ghi {display_path(out)}).", err=True)
        return
    if not out.parent.exists():  # plans/ in a new folder: a plan file needs a home
        out.parent.mkdir(parents=True)
        typer.echo(f"Đã tạo thư mục {display_path(out.parent)}", err=True)
    write_atomic(out, text.encode("utf-8"), force=force)
    typer.echo(
        f"Đã ghi {display_path(out)}. Bước tiếp: cchc lint {display_path(out)}, rồi "
        f"cchc due --plan {display_path(out)}.",
        err=True,
    )
