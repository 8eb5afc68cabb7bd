"""Read a file as it was at a git revision (`REV:path`), for `cchc diff origin/main:plans/2025.yaml`.

The path after the colon is relative to the top of the repository, as `git show` takes it
(`REV:./path` for a path relative to the current folder). Errors are one-line CchcErrors.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from cchc_cli.errors import CchcError

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def is_revision_spec(spec: str, cwd: Path) -> bool:
    """'origin/main:plans/2025.yaml' is; an existing file or 'C:\\plans\\2025.yaml' is not."""
    if ":" not in spec or _WINDOWS_DRIVE.match(spec):
        return False
    return not (cwd / spec).exists()


def read_revision(spec: str, cwd: Path) -> bytes:
    """The bytes of `path` at `REV` through `git show REV:path`."""
    revision, _, path = spec.partition(":")
    if not revision or not path:
        raise CchcError(f"{spec}: cần dạng REV:đường_dẫn, ví dụ origin/main:plans/2025.yaml")
    try:
        result = subprocess.run(["git", "show", spec], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise CchcError(
            "không tìm thấy lệnh git; cài git, hoặc so sánh hai tệp thay cho REV:đường_dẫn"
        ) from None
    except subprocess.TimeoutExpired:
        raise CchcError(f"{spec}: git không trả lời sau 60 giây") from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[0] if detail else f"mã thoát {result.returncode}"
        raise CchcError(
            f"{spec}: git không đọc được ({reason}); kiểm tra tên nhánh/commit và đường dẫn "
            "tính từ gốc kho git"
        )
    return result.stdout
