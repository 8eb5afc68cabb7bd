"""The folders are layers and dependencies run one way: checked by reading every import.

deadlines → plan → query → progress → lint / export / importer (peers) → remind → cli, with a few
shared leaves at the top of the package that import nothing of cchc but each other. A module
may import its own folder and anything lower, never a peer or anything higher; the core
(everything below cli) never prints, exits or reads the clock.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "cchc_cli"
LEAVES = {"errors", "diagnostics", "dates", "textfold", "atomicwrite", "inputfile", "safetext"}
RANK = {
    "leaf": 0,
    "deadlines": 1,
    "plan": 2,
    "query": 3,
    "progress": 4,
    "lint": 5,
    "export": 5,
    "importer": 5,
    "remind": 6,
    "cli": 9,
}
CORE = {"leaf", "deadlines", "plan", "query", "progress", "lint", "export", "importer", "remind"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        yield ".".join(("cchc_cli", *parts)).removesuffix(".__init__"), path


def layer(module: str) -> str:
    """The layer of a dotted cchc_cli module name."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__init__", "__main__"):
        return "top"
    if parts[1] in LEAVES:
        return "leaf"
    assert parts[1] in RANK, f"{module}: a folder no layer rule knows; add it to RANK with its place"
    return parts[1]


def imports_of(path: Path, module: str) -> Iterator[tuple[int, str]]:
    """(line, imported cchc_cli module) for every import, at any depth (lazy ones included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "cchc_cli":
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "cchc_cli":
                continue
            for alias in node.names:
                # `from cchc_cli.plan import loader` imports a module of that folder
                candidate = f"{base}.{alias.name}"
                yield (
                    node.lineno,
                    candidate
                    if (PACKAGE / Path(*candidate.split(".")[1:])).with_suffix(".py").exists()
                    else base,
                )


def test_every_folder_is_a_known_layer_with_an_empty_init() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        folder = init.parent.relative_to(PACKAGE)
        if folder == Path("."):
            continue
        assert folder.parts[0] in RANK, f"{folder}: unknown layer"
        assert init.read_text(encoding="utf-8").strip() == "", f"{init}: keep __init__.py empty"


@pytest.mark.parametrize(("module", "path"), list(modules()), ids=lambda v: str(v))
def test_imports_run_downwards(module: str, path: Path) -> None:
    mine = layer(module)
    wrong = []
    for line, imported in imports_of(path, module):
        theirs = layer(imported)
        if mine == "top" or (theirs == "top" and imported == "cchc_cli"):
            continue  # cchc_cli/__init__ (the version) and __main__ (the entry point)
        if theirs == mine:
            continue
        if theirs == "top" or RANK[theirs] >= RANK[mine]:
            wrong.append(f"{path.relative_to(ROOT)}:{line}: {mine} imports {imported} ({theirs})")
    assert wrong == []


@pytest.mark.parametrize(("module", "path"), list(modules()), ids=lambda v: str(v))
def test_the_core_never_prints_exits_or_reads_the_clock(module: str, path: Path) -> None:
    if layer(module) not in CORE:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        if name in ("print", "exit", "quit", "sys.exit", "input") or name.endswith(
            ("datetime.now", "date.today", "datetime.today", "datetime.utcnow", "time.time")
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}()")
    assert found == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    # The test above would pass on a walker that finds nothing: show that it finds one.
    fake = tmp_path / "due.py"
    fake.write_text("def f():\n    from cchc_cli.cli.common import emit\n", encoding="utf-8")
    found = list(imports_of(fake, "cchc_cli.query.due"))
    assert found == [(2, "cchc_cli.cli.common")]
    assert RANK[layer(found[0][1])] > RANK[layer("cchc_cli.query.due")]
