"""plans/2025.yaml against the seed text of the original appendix.

The seed is read here by its own small parser (tab-separated rows; the repeated header row
dropped; a row with an empty STT continues the cell above across a page break; HTML tags
removed), independent of how the YAML was written. White space is compared squashed: the
YAML keeps the document's line breaks, which the extracted text flattened.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml

from tests.conftest import PLAN_2025, SEED

# Counted by hand in the seed: rows per Roman-numeral section.
EXPECTED_COUNTS = {
    "I": 5, "II": 5, "III": 7, "IV": 11, "V": 3,
    "VI": 7, "VII": 8, "VIII": 1, "IX": 4, "X": 3,
}  # fmt: skip


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def seed_sections() -> list[tuple[str, str, list[list[str]]]]:
    sections: list[tuple[str, str, list[list[str]]]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        cells = (line.split("\t") + [""] * 5)[:5]
        if cells[0] == "STT":
            continue
        if re.fullmatch(r"[IVX]+", cells[0].strip()):
            sections.append((cells[0].strip(), cells[1].strip(), []))
        elif cells[0].strip():
            sections[-1][2].append([c for c in cells[1:]])
        else:  # a page break split the row: append each non-empty fragment to its cell
            row = sections[-1][2][-1]
            for i, fragment in enumerate(cells[1:]):
                if fragment.strip():
                    row[i] = row[i] + " " + fragment
    return sections


@pytest.fixture(scope="module")
def plan() -> dict:
    return yaml.safe_load(PLAN_2025.read_text(encoding="utf-8"))


def test_counts_per_section(plan: dict) -> None:
    counts = {s["numeral"]: len(s["tasks"]) for s in plan["sections"]}
    assert counts == EXPECTED_COUNTS
    assert sum(counts.values()) == 54


def test_seed_parser_agrees_on_counts() -> None:
    assert {n: len(rows) for n, _t, rows in seed_sections()} == EXPECTED_COUNTS


def test_every_cell_verbatim(plan: dict) -> None:
    seed = seed_sections()
    assert [s["numeral"] for s in plan["sections"]] == [n for n, _t, _r in seed]
    for section, (numeral, title, rows) in zip(plan["sections"], seed, strict=True):
        assert section["title"] == title, numeral
        for task, row in zip(section["tasks"], rows, strict=True):
            for key, cell in zip(("task", "output", "schedule", "assignment"), row, strict=True):
                assert squash(task[key]) == squash(cell), f"{task['id']} {key}"


def test_source_mistakes_are_kept(plan: dict) -> None:
    titles = [s["title"] for s in plan["sections"]]
    assert titles[-1].startswith("HẠNG CHẾ")
    schedules = [t["schedule"] for s in plan["sections"] for t in s["tasks"]]
    assert schedules.count("Trước ngày 20/11/2024") == 2
    assert "Trước ngày 30/11/2024" in schedules


def test_text_is_nfc_and_ids_unique(plan: dict) -> None:
    text = PLAN_2025.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    ids = [t["id"] for s in plan["sections"] for t in s["tasks"]]
    assert len(ids) == len(set(ids)) == 54
    # The source numbers two rows of section III "3": the second keeps its number as III.3b.
    assert [t["id"] for t in plan["sections"][2]["tasks"]] == [
        "III.1", "III.2", "III.3", "III.3b", "III.4", "III.5", "III.6",
    ]  # fmt: skip
