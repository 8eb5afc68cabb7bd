"""The JSON Schema of the plan format, generated from the pydantic models.

Editors use it to check a plan while it is typed: `plans/2025.yaml` starts with the
yaml-language-server modeline `# yaml-language-server: $schema=../schema/cchc-plan.schema.json`
(VS Code with the YAML extension). `schema/cchc-plan.schema.json` is this output, committed;
a test keeps the two equal (regenerate with `cchc schema -o schema/cchc-plan.schema.json --force`).

YAML dates (`date: 2025-03-05`) are strings with `"format": "date"` in the schema, as JSON has
no dates; schema checkers read YAML dates as such strings.
"""

from __future__ import annotations

import json
from typing import Any

from cchc_cli.plan.model import FORMAT_VERSION, Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:cchc:plan-schema:{FORMAT_VERSION}"


def plan_schema() -> dict[str, Any]:
    generated = Plan.model_json_schema()
    generated.pop("title", None)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": f"Kế hoạch cải cách hành chính (tệp kế hoạch cchc, định dạng {FORMAT_VERSION})",
        **generated,
    }


def schema_text() -> str:
    """The schema as written to schema/cchc-plan.schema.json (UTF-8, LF, final newline)."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
