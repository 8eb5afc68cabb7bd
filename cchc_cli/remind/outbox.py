"""Reminders as .eml files (`cchc remind --out DIR`), for agencies that forward them through
their document system instead of a mail server.

One file per message, named `<yyyy-mm-dd>-<unit id>-<8 hex of the Message-ID>.eml`: a second
run the same day with nothing new writes nothing, and a different digest never takes an earlier
file's name. Every name is checked before the first file is written (an existing file is
replaced only with --force); each file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from cchc_cli.atomicwrite import OutputExistsError, write_atomic
from cchc_cli.errors import CchcError
from cchc_cli.plan.sourcemap import display_path


def eml_path(folder: Path, unit_id: str, as_of: dt.date, message_id: str) -> Path:
    tag = hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:8]
    return folder / f"{as_of.isoformat()}-{unit_id}-{tag}.eml"


def prepare_folder(folder: Path, paths: Iterable[Path], force: bool) -> None:
    """Make the folder if needed; refuse, before anything is written, files already there."""
    if folder.exists() and not folder.is_dir():
        raise CchcError(f"--out {display_path(folder)}: không phải thư mục")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CchcError(f"--out {display_path(folder)}: không tạo được thư mục ({exc.strerror})") from None
    taken = [p for p in paths if p.exists()]
    if taken and not force:
        names = ", ".join(p.name for p in taken)
        raise OutputExistsError(f"{display_path(folder)}: đã có {names}; thêm --force để ghi đè")


def write_eml(path: Path, message: EmailMessage) -> None:
    """The message as an RFC 5322 file (CRLF line ends, as mail programs expect)."""
    write_atomic(path, message.as_bytes(policy=SMTP), force=True)
