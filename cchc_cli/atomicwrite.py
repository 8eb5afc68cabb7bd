"""Write files so that a crash leaves the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cchc_cli.errors import CchcError


class OutputExistsError(CchcError):
    pass


def refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: tệp đã có; thêm --force để ghi đè hoặc chọn tên khác bằng -o")


def _target_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, *, force: bool = True) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename over.

    `force=False` refuses to replace an existing file (exports); stores that update their
    own file (progress) pass True.
    """
    refuse_overwrite(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CchcError(f"{folder}: thư mục không tồn tại")
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); give it the old file's mode, or the mode a
        # newly created file would have, so exports on shared folders stay readable.
        os.chmod(temp_name, _target_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            raise CchcError(
                f"{path}: không ghi được tệp ({reason}); tệp có đang mở trong chương trình "
                "khác (Word, Excel) không? Tệp cũ vẫn còn nguyên"
            ) from None
        raise
