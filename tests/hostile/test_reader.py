"""One reader for every input file: regular files only, a size cap, named encodings, links
reported under the name the user gave. Each test here failed before `inputfile` existed."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_PLAN, PLAN_2025, ROOT, sample_pair
from tests.hostile.helpers import cchc, cchc_process, refused

READS = re.compile(r"\.read_text\(|\.read_bytes\(|(?<![\w.])open\(|\.open\(|Document\(str\(")
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


@posix_only
@pytest.mark.parametrize("role", ["plan", "progress", "settings"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, role: str) -> None:
    # Before: reading a FIFO with no writer blocked forever (the timeout fails the test).
    plan = sample_pair(tmp_path, progress=None)
    if role == "plan":
        fifo, args = tmp_path / "fifo.yaml", ["due", "--plan", "fifo.yaml", "--as-of", "01/06/2025"]
    elif role == "progress":
        fifo = plan.with_name("2025.progress.yaml")
        args = ["due", "--plan", "plans/2025.yaml", "--as-of", "01/06/2025"]
    else:
        fifo, args = plan.with_name(".cchc.yaml"), ["lint", "plans/2025.yaml"]
    os.mkfifo(fifo)
    result = cchc_process(*args, cwd=tmp_path, timeout=20)
    if role == "settings":  # lint: the settings problem on stdout, exit 2
        assert result.returncode == 2, result.stderr
        assert "plans/.cchc.yaml:1:1: lỗi [file] đây là đường ống (FIFO)" in result.stdout
        return
    refused(result, code=1, place=True, says="đường ống (FIFO), không phải tệp thường")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    # Before: /dev/zero was read until memory ran out (here: a 1.5 GiB limit, then exit 3).
    result = cchc_process(
        "due", "--plan", "/dev/zero", "--as-of", "01/06/2025", cwd=tmp_path, timeout=30, memory_mb=1536
    )
    refused(result, code=1, says="thiết bị")


def test_a_folder_given_as_the_plan_is_named_as_such(tmp_path: Path) -> None:
    refused(cchc("due", "--plan", str(tmp_path), "--as-of", "01/06/2025"), code=1, says="thư mục")


def test_size_cap_refuses_at_once_and_says_how_to_raise_it(tmp_path: Path) -> None:
    # A plan over the cap is refused from its size alone, with the variable that raises it
    # (before: a 50 MB plan took 13 s to be refused as "bí danh lồng nhau?").
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (11 * 1024 * 1024) + b"\n" + MINIMAL_PLAN.encode())
    line = refused(cchc("due", "--plan", str(big), "--as-of", "01/06/2025"), code=1, says="CCHC_MAX_FILE_MB")
    assert "quá lớn" in line and "bí danh" not in line
    # Raising it lets the same file through.
    ok = cchc("list", "--plan", str(big), "--format", "json", env={"CCHC_MAX_FILE_MB": "20"})
    assert ok.exit_code == 0, ok.stderr


def test_the_cap_applies_to_every_reader(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path)
    env = {"CCHC_MAX_FILE_MB": "0.01"}  # 10 KB: the bundled plan (about 60 KB) is over it
    refused(cchc("due", "--plan", str(plan), "--as-of", "01/06/2025", env=env), says="quá lớn")
    lint = cchc("lint", str(plan), env=env)
    assert lint.exit_code == 1 and "lỗi [file] tệp quá lớn" in lint.stdout
    bad = cchc("due", "--plan", str(plan), "--as-of", "01/06/2025", env={"CCHC_MAX_FILE_MB": "nhiều"})
    refused(bad, code=2, says="CCHC_MAX_FILE_MB")


def test_max_bytes_reads_the_variable() -> None:
    from cchc_cli import inputfile

    assert inputfile.max_bytes({}) == 10 * 1024 * 1024
    assert inputfile.max_bytes({"CCHC_MAX_FILE_MB": "0.5"}) == 512 * 1024
    with pytest.raises(inputfile.UsageError):
        inputfile.max_bytes({"CCHC_MAX_FILE_MB": "-3"})


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (MINIMAL_PLAN.encode("utf-16"), "UTF-16"),  # with its BOM, as Notepad saves "Unicode"
        (codecs.BOM_UTF16_BE + MINIMAL_PLAN.encode("utf-16-be"), "UTF-16"),
        (MINIMAL_PLAN.encode("utf-16-le"), "UTF-16"),  # no BOM
        (MINIMAL_PLAN.encode("utf-32"), "UTF-32"),
    ],
    ids=["utf16-bom", "utf16be-bom", "utf16-no-bom", "utf32"],
)
def test_wide_encodings_are_named_with_how_to_convert(tmp_path: Path, data: bytes, name: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(data)
    line = refused(cchc("due", "--plan", str(plan), "--as-of", "01/06/2025"), code=1, place=True, says=name)
    assert "lưu lại với mã hóa UTF-8" in line and "nhị phân" not in line


def test_a_nul_inside_text_is_placed(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = MINIMAL_PLAN.replace("Rà soát văn bản", "Rà soát\x00văn bản")
    plan.write_text(text, encoding="utf-8")
    line = refused(cchc("due", "--plan", str(plan), "--as-of", "01/06/2025"), code=1, says="NUL")
    before = text[: text.index("\x00")]
    assert f":{before.count(chr(10)) + 1}:{len(before.split(chr(10))[-1]) + 1}: " in line


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_dangling_link_is_reported_under_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").symlink_to(tmp_path / "gone" / "2025.yaml")
    line = refused(cchc("due", "--plan", "plan.yaml", "--as-of", "01/06/2025"), code=1, says="symlink")
    assert line.startswith("plan.yaml:1:1: ")  # before: named by its target, gone/2025.yaml


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
@pytest.mark.parametrize("command", ["due", "due-several", "rollover", "lint", "done"])
def test_a_loop_of_links_is_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, clock: Callable[[dt.datetime], None]
) -> None:
    # Before: exit 3 ("lỗi không mong đợi", RuntimeError: Symlink loop).
    clock(dt.datetime(2025, 6, 1, 3, tzinfo=dt.timezone.utc))
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").symlink_to("b.yaml")
    Path("b.yaml").symlink_to("a.yaml")
    args = {
        "due": ["due", "--plan", "a.yaml", "--as-of", "01/06/2025"],
        "due-several": ["due", "--plan", "a.yaml", "--plan", str(PLAN_2025), "--as-of", "01/06/2025"],
        "rollover": ["rollover", "a.yaml", "--to", "2026"],
        "lint": ["lint", "a.yaml"],
        "done": ["done", "I.1", "-m", "1", "--plan", str(PLAN_2025), "--progress", "a.yaml", "-e", "Báo cáo"],
    }[command]
    result = cchc(*args)
    if command == "lint":
        assert result.exit_code == 1 and "vòng lặp" in result.stdout, result.output
        assert result.stdout.startswith("a.yaml:1:1: lỗi [file] ")
    else:
        refused(result, code=1, says="vòng lặp")


def test_settings_file_that_is_a_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path, progress=None)
    (plan.parent / ".cchc.yaml").mkdir()
    result = cchc("lint", str(plan))
    assert result.exit_code == 2
    assert "plans/.cchc.yaml:1:1: lỗi [file] đây là thư mục" in result.stdout


def test_every_file_read_goes_through_inputfile() -> None:
    # No module but inputfile opens a file for reading: a new reader has to use it.
    offenders = []
    for path in sorted((ROOT / "cchc_cli").rglob("*.py")):
        if path.name == "inputfile.py":
            continue
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            stripped = line.strip()
            if READS.search(stripped) and "inputfile." not in stripped and "os.devnull" not in stripped:
                offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert offenders == [
        # the database file it has just written in its own temporary folder (Python 3.10)
        "cchc_cli/export/sqlite.py: return path.read_bytes()",
        # a member of a .docx/.xlsx whose bytes were read through inputfile, in memory
        "cchc_cli/importer/files.py: with self.zip.open(info) as part:",
    ]
