"""Checks every validated file shares: its `format_version`, and pydantic's errors in Vietnamese.

Plans, progress files and settings are all YAML (or TOML) validated by pydantic models. This is
the one place that turns a `ValidationError` into `Diagnostic`s placed on the line and column of
the offending node, worded in Vietnamese (pydantic's own English messages never reach a user),
and the one place that reads a `format_version` key. Nothing here prints or reads files.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.plan.sourcemap import PathKey, SourceMap

Locate = Callable[..., tuple[int, int]]
"""(path, key=False) -> (line, column): where a node (or its key) stands in the file."""

MESSAGES: dict[str, str] = {
    "missing": "thiếu khóa bắt buộc '{field}'",
    "string_type": "cần một đoạn chữ",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài (tối đa {max_length} ký tự)",
    "string_pattern_mismatch": "không đúng dạng mã (chỉ chữ thường không dấu, số, '-' hoặc '.')",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên",
    "int_from_float": "cần một số nguyên, không có phần lẻ",
    "float_type": "cần một số",
    "float_parsing": "cần một số",
    "list_type": "cần một danh sách (các dòng bắt đầu bằng '- ')",
    "dict_type": "cần một bảng khóa: giá trị",
    "model_type": "cần một bảng khóa: giá trị",
    "model_attributes_type": "cần một bảng khóa: giá trị",
    "bool_type": "cần true hoặc false",
    "bool_parsing": "cần true hoặc false",
    "date_type": "cần một ngày dạng yyyy-mm-dd",
    "date_parsing": "ngày không hợp lệ; viết dạng yyyy-mm-dd",
    "date_from_datetime_parsing": "ngày không hợp lệ; viết dạng yyyy-mm-dd",
    "date_from_datetime_inexact": "cần ngày, không kèm giờ",
    "literal_error": "giá trị không hợp lệ; chỉ nhận {expected}",
    "enum": "giá trị không hợp lệ; chỉ nhận {expected}",
    "greater_than": "giá trị quá nhỏ (phải lớn hơn {gt})",
    "greater_than_equal": "giá trị quá nhỏ (tối thiểu {ge})",
    "less_than": "giá trị quá lớn (phải nhỏ hơn {lt})",
    "less_than_equal": "giá trị quá lớn (tối đa {le})",
    "too_short": "quá ít phần tử (tối thiểu {min_length})",
    "too_long": "quá nhiều phần tử (tối đa {max_length})",
    "union_tag_invalid": "giá trị không hợp lệ",
}
"""pydantic error type -> Vietnamese wording (with pydantic's ctx fields)."""

_FALLBACK = "giá trị không hợp lệ"


def null_as_empty_list(value: Any) -> Any:
    """A list key written with nothing after it (`records:`) means an empty list, not null:
    a `mode="before"` field validator for the record lists of side files."""
    return [] if value is None else value


def _types_in(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    found: list[Any] = []
    for arg in args:
        found.extend(_types_in(arg))
    return found


@cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every key a file of `model` may hold, at any depth (for "có phải …?" suggestions)."""
    seen: set[type] = set()
    names: set[str] = set()
    stack: list[type[BaseModel]] = [model]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        names |= set(current.model_fields)
        for info in current.model_fields.values():
            for arg in _types_in(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    stack.append(arg)
    return frozenset(names)


def _message(kind: str, ctx: Mapping[str, Any], fallback: str) -> str:
    template = MESSAGES.get(kind)
    if template is None:
        return fallback
    if "expected" in ctx:  # pydantic lists choices in English: "'a', 'b' or 'c'"
        ctx = {**ctx, "expected": str(ctx["expected"]).replace("' or '", "' hoặc '")}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return fallback


def validation_diagnostics(
    exc: ValidationError,
    locate: Locate | SourceMap,
    shown: str,
    *,
    model: type[BaseModel],
    what: str,
    prefix: PathKey = (),
    code: str = "schema",
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, placed and worded for the user.

    `what` names the kind of file in messages ("kế hoạch", "tệp tiến độ", "cấu hình");
    `prefix` is where the validated value stands in the file (`("stats",)` for a settings
    section); `locate` is a SourceMap or a function of (path, key=False).
    """
    where_of: Locate = locate.locate if isinstance(locate, SourceMap) else locate
    known = field_names(model)
    errors = exc.errors(include_url=False)
    extras = {tuple(e["loc"][:-1]): str(e["loc"][-1]) for e in errors if e["type"] == "extra_forbidden"}
    found: list[Diagnostic] = []
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        misspelt = extras.get(loc[:-1])
        if kind == "missing" and misspelt and difflib.get_close_matches(misspelt, [str(loc[-1])]):
            continue  # "shedule:" already says "có phải 'schedule'?"
        ctx = error.get("ctx") or {}
        path = (*prefix, *loc)
        if kind == "extra_forbidden":
            name = str(loc[-1])
            line, col = where_of(path, key=True)
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"; có phải '{close[0]}'?" if close else "; xóa khóa này"
            message = f"khóa '{name}' không thuộc định dạng {what}{hint}"
        elif kind == "missing":
            line, col = where_of(path[:-1])
            message = MESSAGES["missing"].format(field=loc[-1])
        elif kind == "value_error":
            # Our own validators raise ValueError with a Vietnamese text.
            line, col = where_of(path)
            message = str(ctx.get("error", _FALLBACK))
        else:
            line, col = where_of(path)
            message = _message(kind, ctx, _FALLBACK)
        dotted = ".".join(str(p) for p in path)
        found.append(Diagnostic(shown, line, col, Severity.ERROR, code, f"{dotted}: {message}"))
    return found


def version_problems(
    data: Mapping[str, Any], source: SourceMap, shown: str, *, newest: int, what: str
) -> list[Diagnostic]:
    """What is wrong with a file's `format_version` key (missing, not a positive whole number,
    newer than this cchc understands); [] when it can be read (migrations are the caller's)."""

    def problem(where: tuple[int, int], message: str) -> list[Diagnostic]:
        return [Diagnostic(shown, where[0], where[1], Severity.ERROR, "format-version", message)]

    if "format_version" not in data:
        return problem((1, 1), f"thiếu khóa 'format_version'; thêm dòng 'format_version: {newest}' ở đầu tệp")
    version = data["format_version"]
    where = source.locate(("format_version",))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return problem(where, f"'format_version' phải là số nguyên dương (hiện là {version!r})")
    if version > newest:
        return problem(
            where,
            f"{what} dùng định dạng phiên bản {version}, mới hơn phiên bản cchc này hiểu "
            f"({newest}); hãy cập nhật cchc",
        )
    return []
