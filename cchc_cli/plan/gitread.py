"""Read a file as it was at a git revision (`REV:path`), for `cchc diff origin/main:plans/2025.yaml`.

The path after the colon is relative to the top of the repository, as `git show` takes it
(`REV:./path` for a path relative to the current folder). Errors are one-line CchcErrors.
Nothing the user typed reaches git as an option: the spec is checked (no leading '-') and
passed after `--end-of-options`; the output is read up to the input size cap.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from cchc_cli import inputfile
from cchc_cli.errors import CchcError, UsageError

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def is_revision_spec(spec: str, cwd: Path) -> bool:
    """'origin/main:plans/2025.yaml' is; an existing file or 'C:\\plans\\2025.yaml' is not."""
    if ":" not in spec or _WINDOWS_DRIVE.match(spec):
        return False
    return not os.path.lexists(cwd / spec)


_UNSAFE = re.compile(r"[\x00-\x20\x7f]")


def check_revision_spec(spec: str) -> tuple[str, str]:
    """(revision, path) of a `REV:path`; UsageError for anything git could take as an option
    (a leading '-') or that no revision name holds (spaces, control characters)."""
    revision, _, path = spec.partition(":")
    if not revision or not path:
        raise UsageError(f"{spec}: cần dạng REV:đường_dẫn, ví dụ origin/main:plans/2025.yaml")
    if revision.startswith("-") or path.startswith("-") or _UNSAFE.search(spec):
        raise UsageError(
            f"“{spec}”: không phải REV:đường_dẫn hợp lệ (không được bắt đầu bằng '-' hay chứa dấu cách, "
            "ký tự điều khiển); ví dụ origin/main:plans/2025.yaml"
        )
    return revision, path


def read_revision(spec: str, cwd: Path, limit: int | None = None) -> bytes:
    """The bytes of `path` at `REV` through `git show --end-of-options REV:path`, at most
    `limit` bytes (the input size cap)."""
    check_revision_spec(spec)
    cap = inputfile.max_bytes() if limit is None else limit
    command = ["git", "show", "--no-textconv", "--end-of-options", spec]
    try:
        process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except FileNotFoundError:
        raise CchcError(
            "không tìm thấy lệnh git; cài git, hoặc so sánh hai tệp thay cho REV:đường_dẫn"
        ) from None
    assert process.stdout is not None
    data = process.stdout.read(cap + 1)
    if len(data) > cap:
        process.kill()
        process.communicate()
        raise inputfile.too_big(spec, None, cap)
    try:
        _rest, error = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise CchcError(f"{spec}: git không trả lời sau 60 giây") from None
    if process.returncode != 0:
        detail = error.decode("utf-8", "replace").strip().splitlines()
        reason = detail[0] if detail else f"mã thoát {process.returncode}"
        raise CchcError(
            f"{spec}: git không đọc được ({reason}); kiểm tra tên nhánh/commit và đường dẫn "
            "tính từ gốc kho git"
        )
    return data
