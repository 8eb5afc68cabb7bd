"""Atomic writes: all or nothing, no overwrite without asking, sensible file modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cchc_cli import atomicwrite
from cchc_cli.atomicwrite import OutputExistsError, write_atomic
from cchc_cli.errors import CchcError


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    out.write_bytes(b"old")
    with pytest.raises(OutputExistsError) as caught:
        write_atomic(out, b"new", force=False)
    assert "--force" in str(caught.value)
    assert out.read_bytes() == b"old"
    write_atomic(out, b"new", force=True)
    assert out.read_bytes() == b"new"


def test_failure_midway_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "plan.progress.yaml"
    out.write_bytes(b"old")

    def crash(_src: str, _dst: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomicwrite.os, "replace", crash)
    with pytest.raises(CchcError) as caught:
        write_atomic(out, b"new content")
    assert "disk full" in str(caught.value) and "Tệp cũ vẫn còn nguyên" in str(caught.value)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.progress.yaml"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_new_files_follow_the_umask_and_old_ones_keep_their_mode(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.docx"
        write_atomic(fresh, b"x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.yaml"
        kept.write_bytes(b"x")
        kept.chmod(0o640)
        write_atomic(kept, b"y")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old_umask)
