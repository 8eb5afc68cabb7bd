"""`cchc rollover`: next year's plan drafted from this year's, with every change printed for
review (as `cchc diff` prints them) and the points cchc could not decide alone."""

from collections import Counter
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_cli.cli.common import ForceOpt, _shown, app, emit, guard, open_plan
from cchc_cli.errors import UsageError

if TYPE_CHECKING:
    from cchc_cli.diagnostics import Diagnostic


class ReviewFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _default_output(source: Path, year: int) -> Path:
    """`<year>.yaml` beside the source plan; for the plan bundled with cchc, plans/ here."""
    from cchc_cli.plan.discovery import PACKAGE, bundled_plan
    from cchc_cli.plan.sourcemap import real_path

    resolved = real_path(source)
    if PACKAGE in resolved.parents or resolved == real_path(bundled_plan()):
        return Path("plans") / f"{year}.yaml"
    return source.with_name(f"{year}.yaml")


def _header(source_text: str, shown: str, agency: str, year: int) -> str:
    lines = []
    first = source_text.lstrip("\ufeff").split("\n", 1)[0]
    if first.startswith("# yaml-language-server:"):  # keep the editor's schema hint
        lines.append(first.removeprefix("# "))
    lines += [
        f"Kế hoạch CCHC năm {year} của {agency}: bản nháp do `cchc rollover` lập từ {shown}.",
        "Xem lại các điểm cchc đã báo khi lập bản nháp, điền số và ngày văn bản, rồi chạy cchc lint.",
    ]
    return "\n".join(lines)


def _lint(path: Path) -> "list[Diagnostic]":
    from cchc_cli.lint.config import config_for
    from cchc_cli.lint.runner import lint_file
    from cchc_cli.plan.sourcemap import real_path

    return lint_file(path, config_for(real_path(path.parent)).config, _shown(path))


def _lint_summary(draft: Path, source: Path) -> None:
    """The draft's lint counts against the source's: a rollover adds no finding of its own."""
    from cchc_cli.diagnostics import Severity
    from cchc_cli.lint.formats import counts

    found, before = _lint(draft), _lint(source)
    now, then = counts(found), counts(before)
    typer.echo(
        f"Kiểm tra bản nháp (cchc lint): {now[Severity.ERROR]} lỗi, {now[Severity.WARNING]} cảnh báo; "
        f"kế hoạch nguồn: {then[Severity.ERROR]} lỗi, {then[Severity.WARNING]} cảnh báo.",
        err=True,
    )
    more = Counter(d.code for d in found) - Counter(d.code for d in before)
    for code, extra in sorted(more.items()):
        typer.echo(f"  thêm {extra} [{code}] so với kế hoạch nguồn: xem cchc lint {_shown(draft)}", err=True)


@app.command()
@guard
def rollover(
    to: Annotated[
        int,
        typer.Option("--to", metavar="NĂM", min=2000, max=2100, help="Năm của kế hoạch mới, ví dụ 2026."),
    ],
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="KẾ_HOẠCH",
            help="Kế hoạch năm nay. Mặc định: $CCHC_PLAN, rồi tệp mới nhất trong plans/, rồi kế hoạch "
            "kèm theo.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="TỆP",
            help="Tệp kế hoạch mới. Mặc định: <năm mới>.yaml cạnh kế hoạch năm nay.",
            show_default=False,
        ),
    ] = None,
    force: ForceOpt = False,
    fmt: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="Dạng bản kê thay đổi: text, markdown, json.")
    ] = ReviewFormat.text,
) -> None:
    """Lập bản nháp kế hoạch năm sau từ kế hoạch năm nay: dời năm, in mọi thay đổi để xem lại."""
    from cchc_cli.atomicwrite import refuse_overwrite, write_atomic
    from cchc_cli.plan.emit import plan_to_yaml
    from cchc_cli.plan.rollover import rollover as make_draft
    from cchc_cli.plan.sourcemap import real_path
    from cchc_cli.query.diff import diff_plans
    from cchc_cli.query.review import RENDERERS

    loaded = open_plan(source)
    year = loaded.plan.year
    if to <= year:
        raise UsageError(f"--to {to}: năm kế hoạch mới phải sau năm {year} của kế hoạch nguồn")
    source_path = Path(loaded.path)
    out = output if output is not None else _default_output(source_path, to)
    if out.exists() and real_path(out) == real_path(source_path):
        raise UsageError(f"-o {out}: là chính kế hoạch nguồn; chọn tệp khác")
    refuse_overwrite(out, force)  # before any work: say it at once
    result = make_draft(loaded.plan, to)
    text = plan_to_yaml(result.plan, header=_header(loaded.text, loaded.path, loaded.plan.plan.agency, to))
    if not out.parent.exists():  # plans/ in a new folder: a plan file needs a home
        out.parent.mkdir(parents=True)
        typer.echo(f"Đã tạo thư mục {_shown(out.parent)}", err=True)
    write_atomic(out, text.encode("utf-8"), force=force)
    diff = diff_plans(loaded.plan, result.plan, loaded.path, _shown(out))
    emit(RENDERERS[fmt.value](result, diff))
    tasks = sum(len(s.tasks) for s in result.plan.sections)
    typer.echo(
        f"Đã ghi {_shown(out)}: kế hoạch năm {to}, {tasks} nhiệm vụ trong {len(result.plan.sections)} mục; "
        f"{len(diff.changed)} nhiệm vụ đổi chữ, {len(result.doubts)} điểm cần xem lại; không chép tiến độ.",
        err=True,
    )
    _lint_summary(out, source_path)
