"""One writer: regular files or new paths only, links followed to their target, read-only files
left alone, every failure one line saying the old file is intact. Each test failed before."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cchc_cli import atomicwrite
from cchc_cli.atomicwrite import write_atomic
from cchc_cli.errors import CchcError
from tests.conftest import PLAN_2025, SAMPLE_PROGRESS, sample_pair
from tests.hostile.helpers import cchc, refused

links = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
UTC = dt.timezone.utc


@pytest.fixture
def on_first_of_june(clock: Callable[[dt.datetime], None]) -> None:
    clock(dt.datetime(2025, 6, 1, 3, tzinfo=UTC))


def export_csv(out: Path, *extra: str) -> object:
    return cchc("export", "csv", "--plan", str(PLAN_2025), "--as-of", "01/06/2025", "-o", str(out), *extra)


@posix
@pytest.mark.parametrize("force", [True, False], ids=["force", "no-force"])
def test_a_fifo_target_is_refused_with_or_without_force(tmp_path: Path, force: bool) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    refused(export_csv(fifo, *(["--force"] if force else [])), code=1, says="không phải tệp thường")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # before: replaced by a regular file


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="mknod needs root")
def test_a_character_device_is_never_replaced(tmp_path: Path) -> None:
    # The same as `-o /dev/full --force` run as root, on a device node made for the test.
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    refused(export_csv(device, "--force"), code=1, says="thiết bị")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_folder_target_is_refused(tmp_path: Path) -> None:
    refused(export_csv(tmp_path, "--force"), code=1, says="thư mục")
    with pytest.raises(CchcError, match="dấu phân cách"):
        write_atomic(f"{tmp_path}/new/", b"x")
    assert not (tmp_path / "new").exists()


@links
def test_a_link_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = export_csv(link, "--force")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8-sig").startswith("Mã,Mục,Nhiệm vụ")


@links
def test_a_shared_progress_file_behind_a_link_keeps_receiving_records(
    tmp_path: Path, on_first_of_june: None
) -> None:
    plan = sample_pair(tmp_path, progress=None)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "progress.yaml").write_text(SAMPLE_PROGRESS, encoding="utf-8")
    link = plan.with_name("2025.progress.yaml")
    link.symlink_to(shared / "progress.yaml")
    for task, milestone in (("I.2", "1"), ("I.3", "1")):
        result = cchc(
            "done", task, "-m", milestone, "--on", "01/05/2025", "-e", "Báo cáo", "--plan", str(plan)
        )
        assert result.exit_code == 0, result.output
    assert link.is_symlink()  # before: the link became a file and the shared one got nothing
    text = (shared / "progress.yaml").read_text(encoding="utf-8")
    assert "task: I.2" in text and "task: I.3" in text


@links
def test_a_loop_of_links_as_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.csv").symlink_to("b.csv")
    (tmp_path / "b.csv").symlink_to("a.csv")
    refused(export_csv(tmp_path / "a.csv", "--force"), code=1, says="vòng lặp")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_read_only_file_is_left_alone(tmp_path: Path, on_first_of_june: None) -> None:
    # Before: `done` replaced a 0444 progress file (and as root any file) by rename.
    plan = sample_pair(tmp_path)
    progress = plan.with_name("2025.progress.yaml")
    progress.chmod(0o444)
    result = cchc("done", "I.2", "-m", "1", "--on", "01/05/2025", "-e", "Báo cáo", "--plan", str(plan))
    line = refused(result, code=1, says="chỉ cho đọc")
    assert "Tệp cũ vẫn còn nguyên" in line
    assert progress.read_text(encoding="utf-8") == SAMPLE_PROGRESS
    assert stat.S_IMODE(progress.stat().st_mode) == 0o444


def test_mkstemp_failing_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A read-only folder: mkstemp raised PermissionError outside the error handling (exit 3).
    out = tmp_path / "a.csv"
    out.write_text("old", encoding="utf-8")

    def denied(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomicwrite.tempfile, "mkstemp", denied)
    line = refused(export_csv(out, "--force"), code=1, says="không có quyền ghi vào thư mục")
    assert line.endswith("Tệp cũ vẫn còn nguyên")
    assert out.read_text(encoding="utf-8") == "old"


def test_new_files_can_be_private(tmp_path: Path) -> None:
    write_atomic(tmp_path / "entry.json", b"{}", mode=0o600)
    if os.name != "nt":
        assert stat.S_IMODE((tmp_path / "entry.json").stat().st_mode) == 0o600


# --- as another user (root runs the suite: drop to nobody in a forked child) --------------------


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside the (private) test scratch area that `nobody` can reach."""
    folder = Path(tempfile.mkdtemp(prefix="cchc-shared-", dir="/tmp" if os.path.isdir("/tmp") else None))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if not path.is_dir() or path.is_symlink() else path.rmdir()
        folder.rmdir()


def as_nobody(action: Callable[[], None]) -> str:
    """Run `action` in a forked child as uid/gid 65534: 'ok', 'CchcError: …' or 'crash: …'."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            action()
            outcome = "ok"
        except CchcError as exc:
            outcome = f"CchcError: {exc}"
        except BaseException as exc:
            outcome = f"crash: {exc!r}"
        os.write(write_end, outcome.encode("utf-8"))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        outcome = pipe.read().decode("utf-8")
    os.waitpid(pid, 0)
    return outcome


as_root_only = pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="needs root to become another user",
)


def _record(plan: Path, progress: Path) -> Callable[[], None]:
    from cchc_cli.plan.loader import load_plan
    from cchc_cli.progress.store import record_done

    loaded = load_plan(plan)
    # Warm every lazy import (ruamel, filelock…) before dropping privileges.
    warm = plan.parent / "warm" / "p.yaml"
    warm.parent.mkdir()
    record_done(
        loaded, warm, task_id="I.1", milestone="1", period=None, evidence="x", today=dt.date(2025, 6, 1)
    )

    def action() -> None:
        record_done(
            loaded,
            progress,
            task_id="I.2",
            milestone="1",
            period=None,
            evidence="Báo cáo",
            today=dt.date(2025, 6, 1),
        )

    return action


@as_root_only
def test_a_read_only_folder_of_another_user_is_a_clean_error(shared_folder: Path) -> None:
    plan = sample_pair(shared_folder)
    progress = plan.with_name("2025.progress.yaml")
    progress.chmod(0o666)  # writable by anyone, in a folder only root may write to
    outcome = as_nobody(_record(plan, progress))
    assert outcome.startswith("CchcError: "), outcome  # before: crash: PermissionError(13…)
    assert progress.read_text(encoding="utf-8") == SAMPLE_PROGRESS


@as_root_only
def test_a_file_of_another_user_in_a_shared_folder_is_not_replaced(shared_folder: Path) -> None:
    plan = sample_pair(shared_folder)
    plan.parent.chmod(0o1777 ^ 0o1000)  # a folder everyone may write to (0777)
    progress = plan.with_name("2025.progress.yaml")
    progress.chmod(0o644)  # root's file: others may read, not write
    outcome = as_nobody(_record(plan, progress))
    assert outcome.startswith("CchcError: ") and "không có quyền ghi" in outcome, outcome
    assert progress.stat().st_uid == 0 and progress.read_text(encoding="utf-8") == SAMPLE_PROGRESS
