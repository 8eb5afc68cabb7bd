"""Read plan files: bytes -> YAML nodes (libyaml, with marks) -> data + source map -> Plan.

The only module that imports PyYAML. One walk over the composed node tree builds the Python
data, records the line and column of every key and value (the `SourceMap`), and catches what
PyYAML would let through silently: duplicated keys (it keeps the last), alias loops, and
scalars it cannot construct (2025-02-31). pydantic errors are then placed on the line of the
offending node. Every problem becomes a `Diagnostic`; nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cchc_cli import inputfile
from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.errors import PlanFileError
from cchc_cli.plan.model import FORMAT_VERSION, Plan, reference_problems
from cchc_cli.plan.sourcemap import LoadedPlan, PathKey, SourceMap, display_path
from cchc_cli.plan.validation import validation_diagnostics, version_problems

try:  # libyaml's C parser is about ten times faster than the pure-Python one.
    # CSafeLoader behaves as a SafeLoader, but the stubs do not make it a subclass of one.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_STR_TAG = "tag:yaml.org,2002:str"
_MAX_NODES = 500_000


@dataclass
class Document:
    """A parsed YAML file: its data (None when unreadable), positions and problems."""

    path: str
    text: str
    data: Any
    source: SourceMap
    problems: list[Diagnostic]


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
    """Turns composed nodes into data in one walk, recording marks and problems."""

    def __init__(self, loader: yaml.SafeLoader, shown: str) -> None:
        self.loader = loader
        self.shown = shown
        self.source = SourceMap()
        self.problems: list[Diagnostic] = []
        self.count = 0
        self.active: set[int] = set()

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            raise _TooBig(node)
        mark = node.start_mark
        self.source.values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            self.problems.append(
                _diag(
                    self.shown,
                    mark.line + 1,
                    mark.column + 1,
                    "yaml-syntax",
                    "bí danh (alias) tự tham chiếu thành vòng lặp; bỏ neo &/bí danh * này",
                )
            )
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)  # the only other kind libyaml composes
            return self.mapping(node, path)
        finally:
            self.active.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR_TAG:
            return node.value
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError):
            mark = node.start_mark
            if "timestamp" in node.tag:
                message = f"ngày không tồn tại: '{node.value}'; sửa lại theo dạng yyyy-mm-dd"
            else:
                message = f"giá trị không đọc được: '{node.value}'"
            self.problems.append(_diag(self.shown, mark.line + 1, mark.column + 1, "schema", message))
            return node.value

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
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
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def parse_document(path: Path, shown: str | None = None, text: str | None = None) -> Document:
    """Parse a YAML file into data with positions; never raises for bad content."""
    shown = shown or display_path(path)
    if text is None:
        text, problems = read_text(path, shown)
        if text is None:
            return Document(shown, "", None, SourceMap(), problems)
    if not text.strip():
        return Document(shown, text, None, SourceMap(), [_diag(shown, 1, 1, "yaml-syntax", "tệp trống")])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        return Document(shown, text, None, SourceMap(), [_yaml_error(shown, exc, text)])
    finally:
        loader.dispose()
    if node is None:
        return Document(shown, text, None, SourceMap(), [_diag(shown, 1, 1, "yaml-syntax", "tệp trống")])
    builder = _Builder(loader, shown)
    try:
        data = builder.build(node, ())
    except _TooBig as big:
        mark = big.node.start_mark
        problem = _diag(
            shown,
            mark.line + 1,
            mark.column + 1,
            "yaml-syntax",
            "tệp mở rộng quá lớn (bí danh lồng nhau?); bỏ các neo &/bí danh *",
        )
        return Document(shown, text, None, builder.source, [problem])
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
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        # A node that could not even be built (2025-02-31) is reported once, not twice.
        placed = {(p.line, p.column) for p in problems}
        found = validation_diagnostics(exc, doc.source, doc.path, model=Plan, what="kế hoạch")
        return None, problems + [d for d in found if (d.line, d.column) not in placed]
    return plan, problems + reference_diagnostics(plan, doc.source, doc.path)


def check_plan(path: Path, shown: str | None = None) -> tuple[LoadedPlan | None, list[Diagnostic]]:
    """Load a plan and collect every loading problem (syntax, schema, references)."""
    doc = parse_document(path, shown)
    plan, problems = check_document(doc)
    if plan is None:
        return None, problems
    return LoadedPlan(plan, doc.path, doc.source, doc.text), problems


def load_plan(path: Path, shown: str | None = None) -> LoadedPlan:
    """Load a plan or raise PlanFileError carrying every problem, sorted by position."""
    loaded, problems = check_plan(path, shown)
    if problems or loaded is None:
        problems.sort(key=Diagnostic.sort_key)
        raise PlanFileError(shown or display_path(path), problems)
    return loaded
