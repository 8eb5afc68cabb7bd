"""The command line's own words in Vietnamese: typer's help pages, usage lines and errors.

typer (0.29, pinned in pyproject) words part of its output through `gettext` ("Options",
"[default: 14]", "No such command …") and part as plain English text in its bundled copy of
click ("Usage:", "Show this message and exit.", "Error: …", "Try 'cchc due --help' for
help.", "Missing argument 'ID'.", pydantic's "Input should be a valid integer"). cchc's users
read Vietnamese, so `install()`:

- gives typer's gettext alias a translator over `MESSAGES`;
- words the help option, the usage prefix and the two error printers (`show`) in Vietnamese;
- translates the final text of every usage error through `PATTERNS` (ordered rules, first
  match wins, applied again to the part after "…:" so nested messages are translated too).

A message with no rule stays in English; the tests run every command's help and a set of
usage errors and fail on any English sentence, so the tables stay whole. The patch points
are few and named here; a typer upgrade that moves them fails those tests, not users.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import IO, Any

MESSAGES: dict[str, str] = {
    "Options": "Tùy chọn",
    "Arguments": "Đối số",
    "Commands": "Lệnh",
    "default: {default}": "mặc định: {default}",
    "(dynamic)": "(tính lúc chạy)",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "Aborted!": "Đã dừng.",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
}
"""typer's gettext message ids -> Vietnamese (placeholders kept)."""

HELP_OPTION = "In hướng dẫn này rồi thoát."
USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [ĐỐI SỐ]..."

_KINDS = {"argument": "đối số", "option": "tùy chọn", "parameter": "tham số"}

TYPE_LABELS: dict[str, str] = {
    "<str>": "<chữ>",
    "<int>": "<số nguyên>",
    "<int range>": "<số nguyên>",
    "<float>": "<số>",
    "<float range>": "<số>",
    "<bool>": "<đúng/sai>",
    "<path>": "<đường dẫn>",
    "<file>": "<tệp>",
    "<directory>": "<thư mục>",
    "<list[Path]>": "<các tệp>",
    "<list[str]>": "<danh sách>",
}
"""typer's type labels in help pages (`--within <int range>`) -> Vietnamese."""

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _rule(pattern: str, make: Callable[[re.Match[str]], str]) -> Rule:
    return re.compile(pattern, re.DOTALL), make


PATTERNS: tuple[Rule, ...] = (
    _rule(
        r"^Invalid value for (.+?): (.*)$", lambda m: f"Giá trị không hợp lệ cho {m[1]}: {translate(m[2])}"
    ),
    _rule(r"^Invalid value: (.*)$", lambda m: f"Giá trị không hợp lệ: {translate(m[1])}"),
    _rule(
        r"^Missing (argument|option|parameter)( .+?)?\.(?: (.*))?$",
        lambda m: f"Thiếu {_KINDS[m[1]]}{m[2] or ''}." + (f" {translate(m[3])}" if m[3] else ""),
    ),
    _rule(r"^Missing parameter: (.*)$", lambda m: f"Thiếu tham số: {m[1]}"),
    _rule(r"^(.*?)\.? Did you mean (.+)\?$", lambda m: f"{translate(m[1])}. Có phải {m[2]}?"),
    _rule(r"^No such option: (.+?)(?: \(Possible options: (.+)\))?$", lambda m: _no_such_option(m)),
    _rule(r"^Got unexpected extra arguments? ?\(?s?\)? \((.*)\)$", lambda m: f"Thừa đối số ({m[1]})"),
    _rule(r"^Option (.+?) requires an argument\.$", lambda m: f"Tùy chọn {m[1]} cần một giá trị."),
    _rule(r"^Option (.+?) requires (\d+) arguments\.$", lambda m: f"Tùy chọn {m[1]} cần {m[2]} giá trị."),
    _rule(r"^Option (.+?) does not take a value\.$", lambda m: f"Tùy chọn {m[1]} không nhận giá trị."),
    _rule(r"^Argument (.+?) takes (\d+) values\.$", lambda m: f"Đối số {m[1]} nhận {m[2]} giá trị."),
    _rule(r"^Value error, (.*)$", lambda m: translate(m[1])),
    _rule(r"^(.+) is not one of (.+)\.$", lambda m: f"{m[1]} không phải một trong {m[2]}."),
    _rule(r"^(.+) is not (.+)\.$", lambda m: f"{m[1]} không phải {m[2]}."),
    _rule(r"^Value (.+) is not a valid (.+)\.$", lambda m: f"{m[1]} không hợp lệ."),
    _rule(r"^Input should be a valid integer.*$", lambda m: "cần một số nguyên"),
    _rule(r"^Input should be a valid number.*$", lambda m: "cần một số"),
    _rule(r"^Input should be a valid boolean.*$", lambda m: "cần đúng hoặc sai"),
    _rule(r"^Input should be greater than or equal to (.+)$", lambda m: f"phải lớn hơn hoặc bằng {m[1]}"),
    _rule(r"^Input should be greater than (.+)$", lambda m: f"phải lớn hơn {m[1]}"),
    _rule(r"^Input should be less than or equal to (.+)$", lambda m: f"phải nhỏ hơn hoặc bằng {m[1]}"),
    _rule(r"^Input should be less than (.+)$", lambda m: f"phải nhỏ hơn {m[1]}"),
    _rule(r"^Input should be (.+)$", lambda m: f"chỉ nhận {m[1].replace(' or ', ' hoặc ')}"),
    _rule(r"^(.+) (.+) does not exist\.$", lambda m: f"{m[2]} không tồn tại."),
    _rule(r"^(.+) (.+) is a directory\.$", lambda m: f"{m[2]} là một thư mục, cần một tệp."),
    _rule(r"^(.+) (.+) is a file\.$", lambda m: f"{m[2]} là một tệp, cần một thư mục."),
    _rule(r"^(.+) (.+) is not readable\.$", lambda m: f"không đọc được {m[2]}."),
    _rule(r"^(.+) (.+) is not writable\.$", lambda m: f"không ghi được vào {m[2]}."),
)
"""Final English texts of usage errors -> Vietnamese, first match wins."""


def _no_such_option(m: re.Match[str]) -> str:
    text = f"Không có tùy chọn {m[1]}."
    return f"{text} Có phải: {m[2]}?" if m[2] else text


def translate(message: str) -> str:
    """A usage error's text in Vietnamese (unchanged when no rule knows it)."""
    for pattern, make in PATTERNS:
        match = pattern.match(message.strip())
        if match is not None:
            return make(match)
    return message


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _show_usage_error(error: Any, file: IO[Any] | None = None) -> None:
    """UsageError.show: usage line, where to read the help, and the error, in Vietnamese."""
    from typer._click._compat import get_text_stderr
    from typer._click.utils import echo

    file = file or get_text_stderr()
    ctx = error.ctx
    color = None
    if ctx is not None:
        color = ctx.color
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"Xem hướng dẫn: {ctx.command_path} {ctx.help_option_names[0]}\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=file, color=color)
    echo(f"Lỗi: {translate(error.format_message())}", file=file, color=color)


def _show_error(error: Any, file: IO[Any] | None = None) -> None:
    from typer._click._compat import get_text_stderr
    from typer._click.utils import echo

    echo(f"Lỗi: {translate(error.format_message())}", file=file or get_text_stderr())


_INSTALLED: list[bool] = []


def install() -> None:
    """Make typer speak Vietnamese (idempotent). Called once by cli/common.py."""
    if _INSTALLED:
        return
    import typer.core
    from typer._click import core as click_core
    from typer._click import exceptions
    from typer._click.formatting import HelpFormatter

    typer.core._ = gettext  # type: ignore[attr-defined]  # typer's gettext alias

    original_type = typer.core._TyperParameter.display_type

    def display_type(self: Any, ctx: Any) -> str:
        label: str = original_type(self, ctx)
        return TYPE_LABELS.get(label, label)

    typer.core._TyperParameter.display_type = display_type  # type: ignore[method-assign]

    original_help_option = click_core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    click_core.Command.get_help_option = get_help_option  # type: ignore[method-assign]

    original_usage = HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    exceptions.ClickException.show = _show_error  # type: ignore[method-assign,assignment]
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign,assignment]
    _INSTALLED.append(True)
