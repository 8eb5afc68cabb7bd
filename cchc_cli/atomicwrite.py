"""Write files so that a crash leaves the old file or the new one, never half of one.

The one place cchc writes a file (exports, reports, the schema, progress records, cache
entries). What it writes to:

- a regular file or a path that does not exist yet. A device (`/dev/full`), a FIFO, a socket
  or a folder is refused, with or without `--force`; so is a path that ends in a separator;
- through a symbolic link: the link is followed and its *target* is replaced (atomically, in
  the target's folder), so a progress file shared through a link keeps receiving records and
  the link stays a link. A loop of links is refused;
- a read-only file (no write permission bit, or not writable by this user) is refused: the
  user made it read-only, and replacing it by rename would bypass that;
- the old file's permission bits (and, where allowed, its group) are kept; a new file gets
  the mode the umask gives, or `mode` when the caller asks for one (the plan cache: 0600).

Every failure is a one-line `CchcError` saying whether the old file is intact.

`locked(path)` serialises read-modify-write cycles on one file between processes (the
progress file; later the reminders' send log): a `filelock` lock on `.<name>.lock` beside the
target, held from reading the file to replacing it. Nothing here prints or exits.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cchc_cli.errors import CchcError

LOCK_TIMEOUT = 60.0
"""Seconds a writer waits for another one to finish with the same file."""


class OutputExistsError(CchcError):
    pass


class LockBusyError(CchcError):
    """Another process held the lock longer than the caller would wait."""


_SEPARATORS = tuple({os.sep, os.altsep or os.sep, "/"})

_KINDS = (
    (stat.S_ISDIR, "là một thư mục; chọn tên tệp bằng -o"),
    (stat.S_ISFIFO, "là đường ống (FIFO), không phải tệp thường"),
    (stat.S_ISCHR, "là tệp thiết bị, không phải tệp thường"),
    (stat.S_ISBLK, "là tệp thiết bị, không phải tệp thường"),
    (stat.S_ISSOCK, "là socket, không phải tệp thường"),
)


def _kind_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return "không phải tệp thường"


def resolve_target(path: Path | str) -> tuple[Path, os.stat_result | None]:
    """The file a write to `path` replaces (symbolic links followed) and its stat, None when
    it does not exist yet; CchcError for anything that cannot be written as a regular file."""
    if str(path).endswith(_SEPARATORS):
        raise CchcError(f"{path}: đường dẫn kết thúc bằng dấu phân cách thư mục; cần một tên tệp")
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CchcError(f"{path}: liên kết tượng trưng (symlink) vòng lặp; sửa hoặc xóa nó") from None
        if exc.errno == errno.ENOTDIR:
            raise CchcError(f"{path}: một phần của đường dẫn không phải thư mục") from None
        raise CchcError(f"{path}: không kiểm tra được tệp ({exc.strerror or exc})") from None
    except ValueError:
        raise CchcError(f"{path}: đường dẫn có ký tự NUL") from None
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    if info is not None:
        reason = _kind_problem(info.st_mode)
        if reason:
            raise CchcError(f"{path}: {reason}; cchc chỉ ghi vào tệp thường, kể cả khi có --force")
    return target, info


def refuse_overwrite(path: Path | str, force: bool) -> None:
    """Refuse, before any work, an output that cannot be written or may not be replaced: all
    that `write_atomic` would refuse about the target itself (its folder may still be made)."""
    target, info = resolve_target(path)
    if info is not None and not force:
        raise OutputExistsError(f"{path}: tệp đã có; thêm --force để ghi đè hoặc chọn tên khác bằng -o")
    _check_writable(path, target, info, folder_must_exist=False)


def _check_writable(
    path: Path | str, target: Path, info: os.stat_result | None, *, folder_must_exist: bool = True
) -> Path:
    """The target's folder, once the target is known not to be read-only (and the folder to exist)."""
    if info is not None and _read_only(info, target):
        raise CchcError(
            f"{path}: tệp chỉ cho đọc (read-only) hoặc không có quyền ghi; bỏ thuộc tính chỉ đọc "
            "hoặc chọn tệp khác. Tệp cũ vẫn còn nguyên"
        )
    folder = target.parent if str(target.parent) else Path(".")
    if folder_must_exist and not folder.is_dir():
        raise CchcError(f"{folder}: thư mục không tồn tại")
    return folder


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _read_only(info: os.stat_result, target: Path) -> bool:
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True  # chmod a-w: the owner said "do not change", root included
    return not os.access(target, os.W_OK)


def _failure(path: Path, exc: OSError, existed: bool, folder: Path) -> CchcError:
    if isinstance(exc, PermissionError):
        reason = f"không có quyền ghi vào thư mục {folder}"
    elif exc.errno == errno.EROFS:
        reason = "ổ đĩa chỉ cho đọc"
    elif exc.errno == errno.ENOSPC:
        reason = "ổ đĩa đã đầy"
    else:
        reason = exc.strerror or str(exc)
    state = "Tệp cũ vẫn còn nguyên" if existed else "Chưa ghi gì"
    return CchcError(
        f"{path}: không ghi được tệp ({reason}); tệp có đang mở trong chương trình khác "
        f"(Word, Excel) không? {state}"
    )


def write_atomic(path: Path | str, data: bytes, *, force: bool = True, mode: int | None = None) -> None:
    """Write `data` to a temporary file beside the target, flush it to disk, then rename over.

    `force=False` refuses to replace an existing file (exports); stores that update their
    own file (progress) pass True. `mode` sets a new file's permission bits (an existing
    file keeps its own).
    """
    target, info = resolve_target(path)
    if info is not None and not force:
        raise OutputExistsError(f"{path}: tệp đã có; thêm --force để ghi đè hoặc chọn tên khác bằng -o")
    folder = _check_writable(path, target, info)
    fresh_mode = _new_file_mode() if mode is None else mode
    new_mode = stat.S_IMODE(info.st_mode) if info is not None else fresh_mode
    temp_name: str | None = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600): give it the old file's mode, or the mode a new
        # file would have, so that exports on shared folders stay readable.
        os.chmod(temp_name, new_mode)
        if info is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # keep the group of a shared file where allowed
                os.chown(temp_name, -1, info.st_gid)
        os.replace(temp_name, target)
        temp_name = None
    except OSError as exc:
        raise _failure(Path(path), exc, info is not None, folder) from None
    finally:
        if temp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


@contextlib.contextmanager
def locked(path: Path | str, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of `path` (of its target, through symbolic links) for a read-modify-write.

    The lock is `.<name>.lock` in the target's folder, taken with `filelock` (flock on POSIX,
    LockFileEx on Windows); the lock file stays after use, as lock files must for waiting
    writers to share one. Another process writing the same file makes this one wait, up to
    `timeout` seconds; then a one-line CchcError says so and nothing is written.
    """
    from filelock import FileLock, Timeout  # only commands that write take the import

    target, _info = resolve_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise CchcError(f"{folder}: thư mục không tồn tại")
    lock_path = folder / f".{target.name}.lock"
    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise LockBusyError(
            f"{path}: một lệnh khác đang ghi tệp này (khóa {lock_path.name}) quá {timeout:.0f} giây; "
            "thử lại sau. Chưa ghi gì"
        ) from None
    except OSError as exc:
        raise CchcError(
            f"{path}: không tạo được khóa {lock_path} ({exc.strerror or exc}); kiểm tra quyền ghi thư mục. "
            "Chưa ghi gì"
        ) from None
    try:
        yield
    finally:
        lock.release()
