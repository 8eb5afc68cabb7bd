"""The plan cache can neither run code nor serve a plan it did not make from this very file,
with these very packages. Each test failed against the pickle cache."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cchc_cli.plan import cache as plancache
from cchc_cli.plan import loader
from cchc_cli.plan.cache import load_plan_cached
from cchc_cli.plan.milestones import all_milestones
from tests.conftest import MINIMAL_PLAN, PLAN_2025, ROOT, SMALL_PLAN
from tests.hostile.helpers import cchc

posix = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners and modes")
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")


def the_entry(folder: Path) -> Path:
    (entry,) = [p for p in folder.iterdir() if p.name.startswith("plan-")]
    return entry


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts real loads (cache misses)."""
    seen: list[str] = []
    real = loader.load_plan

    def counting(path: Path, shown: str | None = None, *args: Any) -> Any:
        seen.append(shown or str(path))
        return real(path, shown, *args)

    monkeypatch.setattr(loader, "load_plan", counting)
    return seen


def plan_file(tmp_path: Path, text: str = MINIMAL_PLAN, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class _Touch:
    """Unpickling this creates a file: proof that reading the cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_is_never_executed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plan = plan_file(tmp_path)
    load_plan_cached(plan, "p", cache)
    marker = tmp_path / "ran"
    the_entry(cache).write_bytes(pickle.dumps(_Touch(marker)))
    loaded = load_plan_cached(plan, "p", cache)
    assert not marker.exists()  # before: the pickle ran and the command went on (exit 0)
    assert loaded.plan.sections[0].tasks[0].id == "I.1"
    assert the_entry(cache).read_bytes().startswith(b"{")  # rewritten as JSON


def test_an_entry_of_another_plan_under_the_computed_name_is_not_served(tmp_path: Path) -> None:
    real, other = plan_file(tmp_path), plan_file(tmp_path, SMALL_PLAN, "other.yaml")
    cache, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    load_plan_cached(real, "p", cache)
    load_plan_cached(other, "o", elsewhere)
    the_entry(cache).write_bytes(the_entry(elsewhere).read_bytes())  # planted: valid, but not ours
    served = load_plan_cached(real, "p", cache).plan
    assert [t.id for _s, t in served.iter_tasks()] == ["I.1"]  # before: I.1, I.2, II.1 (the other)


@as_root
def test_a_cache_folder_of_another_user_is_not_used(tmp_path: Path, loads: list[str]) -> None:
    cache = tmp_path / "cache"
    plan = plan_file(tmp_path)
    load_plan_cached(plan, "p", cache)
    os.chown(cache, 65534, 65534)
    os.chown(the_entry(cache), 65534, 65534)
    loads.clear()
    load_plan_cached(plan, "p", cache)
    assert loads == ["p"]  # loaded from the file, not from someone else's folder
    assert plancache.usable_cache_dir(cache) == (
        None,
        f"thư mục cache {cache} thuộc người dùng khác; không dùng cache",
    )


@posix
def test_a_folder_others_may_write_is_not_used_and_the_command_says_so(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    plan = plan_file(tmp_path)
    result = cchc("list", "--plan", str(plan), "--format", "json", env={"CCHC_CACHE_DIR": str(cache)})
    assert result.exit_code == 0 and '"id": "I.1"' in result.stdout
    notes = [line for line in result.stderr.splitlines() if line.startswith("cchc: ")]
    why = "cho người khác ghi vào; không dùng cache"
    assert notes == [f"cchc: thư mục cache {cache} {why} (sửa: chmod 700 {cache})"]
    assert list(cache.iterdir()) == []


@as_root
def test_an_entry_owned_by_someone_else_is_ignored(tmp_path: Path, loads: list[str]) -> None:
    cache = tmp_path / "cache"
    plan = plan_file(tmp_path)
    load_plan_cached(plan, "p", cache)
    os.chown(the_entry(cache), 65534, 65534)
    loads.clear()
    load_plan_cached(plan, "p", cache)
    assert loads == ["p"]


@posix
def test_the_folder_is_made_private_and_entries_too(tmp_path: Path) -> None:
    cache = tmp_path / "deep" / "cache"
    load_plan_cached(plan_file(tmp_path), "p", cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(the_entry(cache).stat().st_mode) == 0o600


def test_a_newer_holidays_package_means_a_new_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Working days come from `holidays`: an upgrade must not keep serving old deadlines.
    plan = plan_file(tmp_path)
    cache = tmp_path / "cache"
    load_plan_cached(plan, "p", cache)
    site = tmp_path / "site"
    (site / "holidays-999.0.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    load_plan_cached(plan, "p", cache)
    assert len([p for p in cache.iterdir() if p.name.startswith("plan-")]) == 2


def test_the_key_names_every_package_whose_result_is_cached() -> None:
    versions = plancache.package_versions()
    assert set(versions) == {"pydantic", "pydantic-core", "holidays", "python-dateutil", "PyYAML", "tzdata"}
    import holidays
    import pydantic
    import yaml

    assert versions["holidays"] == holidays.__version__
    assert versions["pydantic"] == pydantic.VERSION
    assert versions["PyYAML"] == yaml.__version__


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_under_the_entry_name_is_never_read(tmp_path: Path) -> None:
    # Before: the pickle cache read it and hung.
    cache = tmp_path / "cache"
    plan = plan_file(tmp_path)
    load_plan_cached(plan, "p", cache)
    entry = the_entry(cache)
    entry.unlink()
    os.mkfifo(entry)
    code = (
        "from pathlib import Path; from cchc_cli.plan.cache import load_plan_cached; "
        f"print(load_plan_cached(Path({str(plan)!r}), 'p', Path({str(cache)!r})).plan.plan.year)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.stdout.strip() == "2025", result.stderr


def test_a_huge_entry_is_not_read(tmp_path: Path, loads: list[str]) -> None:
    cache = tmp_path / "cache"
    plan = plan_file(tmp_path)
    load_plan_cached(plan, "p", cache)
    with the_entry(cache).open("r+b") as handle:  # 2 GB, sparse: nothing is written
        handle.truncate(2 * 1024**3)
    loads.clear()
    assert load_plan_cached(plan, "p", cache).plan.plan.year == 2025
    assert loads == ["p"]


@pytest.mark.parametrize(
    "broken",
    [
        b"",
        b"{",
        b"[]",
        b'{"format": 2}',
        b"[" * 100_000,
        b'{"format": 2, "key": "KEY", "plan": {}, "milestones": []}',
    ],
    ids=["empty", "truncated", "list", "no-key", "deep", "empty-plan"],
)
def test_corrupt_entries_are_loads(tmp_path: Path, loads: list[str], broken: bytes) -> None:
    cache = tmp_path / "cache"
    plan = plan_file(tmp_path)
    load_plan_cached(plan, "p", cache)
    key = plancache.cache_key(plan.read_bytes())
    the_entry(cache).write_bytes(broken.replace(b"KEY", key.encode()))
    loads.clear()
    assert load_plan_cached(plan, "p", cache).plan.plan.year == 2025
    assert loads == ["p"]


def _mutations(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    import copy

    found = []
    for name, change in [
        ("extra field", lambda e: e["plan"]["units"][0].update(evil=1)),
        ("missing field", lambda e: e["plan"]["units"][0].pop("name")),
        ("wrong type", lambda e: e["plan"]["plan"].update(year="2025")),
        ("bool for int", lambda e: e["plan"]["plan"].update(year=True)),
        ("bad literal", lambda e: e["milestones"][0][0]["deadline"].update(kind="python")),
        ("bad date", lambda e: e["plan"]["plan"]["document"].update(date="2025-02-31")),
        ("fewer tasks", lambda e: e["milestones"].pop()),
    ]:
        changed = copy.deepcopy(entry)
        change(changed)
        found.append((name, changed))
    return found


def test_an_entry_that_cchc_did_not_write_is_refused_field_by_field(tmp_path: Path, loads: list[str]) -> None:
    import json

    cache = tmp_path / "cache"
    plan = plan_file(tmp_path, SMALL_PLAN)
    load_plan_cached(plan, "p", cache)
    entry = the_entry(cache)
    good = json.loads(entry.read_bytes())
    for name, changed in _mutations(good):
        entry.write_text(json.dumps(changed), encoding="utf-8")
        loads.clear()
        load_plan_cached(plan, "p", cache)
        assert loads == ["p"], name


EXPLICIT = SMALL_PLAN.replace(
    "        schedule: Hằng tháng\n",
    "        schedule: Hằng tháng\n"
    "        deadlines:\n"
    "          - kind: recurring\n"
    "            freq: monthly\n"
    "            day: 10\n"
    "            label: Ngày 10 hằng tháng\n"
    "          - kind: event\n"
    "            event: de-an\n"
    "            offset: 10\n"
    "            working_days: true\n"
    "          - kind: date\n"
    "            due: 2025-09-30\n"
    "            start: 2025-07-01\n",
).replace("    name: Đề án được phê duyệt\n", "    name: Đề án được phê duyệt\n    date: 2025-04-01\n")


@pytest.mark.parametrize(
    "text", [None, MINIMAL_PLAN, SMALL_PLAN, EXPLICIT], ids=["bundled", "minimal", "small", "explicit"]
)
def test_a_hit_gives_exactly_what_a_load_gives(tmp_path: Path, text: str | None, loads: list[str]) -> None:
    plan = PLAN_2025 if text is None else plan_file(tmp_path, text)
    fresh = loader.load_plan(plan, "p")
    expected = all_milestones(fresh.plan)
    cache = tmp_path / "cache"
    load_plan_cached(plan, "p", cache)
    loads.clear()
    hit = load_plan_cached(plan, "p", cache)
    assert loads == []  # a hit: every type of the model can be written to an entry and read back
    assert hit.plan == fresh.plan
    assert all_milestones(hit.plan) == expected
    if text == EXPLICIT:
        kinds = [m.deadline.kind for m in expected[-1]]
        assert kinds == ["recurring", "date", "date"]  # the event, dated 01/04, resolved
        # 10 working days after Tuesday 01/04/2025, skipping Giỗ Tổ Hùng Vương (Monday 07/04)
        assert expected[-1][1].deadline.due == dt.date(2025, 4, 16)


def test_a_hit_imports_neither_yaml_nor_pickle(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from cchc_cli.plan.cache import load_plan_cached; "
        f"load_plan_cached(Path({str(PLAN_2025)!r}), 'p', Path({str(tmp_path / 'c')!r})); "
        "print('yaml' in sys.modules, 'pickle' in sys.modules)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert [r.stdout.split()[0] for r in runs] == ["True", "False"]
    assert runs[1].stdout.split()[1] == "False"
