"""Read an input file: the one place cchc opens a file that it did not write itself.

Plans, progress files, settings (`.cchc.yaml`, `pyproject.toml`), plan-cache entries, Word
templates and import sources all come through `read_bytes` (or `read_text`). What they get
is checked before a single byte is read:

- only a regular file is read. A FIFO, a device (`/dev/zero`), a socket or a folder is refused
  at once: the kind is taken from `os.stat`, then again from `fstat` on a descriptor opened with
  `O_NONBLOCK` (POSIX), so that a FIFO swapped in between cannot block the open either;
- a size cap, `CCHC_MAX_FILE_MB` megabytes (default 10, a hundred times the largest real
  plan), checked on the size the file reports and again on what is actually read;
- the encoding is named: UTF-8 with or without a BOM is read; UTF-16 and UTF-32 (recognised by
  their BOM, or by the zero bytes of UTF-16 without one), NUL bytes and invalid UTF-8 are
  refused with what to do ("lưu lại với mã hóa UTF-8") and, where it helps, the line and column;
- a dangling symbolic link or a loop of links is reported under the path the user gave.

Every problem is an `InputFileError`, a one-line `CchcError` that also carries the message
without the path, a position and a kind (`file` for access, `encoding` for the content), so the
YAML loader can turn it into a diagnostic. Nothing here prints or exits.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from cchc_cli.errors import CchcError, UsageError

MAX_MB_ENV = "CCHC_MAX_FILE_MB"
DEFAULT_MAX_MB = 10.0
_MB = 1024 * 1024
_CHUNK = 1024 * 1024
_BINARY_SNIFF = 512

CONVERT_HINT = (
    "hãy lưu lại với mã hóa UTF-8 (Notepad: Lưu thành… → Mã hóa: UTF-8; VS Code: Save with Encoding → UTF-8)"
)


class InputFileError(CchcError):
    """A file that cannot be read as input.

    `reason` is the message without the path; `line` and `column` (1-based) say where the
    problem is (1, 1 for the file as a whole); `kind` is "file" (missing, not a regular file,
    no permission), "size" (over the cap) or "encoding" (binary, not UTF-8).
    """

    def __init__(
        self,
        shown: str,
        reason: str,
        *,
        kind: str = "file",
        line: int = 1,
        column: int = 1,
        size: int | None = None,
    ) -> None:
        self.shown = shown
        self.reason = reason
        self.kind = kind
        self.line = line
        self.column = column
        self.size = size  # "size": the size found (None when the file grew while being read)
        super().__init__(f"{shown}: {reason}")


def max_bytes(env: Mapping[str, str] | None = None) -> int:
    """The size cap in bytes: `CCHC_MAX_FILE_MB` (a positive number of megabytes) or 10 MB."""
    source = os.environ if env is None else env
    value = source.get(MAX_MB_ENV, "").strip()
    if not value:
        return int(DEFAULT_MAX_MB * _MB)
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = -1.0
    if not 0 < megabytes <= 1_000_000:
        raise UsageError(f"{MAX_MB_ENV}={value!r}: cần một số megabyte dương, ví dụ {MAX_MB_ENV}=50")
    return max(1, int(megabytes * _MB))


def _megabytes(size: int) -> str:
    return f"{size / _MB:.1f}".replace(".", ",") + " MB"


def too_big(shown: str, size: int | None, limit: int) -> InputFileError:
    what = f"tệp quá lớn ({_megabytes(size)})" if size is not None else "tệp quá lớn"
    return InputFileError(
        shown,
        f"{what}, vượt giới hạn {_megabytes(limit)}; nếu đúng là tệp cần đọc, đặt biến môi "
        f"trường {MAX_MB_ENV} lớn hơn (ví dụ {MAX_MB_ENV}=50) rồi chạy lại",
        kind="size",
        size=size,
    )


_KINDS = (
    (stat.S_ISDIR, "đây là thư mục, không phải tệp"),
    (stat.S_ISFIFO, "đây là đường ống (FIFO), không phải tệp thường; cchc chỉ đọc tệp thường"),
    (stat.S_ISCHR, "đây là tệp thiết bị, không phải tệp thường; cchc chỉ đọc tệp thường"),
    (stat.S_ISBLK, "đây là tệp thiết bị, không phải tệp thường; cchc chỉ đọc tệp thường"),
    (stat.S_ISSOCK, "đây là socket, không phải tệp thường; cchc chỉ đọc tệp thường"),
)


def kind_problem(mode: int) -> str | None:
    """Why a file of this `st_mode` is not a regular file, or None when it is one."""
    if stat.S_ISREG(mode):
        return None
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return "không phải tệp thường; cchc chỉ đọc tệp thường"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "không có quyền đọc tệp; kiểm tra quyền truy cập"
    if exc.errno == errno.ELOOP:
        return "liên kết tượng trưng (symlink) vòng lặp, không dẫn tới tệp nào; sửa hoặc xóa liên kết"
    if exc.errno == errno.ENAMETOOLONG:
        return "đường dẫn quá dài"
    if exc.errno == errno.ENOTDIR:
        return "một phần của đường dẫn không phải thư mục; kiểm tra lại đường dẫn"
    return f"không đọc được tệp ({exc.strerror or exc})"


def dangling_link(path: Path) -> str:
    """'liên kết tượng trưng (symlink) trỏ tới “…” không tồn tại' for a link whose target is gone."""
    try:
        target = f" “{os.readlink(path)}”"
    except OSError:
        target = ""
    return f"liên kết tượng trưng (symlink) trỏ tới{target} không tồn tại"


def _stat(path: Path, shown: str) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputFileError(shown, f"{dangling_link(path)}; sửa hoặc xóa liên kết") from None
        raise InputFileError(shown, "không tìm thấy tệp; kiểm tra lại đường dẫn") from None
    except ValueError:  # an embedded NUL in the path
        raise InputFileError(shown, "đường dẫn có ký tự NUL, không phải tên tệp") from None
    except OSError as exc:
        raise InputFileError(shown, _os_reason(exc)) from None


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)  # Windows: no newline translation
    | getattr(os, "O_NONBLOCK", 0)  # POSIX: opening a FIFO never waits for a writer
    | getattr(os, "O_NOCTTY", 0)
)


def read_regular(
    path: Path, shown: str | None = None, *, limit: int | None = None
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file no larger than `limit` (default `max_bytes()`), and its stat."""
    shown = shown or str(path)
    cap = max_bytes() if limit is None else limit
    info = _stat(path, shown)
    reason = kind_problem(info.st_mode)
    if reason:
        raise InputFileError(shown, reason)
    if info.st_size > cap:
        raise too_big(shown, info.st_size, cap)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise InputFileError(shown, _os_reason(exc)) from None
    try:
        info = os.fstat(fd)  # the file actually opened, not the one stat() saw
        reason = kind_problem(info.st_mode)
        if reason:
            raise InputFileError(shown, reason)
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(fd, min(_CHUNK, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:  # it grew while being read
            raise too_big(shown, None, cap)
        return b"".join(chunks), info
    except OSError as exc:
        raise InputFileError(shown, _os_reason(exc)) from None
    finally:
        os.close(fd)


def read_bytes(path: Path, shown: str | None = None, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file no larger than `limit` (see `read_regular`)."""
    return read_regular(path, shown, limit=limit)[0]


def read_text(path: Path, shown: str | None = None, *, limit: int | None = None) -> str:
    """A regular file's text, decoded as UTF-8 (a BOM is allowed); see `decode`."""
    shown = shown or str(path)
    return decode(read_bytes(path, shown, limit=limit), shown)


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def position(raw: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `index`."""
    before = raw[:index]
    start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[start:].decode("utf-8", "replace")) + 1


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: text in Latin script has a zero in every other byte."""
    head = raw[:512]
    if len(head) < 4:
        return False
    evens, odds = head[0::2], head[1::2]
    return odds.count(0) >= 0.9 * len(odds) or evens.count(0) >= 0.9 * len(evens)


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 text (a UTF-8 BOM is dropped); anything else is an InputFileError of kind
    "encoding" saying what the file seems to be and how to save it as UTF-8."""
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            raise InputFileError(
                shown, f"tệp mã hóa {name}, không phải UTF-8; {CONVERT_HINT}", kind="encoding"
            )
    nul = raw.find(b"\x00")
    if nul >= 0:
        if _looks_like_utf16(raw):
            raise InputFileError(
                shown,
                f"tệp có vẻ mã hóa UTF-16 (không có BOM), không phải UTF-8; {CONVERT_HINT}",
                kind="encoding",
            )
        if nul < _BINARY_SNIFF:  # like git: a NUL near the start means a binary file
            raise InputFileError(
                shown, "tệp nhị phân, không phải văn bản YAML; mở đúng tệp .yaml", kind="encoding"
            )
        line, column = position(raw, nul)
        raise InputFileError(
            shown,
            "có byte NUL giữa văn bản (tệp hỏng hoặc bị ghép từ tệp nhị phân); xóa ký tự này",
            kind="encoding",
            line=line,
            column=column,
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = position(raw, exc.start)
        raise InputFileError(
            shown, f"tệp không phải UTF-8; {CONVERT_HINT}", kind="encoding", line=line, column=column
        ) from None
