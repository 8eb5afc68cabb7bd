"""Shared pieces of the `cchc` command line: the app, options, error boundary, output.

The cli package is the only place that imports typer, prints or exits. Its modules do not use
`from __future__ import annotations`: typer reads every command's signature on each run, and
string annotations would make it eval hundreds of them (about 10 ms of every `cchc due`).

Exit codes: 0 done, 1 findings (overdue with --fail-on-overdue, lint errors, unreadable
plan), 2 usage errors (unknown unit, bad date), 3 an unexpected error (reported in one
line, never as a traceback).
"""

import contextlib
import datetime as dt
import functools
import gc
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from cchc_cli import __version__
from cchc_cli.cli import vietnamese
from cchc_cli.errors import CchcError, PlanFileError, UsageError
from cchc_cli.safetext import escape_controls

if TYPE_CHECKING:  # the loader pulls in pydantic and PyYAML: only commands that read a plan pay
    from cchc_cli.plan.sourcemap import LoadedPlan

vietnamese.install()  # click's and typer's own words (help, usage errors) in Vietnamese

app = typer.Typer(
    name="cchc",
    options_metavar=vietnamese.OPTIONS_METAVAR,
    subcommand_metavar=vietnamese.SUBCOMMAND_METAVAR,
    help=(
        "Kế hoạch cải cách hành chính (CCHC) dưới dạng dữ liệu: nhiệm vụ quá hạn và sắp đến "
        "hạn, xuất phụ lục Word, kiểm tra tệp kế hoạch."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

P = ParamSpec("P")
R = TypeVar("R")


class EscapingStream:
    """A text stream that shows control characters as escapes (`\\u001b`, `\\u202e`) before they
    reach a terminal or a pipe: `safetext.escape_controls` on every write. It has no `buffer`,
    so nothing (click included) can go around it to the bytes underneath; `inner` is the
    stream it wraps, for rich, which escapes its cells itself and writes its own colours."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes text streams with b""
            raise TypeError("EscapingStream takes text")
        self.inner.write(escape_controls(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return bool(self.inner.isatty())

    def fileno(self) -> int:
        return int(self.inner.fileno())

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str | None:
        return getattr(self.inner, "encoding", None)

    @property
    def errors(self) -> str | None:
        return getattr(self.inner, "errors", None)


@contextlib.contextmanager
def escaped_output() -> Iterator[None]:
    """While a command runs, everything it prints goes through an EscapingStream: the one place
    where cchc keeps a plan's control characters away from the terminal."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(out), EscapingStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def raw_stdout() -> Any:
    """The stream under the escaping one (rich writes its own colour codes)."""
    return getattr(sys.stdout, "inner", sys.stdout)


def guard(func: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into a one-line message on stderr and an exit code; all the
    command's output has its control characters escaped (`escaped_output`)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with escaped_output():
                return _guarded(func, *args, **kwargs)
        finally:
            gc.unfreeze()  # what `settled` froze is the collector's again (a process may go on)

    return wrapper


def _guarded(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    try:
        return func(*args, **kwargs)
    except PlanFileError as exc:
        for problem in exc.diagnostics[:20]:
            typer.echo(problem.one_line(), err=True)
        if not exc.diagnostics:
            typer.echo(f"cchc: {exc}", err=True)
        if len(exc.diagnostics) > 20:
            typer.echo(f"… và {len(exc.diagnostics) - 20} lỗi khác (xem: cchc lint)", err=True)
        raise typer.Exit(exc.exit_code) from None
    except CchcError as exc:
        typer.echo(f"cchc: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("cchc: đã dừng.", err=True)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        # `cchc list | head`: the reader has gone; stop quietly, as programs killed by
        # SIGPIPE do (exit 141), and keep the final flush from raising again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), raw_stdout().fileno())
        raise typer.Exit(141) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as exc:  # the last line of defence: no traceback for users
        typer.echo(
            f"cchc: lỗi không mong đợi ({type(exc).__name__}: {exc}); hãy báo lỗi này kèm lệnh đã chạy",
            err=True,
        )
        raise typer.Exit(3) from None


TIME_ZONE = "Asia/Ho_Chi_Minh"


def clock() -> dt.datetime:
    """The current instant (UTC). The one place cchc reads the clock; tests replace it."""
    return dt.datetime.now(dt.timezone.utc)


def today() -> dt.date:
    """Today in Việt Nam, whatever the machine's time zone (23:30 UTC is already tomorrow)."""
    from zoneinfo import ZoneInfo

    return clock().astimezone(ZoneInfo(TIME_ZONE)).date()


def open_plan(plan_option: str | None) -> "LoadedPlan":
    from cchc_cli.plan.cache import default_cache_dir, load_plan_cached, usable_cache_dir
    from cchc_cli.plan.discovery import find_plan
    from cchc_cli.plan.sourcemap import display_path

    source = find_plan(plan_option, os.environ, Path.cwd())
    shown = display_path(source.path)
    typer.echo(f"Kế hoạch: {shown} ({source.origin})", err=True)
    cache_dir, note = usable_cache_dir(default_cache_dir(os.environ))
    if note:
        typer.echo(f"cchc: {note}", err=True)
    return settled(load_plan_cached(source.path, shown, cache_dir))


def settled(value: R) -> R:
    """`value`, just read (plans, progress), kept out of the cyclic collector's passes.

    What a command reads lives until it ends, and holds no cycle (reference counting frees
    it). Left in the collector's generations, a 10,000-task plan was walked again at every
    full pass while the command built its output (reading the milestones: 0.6 s, against
    0.17 s once frozen). gc.freeze() moves everything alive now out of those passes."""
    gc.freeze()
    return value


def open_plans(plans: list[str] | None, folder: str | None, agencies: list[str] | None) -> "list[LoadedPlan]":
    """The plans a command reads across agencies: every `--plan`, the newest plan of each agency
    folder of `--plans DIR` (plan/discovery.py's `agency_plans`), kept to the `--agency` ones.
    One plan (or none given) is read as `open_plan` reads it, with the same line on stderr."""
    if not folder and len(plans or []) <= 1 and not agencies:
        return [open_plan(plans[0] if plans else None)]
    from cchc_cli.plan.agencies import match_agencies
    from cchc_cli.plan.cache import default_cache_dir, load_plan_cached, usable_cache_dir
    from cchc_cli.plan.discovery import agency_plans, find_plan
    from cchc_cli.plan.sourcemap import display_path, real_path

    paths: list[Path] = []
    folder_names: dict[Path, str] = {}
    origin = []
    if folder:
        root = Path(folder)
        if not root.is_dir():
            raise UsageError(f"--plans {folder}: không phải thư mục; cần THƯ_MỤC/<cơ quan>/<năm>.yaml")
        found = agency_plans(root)
        if not found:
            raise UsageError(
                f"--plans {folder}: không có kế hoạch nào (cần THƯ_MỤC/<cơ quan>/<năm>.yaml, "
                "ví dụ plans/so-xay-dung/2025.yaml)"
            )
        paths += found
        folder_names.update({p: p.parent.name for p in found if p.parent != root})
        origin.append(f"--plans {folder}")
    if plans:
        paths += [Path(p) for p in plans]
        origin.append("--plan")
    elif not folder:
        paths.append(find_plan(None, os.environ, Path.cwd()).path)
    unique = list({real_path(p): p for p in reversed(paths)}.values())[::-1]
    cache, note = usable_cache_dir(default_cache_dir(os.environ))
    if note:
        typer.echo(f"cchc: {note}", err=True)
    loaded = [load_plan_cached(p, display_path(p), cache) for p in unique]
    total = len(loaded)
    if agencies:
        names = [
            (item.plan.plan.agency, *filter(None, [folder_names.get(p)]))
            for item, p in zip(loaded, unique, strict=True)
        ]
        chosen: set[int] = set()
        for query in agencies:
            chosen.update(match_agencies(names, query))
        loaded = [item for index, item in enumerate(loaded) if index in chosen]
        origin.append("--agency")
    kept = f"{len(loaded)}/{total}" if len(loaded) != total else str(total)
    typer.echo(f"Kế hoạch: {kept} kế hoạch ({', '.join(origin)})", err=True)
    return settled(loaded)


def several_progress(loadeds: "list[LoadedPlan]", option: str | None, *, of: int = 1) -> list[Any]:
    """Each plan's progress (the file beside it); `--progress` names one file, for one plan
    (`of`: how many plans the command read, before any were left out)."""
    if option is not None and max(len(loadeds), of) > 1:
        raise UsageError(
            "--progress chỉ dùng với một kế hoạch; với nhiều kế hoạch, mỗi kế hoạch đọc tệp tiến độ cạnh nó"
        )
    return [open_progress(loaded, option) for loaded in loadeds]


def open_progress(loaded: "LoadedPlan", option: str | None) -> Any:
    """The progress records of a plan (`--progress FILE`, else the file beside the plan);
    None, with nothing of the progress module imported, when there is no such file."""
    from cchc_cli.plan.discovery import progress_path_for

    if option is None and not os.path.lexists(progress_path_for(Path(loaded.path), None)):
        return None
    from cchc_cli.progress.log import open_progress_for

    return settled(open_progress_for(loaded, option))


def as_of_date(value: str | None) -> dt.date:
    """--as-of: today when not given; given, a real date (an empty one is refused)."""
    from cchc_cli.dates import parse_user_date

    return today() if value is None else parse_user_date(value, option="--as-of")


def required_text(value: str | None, option: str, what: str) -> str | None:
    """An option that names something: None when not given, refused when given empty."""
    if value is not None and not value.strip():
        raise UsageError(f"{option}: cần {what}; không được để trống")
    return value


def output_path(value: str | None, option: str = "-o/--output") -> Path | None:
    """-o as a Path. Refused (exit 2): an empty name, and a name ending in a separator
    (`-o newfolder/` would otherwise write a file called `newfolder`). The writer itself
    refuses folders, devices and FIFOs (atomicwrite)."""
    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{option}: cần tên tệp kết quả; không được để trống")
    if value.endswith(("/", os.sep)):
        name = value.rstrip("/" + os.sep) or "."
        raise UsageError(
            f"{option}: “{value}” là tên thư mục (kết thúc bằng '/'); cần tên tệp, ví dụ {name}/ket-qua"
        )
    return Path(value)


def emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def emit_json(data: Any) -> None:
    emit(json.dumps(data, ensure_ascii=False, indent=2))


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class RoleChoice(str, Enum):
    lead = "lead"
    support = "support"
    any = "any"


PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        "-p",
        metavar="TỆP",
        help="Tệp kế hoạch. Mặc định: $CCHC_PLAN, rồi tệp mới nhất trong plans/, rồi kế hoạch kèm theo.",
        show_default=False,
    ),
]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        metavar="ĐƠN_VỊ",
        help="Đơn vị: mã, tên hoặc tên khác; không phân biệt hoa thường, dấu.",
    ),
]
RoleOpt = Annotated[
    RoleChoice, typer.Option("--role", help="Vai trò của đơn vị: lead (chủ trì), support, any.")
]
SectionOpt = Annotated[
    str | None,
    typer.Option("--section", "-s", metavar="MỤC", help="Mục: số La Mã (I, II…) hoặc một phần tên mục."),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="NGÀY", help="Tính đến ngày (dd/mm/yyyy hoặc yyyy-mm-dd). Mặc định: hôm nay."
    ),
]
TableOrJsonOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="table (mặc định) hoặc json.")]
FormatOpt = Annotated[
    TableFormat, typer.Option("--format", "-f", help="Dạng kết quả: table, json, csv, markdown.")
]


PlansOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--plan",
        "-p",
        metavar="TỆP",
        help="Tệp kế hoạch; nhắc lại để đọc nhiều kế hoạch cùng lúc. Mặc định: $CCHC_PLAN, rồi tệp mới "
        "nhất trong plans/, rồi kế hoạch kèm theo.",
        show_default=False,
    ),
]
PlansDirOpt = Annotated[
    str | None,
    typer.Option(
        "--plans",
        metavar="THƯ_MỤC",
        help="Thư mục kế hoạch của nhiều cơ quan (THƯ_MỤC/<cơ quan>/<năm>.yaml): đọc kế hoạch mới nhất "
        "của mỗi cơ quan.",
        show_default=False,
    ),
]
AgencyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--agency",
        metavar="CƠ_QUAN",
        help="Chỉ cơ quan này (tên, hoặc tên thư mục của cơ quan; không phân biệt hoa thường, dấu); "
        "nhắc lại để chọn nhiều cơ quan.",
        show_default=False,
    ),
]

ProgressOpt = Annotated[
    str | None,
    typer.Option(
        "--progress",
        metavar="TỆP",
        help="Tệp tiến độ. Mặc định: <kế hoạch>.progress.yaml cạnh tệp kế hoạch.",
        show_default=False,
    ),
]
OutOpt = Annotated[
    str | None, typer.Option("--output", "-o", metavar="TỆP", help="Tệp kết quả.", show_default=False)
]
"""Taken as text, so that `-o thu-muc/` can be told from `-o thu-muc`: see `output_path`."""
ForceOpt = Annotated[bool, typer.Option("--force", help="Ghi đè tệp kết quả đã có.")]


def _shown(path: Path) -> str:
    from cchc_cli.plan.sourcemap import display_path

    return display_path(path)


def _write(out: Path, data: bytes, force: bool) -> None:
    from cchc_cli.atomicwrite import write_atomic

    write_atomic(out, data, force=force)
    typer.echo(f"Đã ghi {_shown(out)}", err=True)


def _check_role(unit: str | None, role: RoleChoice) -> None:
    if role is not RoleChoice.any and unit is None:
        raise UsageError(
            f'--role {role.value}: vai trò là của một đơn vị; thêm --unit, ví dụ --unit "Văn phòng Sở"'
        )


def _selection(loaded: "LoadedPlan", unit: str | None, role: RoleChoice, section: str | None) -> Any:
    from cchc_cli.plan.lookup import find_section
    from cchc_cli.plan.units import Directory
    from cchc_cli.query.due import Selection

    _check_role(unit, role)
    required_text(unit, "--unit", "mã, tên hoặc tên khác của một đơn vị")
    required_text(section, "--section", "số La Mã hoặc một phần tên mục")
    unit_id = Directory(loaded.plan).find(unit).id if unit is not None else None
    numeral = find_section(loaded.plan, section).numeral if section is not None else None
    return Selection(unit=unit_id, role=role.value, section=numeral)


def _selections(
    loadeds: "list[LoadedPlan]", unit: str | None, role: RoleChoice, section: str | None
) -> "tuple[list[tuple[LoadedPlan, Any]], str | None]":
    """Each plan with its selection, and the unit's name for a report title. With several
    plans a unit (and a section) is looked up within each plan: the plans that have no such
    unit are left out and named on stderr; none having it is a usage error."""
    required_text(unit, "--unit", "mã, tên hoặc tên khác của một đơn vị")
    required_text(section, "--section", "số La Mã hoặc một phần tên mục")
    if len(loadeds) == 1:
        selection = _selection(loadeds[0], unit, role, section)
        name = None
        if selection.unit:
            from cchc_cli.plan.units import Directory

            name = Directory(loadeds[0].plan).name(selection.unit)
        return [(loadeds[0], selection)], name
    _check_role(unit, role)
    kept: list[tuple[LoadedPlan, Any]] = []
    missing: list[tuple[LoadedPlan, str]] = []
    for loaded in loadeds:
        try:
            kept.append((loaded, _selection(loaded, unit, role, section)))
        except UsageError as exc:
            missing.append((loaded, str(exc)))
    what = " ".join(filter(None, [f"đơn vị “{unit}”" if unit else "", f"mục “{section}”" if section else ""]))
    if missing and not kept:
        raise UsageError(f"không kế hoạch nào có {what} (xem: cchc units --plan TỆP)")
    if missing:
        listed = "; ".join(f"{m.path} ({m.plan.plan.agency})" for m, _why in missing)
        typer.echo(f"Không có {what} trong {len(missing)} kế hoạch, bỏ qua: {listed}", err=True)
    names = set()
    if unit:
        from cchc_cli.plan.units import Directory

        names = {Directory(loaded.plan).name(selection.unit) for loaded, selection in kept}
    return kept, (names.pop() if len(names) == 1 else unit)


def word_output(out: Path, force: bool) -> None:
    """Refuse, before any work, a Word output that is a folder, not a .docx or already there."""
    from cchc_cli.atomicwrite import refuse_overwrite

    if out.is_dir() or str(out).endswith(("/", "\\")):
        raise UsageError(f"-o {out}: là một thư mục; chọn tên tệp, ví dụ -o {Path(out) / 'phu-luc.docx'}")
    if out.suffix.lower() != ".docx":
        raise UsageError(f"-o {out}: tệp Word phải có đuôi .docx, ví dụ -o {out.with_suffix('.docx')}")
    refuse_overwrite(out, force)


def _print_rows(
    fmt: TableFormat,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    caption: str | None = None,
    status_column: int | None = None,
) -> None:
    from cchc_cli.cli import tabular

    if fmt is TableFormat.csv:
        emit(tabular.to_csv(headers, rows))
    elif fmt is TableFormat.markdown:
        emit(tabular.to_markdown(headers, rows))
    else:
        if sys.stdout.isatty():  # rich only where a person reads it; pipes get plain text
            from cchc_cli.cli import render

            esc = escape_controls
            render.print_table(
                [esc(h) for h in headers],
                [[esc(c) for c in row] for row in rows],
                title=esc(title) if title else None,
                caption=esc(caption) if caption else None,
                status_column=status_column,
                stream=raw_stdout(),  # the cells are escaped; rich's own colour codes must pass
            )
        else:
            emit(tabular.to_plain(headers, rows))
            if caption:
                emit(caption)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cchc {__version__}")
        raise typer.Exit()


export_app = typer.Typer(
    help="Xuất kế hoạch ra tệp: docx (phụ lục Word), ics, csv, json, xlsx, sqlite.",
    no_args_is_help=True,
    options_metavar=vietnamese.OPTIONS_METAVAR,
    subcommand_metavar=vietnamese.SUBCOMMAND_METAVAR,
)
app.add_typer(export_app, name="export")


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    """Kế hoạch CCHC dưới dạng dữ liệu."""
