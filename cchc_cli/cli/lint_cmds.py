"""Plan checking commands: lint, schema, diff.

`cchc lint` with no path checks every `plans/*.yaml` under the current folder (progress files
`*.progress.yaml` and reminder logs `*.remind-log.yaml` excluded), the way CI and pre-commit
see the repository; when there is no `plans/` folder it checks the plan that other commands
would use ($CCHC_PLAN, else the plan bundled with cchc). A folder given as a path stands for
its `*.yaml` plans.
Exit codes: 0 clean or only warnings/notes, 1 errors (or warnings with --strict),
2 usage errors (bad option, bad configuration).
"""

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc_cli.cli.common import app, emit, emit_json, guard, output_path
from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.errors import UsageError

if TYPE_CHECKING:
    from cchc_cli.plan.sourcemap import LoadedPlan


class LintFormat(str, Enum):
    auto = "auto"
    standard = "standard"
    github = "github"
    json = "json"


class DiffFormat(str, Enum):
    markdown = "markdown"
    json = "json"
    text = "text"


def _targets(paths: list[Path] | None) -> list[Path]:
    from cchc_cli.plan.discovery import find_plan, plans_in

    if paths:
        found: list[Path] = []
        for path in paths:
            found.extend(plans_in(path) if path.is_dir() else [path])
        return found
    local = plans_in(Path.cwd() / "plans")
    if local:
        return local
    from cchc_cli.plan.sourcemap import display_path

    source = find_plan(None, os.environ, Path.cwd())
    typer.echo(f"Kiểm tra: {display_path(source.path)} ({source.origin})", err=True)
    return [source.path]


def _list_rules(fmt: LintFormat) -> None:
    from cchc_cli.lint.formats import SEVERITY_LABELS
    from cchc_cli.lint.registry import RULES, summary

    if fmt is LintFormat.json:
        emit_json(
            [
                {
                    "id": rule.ID,
                    "severity": rule.SEVERITY.value,
                    "summary": summary(rule),
                    "doc": (rule.__doc__ or "").strip(),
                }
                for rule in RULES.values()
            ]
        )
        return
    width = max(len(rule_id) for rule_id in RULES)
    emit(
        "\n".join(
            f"{rule.ID:<{width}}  {SEVERITY_LABELS[rule.SEVERITY]:<8}  {summary(rule)}"
            for rule in RULES.values()
        )
    )


@app.command()
@guard
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="TỆP",
            help=(
                "Tệp kế hoạch (hoặc thư mục). Mặc định: mọi plans/*.yaml, "
                "trừ *.progress.yaml và *.remind-log.yaml."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        LintFormat,
        typer.Option(
            "--format",
            "-f",
            help="standard, github (chú thích trên pull request), json; auto: github khi chạy "
            "trong GitHub Actions, còn lại standard.",
        ),
    ] = LintFormat.auto,
    strict: Annotated[bool, typer.Option("--strict", help="Có cảnh báo cũng thoát với mã 1.")] = False,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Liệt kê các quy tắc kiểm tra rồi thoát.")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="TỆP",
            help="Tệp cấu hình (pyproject.toml hoặc .cchc.yaml). Mặc định: tệp gần nhất tính "
            "từ thư mục của kế hoạch.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Kiểm tra tệp kế hoạch: cú pháp, định dạng, đơn vị, hạn, nội dung lặp, khoảng trắng."""
    from cchc_cli.lint.config import ConfigResult, config_for, read_config
    from cchc_cli.lint.formats import FORMATTERS, counts, pick_format, summary
    from cchc_cli.lint.runner import lint_file
    from cchc_cli.plan.sourcemap import display_path

    chosen = pick_format(os.environ) if fmt is LintFormat.auto else fmt.value
    if list_rules:
        _list_rules(fmt)
        return
    if config is not None and not os.path.lexists(config):
        raise UsageError(f"--config: không tìm thấy tệp {config}")
    targets = _targets(paths)
    explicit = read_config(config) if config is not None else None
    by_folder: dict[Path, ConfigResult] = {}
    settings: list[ConfigResult] = []
    for target in targets:
        if explicit is None:
            folder = Path(os.path.realpath(target.parent))
            if folder not in by_folder:
                by_folder[folder] = config_for(folder)
        settings.append(explicit or by_folder[Path(os.path.realpath(target.parent))])
    used = [explicit] if explicit is not None else list(by_folder.values())
    for note in dict.fromkeys(note for result in used for note in result.notes):
        typer.echo(f"cchc: {note}", err=True)
    config_problems = sorted((p for result in used for p in result.problems), key=Diagnostic.sort_key)
    if config_problems:
        typer.echo(FORMATTERS[chosen](config_problems), nl=False)
        typer.echo("cchc: cấu hình kiểm tra sai; sửa tệp cấu hình rồi chạy lại", err=True)
        raise typer.Exit(2)
    diagnostics: list[Diagnostic] = []
    for target, setting in zip(targets, settings, strict=True):
        diagnostics.extend(lint_file(target, setting.config, display_path(target)))
    typer.echo(FORMATTERS[chosen](diagnostics), nl=False)
    typer.echo(summary(diagnostics, len(targets)), err=True)
    found = counts(diagnostics)
    if found[Severity.ERROR] or (strict and found[Severity.WARNING]):
        raise typer.Exit(1)


@app.command()
@guard
def schema(
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="TỆP", help="Ghi vào tệp thay vì in ra.", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
) -> None:
    """JSON Schema của định dạng tệp kế hoạch (cho VS Code và các công cụ kiểm tra)."""
    from cchc_cli.atomicwrite import write_atomic
    from cchc_cli.plan.schema import schema_text

    out = output_path(output)
    text = schema_text()
    if out is None:
        typer.echo(text, nl=False)
        return
    write_atomic(out, text.encode("utf-8"), force=force)
    typer.echo(f"Đã ghi {out}", err=True)


def _open_for_diff(spec: str) -> "LoadedPlan":
    from cchc_cli.plan.gitread import is_revision_spec, read_revision
    from cchc_cli.plan.loader import load_plan
    from cchc_cli.plan.sourcemap import display_path

    cwd = Path.cwd()
    if not is_revision_spec(spec, cwd):
        path = Path(spec)
        return load_plan(path, display_path(path))
    from cchc_cli.inputfile import decode

    text = decode(read_revision(spec, cwd), spec)
    return load_plan(Path(spec), spec, text)


@app.command()
@guard
def diff(
    old: Annotated[str, typer.Argument(metavar="CŨ", help="Kế hoạch cũ: tệp, hoặc REV:đường_dẫn của git.")],
    new: Annotated[str, typer.Argument(metavar="MỚI", help="Kế hoạch mới: tệp, hoặc REV:đường_dẫn của git.")],
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="markdown, json hoặc text.")
    ] = DiffFormat.text,
) -> None:
    """So sánh hai kế hoạch theo từng nhiệm vụ: thêm, xóa, sửa ô, dời hạn, đổi đơn vị."""
    from cchc_cli.query.diff import RENDERERS, diff_plans

    before, after = _open_for_diff(old), _open_for_diff(new)
    result = diff_plans(before.plan, after.plan, before.path, after.path)
    typer.echo(RENDERERS[fmt.value](result), nl=False)
