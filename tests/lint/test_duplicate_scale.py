"""duplicate-task on plans of thousands of tasks: the same findings as comparing every pair,
for work in proportion to the plan.

The reference here is the rule's definition applied to every pair of tasks (the way the rule
was first written): equal normalised texts, or equal outputs and the shorter text (at least
six words) inside the longer one, word for word; each later task is reported once, with the
first earlier task it matches. The rule itself never compares all pairs; its meter counts the
pairs of distinct texts it does compare.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cchc_cli.lint.config import LintConfig
from cchc_cli.lint.rules.duplicate_task import MIN_WORDS, earliest_duplicates, normalize
from cchc_cli.lint.runner import lint_file
from tests.conftest import line_of

VERBS = ["Rà soát, đánh giá", "Tổ chức triển khai", "Kiểm tra việc thực hiện", "Cập nhật, công khai"]
OBJECTS = [
    "thủ tục hành chính thuộc phạm vi quản lý",
    "văn bản quy phạm pháp luật",
    "danh mục dịch vụ công trực tuyến toàn trình",
    "Chỉ số hài lòng của người dân, tổ chức",
    "công tác văn thư, lưu trữ",
]
FIELDS = ["lĩnh vực xây dựng", "lĩnh vực đất đai", "lĩnh vực y tế", "lĩnh vực tư pháp"]


def all_pairs(texts: list[str], outputs: list[str]) -> dict[int, int]:
    """The definition, pair by pair (quadratic): later index -> first earlier match."""
    words = [t.count(" ") + 1 for t in texts]
    found: dict[int, int] = {}
    for later in range(len(texts)):
        for first in range(later):
            a, b = texts[first], texts[later]
            if not a or not b:
                continue
            same = a == b
            if not same and outputs[first] == outputs[later] and min(words[first], words[later]) >= MIN_WORDS:
                short, long = (a, b) if len(a) <= len(b) else (b, a)
                same = f" {short} " in f" {long} "
            if same:
                found[later] = first
                break
    return found


def task_text(rng: random.Random, number: int) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(FIELDS)} của cơ quan số {number} năm 2025"


@pytest.mark.parametrize("seed", range(8))
def test_same_findings_as_every_pair(seed: int) -> None:
    # A small vocabulary so that equal texts, texts inside others (as prefix, suffix and in the
    # middle), short texts and shared outputs all occur many times.
    rng = random.Random(seed)
    vocabulary = ["bao", "cao", "ket", "qua", "thuc", "hien", "ke", "hoach", "so"]
    texts: list[str] = []
    for _ in range(160):
        roll = rng.random()
        if texts and roll < 0.4:  # an earlier text with words around it
            inner = rng.choice(texts)
            before = " ".join(rng.choices(vocabulary, k=rng.randint(0, 3)))
            after = " ".join(rng.choices(vocabulary, k=rng.randint(0, 3)))
            text = " ".join(p for p in (before, inner, after) if p)
        elif texts and roll < 0.55:  # a part of an earlier text
            words = rng.choice(texts).split(" ")
            start = rng.randrange(len(words))
            text = " ".join(words[start : start + rng.randint(1, 9)])
        else:
            text = " ".join(rng.choices(vocabulary, k=rng.randint(1, 10)))
        texts.append(text if rng.random() > 0.03 else "")
    outputs = [rng.choice(["bao cao", "bao cao", "ke hoach", ""]) for _ in texts]
    expected = all_pairs(texts, outputs)
    assert len(expected) >= 15  # the case is not trivial
    assert earliest_duplicates(texts, outputs) == expected


def generated_plan(count: int, seed: int = 7) -> tuple[str, list[str]]:
    """A plan of `count` tasks whose output is always "Báo cáo"; every 50th task repeats an
    earlier one (alternately word for word, and inside a longer text)."""
    rng = random.Random(seed)
    lines = [
        "format_version: 2",
        "plan:",
        "  agency: Sở Thử nghiệm",
        "  year: 2025",
        "  title: KẾ HOẠCH THỬ",
        "  attachment: (Kèm theo Kế hoạch số 1/KH-STN)",
        "  document:",
        "    symbol: KH-STN",
        "    issuer: Sở Thử nghiệm",
        "units:",
        "  - id: van-phong",
        "    name: Văn phòng Sở",
        "sections:",
        "  - numeral: I",
        "    title: CẢI CÁCH THỂ CHẾ",
        "    tasks:",
    ]
    texts: list[str] = []
    for number in range(1, count + 1):
        if number % 50 == 0:
            earlier = texts[rng.randrange(len(texts))]
            text = earlier if number % 100 == 0 else f"Hoàn thành nhiệm vụ được giao, cụ thể: {earlier}"
        else:
            text = task_text(rng, number)
        texts.append(text)
        lines += [
            f"      - id: I.{number}",
            f'        task: "{text}"',
            "        output: Báo cáo",
            "        schedule: Năm 2025",
            "        assignment: Văn phòng Sở chủ trì",
            "        lead: [van-phong]",
        ]
    return "\n".join(lines) + "\n", texts


def meter_for(count: int) -> tuple[int, dict[int, int], list[str]]:
    _text, texts = generated_plan(count)
    normalised = [normalize(t) for t in texts]
    meter = [0]
    found = earliest_duplicates(normalised, ["bao cao"] * count, meter)
    return meter[0], found, normalised


def test_pairs_compared_grow_linearly_when_every_output_is_bao_cao() -> None:
    small, found_small, texts_small = meter_for(500)
    large, found_large, _texts = meter_for(2000)
    # Comparing every pair would be 124,750 and 1,999,000 pairs (x16 for x4 tasks).
    assert small <= 2 * 500 and large <= 2 * 2000
    assert large <= 4 * max(small, 1) * 1.5
    # ... and nothing is missed meanwhile.
    assert found_small == all_pairs(texts_small, ["bao cao"] * 500)
    assert len(found_large) >= 2000 // 50


def test_lint_of_a_generated_plan_places_every_duplicate(tmp_path: Path) -> None:
    text, texts = generated_plan(600)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    found = [
        (d.line, d.column, d.message)
        for d in lint_file(path, LintConfig(), "plan.yaml")
        if d.code == "duplicate-task"
    ]
    pairs = all_pairs([normalize(t) for t in texts], ["bao cao"] * len(texts))
    assert len(pairs) >= 12
    expected = []
    for later, first in sorted(pairs.items()):
        line = line_of(text, f"      - id: I.{later + 1}\n") + 1  # the task: line under the id
        first_line = line_of(text, f"      - id: I.{first + 1}\n") + 1
        message = (
            f"nhiệm vụ I.{later + 1} trùng nội dung với nhiệm vụ I.{first + 1} (dòng {first_line}); "
            f"gộp lại, hoặc nếu cố ý nhắc lại thì thêm 'repeats: I.{first + 1}' vào I.{later + 1}"
        )
        expected.append((line, 15, message))
    assert found == expected
