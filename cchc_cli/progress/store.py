"""Writing the progress file: `cchc done` adds a record, `cchc reopen` removes one.

The only module that imports ruamel.yaml. Its round-trip mode keeps the file as people wrote
it: comments, key order, quoting and indentation (guessed from the file). A record's own
end-of-line comments go with it when it is removed; full-line comments around it stay.

Every change is checked before anything is written: the file must load cleanly against the
plan, the milestone must exist and be unambiguous, the date must not be in the future (today
is a parameter) nor outside `progress.done_window`, and a milestone is recorded once (to
change a record, reopen it first). The new text is validated again, then replaces the file
atomically (`atomicwrite.write_atomic`): a crash leaves the old file or the new one. Reading
the records, checking the change and replacing the file happen under the file's lock
(`atomicwrite.locked`), so two `cchc done` at once both land: the second waits for the first
and reads its record.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
        new_text = _rewrite(text, lambda seq, cm: _append(seq, cm(record)))
        _save(loaded, path, new_text)
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


def _rewrite(text: str, edit: Any) -> str:
    """Load `text` in round-trip mode, apply `edit(records, make_map)`, dump it back."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.util import load_yaml_guess_indent

    _data, indent, block_seq_indent = load_yaml_guess_indent(text)
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long evidence lines
    offset = block_seq_indent if block_seq_indent is not None else 2
    yaml.indent(mapping=2, sequence=indent or offset + 2, offset=offset)
    data = yaml.load(text)
    records = data.get("records")
    if not isinstance(records, CommentedSeq):
        records = CommentedSeq()
        data["records"] = records
    if not records:
        records.fa.set_block_style()

    def make_map(values: dict[str, Any]) -> Any:
        mapping = CommentedMap()
        for key, value in values.items():
            mapping[key] = value
        return mapping

    edit(records, make_map)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


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
