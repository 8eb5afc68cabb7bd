"""Read plan files: bytes -> YAML nodes (libyaml, with marks) -> data + source map -> Plan.

The only module that imports PyYAML. One walk over the composed node tree builds the Python
data, records the line and column of every key and value (the `SourceMap`), and catches what
PyYAML would let through silently: duplicated keys (it keeps the last), alias loops, and
scalars it cannot construct (2025-02-31). pydantic errors are then placed on the line of the
offending node. Every problem becomes a `Diagnostic`; nothing here prints or exits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from cchc_cli import inputfile
from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.errors import PlanFileError
from cchc_cli.plan.collector import collector_paused
from cchc_cli.plan.model import FORMAT_VERSION, Plan, reference_problems
from cchc_cli.plan.sourcemap import LoadedPlan, PathKey, SourceMap, display_path
from cchc_cli.plan.validation import validation_diagnostics, version_problems

# libyaml's C parser is about ten times faster than the pure-Python one (which stays the
# fallback for a PyYAML built without libyaml).
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_DATE_TAG = "tag:cchc,2025:date"  # cchc's own: an implicit yyyy-mm-dd (`!!timestamp` is refused)
_MAX_NODES = 500_000
MAX_DEPTH = 100
"""Levels of nesting a document may have (a plan has 6); libyaml itself stops at 1,000."""

# YAML 1.2 core schema, decimal integers only. A plain scalar is null, a boolean, an integer,
# a number or (cchc's one addition, for the format's `date:` fields) a date; everything else
# is text. So no YAML 1.1 leftovers: `1:20` is not 80 (sexagesimal), `02025` is 2025 (not
# octal), `yes`/`no`/`on`/`off` are words; `0x7E9`, `0o17` and `1_000` are text too, which an
# integer field refuses ("cần một số nguyên"): a plan read by civil servants has one way of
# writing a number.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), float("inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), float("-inf")),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
}
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")  # first characters of a non-text plain scalar


def _resolve_plain(value: str) -> str:
    if not value or value in _NULLS:
        return _NULL_TAG
    if value[0] not in _MAYBE_TYPED:
        return _STR_TAG
    if value in _BOOLS:
        return _BOOL_TAG
    if _INT.match(value):
        return _INT_TAG
    if _FLOAT.match(value) or value in _SPECIAL_FLOATS:
        return _FLOAT_TAG
    if _DATE.match(value):
        return _DATE_TAG
    return _STR_TAG


class _Loader(_Base):  # type: ignore[misc]
    """libyaml's parser and composer with YAML 1.2 core-schema tags for plain scalars."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _resolve_plain(value) if implicit[0] else _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


def _int(value: str) -> int:
    if not _INT.match(value):
        raise ValueError("không phải số nguyên viết bằng chữ số thập phân")
    return int(value, 10)


def _float(value: str) -> float:
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    if not _FLOAT.match(value):
        raise ValueError("không phải số")
    return float(value)


def _bool(value: str) -> bool:
    if value not in _BOOLS:
        raise ValueError("chỉ nhận true hoặc false")
    return _BOOLS[value]


def _null(value: str) -> None:
    if value not in _NULLS:
        raise ValueError("chỉ nhận null hoặc ~")


def _date(value: str) -> dt.date:
    match = _DATE.match(value)
    if match is None:
        raise ValueError("không phải ngày dạng yyyy-mm-dd")
    year, month, day = (int(g) for g in match.groups())
    return dt.date(year, month, day)


_SCALARS: dict[str, Callable[[str], Any]] = {
    _INT_TAG: _int,
    _FLOAT_TAG: _float,
    _BOOL_TAG: _bool,
    _NULL_TAG: _null,
    _DATE_TAG: _date,
}
"""The only tags cchc constructs (with !!str, !!seq, !!map); any other is refused."""


def _shown_tag(tag: str) -> str:
    """'tag:yaml.org,2002:python/name:os.system' -> '!!python/name:os.system'."""
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


@dataclass
class Document:
    """A parsed YAML file: its data (None when unreadable), positions and problems."""

    path: str
    text: str
    data: Any
    source: SourceMap
    problems: list[Diagnostic]
    complete: bool = True  # False: `source` holds the first two levels only (a quick build)


def _diag(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, line, col, Severity.ERROR, code, message)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """A file's text through `inputfile` (regular files only, size cap, UTF-8 with or without
    a BOM); a file that cannot be read is a problem: `file` for access, `yaml-syntax` for its
    content (binary, UTF-16, not UTF-8)."""
    try:
        return inputfile.read_text(path, shown), []
    except inputfile.InputFileError as exc:
        return None, [_input_problem(exc)]


def _input_problem(exc: inputfile.InputFileError) -> Diagnostic:
    code = "yaml-syntax" if exc.kind == "encoding" else "file"
    return _diag(exc.shown, exc.line, exc.column, code, exc.reason)


_YAML_HINTS: tuple[tuple[str, str], ...] = (
    ("found character '\\t' that cannot start any token", "có ký tự tab; YAML chỉ cho thụt lề bằng dấu cách"),
    ("found a tab character", "có ký tự tab; YAML chỉ cho thụt lề bằng dấu cách"),
    ("found undefined alias", "bí danh (*alias) chưa được định nghĩa"),
    ("found duplicate anchor", "neo (&anchor) bị đặt trùng tên"),
    ("mapping values are not allowed", "dấu ':' không đúng chỗ (thiếu ngoặc kép hoặc thụt lề sai?)"),
    ("could not find expected ':'", "thiếu dấu ':' sau khóa"),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng (bị cắt cụt?)"),
    ("expected <block end>, but found '-'", "thụt lề sai ở danh sách"),
    ("did not find expected '-' indicator", "thụt lề sai ở danh sách (dòng '- ' không thẳng hàng)"),
    ("block sequence entries are not allowed", "dòng '- ' không đúng chỗ (thụt lề sai?)"),
    ("did not find expected key", "thụt lề sai hoặc thiếu khóa"),
    ("did not find expected node content", "thiếu giá trị sau dấu ':' hoặc '- '"),
    ("did not find expected ',' or ']'", "danh sách [ … ] thiếu dấu ',' hoặc dấu ']'"),
    ("did not find expected ',' or '}'", "bảng { … } thiếu dấu ',' hoặc dấu '}'"),
    ("expected ',' or ']'", "danh sách [ … ] thiếu dấu ',' hoặc dấu ']'"),
    ("expected ',' or '}'", "bảng { … } thiếu dấu ',' hoặc dấu '}'"),
    ("found unexpected ':'", "dấu ':' không đúng chỗ trong [ … ] hoặc { … }; đặt chữ trong ngoặc kép"),
    (
        "found unknown escape character",
        "chuỗi trong ngoặc kép có dấu '\\' lạ; dùng ngoặc đơn hoặc viết '\\\\'",
    ),
    (
        "found character that cannot start any token",
        "có ký tự không được bắt đầu một giá trị (như '@', '`'); đặt chữ trong ngoặc kép",
    ),
    ("found character", "có ký tự không được bắt đầu một giá trị; đặt chữ trong ngoặc kép"),
    ("control characters are not allowed", "có ký tự điều khiển (không in được) trong tệp"),
    ("unacceptable character", "có ký tự không hợp lệ trong tệp"),
    ("invalid leading UTF-8 octet", "tệp có byte không phải UTF-8"),
    ("invalid trailing UTF-8 octet", "tệp có byte không phải UTF-8"),
    ("expected a single document", "tệp chứa nhiều tài liệu (nhiều dòng '---'); mỗi tệp chỉ một kế hoạch"),
    ("but found another document", "tệp chứa nhiều tài liệu (nhiều dòng '---'); mỗi tệp chỉ một kế hoạch"),
    ("expected the node content", "thiếu giá trị sau dấu ':' hoặc '- '"),
    ("expected a comment or a line break", "có chữ thừa sau giá trị; đặt cả giá trị trong ngoặc kép"),
    ("expected chomping or indentation indicators", "sau '|' hoặc '>' chỉ được có '-', '+' hoặc một chữ số"),
    ("found incompatible YAML document", "phiên bản YAML (%YAML) không được hỗ trợ"),
    ("found duplicate", "chỉ thị YAML (%…) bị lặp"),
    ("exceeded maximum nesting depth", "lồng nhau quá sâu"),
    ("found invalid Unicode character escape code", "mã thoát Unicode (\\u…) không hợp lệ trong ngoặc kép"),
    ("found undefined tag handle", "thẻ (tag) chưa được khai báo; bỏ thẻ này"),
    ("expected alphabetic or numeric character", "tên neo (&) hoặc bí danh (*) không hợp lệ"),
    ("expected <block end>", "thụt lề sai"),
)
"""Problems PyYAML/libyaml report (their first words) -> what to tell the user, in order."""


def _yaml_error(shown: str, exc: yaml.YAMLError, text: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(getattr(exc, "problem", None) or exc)
    hint = next((v for k, v in _YAML_HINTS if problem.startswith(k)), None)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        hint = _YAML_HINTS[0][1]
    message = f"lỗi cú pháp YAML: {hint}" if hint else "lỗi cú pháp YAML ở đây"
    if hint is None:
        message += "; kiểm tra thụt lề, dấu ':' và dấu ngoặc kép"
    return _diag(shown, line, col, "yaml-syntax", message)


class _Builder:
    """Turns composed nodes into data in one walk, recording marks and problems.

    libyaml composes an alias as a second reference to its anchor's node, so the walk is where
    aliases expand. Two budgets bound that work whatever the aliases do: nodes built (at most
    `_MAX_NODES`) and characters of text built (`char_budget`, twice the file's length plus
    a margin: text without aliases can never exceed the file). `count` and `chars` say how
    much work the walk did.
    """

    def __init__(self, shown: str, char_budget: int, node_budget: int | None = None) -> None:
        self.shown = shown
        self.node_budget = _MAX_NODES if node_budget is None else node_budget
        self.source = SourceMap()
        self.problems: list[Diagnostic] = []
        self.count = 0
        self.chars = 0
        self.char_budget = char_budget
        self.active: set[int] = set()
        self.built: set[int] = set()  # collection nodes already built once: a second is an alias
        self.aliased = False

    def problem(self, node: yaml.Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(_diag(self.shown, mark.line + 1, mark.column + 1, code, message))

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > self.node_budget:
            raise _TooBig(node, "nodes", self.aliased, self.node_budget)
        if len(path) > MAX_DEPTH:  # the walk (and every walk of the data after it) is recursive
            raise _TooBig(node, "depth", self.aliased, self.node_budget)
        mark = node.start_mark
        self.source.values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if node.tag != (_SEQ_TAG if isinstance(node, yaml.SequenceNode) else _MAP_TAG):
            self.refuse_tag(node)
            return None
        key = id(node)
        if key in self.active:
            self.problem(
                node, "yaml-syntax", "bí danh (alias) tự tham chiếu thành vòng lặp; bỏ neo &/bí danh * này"
            )
            return None
        if key in self.built:
            self.aliased = True
        self.built.add(key)
        self.active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)  # the only other kind libyaml composes
            return self.mapping(node, path)
        finally:
            self.active.discard(key)

    def refuse_tag(self, node: yaml.Node) -> None:
        self.problem(
            node,
            "yaml-syntax",
            f"thẻ YAML '{_shown_tag(node.tag)}' không được dùng: cchc chỉ đọc chữ, số, true/false, "
            "null, danh sách và bảng khóa; bỏ thẻ này",
        )

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value = node.value
        self.chars += len(value)
        if self.chars > self.char_budget:
            raise _TooBig(node, "chars", True, self.node_budget)
        tag = node.tag
        if tag == _STR_TAG:
            return value
        construct = _SCALARS.get(tag)
        if construct is None:
            self.refuse_tag(node)
            return None
        try:
            return construct(value)
        except (ValueError, OverflowError) as exc:
            shown = value if len(value) <= 40 else value[:40] + "…"
            if tag == _DATE_TAG:
                message = f"ngày không tồn tại: '{shown}'; sửa lại theo dạng yyyy-mm-dd"
            elif tag == _INT_TAG and _INT.match(value):
                message = f"số '{shown}' quá dài (tối đa 4300 chữ số)"
            else:
                message = f"giá trị '{shown}' với thẻ '{_shown_tag(tag)}' không đọc được: {exc}"
            self.problem(node, "schema", message)
            return value

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and not key_node.style:
                self.problem(
                    key_node,
                    "yaml-syntax",
                    "khóa gộp '<<' (merge key) không được dùng; viết đầy đủ các khóa thay vì gộp từ bí danh",
                )
                continue
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            kmark = key_node.start_mark
            if key is None or isinstance(key, (list, dict)):
                self.problems.append(
                    _diag(self.shown, kmark.line + 1, kmark.column + 1, "schema", "khóa phải là chữ")
                )
                continue
            if key in first_seen:
                self.problems.append(
                    _diag(
                        self.shown,
                        kmark.line + 1,
                        kmark.column + 1,
                        "duplicate-key",
                        f"khóa '{key}' lặp lại (đã có ở dòng {first_seen[key]}); "
                        "YAML chỉ giữ giá trị sau cùng — xóa hoặc gộp một trong hai",
                    )
                )
            else:
                first_seen[key] = kmark.line + 1
            child = (*path, key)
            self.source.keys[child] = (kmark.line + 1, kmark.column + 1)
            result[key] = self.build(value_node, child)
        return result


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, what: str, aliased: bool, budget: int = _MAX_NODES) -> None:
        self.node = node
        self.what = what
        self.aliased = aliased
        self.budget = budget

    def message(self) -> str:
        if self.what == "depth":
            return f"lồng nhau quá sâu (hơn {MAX_DEPTH} cấp); tệp kế hoạch chỉ sâu vài cấp"
        if self.aliased:
            return (
                "bí danh (*) mở rộng quá lớn (quá "
                + ("nhiều chữ" if self.what == "chars" else f"{self.budget:,} phần tử".replace(",", "."))
                + "); bỏ các neo &/bí danh * lồng nhau hoặc lặp lại"
            )
        return f"tệp có quá nhiều phần tử (hơn {self.budget:,}); tệp kế hoạch thật chỉ có vài nghìn".replace(
            ",", "."
        )


class _NotPlain(Exception):
    """The quick build met something only the full walk reports or handles."""


def _quick_build(node: yaml.Node, budget: int, *, aliases_possible: bool) -> tuple[Any, SourceMap] | None:
    """The data of a plain document without the full walk's bookkeeping, or None.

    Plain: every node reached once (no alias; checked only when the text has an '&' or a '*'),
    no deeper than MAX_DEPTH, at most `budget` of them, core tags only, every scalar
    constructible, mapping keys scalar, not null, not '<<', never repeated. Then the data is
    exactly what `_Builder` makes, at a fifth of the cost; positions are kept for the first
    two levels (`records[i]` of a progress file). None: do the full walk."""
    source = SourceMap()
    seen: set[int] = set()
    count = [0]
    scalars = _SCALARS
    str_tag, seq_tag, map_tag = _STR_TAG, _SEQ_TAG, _MAP_TAG
    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode

    def scalar(item: yaml.ScalarNode) -> Any:
        tag = item.tag
        if tag == str_tag:
            return item.value
        construct = scalars.get(tag)
        if construct is None:
            raise _NotPlain
        try:
            return construct(item.value)
        except (ValueError, OverflowError):
            raise _NotPlain from None

    def build(item: yaml.Node, depth: int, path: PathKey | None) -> Any:
        count[0] += 1
        if aliases_possible:
            if id(item) in seen:
                raise _NotPlain
            seen.add(id(item))
        if path is not None:
            mark = item.start_mark
            source.values[path] = (mark.line + 1, mark.column + 1)
        if type(item) is scalar_node:
            return scalar(item)
        if depth >= MAX_DEPTH or count[0] > budget:
            raise _NotPlain
        below = depth + 1
        if type(item) is sequence_node:
            if item.tag != seq_tag:
                raise _NotPlain
            if path is None or below > 2:
                return [build(child, below, None) for child in item.value]
            return [build(child, below, (*path, i)) for i, child in enumerate(item.value)]
        if item.tag != map_tag:
            raise _NotPlain
        result: dict[Any, Any] = {}
        for key_node, value_node in item.value:
            if type(key_node) is not scalar_node:
                raise _NotPlain
            if aliases_possible:
                if id(key_node) in seen:
                    raise _NotPlain
                seen.add(id(key_node))
            key = scalar(key_node)
            if key is None or key == "<<":
                raise _NotPlain
            if path is None or below > 2:
                result[key] = build(value_node, below, None)
            else:
                mark = key_node.start_mark
                child = (*path, key)
                source.keys[child] = (mark.line + 1, mark.column + 1)
                result[key] = build(value_node, below, child)
        if len(result) != len(item.value):
            raise _NotPlain  # a key written twice
        return result

    try:
        data = build(node, 0, ())
    except _NotPlain:
        return None
    return (data, source) if count[0] <= budget else None


def _reader_error(shown: str, exc: yaml.reader.ReaderError, text: str) -> Diagnostic:
    """A character libyaml refuses (ESC, BEL, other control characters), at its place."""
    raw = text.encode("utf-8", "surrogatepass")
    line, col = inputfile.position(raw, max(0, min(exc.position, len(raw))))
    code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "không in được"
    return _diag(
        shown,
        line,
        col,
        "yaml-syntax",
        f"ký tự điều khiển {code} không được có trong tệp YAML; xóa ký tự này "
        "(muốn có nó trong chữ thì cũng không nên: nó làm rối màn hình)",
    )


def node_budget() -> int:
    """The nodes a document may build: `_MAX_NODES` under the default size cap, and as many
    more as a larger cap allows (`CCHC_MAX_FILE_MB`): a province's or the country's plan
    (tens of thousands of tasks, 50 to 100 MB) is read once the cap is raised for it."""
    scale = inputfile.max_bytes() / (inputfile.DEFAULT_MAX_MB * 1024 * 1024)
    return max(_MAX_NODES, int(_MAX_NODES * scale))


def parse_document(
    path: Path, shown: str | None = None, text: str | None = None, *, positions: bool = True
) -> Document:
    """Parse a YAML file into data with positions; never raises for bad content.

    `positions=False` may skip recording where every node stands (only the first two levels
    are kept, `complete` is then False) when the document is plain: no alias, no tag beyond
    the core ones, no duplicated key, nothing the full walk would report. A caller that finds
    a problem in such a document parses it again with positions (`check_plan` does)."""
    shown = shown or display_path(path)
    if text is None:
        text, problems = read_text(path, shown)
        if text is None:
            return Document(shown, "", None, SourceMap(), problems)
    empty = _diag(shown, 1, 1, "yaml-syntax", "tệp trống, không có dữ liệu nào")
    if not text.strip():
        return Document(shown, text, None, SourceMap(), [empty])
    with collector_paused():
        return _parse_text(shown, text, empty, positions)


def _parse_text(shown: str, text: str, empty: Diagnostic, positions: bool) -> Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        return Document(shown, text, None, SourceMap(), [_reader_error(shown, exc, text)])
    except yaml.YAMLError as exc:
        return Document(shown, text, None, SourceMap(), [_yaml_error(shown, exc, text)])
    finally:
        loader.dispose()
    if node is None:
        return Document(shown, text, None, SourceMap(), [empty])
    budget = node_budget()
    if not positions:
        quick = _quick_build(node, budget, aliases_possible="&" in text or "*" in text)
        if quick is not None and quick[0] is not None:
            return Document(shown, text, quick[0], quick[1], [], complete=False)
    builder = _Builder(shown, char_budget=2 * len(text) + 1_000_000, node_budget=budget)
    try:
        data = builder.build(node, ())
    except _TooBig as big:
        mark = big.node.start_mark
        problem = _diag(shown, mark.line + 1, mark.column + 1, "yaml-syntax", big.message())
        return Document(shown, text, None, builder.source, [problem])
    if data is None and not builder.problems:  # `---`, `---\n...`, `null`, `~`
        message = "tệp trống, không có dữ liệu nào (chỉ có '---' hoặc null)"
        return Document(shown, text, None, builder.source, [_diag(shown, 1, 1, "yaml-syntax", message)])
    return Document(shown, text, data, builder.source, builder.problems)


# --- format versions ---------------------------------------------------------------------

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _format_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 records the agency's own table (`columns`, a task's printed `number`, the
    `cells` of extra columns). A format 1 plan has none of them: it keeps the five default
    columns and STT by position, which are exactly the defaults, so nothing is added."""
    return data


MIGRATIONS: dict[int, Migration] = {1: _format_1_to_2}
"""The one place where older plan formats are upgraded: MIGRATIONS[n] turns version n into
n + 1 (raise FORMAT_VERSION in plan/model.py with each new entry)."""


def migrate(data: dict[str, Any], source: SourceMap, shown: str) -> list[Diagnostic]:
    """Check `format_version` and upgrade an older document in place, one version at a time."""
    problems = version_problems(data, source, shown, newest=FORMAT_VERSION, what="tệp")
    if problems:
        return problems
    version = data["format_version"]
    while version < FORMAT_VERSION:
        data.update(MIGRATIONS[version](data))
        version += 1
        data["format_version"] = version
    return []


M = TypeVar("M", bound=BaseModel)


def check_versioned(
    doc: Document, model: type[M], *, newest: int, what: str
) -> tuple[M | None, list[Diagnostic]]:
    """A parsed file other than a plan (progress file, reminder log…) validated as `model`:
    a mapping at the top, a readable `format_version` no newer than `newest`, every pydantic
    error placed on its line; `what` names the file in messages ("tệp tiến độ")."""
    problems = list(doc.problems)
    if doc.data is None:
        return None, problems
    if not isinstance(doc.data, dict):
        message = f"{what} phải là một bảng khóa: giá trị ở cấp ngoài cùng"
        return None, [*problems, _diag(doc.path, 1, 1, "schema", message)]
    version = version_problems(doc.data, doc.source, doc.path, newest=newest, what=what)
    if version:
        return None, problems + version
    try:
        data = model.model_validate(doc.data)
    except ValidationError as exc:
        # A node that could not even be built (2025-02-31) is reported once, not twice.
        placed = {(p.line, p.column) for p in problems}
        found = validation_diagnostics(exc, doc.source, doc.path, model=model, what=what)
        return None, problems + [d for d in found if (d.line, d.column) not in placed]
    return (None, problems) if problems else (data, [])


def reference_diagnostics(plan: Plan, source: SourceMap, shown: str) -> list[Diagnostic]:
    found = []
    for path, code, message in reference_problems(plan):
        line, col = source.locate(path)
        found.append(_diag(shown, line, col, code, message))
    return found


def check_document(doc: Document) -> tuple[Plan | None, list[Diagnostic]]:
    """The Plan of a parsed document, with every loading problem (version, schema, references)."""
    problems = list(doc.problems)
    if doc.data is None:
        return None, problems
    if not isinstance(doc.data, dict):
        line, col = doc.source.locate(())
        message = "tệp kế hoạch phải là một bảng khóa: giá trị ở cấp ngoài cùng"
        return None, [*problems, _diag(doc.path, line, col, "schema", message)]
    version_problems = migrate(doc.data, doc.source, doc.path)
    if version_problems:
        return None, problems + version_problems
    try:
        with collector_paused():
            plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        # A node that could not even be built (2025-02-31) is reported once, not twice.
        placed = {(p.line, p.column) for p in problems}
        found = validation_diagnostics(exc, doc.source, doc.path, model=Plan, what="kế hoạch")
        return None, problems + [d for d in found if (d.line, d.column) not in placed]
    return plan, problems + reference_diagnostics(plan, doc.source, doc.path)


def check_plan(
    path: Path, shown: str | None = None, text: str | None = None
) -> tuple[LoadedPlan | None, list[Diagnostic]]:
    """Load a plan and collect every loading problem (syntax, schema, references); `text`
    when the file was already read.

    The plan is first read without recording where every node stands; only a plan with a
    problem is read again with positions, so that every problem has its line and column."""
    doc = parse_document(path, shown, text, positions=False)
    if not doc.complete:
        plan, problems = check_document(doc)
        if plan is not None and not problems:
            return LoadedPlan(plan, doc.path, doc.source, doc.text), problems
        doc = parse_document(path, shown, doc.text)
    plan, problems = check_document(doc)
    if plan is None:
        return None, problems
    return LoadedPlan(plan, doc.path, doc.source, doc.text), problems


def load_plan(path: Path, shown: str | None = None, text: str | None = None) -> LoadedPlan:
    """Load a plan or raise PlanFileError carrying every problem, sorted by position."""
    loaded, problems = check_plan(path, shown, text)
    if problems or loaded is None:
        problems.sort(key=Diagnostic.sort_key)
        raise PlanFileError(shown or display_path(path), problems)
    return loaded
