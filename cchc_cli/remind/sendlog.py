"""What each unit was told: the reminder log beside a plan (`plans/2025.remind-log.yaml`).

`cchc remind --send` (or `--out`) appends one entry per message *after* the mail server
accepted it (or the .eml file was written), so a message that did not get through is never in
the log and the next run tells it again:

    # Nhật ký nhắc việc … (cchc remind ghi tệp này; đừng sửa tay)
    format_version: 1
    plan: 2025
    messages:
      - unit: "van-phong"
        date: 2025-06-20                # the day the digest was as of
        via: smtp                       # smtp: accepted by the server; file: .eml written
        message_id: "<cchc.20250620.…@example.gov.vn>"
        items:
          - {task: "VII.5", milestone: "1", period: "2025-Q2", due: 2025-06-14, reason: overdue}
          - {task: "VII.6", milestone: "2", period: "2025-W24", due: 2025-06-13, missed: 24, reason: overdue}
          - {task: "IV.2", milestone: "1", reason: waiting}

An item is a milestone (`period` absent) or one occurrence of a recurring one (`period`), told
for a `reason`: `upcoming` (in the window), `due_today`, `overdue` or `waiting` (for an event).
`missed` marks the one line that stands for an untracked weekly or monthly milestone's missed
occurrences ("24 kỳ chưa ghi nhận, gần nhất 13/06/2025"): that line is keyed by its task and
milestone alone, so that it is the same item whatever its latest date (see `item_key`).

The file is read like every cchc file (positions, Vietnamese messages, `format_version`) and
written whole, atomically, under a lock held for the whole run (`open_send_log`): two runs at
once cannot both tell the same thing. Nothing here prints or reads the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from cchc_cli.atomicwrite import LockBusyError, locked, write_atomic
from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.errors import CchcError, PlanFileError
from cchc_cli.plan.sourcemap import display_path
from cchc_cli.plan.validation import null_as_empty_list

SEND_LOG_FORMAT_VERSION = 1
"""The newest reminder-log format this program understands."""

Reason = Literal["upcoming", "due_today", "overdue", "waiting"]
REASONS: tuple[Reason, ...] = ("overdue", "due_today", "upcoming", "waiting")
Via = Literal["smtp", "file"]
COLLAPSED = "*"
"""The period part of the key of an untracked milestone's one line of missed occurrences."""

ItemKey = tuple[str, str, str | None, dt.date | None]
"""(task id, milestone key, period, due date): what a unit is told about."""

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def item_key(task: str, milestone: str, period: str | None, due: dt.date | None, collapsed: bool) -> ItemKey:
    """The identity of a told item. The due date is part of it, so a deadline moved by an
    amended plan is told afresh; the one line of an untracked weekly/monthly milestone is
    keyed (task, milestone, "*", None): its latest date moves every week, it stays one item."""
    if collapsed:
        return (task, milestone, COLLAPSED, None)
    return (task, milestone, period, due)


class ToldItem(BaseModel):
    """One item of a sent message."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    task: NonEmpty
    milestone: NonEmpty
    period: str | None = None
    due: dt.date | None = None
    missed: int | None = Field(None, ge=1, description="Dòng gộp các kỳ chưa ghi nhận")
    reason: Reason

    @field_validator("milestone", "period", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @property
    def key(self) -> ItemKey:
        return item_key(self.task, self.milestone, self.period, self.due, self.missed is not None)


class SentMessage(BaseModel):
    """One message a unit was sent (or one .eml written for it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: NonEmpty
    date: dt.date
    via: Via
    message_id: NonEmpty
    items: list[ToldItem] = Field(min_length=1)


class SendLogFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int
    plan: str | int = Field(description="Năm kế hoạch")
    messages: list[SentMessage] = Field(default_factory=list)

    _null_messages = field_validator("messages", mode="before")(null_as_empty_list)


# --- the log in memory -----------------------------------------------------------------------


class SendLog:
    """The messages of one log, indexed by (unit, item key, reason) -> the last day told."""

    def __init__(self, path: Path, year: int, messages: Iterable[SentMessage] = ()) -> None:
        self.path = path
        self.year = year
        self.messages: list[SentMessage] = []
        self._last: dict[tuple[str, ItemKey, str], dt.date] = {}
        for message in messages:
            self._index(message)

    def _index(self, message: SentMessage) -> None:
        self.messages.append(message)
        for item in message.items:
            slot = (message.unit, item.key, item.reason)
            previous = self._last.get(slot)
            if previous is None or message.date > previous:
                self._last[slot] = message.date

    def last_told(self, unit: str, key: ItemKey, reason: str) -> dt.date | None:
        """The last day `unit` was told `key` for `reason`, or None if it never was."""
        return self._last.get((unit, key, reason))

    def record(self, message: SentMessage) -> None:
        """Add a message and rewrite the file at once (atomically): what the server accepted is
        in the log before the next message is sent. The caller holds the lock (`open_send_log`)."""
        new_text = render_send_log(self.year, [*self.messages, message])
        _log, problems = check_send_log(self.path, self.year, text=new_text)
        if problems:  # a bug here, not the user's: never write a file that would not load
            raise PlanFileError(display_path(self.path), problems)
        write_atomic(self.path, new_text.encode("utf-8"), force=True)
        self._index(message)


# --- reading ---------------------------------------------------------------------------------


def _diag(shown: str, where: tuple[int, int], code: str, message: str) -> Diagnostic:
    return Diagnostic(shown, where[0], where[1], Severity.ERROR, code, message)


def check_send_log(
    path: Path, year: int, shown: str | None = None, text: str | None = None
) -> tuple[SendLog | None, list[Diagnostic]]:
    """Read and check a reminder log; every problem with its line and column."""
    from cchc_cli.plan.loader import check_versioned, parse_document  # PyYAML: only with a file

    shown = shown or display_path(path)
    doc = parse_document(path, shown, text)
    data, problems = check_versioned(
        doc, SendLogFile, newest=SEND_LOG_FORMAT_VERSION, what="nhật ký nhắc việc"
    )
    if data is None:
        return None, problems
    if str(data.plan).strip() != str(year):
        message = (
            f"nhật ký nhắc việc ghi cho kế hoạch “{data.plan}”, nhưng đang mở kế hoạch năm {year}; "
            "mỗi kế hoạch có nhật ký riêng bên cạnh nó"
        )
        return None, [_diag(shown, doc.source.locate(("plan",)), "plan-mismatch", message)]
    return SendLog(path, year, data.messages), []


def read_send_log(path: Path, year: int) -> SendLog:
    """The log of a `year` plan (empty when the file does not exist yet); PlanFileError when it
    does not load cleanly. Safe without the lock: the file is only ever replaced whole."""
    if not path.exists():
        return SendLog(path, year)
    log, problems = check_send_log(path, year)
    if problems or log is None:
        problems.sort(key=Diagnostic.sort_key)
        raise PlanFileError(display_path(path), problems)
    return log


class LogBusyError(CchcError):
    """Another run holds the log's lock."""


@contextmanager
def _locked(path: Path, timeout: float) -> Iterator[None]:
    """The lock of one log file for a whole read-modify-write: `atomicwrite.locked`, the one
    lock helper (the progress file's too), on `.<log>.lock` beside the log's target."""
    with ExitStack() as held:
        try:
            held.enter_context(locked(path, timeout=timeout))
        except LockBusyError:
            raise LogBusyError(
                f"{display_path(path)}: một lần chạy cchc remind khác đang ghi nhật ký này; thử lại sau"
            ) from None
        yield


@contextmanager
def open_send_log(path: Path, year: int, *, timeout: float = 30.0) -> Iterator[SendLog]:
    """The log, read under its lock and held for the whole run: a second run waits (up to
    `timeout` seconds) and then sees what the first one recorded."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CchcError(f"{folder}: thư mục không tồn tại; không ghi được nhật ký nhắc việc")
    with _locked(path, timeout):
        yield read_send_log(path, year)


# --- writing ---------------------------------------------------------------------------------

_HEADER = """\
# Nhật ký nhắc việc của kế hoạch CCHC năm {year}: `cchc remind --send` (hoặc --out) ghi tệp này,
# mỗi thư một mục, chỉ sau khi máy chủ thư đã nhận thư. Đừng sửa tay; xóa một mục thì lần chạy
# sau nhắc lại những việc của mục đó.
"""


def _text(value: str) -> str:
    # JSON strings in ASCII are valid YAML double-quoted scalars, whatever they hold.
    return json.dumps(value, ensure_ascii=True)


def _item_line(item: ToldItem) -> str:
    parts = [f"task: {_text(item.task)}", f"milestone: {_text(item.milestone)}"]
    if item.period is not None:
        parts.append(f"period: {_text(item.period)}")
    if item.due is not None:
        parts.append(f"due: {item.due.isoformat()}")
    if item.missed is not None:
        parts.append(f"missed: {item.missed}")
    parts.append(f"reason: {item.reason}")
    return "      - {" + ", ".join(parts) + "}"


def render_send_log(year: int, messages: Iterable[SentMessage]) -> str:
    """The whole file, as cchc writes it (one line per item, so that diffs read well)."""
    lines = [_HEADER.format(year=year).rstrip("\n"), f"format_version: {SEND_LOG_FORMAT_VERSION}"]
    lines.append(f"plan: {year}")
    body: list[str] = []
    for message in messages:
        body += [
            f"  - unit: {_text(message.unit)}",
            f"    date: {message.date.isoformat()}",
            f"    via: {message.via}",
            f"    message_id: {_text(message.message_id)}",
            "    items:",
            *(_item_line(item) for item in message.items),
        ]
    lines.append("messages:" if body else "messages: []")
    return "\n".join([*lines, *body]) + "\n"
