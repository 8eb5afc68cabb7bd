"""plan/emit.py: a Plan written as YAML loads back (plan/loader.py, PyYAML) into an equal Plan.

The expected texts below are written by hand from the YAML 1.1/1.2 rules: what a plain
scalar may be, when a `|-` block gives the text back exactly, and the double-quoted escapes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_cli.plan.emit import plan_to_yaml
from cchc_cli.plan.loader import check_document, load_plan, parse_document
from cchc_cli.plan.model import Plan
from tests.conftest import PLAN_2025

REFERENCE_CODES = {"unknown-unit", "unknown-event", "unknown-task", "duplicate-id", "duplicate-task-id",
                   "group-cycle", "schema"}  # fmt: skip


def reload(text: str) -> Plan:
    plan, problems = check_document(parse_document(Path("emitted.yaml"), "emitted.yaml", text))
    syntax = [p for p in problems if p.code not in REFERENCE_CODES]
    assert plan is not None and not syntax, (syntax or problems, text)
    return plan


def small_plan(**task: Any) -> Plan:
    return Plan.model_validate(
        {
            "format_version": 2,
            "plan": {
                "agency": "Sở Thử nghiệm",
                "year": 2025,
                "title": "NHIỆM VỤ NĂM 2025",
                "attachment": "(Kèm theo Kế hoạch số 12/KH-STN ngày 05/3/2025 của Sở Thử nghiệm)",
                "document": {"number": "12", "symbol": "KH-STN", "date": dt.date(2025, 3, 5), "issuer": "Sở"},
            },
            "units": [{"id": "van-phong", "name": "Văn phòng Sở"}],
            "sections": [
                {
                    "numeral": "I",
                    "title": "CẢI CÁCH THỂ CHẾ",
                    "tasks": [{"id": "I.1", "lead": ["van-phong"], **task}],
                }
            ],
        }
    )


def task_lines(plan: Plan) -> list[str]:
    text = plan_to_yaml(plan)
    return text[text.index("      - id: I.1") :].splitlines()


def test_bundled_plan_round_trips() -> None:
    plan = load_plan(PLAN_2025).plan
    assert reload(plan_to_yaml(plan)) == plan


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Báo cáo", "Báo cáo"),  # plain
        ("100% hồ sơ", "100% hồ sơ"),  # starts with a digit but is no number (not ASCII)
        ("2025", '"2025"'),  # an int
        ("2025-03-05", '"2025-03-05"'),  # a date
        ("1:20", '"1:20"'),  # YAML 1.1 sexagesimal
        ("0x7E9", '"0x7E9"'),  # hexadecimal
        (".5", '".5"'),  # a float
        ("yes", '"yes"'),  # YAML 1.1 boolean
        ("Off", '"Off"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("", '""'),
        ("*ref", '"*ref"'),  # alias
        ("&a", '"&a"'),  # anchor
        ("!tag", '"!tag"'),
        ("%d", '"%d"'),
        ("@x", '"@x"'),
        ("`x", '"`x"'),
        ("- Báo cáo", '"- Báo cáo"'),  # a list item
        ("Mục: Báo cáo", '"Mục: Báo cáo"'),  # a mapping
        ("Báo cáo #1", '"Báo cáo #1"'),  # a comment
        ("Báo cáo:", '"Báo cáo:"'),
        (" Báo cáo", '" Báo cáo"'),
        ("Báo cáo ", '"Báo cáo "'),
        ('Ô "trích"', 'Ô "trích"'),  # quotes inside a plain scalar are fine
        ("a\tb", '"a\\tb"'),
        ("a\x85b", '"a\\u0085b"'),  # NEL: a line break to PyYAML
        ("a\u2028b", '"a\\u2028b"'),
        ("\ufeffBOM", '"\\ufeffBOM"'),
        ("bell\x07", '"bell\\u0007"'),
        ("Báo cáo\n", '"Báo cáo\\n"'),  # a final line break: |- would drop it
    ],
)
def test_scalars(value: str, written: str) -> None:
    plan = small_plan(task=value)
    assert task_lines(plan)[1] == f"        task: {written}"
    assert reload(plan_to_yaml(plan)) == plan


def test_multiline_cells_are_literal_blocks() -> None:
    plan = small_plan(task="Rà soát", schedule="- Quý II/2025\n\n- Tháng 12/2025", output=" x\ny")
    assert task_lines(plan)[:8] == [
        "      - id: I.1",
        "        task: Rà soát",
        '        output: " x\\ny"',  # a first line starting with a space needs quotes
        "        schedule: |-",
        "          - Quý II/2025",
        "",
        "          - Tháng 12/2025",
        '        assignment: ""',
    ]
    assert reload(plan_to_yaml(plan)) == plan


def test_flow_lists_only_of_plain_words() -> None:
    plan = Plan.model_validate(
        {
            **small_plan(task="x").model_dump(),
            "units": [
                {"id": "a", "name": "A", "aliases": ["Văn phòng", "Văn phòng Sở"]},
                {"id": "b", "name": "B", "aliases": ["Các phòng, ban", "yes"]},
            ],
        }
    )
    text = plan_to_yaml(plan)
    assert "    aliases: [Văn phòng, Văn phòng Sở]\n" in text
    assert '    aliases:\n      - Các phòng, ban\n      - "yes"\n' in text
    assert reload(text) == plan


def test_header_and_layout() -> None:
    text = plan_to_yaml(small_plan(task="x"), header="Nhập từ phu-luc.docx\n\nbằng cchc import")
    assert text.startswith("# Nhập từ phu-luc.docx\n#\n# bằng cchc import\nformat_version: 2\n\nplan:\n")
    assert "\n\nunits:\n  - id: van-phong\n" in text
    assert "    date: 2025-03-05\n" in text and '    number: "12"\n' in text
    assert text.endswith("\n") and not text.endswith("\n\n")


# --- generated plans ----------------------------------------------------------------------------

TRICKY = [
    "yes", "No", "null", "~", "2025-03-05", "1:20", "0x7E9", "1e3", ".inf", "-", "- a", "* a", "&x",
    "!x", "%x", "@x", "a: b", "a #b", "#x", "'", '"', " lead", "trail ", "a\nb", "a\n", "\n", "\na",
    "a\n\nb", "a\n  b", "a\n ", "\ta", "x\x85y", "\u2028", "\ufeff", "\x00", "\\", "[a, b]", "{a: 1}",
    "---", "...", "Sở VH,TT&DL", "Văn phòng UBND tỉnh", "",
]  # fmt: skip
characters = st.characters(blacklist_categories=("Cs",))
texts = st.one_of(
    st.sampled_from(TRICKY),
    st.text(characters, max_size=30),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(characters, max_size=12)), max_size=4).map("\n".join),
)
ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
dates = st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    keys = draw(st.lists(ids, max_size=3, unique=True))
    columns = draw(
        st.none()
        | st.just(
            [{"key": "task", "heading": draw(texts)}]
            + [{"key": k, "heading": draw(texts), "group": draw(st.none() | texts)} for k in keys]
        )
    )
    tasks = [
        {
            "id": draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,8}", fullmatch=True)),
            "number": draw(st.none() | texts),
            "task": draw(texts),
            "output": draw(texts),
            "schedule": draw(texts),
            "assignment": draw(texts),
            "cells": {k: draw(texts) for k in keys if draw(st.booleans())},
            "lead": draw(st.lists(ids, max_size=3)),
            "support": draw(st.lists(ids, max_size=3)),
            "deadlines": draw(
                st.none()
                | st.lists(
                    st.one_of(
                        st.builds(lambda t: {"text": t}, texts),
                        st.builds(
                            lambda d, label: {"kind": "date", "due": d, "label": label},
                            st.dates(),
                            st.none() | texts,
                        ),
                    ),
                    max_size=2,
                )
            ),
            "note": draw(st.none() | texts),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    return Plan.model_validate(
        {
            "format_version": 2,
            "plan": {
                "agency": draw(texts),
                "year": draw(st.integers(2000, 2100)),
                "title": draw(texts),
                "attachment": draw(texts),
                "document": {
                    "kind": draw(texts),
                    "number": draw(texts),
                    "symbol": draw(texts),
                    "date": draw(dates),
                    "issuer": draw(texts),
                },
            },
            "columns": columns,
            "units": [
                {
                    "id": draw(ids),
                    "name": draw(texts),
                    "aliases": draw(st.lists(texts, max_size=3)),
                    "note": draw(st.none() | texts),
                }
                for _ in range(draw(st.integers(0, 3)))
            ],
            "groups": [
                {"id": draw(ids), "name": draw(texts), "members": draw(st.lists(ids, max_size=3))}
                for _ in range(draw(st.integers(0, 2)))
            ],
            "events": [
                {"id": draw(ids), "name": draw(texts), "date": draw(dates)}
                for _ in range(draw(st.integers(0, 2)))
            ],
            "sections": [
                {
                    "numeral": draw(st.sampled_from(["I", "IV", "12", "A"])),
                    "title": draw(texts),
                    "tasks": tasks,
                }
                for _ in range(draw(st.integers(0, 2)))
            ],
        }
    )


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_plans_round_trip(plan: Plan) -> None:
    assert reload(plan_to_yaml(plan)) == plan
