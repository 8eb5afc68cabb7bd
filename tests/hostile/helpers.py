"""What every hostile-input test checks: a refusal is a clean, one-line Vietnamese message.

`refused` asserts it for a CliRunner result or a finished subprocess: a non-zero exit that is
not 3 (an unexpected error), no traceback anywhere, and on stderr exactly one error line (the
"Kế hoạch: …" / "Kiểm tra: …" notes aside) in Vietnamese, NFC, optionally naming file:line:col.
`cchc_process` runs the real command line in a fresh interpreter with the clock set to
01/06/2025 (no test reads the real clock), for what must be proven not to hang or to hold a
lock across processes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from cchc_cli.cli.main import app
from tests.conftest import ROOT

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
NOTES = ("Kế hoạch:", "Kiểm tra:", "Đã kiểm tra", "Tệp tiến độ:")
PLACE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): ")

BOOT = (
    "import sys, datetime as dt\n"
    "from cchc_cli.cli import common\n"
    "common.clock = lambda: dt.datetime(2025, 6, 1, 3, 0, tzinfo=dt.timezone.utc)\n"
    "from cchc_cli.__main__ import main\n"
    "main()\n"
)


def cchc(*args: str, env: dict[str, str] | None = None) -> Any:
    """The command line in this process (CliRunner): output, stderr and exit code."""
    return CliRunner().invoke(app, list(args), env=env)


def cchc_process(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 30,
    memory_mb: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`cchc ARGS` as a fresh process (clock at 01/06/2025), killed after `timeout` seconds."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    limit = None
    if memory_mb is not None and sys.platform != "win32":
        import resource

        def limit() -> None:
            size = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return subprocess.run(
        [sys.executable, "-c", BOOT, *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )


def _streams(result: Any) -> tuple[int, str, str]:
    if isinstance(result, subprocess.CompletedProcess):
        return result.returncode, result.stdout or "", result.stderr or ""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and not line.startswith(NOTES)]


def refused(
    result: Any, *, code: int | None = None, place: bool | None = None, says: str = "", many: bool = False
) -> str:
    """Assert a clean refusal and return its (first) error line. `many`: a file with several
    problems gives one placed line for each."""
    exit_code, stdout, stderr = _streams(result)
    assert "Traceback" not in stdout + stderr, stdout + stderr
    assert exit_code not in (0, 3), (exit_code, stdout, stderr)
    if code is not None:
        assert exit_code == code, (exit_code, stderr)
    lines = error_lines(stderr)
    if many and len(lines) > 1:
        assert all(PLACE.match(line) and VIETNAMESE.search(line) for line in lines), stderr
    else:
        assert len(lines) == 1, stderr
    line = lines[0]
    assert VIETNAMESE.search(line), line
    assert unicodedata.is_normalized("NFC", line), line
    if place is not None:
        assert bool(PLACE.match(line)) == place, line
    assert says in line, (says, line)
    return line
