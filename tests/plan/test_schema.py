"""The JSON Schema of the plan format, and the CI/editor files that rely on it.

check-jsonschema reads YAML dates (`date: 2025-03-05`) as strings, which the schema describes
as `{"type": "string", "format": "date"}`; format checking is on by default, so 2025-02-31
is rejected there too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.plan.schema import SCHEMA_DIALECT, plan_schema, schema_text
from tests.conftest import PLAN_2025, ROOT

SCHEMA = ROOT / "schema" / "cchc-plan.schema.json"
INVALID = ROOT / "tests" / "data" / "invalid"


def _tool(name: str) -> list[str]:
    """Run an installed tool through this interpreter's scripts folder, else PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} không được cài (pip install '.[test]')")
    return [found]


def test_committed_schema_is_generated() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text()


def test_schema_header_and_strictness() -> None:
    schema = plan_schema()
    assert schema["$schema"] == SCHEMA_DIALECT
    assert schema["$id"] == "urn:cchc:plan-schema:2"
    assert schema["title"].startswith("Kế hoạch cải cách hành chính")
    assert schema["required"] == ["format_version", "plan", "units", "sections"]
    task = schema["$defs"]["Task"]
    assert task["additionalProperties"] is False
    assert set(task["required"]) == {"id", "task", "lead"}
    assert schema["$defs"]["DocumentRef"]["properties"]["date"]["anyOf"][0] == {
        "format": "date",
        "type": "string",
    }


def test_plan_has_the_modeline() -> None:
    first = PLAN_2025.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/cchc-plan.schema.json"
    target = first.split("$schema=")[1]
    assert (PLAN_2025.parent / target).resolve() == SCHEMA.resolve()


def _check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_tool("check-jsonschema"), "--schemafile", str(SCHEMA), str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_check_jsonschema_accepts_the_bundled_plan() -> None:
    result = _check(PLAN_2025)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("misspelt-key.yaml", "shedule"),  # an unknown key
        ("date-31-02.yaml", "2025-02-31"),  # not a calendar date
        ("wrong-type.yaml", "lead"),  # a string where a list is needed
        ("year-out-of-range.yaml", "1999"),
    ],
)
def test_check_jsonschema_rejects(name: str, where: str) -> None:
    result = _check(INVALID / name)
    assert result.returncode == 1
    assert where in result.stdout + result.stderr


def test_workflow_and_hook_manifest_are_valid() -> None:
    workflow = ROOT / ".github" / "workflows" / "plan-lint.yml"
    result = subprocess.run(
        [*_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text(encoding="utf-8")
    assert "cchc lint --format github" in text
    assert '--format markdown >> "$GITHUB_STEP_SUMMARY"' in text
    manifest = subprocess.run(
        [*_tool("pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    own = subprocess.run(
        [*_tool("pre-commit"), "validate-config", str(ROOT / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert own.returncode == 0, own.stdout + own.stderr
    hooks = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    for hook in ("id: ruff", "id: ruff-format", "id: mypy", "id: cchc-lint"):
        assert hook in hooks


def test_schema_json_is_plain_utf8() -> None:
    raw = SCHEMA.read_bytes()
    assert b"\r\n" not in raw and raw.endswith(b"}\n")
    assert json.loads(raw.decode("utf-8")) == plan_schema()
