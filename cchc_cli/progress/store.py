"""Writing the progress file: `cchc done` adds a record, `cchc reopen` removes one.

The only module that imports ruamel.yaml. Its round-trip mode keeps the file as people wrote
it: comments, key order, quoting and indentation (guessed from the file). A record's own
end-of-line comments go with it when it is removed; full-line comments around it stay.
Adding a record to a file laid out as cchc writes it skips the round trip: the new record,
dumped by ruamel alone with the file's indentation, is written after the last one
(`_appended`), the text the round trip would give, at a cost that does not grow with the
file (the round trip of 5,000 records took seconds).

Every change is checked before anything is written: the file must load cleanly against the
plan, the milestone must exist and be unambiguous, the date must not be in the future (today
is a parameter) nor outside `progress.done_window`, and a milestone is recorded once (to
change a record, reopen it first). The new text is validated again (after an append: the
records it touched, the rest being the text just checked), then replaces the file
atomically (`atomicwrite.write_atomic`): a crash leaves the old file or the new one. Reading
the records, checking the change and replacing the file happen under the file's lock
(`atomicwrite.locked`), so two `cchc done` at once both land: the second waits for the first
and reads its record.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cchc_cli.atomicwrite import locked, write_atomic
from cchc_cli.dates import vn_date
from cchc_cli.diagnostics import Diagnostic
from cchc_cli.errors import CchcError, PlanFileError, UsageError
from cchc_cli.plan.lookup import find_task
from cchc_cli.plan.sourcemap import LoadedPlan, display_path
from cchc_cli.progress.log import (
    PROGRESS_FORMAT_VERSION,
    Entry,
    ProgressLog,
    ProgressRecord,
    Target,
    check_done_date,
    check_progress,
    resolve_target,
)

_HEADER = """\
# Tiến độ thực hiện kế hoạch CCHC năm {year}: ghi bằng `cchc done`, xóa bằng `cchc reopen`.
# Mỗi bản ghi: task (mã nhiệm vụ), milestone (mốc 1, 2…), period (kỳ của mốc định kỳ,
# ví dụ 2025-Q1), done (ngày hoàn thành), evidence (văn bản chứng minh), note, recorded_by.
format_version: {version}
plan: {year}
records: []
"""


@dataclass(frozen=True)
class Change:
    """What `record_done`/`reopen` did, for the command to report."""

    path: Path
    target: Target
    done: dt.date
    evidence: str
    created: bool = False  # the progress file did not exist before


def _nfc(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = unicodedata.normalize("NFC", text).strip()
    return cleaned or None


def _existing(loaded: LoadedPlan, path: Path) -> tuple[ProgressLog, str | None]:
    """The current records (empty when the file does not exist yet) and the file's text;
    a file that does not load cleanly is never edited (PlanFileError)."""
    from cchc_cli.plan.loader import read_text

    if not os.path.lexists(path):  # a dangling link is reported by the reader
        return ProgressLog(path=path), None
    shown = display_path(path)
    text, problems = read_text(path, shown)
    log = None
    if text is not None:
        log, problems = check_progress(path, loaded, shown, text=text)
    if problems or log is None or text is None:
        problems.sort(key=Diagnostic.sort_key)
        raise PlanFileError(shown, problems)
    return log, text


def record_done(
    loaded: LoadedPlan,
    path: Path,
    *,
    task_id: str,
    milestone: str | None,
    period: str | None,
    evidence: str,
    today: dt.date,
    on: dt.date | None = None,
    note: str | None = None,
    recorded_by: str | None = None,
) -> Change:
    """Add one record; refuses (UsageError) anything `progress.check_progress` would reject."""
    plan = loaded.plan
    target = resolve_target(plan, task_id, milestone, period)
    day = on or today
    if day > today:
        raise UsageError(f"--on: ngày hoàn thành {vn_date(day)} ở tương lai (hôm nay là {vn_date(today)})")
    why = check_done_date(day, plan.year)
    if why:
        raise UsageError(f"--on: {why}")
    proof = _nfc(evidence)
    if not proof:
        raise UsageError(
            "--evidence: cần ghi văn bản chứng minh, ví dụ “Báo cáo số 45/BC-SXD ngày 18/02/2025”"
        )
    record: dict[str, Any] = {"task": target.task.id, "milestone": target.milestone.key}
    if target.period:
        record["period"] = target.period
    record["done"] = day
    record["evidence"] = proof
    for key, value in (("note", _nfc(note)), ("recorded_by", _nfc(recorded_by))):
        if value:
            record[key] = value
    _check_folder(path)
    with locked(path):  # from reading the records to replacing the file: no lost record
        log, text = _existing(loaded, path)
        previous = log.entry(*target.key)
        if previous is not None:
            raise UsageError(
                f"{target.describe()} đã ghi hoàn thành ngày {vn_date(previous.done)} "
                f"({previous.record.evidence}); muốn sửa thì chạy `{_reopen_command(target)}` "
                "rồi ghi lại"
            )
        created = text is None
        if text is None:
            text = _HEADER.format(year=plan.year, version=PROGRESS_FORMAT_VERSION)
        appended = _appended(text, log, record)
        if appended is not None:
            _save_appended(path, appended, log, record)
        else:
            _save(loaded, path, _rewrite(text, lambda seq, cm: _append(seq, cm(record))))
    return Change(path, target, day, proof, created)


def reopen(
    loaded: LoadedPlan,
    path: Path,
    *,
    task_id: str,
    milestone: str | None,
    period: str | None,
) -> Change:
    """Remove one record. Without --milestone/--period, a task's only record is meant."""
    shown = display_path(path)
    if not os.path.lexists(path):
        raise UsageError(f"{shown}: chưa có tệp tiến độ, chưa ghi nhận kết quả nào")
    with locked(path):
        log, text = _existing(loaded, path)
        assert text is not None
        entry = _entry_to_reopen(loaded, log, task_id, milestone, period)
        new_text = _rewrite(text, lambda seq, _cm: _delete(seq, entry.index))
        _save(loaded, path, new_text)
    return Change(path, entry.target, entry.done, entry.record.evidence)


def _entry_to_reopen(
    loaded: LoadedPlan, log: ProgressLog, task_id: str, milestone: str | None, period: str | None
) -> Entry:
    """The one record of the task that fits --milestone/--period (both optional)."""
    _section, task = find_task(loaded.plan, task_id)
    key = milestone.strip() if milestone and milestone.strip() else None
    name = period.strip().upper() if period and period.strip() else None
    candidates = [
        e
        for e in log.for_task(task.id)
        if (key is None or e.target.milestone.key == key) and (name is None or e.target.period == name)
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        if key or name:
            target = resolve_target(loaded.plan, task.id, key, name)  # says why a choice is wrong
            raise UsageError(f"{target.describe()} chưa được ghi hoàn thành; không có gì để mở lại")
        raise UsageError(f"nhiệm vụ {task.id} chưa có kết quả nào được ghi; không có gì để mở lại")
    listed = "; ".join(f"{e.target.describe()} ngày {vn_date(e.done)}" for e in candidates)
    raise UsageError(
        f"nhiệm vụ {task.id} có {len(candidates)} kết quả đã ghi ({listed}); chỉ rõ bằng --milestone/--period"
    )


def _reopen_command(target: Target) -> str:
    command = f"cchc reopen {target.task.id} --milestone {target.milestone.key}"
    return f"{command} --period {target.period}" if target.period else command


def _save(loaded: LoadedPlan, path: Path, text: str) -> None:
    """Validate the new text as a progress file, then replace the file atomically."""
    shown = display_path(path)
    _log, problems = check_progress(path, loaded, shown, text=text)
    if problems:  # a bug here, not the user's: never write a file that would not load
        problems.sort(key=Diagnostic.sort_key)
        raise PlanFileError(shown, problems)
    _check_folder(path)
    write_atomic(path, text.encode("utf-8"), force=True)


def _check_folder(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CchcError(f"{folder}: thư mục không tồn tại; tạo thư mục hoặc chọn --progress khác")


# --- round-trip editing ----------------------------------------------------------------------


def _guess_indent(text: str) -> tuple[int | None, int | None]:
    """(indent, block sequence indent) of a YAML text, as ruamel.yaml's
    `util.load_yaml_guess_indent` guesses them (the same reading of the lines up to the first
    `- ` item), without the full load that function also does."""

    def leading(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    map_indent: int | None = None
    indent: int | None = None
    block_seq_indent: int | None = None
    key_only: int | None = None  # the indent of the previous line when it was a bare `key:`
    key_indent = 0
    for line in text.splitlines():
        stripped = line.rstrip()
        content = stripped.lstrip()
        if content.startswith("- "):
            spaces = leading(line)
            block_seq_indent = spaces - key_indent
            at = spaces + 1
            while line[at] == " ":  # ends: the line has content after the dash
                at += 1
            if line[at] == "#":  # a comment after the dash
                continue
            indent = at - key_indent
            break
        if map_indent is None and key_only is not None and stripped:
            at = 0
            while at < len(line) and line[at] in " -":
                at += 1
            if at > key_only:
                map_indent = at - key_only
        if stripped.endswith(":"):
            key_indent = key_only = leading(line)
            continue
        key_only = None
    if indent is None and map_indent is not None:
        indent = map_indent
    return indent, block_seq_indent


def _round_trip(indent: int | None, block_seq_indent: int | None) -> Any:
    """ruamel's round-trip YAML, set up as the file is indented."""
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long evidence lines
    offset = block_seq_indent if block_seq_indent is not None else 2
    yaml.indent(mapping=2, sequence=indent or offset + 2, offset=offset)
    return yaml


def _make_map(values: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap()
    for key, value in values.items():
        mapping[key] = value
    return mapping


def _rewrite(text: str, edit: Any) -> str:
    """Load `text` in round-trip mode (once), apply `edit(records, make_map)`, dump it back."""
    from ruamel.yaml.comments import CommentedSeq

    yaml = _round_trip(*_guess_indent(text))
    data = yaml.load(text)
    records = data.get("records")
    if not isinstance(records, CommentedSeq):
        records = CommentedSeq()
        data["records"] = records
    if not records:
        records.fa.set_block_style()
    edit(records, _make_map)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- appending without the round trip ---------------------------------------------------------

_ITEM_START = re.compile(r"( *)- +\Z")  # what stands before a record's first key on its line
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\Z")  # a line that opens a block scalar (`note: |`)


def _appended(text: str, log: ProgressLog, record: dict[str, Any]) -> str | None:
    """`text` with `record` added after the last record, as the round trip writes it (the
    record dumped by ruamel alone, with the file's indentation), without loading the file into
    ruamel: a ruamel round trip of 5,000 records took seconds (load and dump in pure Python).

    Only for the layout cchc itself writes, where the round trip leaves every other line as it
    is: `records` a block list, the last key of the file; records indented as the first one;
    the last record without a block scalar or an end-of-line comment (the round trip respaces
    that comment); LF line ends and a final one. Comments and blank lines after the last
    record stay after the new one, as `_append` keeps them. None: do the round trip."""
    source = log.source
    count = len(log.entries)
    if source is None or not count or "\r" in text or not text.endswith("\n"):
        return None
    key = source.keys.get(("records",))
    first = source.values.get(("records", 0))
    last = source.values.get(("records", count - 1))
    if key is None or first is None or last is None or key[1] != 1:
        return None
    if any(
        place[0] >= key[0] for name, place in source.keys.items() if len(name) == 1 and name[0] != "records"
    ):
        return None  # a top-level key after the records
    lines = text.splitlines(keepends=True)
    shapes = []
    for line_no, column in (first, last):
        shape = _ITEM_START.match(lines[line_no - 1][: column - 1])
        if shape is None:
            return None  # not a block list item
        shapes.append((column - 1, len(shape.group(1))))
    if shapes[0] != shapes[1] or _guess_indent(text) != shapes[0]:
        return None
    end = len(lines) - 1
    while end >= last[0] - 1 and (not lines[end].strip() or lines[end].lstrip().startswith("#")):
        end -= 1
    own = lines[last[0] - 1 : end + 1]
    if not own or "#" in own[-1] or any(_BLOCK_SCALAR.search(line.rstrip()) for line in own):
        return None
    return "".join(lines[: end + 1]) + _dump_records([record], *shapes[0]) + "".join(lines[end + 1 :])


def _dump_records(records: list[dict[str, Any]], indent: int, block_seq_indent: int) -> str:
    """The lines ruamel writes for `records` under a top-level `records:` key."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _round_trip(indent, block_seq_indent)
    data = CommentedMap()
    data["records"] = CommentedSeq(_make_map(values) for values in records)
    out = io.StringIO()
    yaml.dump(data, out)
    dumped = out.getvalue()
    head = "records:\n"
    if not dumped.startswith(head):  # pragma: no cover - ruamel writes the key on its own line
        raise CchcError("không ghi được bản ghi tiến độ (định dạng YAML bất thường); hãy báo lỗi này")
    return dumped[len(head) :]


def _save_appended(path: Path, text: str, log: ProgressLog, record: dict[str, Any]) -> None:
    """Check what the append changed, then replace the file atomically.

    Everything before the last record is the text that was just checked, byte for byte; the
    last record and the new one are read back from the new text and must be those records.
    So the file still loads, without reading its thousands of records a second time."""
    from cchc_cli.plan.loader import parse_document

    assert log.source is not None
    last = log.source.values[("records", len(log.entries) - 1)][0]
    tail = "records:\n" + "".join(text.splitlines(keepends=True)[last - 1 :])
    doc = parse_document(path, display_path(path), tail, positions=False)
    items = doc.data.get("records") if isinstance(doc.data, dict) and not doc.problems else None
    try:
        found = [ProgressRecord.model_validate(item) for item in items] if isinstance(items, list) else []
    except ValidationError:
        found = []
    if found != [log.entries[-1].record, ProgressRecord.model_validate(record)]:
        raise CchcError(  # a bug here, not the user's: never write a file that would not load
            f"{display_path(path)}: bản ghi mới không đọc lại được đúng như đã ghi; tệp không bị sửa. "
            "Hãy báo lỗi này kèm tệp tiến độ"
        )
    _check_folder(path)
    write_atomic(path, text.encode("utf-8"), force=True)


def _tail(item: Any) -> tuple[Any, Any]:
    """(last key, comment token after its value) of a record mapping.

    ruamel attaches everything between a record and the next one (its end-of-line comment and
    the full-line comments that follow) to the record's last key.
    """
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(item, CommentedMap) or not item:
        return None, None
    key = list(item.keys())[-1]
    slots = item.ca.items.get(key)
    if not slots or len(slots) < 3:
        return key, None
    return key, slots[2]


def _split(value: str) -> tuple[str, str]:
    """'# eol\\n  # next\\n' -> ('# eol\\n', '  # next\\n')."""
    cut = value.find("\n")
    return (value, "") if cut < 0 else (value[: cut + 1], value[cut + 1 :])


def _set_tail(item: Any, key: Any, value: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    slots = item.ca.items.setdefault(key, [None, None, None, None])
    while len(slots) < 4:
        slots.append(None)
    slots[2] = CommentToken(value, CommentMark(0), None) if value else None


def _append(records: Any, mapping: Any) -> None:
    """Append a record before the comments that end the list (they stay at the end)."""
    if len(records):
        key, token = _tail(records[-1])
        if token is not None:
            own, following = _split(token.value)
            _set_tail(records[-1], key, own)
            if following.strip():
                _set_tail(mapping, list(mapping.keys())[-1], "\n" + following)
    records.append(mapping)


def _delete(records: Any, index: int) -> None:
    """Remove a record; the full-line comments after it move to the record before it."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    _key, token = _tail(records[index])
    following = _split(token.value)[1] if token is not None else ""
    if following.strip():
        if index > 0:
            prev_key, prev_token = _tail(records[index - 1])
            base = prev_token.value if prev_token is not None else "\n"
            _set_tail(records[index - 1], prev_key, base + following)
        else:
            if records.ca.comment is None:
                records.ca.comment = [None, []]
            if records.ca.comment[1] is None:
                records.ca.comment[1] = []
            records.ca.comment[1].append(CommentToken(following, CommentMark(0), None))
    del records[index]
