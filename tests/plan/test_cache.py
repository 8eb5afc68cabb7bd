"""The plan cache: a hit gives the same plan without loading; any change means a fresh load."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.errors import PlanFileError
from cchc_cli.plan import cache as plancache
from cchc_cli.plan import loader
from cchc_cli.plan.cache import default_cache_dir, load_plan_cached
from cchc_cli.plan.milestones import task_milestones
from tests.conftest import MINIMAL_PLAN, PLAN_2025, ROOT


def test_hit_returns_the_same_plan_without_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_plan_cached(PLAN_2025, "2025.yaml", tmp_path)
    assert len(list(tmp_path.glob("plan-*.json"))) == 1

    def no_loading(*_args: object) -> None:
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(loader, "load_plan", no_loading)
    second = load_plan_cached(PLAN_2025, "2025.yaml", tmp_path)
    assert second.plan == first.plan and second.path == "2025.yaml"
    # The milestones come from the cache too: III.3's two, with their own leads.
    _section, task = next((s, t) for s, t in second.plan.iter_tasks() if t.id == "III.3")
    found = task_milestones(second.plan, task)
    assert [(m.deadline.due, m.lead) for m in found] == [
        (dt.date(2025, 5, 14), ("van-phong",)),
        (dt.date(2025, 3, 31), ("don-vi-su-nghiep",)),
    ]


def test_an_edit_is_seen_at_once(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_PLAN, encoding="utf-8")
    cache = tmp_path / "cache"
    assert load_plan_cached(path, "p", cache).plan.sections[0].tasks[0].schedule == "Trước ngày 15/12/2025"
    path.write_text(MINIMAL_PLAN.replace("15/12/2025", "01/12/2025"), encoding="utf-8")
    edited = load_plan_cached(path, "p", cache).plan
    assert edited.sections[0].tasks[0].schedule == "Trước ngày 01/12/2025"
    assert task_milestones(edited, edited.sections[0].tasks[0])[0].deadline.due == dt.date(2025, 11, 30)


def test_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path) -> None:
    load_plan_cached(PLAN_2025, "p", tmp_path)
    (entry,) = tmp_path.glob("plan-*.json")
    entry.write_bytes(b"not json")
    assert len(load_plan_cached(PLAN_2025, "p", tmp_path).plan.sections) == 10
    assert entry.read_bytes() != b"not json"


def test_broken_plans_are_never_cached(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_PLAN.replace("lead: [van-phong]", "lead: [khong-co]"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PlanFileError):
            load_plan_cached(path, "p", tmp_path / "cache")
    assert list((tmp_path / "cache").glob("*.json")) == []


def test_unwritable_cache_still_loads(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    assert load_plan_cached(PLAN_2025, "p", blocker / "cache").plan.year == 2025


def test_cache_folder_choice() -> None:
    assert default_cache_dir({"CCHC_NO_CACHE": "1", "CCHC_CACHE_DIR": "/x"}) is None
    assert default_cache_dir({"CCHC_CACHE_DIR": "/x"}) == Path("/x")
    assert default_cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/cchc")


def test_fingerprint_changes_with_the_program(monkeypatch: pytest.MonkeyPatch) -> None:
    before = plancache._fingerprint()
    monkeypatch.setattr(plancache, "__version__", "999")
    assert plancache._fingerprint() != before


def test_a_cache_hit_does_not_import_yaml(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from cchc_cli.plan.cache import load_plan_cached; "
        f"load_plan_cached(Path({str(PLAN_2025)!r}), 'p', Path({str(tmp_path)!r})); "
        "print('yaml' in sys.modules)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert [r.stdout.strip() for r in runs] == ["True", "False"]
