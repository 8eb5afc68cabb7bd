"""Reading big plans: the quick build, the node budget that follows the size cap, the paused
collector, and never a problem without its line and column.

A clean plan is read without recording where every node stands (the positions only serve
problems); any document the quick build is not sure of goes to the full walk, and a plan
with a problem is read again with positions. So every diagnostic is the one the full walk
gives: the corpus of broken plans is checked both ways below.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any, ClassVar

import pytest

from cchc_cli.diagnostics import Diagnostic
from cchc_cli.plan import loader
from tests.conftest import PLAN_2025, ROOT, SMALL_PLAN

INVALID = sorted((ROOT / "tests" / "data" / "invalid").glob("*.yaml"))


class _Counting(loader._Builder):
    made: ClassVar[int] = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _Counting.made += 1


@pytest.fixture
def full_walks(monkeypatch: pytest.MonkeyPatch) -> type[_Counting]:
    _Counting.made = 0
    monkeypatch.setattr(loader, "_Builder", _Counting)
    return _Counting


def full_check(path: Path) -> list[Diagnostic]:
    """check_plan as it was: the full walk with every position, then the checks."""
    doc = loader.parse_document(path, "plan.yaml")
    _plan, problems = loader.check_document(doc)
    return problems


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_every_problem_of_the_corpus_as_the_full_walk_places_it(path: Path) -> None:
    _loaded, problems = loader.check_plan(path, "plan.yaml")
    assert problems == full_check(path)
    quick = loader.parse_document(path, "plan.yaml", positions=False)
    if not quick.complete:  # the quick build only takes what the full walk builds the same way
        assert quick.data == loader.parse_document(path, "plan.yaml").data


def test_a_clean_plan_is_read_without_the_full_walk(full_walks: type[_Counting]) -> None:
    loaded, problems = loader.check_plan(PLAN_2025)
    assert problems == [] and loaded is not None
    assert full_walks.made == 0
    doc = loader.parse_document(PLAN_2025)
    assert loaded.plan == loader.check_document(doc)[0]  # the very same Plan
    assert full_walks.made == 1


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (("    name: Văn phòng Sở\n", "    name: &vp Văn phòng Sở\n    aliases: [*vp]\n"), "an alias"),
        (("    name: Thanh tra Sở\n", "    name: !!binary aGk=\n"), "a tag"),
        (("    title: CẢI CÁCH THỂ CHẾ\n", "    title: CẢI CÁCH THỂ CHẾ\n    title: lặp\n"), "a key twice"),
        (("    date: 2025-03-05\n", "    date: 2025-02-31\n"), "no such day"),
        (("format_version: 1\n", "format_version: 1\n<<: {a: 1}\n"), "a merge key"),
    ],
)
def test_anything_unusual_goes_to_the_full_walk(
    tmp_path: Path, full_walks: type[_Counting], edit: tuple[str, str], why: str
) -> None:
    path = tmp_path / "plan.yaml"
    assert SMALL_PLAN.count(edit[0]) == 1, why
    path.write_text(SMALL_PLAN.replace(*edit), encoding="utf-8")
    quick = loader.parse_document(path, "plan.yaml", positions=False)
    assert quick.complete and full_walks.made == 1
    assert quick == loader.parse_document(path, "plan.yaml")


def test_a_plan_with_a_problem_is_placed_by_the_full_walk(tmp_path: Path) -> None:
    # I.1's lead names an unknown unit: found on the quick read, placed by the second one.
    path = tmp_path / "plan.yaml"
    text = SMALL_PLAN.replace("        lead: [van-phong]\n", "        lead: [van-phong-so]\n", 1)
    path.write_text(text, encoding="utf-8")
    _loaded, problems = loader.check_plan(path, "plan.yaml")
    line = text.splitlines().index("        lead: [van-phong-so]") + 1
    assert [(p.line, p.column, p.code) for p in problems] == [(line, 16, "unknown-unit")]


def test_the_node_budget_grows_with_the_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_MAX_NODES", 2_000)
    path = tmp_path / "big.yaml"
    path.write_text("items:\n" + "".join(f"  - {i}\n" for i in range(3_000)), encoding="utf-8")
    monkeypatch.delenv("CCHC_MAX_FILE_MB", raising=False)
    for positions in (True, False):
        doc = loader.parse_document(path, "big.yaml", positions=positions)
        assert "quá nhiều phần tử (hơn 2.000)" in doc.problems[0].message
    monkeypatch.setenv("CCHC_MAX_FILE_MB", "20")  # twice the default cap: twice the nodes
    assert loader.node_budget() == 4_000
    for positions in (True, False):
        doc = loader.parse_document(path, "big.yaml", positions=positions)
        assert doc.problems == [] and len(doc.data["items"]) == 3_000
    path.write_text("items:\n" + "".join(f"  - {i}\n" for i in range(4_500)), encoding="utf-8")
    assert "quá nhiều phần tử (hơn 4.000)" in loader.parse_document(path).problems[0].message


def test_the_collector_is_paused_while_building_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    states: list[bool] = []
    real = loader._Loader.get_single_node

    def spy(self):  # type: ignore[no-untyped-def]
        states.append(gc.isenabled())
        return real(self)

    monkeypatch.setattr(loader._Loader, "get_single_node", spy)
    assert gc.isenabled()
    loader.load_plan(PLAN_2025)
    assert states == [False] and gc.isenabled()
    gc.disable()
    try:
        loader.load_plan(PLAN_2025)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_the_plan_cache_and_the_progress_check_pause_it_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc_cli.plan import cache
    from cchc_cli.progress import log
    from tests.conftest import sample_pair

    plan = sample_pair(tmp_path)
    folder = tmp_path / "cache"
    cache.load_plan_cached(plan, "plan.yaml", folder)  # writes the entry
    states: list[tuple[str, bool]] = []
    real_loads, real_checked = cache.json.loads, log._checked

    def loads(raw: Any) -> Any:
        states.append(("cache", gc.isenabled()))
        return real_loads(raw)

    def checked(*args: Any) -> Any:
        states.append(("progress", gc.isenabled()))
        return real_checked(*args)

    monkeypatch.setattr(cache.json, "loads", loads)
    monkeypatch.setattr(log, "_checked", checked)
    loaded = cache.load_plan_cached(plan, "plan.yaml", folder)
    log.load_progress(plan.with_name("2025.progress.yaml"), loaded)
    assert states == [("cache", False), ("progress", False)] and gc.isenabled()


def test_a_command_freezes_what_it_read_and_thaws_it_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from cchc_cli.cli.main import app
    from cchc_cli.query import due
    from tests.conftest import sample_pair

    plan = sample_pair(tmp_path)
    frozen: list[int] = []
    real = due.due_report

    def spy(*args: Any, **kwargs: Any) -> Any:
        frozen.append(gc.get_freeze_count())  # the plan and its progress, out of the passes
        return real(*args, **kwargs)

    monkeypatch.setattr(due, "due_report", spy)
    result = CliRunner().invoke(app, ["due", "--plan", str(plan), "--as-of", "01/06/2025"])
    assert result.exit_code == 0, result.output
    assert len(frozen) == 1 and frozen[0] > 10_000
    assert gc.get_freeze_count() == 0
