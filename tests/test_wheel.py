"""The wheel holds every subpackage and the bundled data, and `cchc due` runs from it.

A subpackage setuptools did not find would only show up once installed from a wheel, never
in an editable checkout; so the test builds the wheel (no network: the build backend comes
from the test extras), unpacks it, and runs cchc from the unpacked copy alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_has_every_package_and_runs_due(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--wheel-dir", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("cchc-*.whl")
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(unpacked)
    for init in (ROOT / "cchc_cli").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names, f"{init} is missing from the wheel"
    assert "cchc_cli/bundled/2025.yaml" in names
    assert "cchc_cli/templates/default.docx" in names
    assert {"cchc_cli/templates/html/email/digest.txt", "cchc_cli/templates/html/email/digest.html"} <= names

    elsewhere = tmp_path / "empty"  # no plans/ here: the bundled plan is used
    elsewhere.mkdir()
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(unpacked)!r})\n"
        "import cchc_cli\n"
        f"assert cchc_cli.__file__.startswith({str(unpacked)!r}), cchc_cli.__file__\n"
        "from cchc_cli.__main__ import main\n"
        "sys.argv = ['cchc', 'due', '--unit', 'Văn phòng Sở', '--as-of', '01/06/2025']\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("CCHC_PLAN", "PYTHONPATH")}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True,
        encoding="utf-8", check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "(kế hoạch kèm theo cchc)" in done.stderr
    # I.1 "Trước ngày 19/02/2025" is due 18/02: 103 days late on 01/06/2025.
    assert "quá 103 ngày" in done.stdout
    # The reminder templates are read from the installed package (a dry run writes nothing).
    remind = code.replace("'due', '--unit'", "'remind', '--unit'")
    shown = subprocess.run(
        [sys.executable, "-c", remind], cwd=elsewhere, env=env, capture_output=True, text=True,
        encoding="utf-8", check=False, timeout=120,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "Tiêu đề: [CCHC] Văn phòng Sở: " in shown.stdout
    assert "hạn 18/02/2025, quá hạn 103 ngày" in shown.stdout
    assert list(elsewhere.iterdir()) == []
