"""YAML as a plan format: 1.2 core scalars, standard tags only, aliases within a budget, and no
file that lint calls clean while `due` refuses it. Each test failed before the change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

import pytest

from cchc_cli.plan import loader
from tests.conftest import SMALL_PLAN, line_of
from tests.hostile.helpers import cchc, refused

EVENT_TASK = """\
      - id: II.2
        task: Triển khai đề án
        output: Báo cáo
        schedule: Sau khi đề án được phê duyệt
        assignment: Văn phòng Sở chủ trì
        lead: [van-phong]
        deadlines:
          - kind: event
            event: de-an
            offset: 30
"""


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[tuple[int, int, str, str]]:
    doc = loader.parse_document(path, "plan.yaml")
    _plan, found = loader.check_document(doc)
    return [(p.line, p.column, p.code, p.message) for p in found]


# --- YAML 1.1 leftovers ----------------------------------------------------------------------


def test_sexagesimal_is_not_a_number(tmp_path: Path) -> None:
    # YAML 1.1 read `offset: 1:20` as 80 (days): a deadline 80 days after the event.
    text = SMALL_PLAN + EVENT_TASK.replace("offset: 30", "offset: 1:20")
    found = problems(write(tmp_path, text))
    assert found == [(line_of(text, "offset: 1:20"), 21, "schema", found[0][3])]
    assert "cần một số nguyên" in found[0][3]


def test_a_leading_zero_is_decimal_not_octal(tmp_path: Path) -> None:
    # YAML 1.1: 02025 was octal 1045, refused as "year 1045"; YAML 1.2 reads 2025.
    text = SMALL_PLAN.replace("year: 2025", "year: 02025")
    doc = loader.parse_document(write(tmp_path, text), "plan.yaml")
    plan, found = loader.check_document(doc)
    assert found == [] and plan is not None and plan.plan.year == 2025


@pytest.mark.parametrize("written", ["0x7E9", "0o3751", "2_025", '"2025"', "2025.0", "+2025.0e0"])
def test_only_plain_decimal_integers_are_numbers(tmp_path: Path, written: str) -> None:
    # 0x7E9 was 2025 in YAML 1.1; a plan writes numbers one way: each of these is refused.
    text = SMALL_PLAN.replace("year: 2025", f"year: {written}")
    found = problems(write(tmp_path, text))
    assert [(line, code) for line, _col, code, _m in found] == [(4, "schema")]
    assert "cần một số nguyên" in found[0][3]


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n"])
def test_yes_no_on_off_are_words(tmp_path: Path, word: str) -> None:
    # As a name they stay text (YAML 1.1 made them booleans: "cần một đoạn chữ"); as a
    # boolean setting they are refused, only true/false are.
    text = SMALL_PLAN.replace("name: Thanh tra Sở", f"name: {word}")
    doc = loader.parse_document(write(tmp_path, text), "plan.yaml")
    plan, found = loader.check_document(doc)
    assert found == [] and plan is not None and plan.units[1].name == word
    boolean = SMALL_PLAN + EVENT_TASK + "            working_days: " + word + "\n"
    found = problems(write(tmp_path, boolean, "b.yaml"))
    assert [(line, code) for line, _c, code, _m in found] == [(line_of(boolean, "working_days"), "schema")]
    assert "cần true hoặc false" in found[0][3]


def test_dates_still_load_and_a_non_existent_one_is_placed(tmp_path: Path) -> None:
    doc = loader.parse_document(write(tmp_path, SMALL_PLAN), "plan.yaml")
    plan, _found = loader.check_document(doc)
    assert plan is not None and plan.plan.document.date == dt.date(2025, 3, 5)
    text = SMALL_PLAN.replace("date: 2025-03-05", "date: 2025-02-31")
    found = problems(write(tmp_path, text, "bad.yaml"))
    assert [(line, col, code) for line, col, code, _m in found] == [(10, 11, "schema")]
    assert found[0][3].startswith("ngày không tồn tại: '2025-02-31'")


# --- tags ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "tag"),
    [
        ("name: Thanh tra Sở", "name: !custom Thanh tra Sở", "!custom"),
        ("name: Thanh tra Sở", "name: !!python/name:os.system ''", "!!python/name:os.system"),
        (
            "name: Thanh tra Sở\n",
            "name: Thanh tra Sở\n    aliases: !!python/object/apply:os.system [echo hi]\n",
            "!!python/object/apply:os.system",
        ),
        ("members: [van-phong, thanh-tra]", "members: !!set {van-phong, thanh-tra}", "!!set"),
        ("date: 2025-03-05", "date: !!timestamp 2025-03-05", "!!timestamp"),
        ("name: Thanh tra Sở", "name: !!binary VGhhbmggdHJhIFPhu58=", "!!binary"),
    ],
    ids=["custom", "python-name", "python-apply", "set", "timestamp", "binary"],
)
def test_non_standard_tags_are_refused_on_their_line(tmp_path: Path, old: str, new: str, tag: str) -> None:
    # Before: tags on lists and maps were dropped silently (the plan loaded), tags on
    # scalars gave "giá trị không đọc được … sửa lại theo dạng yyyy-mm-dd".
    text = SMALL_PLAN.replace(old, new)
    found = problems(write(tmp_path, text))
    tag_problems = [p for p in found if tag in p[3]]
    assert len(tag_problems) == 1, found
    line, _col, code, message = tag_problems[0]
    assert (line, code) == (line_of(text, tag), "yaml-syntax")
    assert message.startswith(f"thẻ YAML '{tag}' không được dùng") and "yyyy-mm-dd" not in message


@pytest.mark.parametrize("tagged", ["!!str 0x7E9", "!!int 2025", "!!bool true", "!!null ~", "!!float 1.5"])
def test_standard_tags_are_read(tagged: str) -> None:
    doc = loader.parse_document(Path("x.yaml"), "x.yaml", f"value: {tagged}\n")
    assert doc.problems == []
    assert doc.data == {
        "value": {"!!str": "0x7E9", "!!int": 2025, "!!bool": True, "!!null": None}.get(tagged.split()[0], 1.5)
    }


def test_an_explicit_int_tag_on_a_hex_number_is_refused() -> None:
    doc = loader.parse_document(Path("x.yaml"), "x.yaml", "year: !!int 0x7E9\n")
    assert [(p.line, p.column, p.code) for p in doc.problems] == [(1, 7, "schema")]
    assert "không phải số nguyên viết bằng chữ số thập phân" in doc.problems[0].message


def test_merge_keys_are_refused_on_their_line_without_an_unrelated_hint(tmp_path: Path) -> None:
    text = SMALL_PLAN.replace(
        "  - id: thanh-tra\n    name: Thanh tra Sở\n",
        "  - &tt\n    id: thanh-tra\n    name: Thanh tra Sở\n  - <<: *tt\n    id: thanh-tra-2\n",
    )
    found = problems(write(tmp_path, text))
    merge = [p for p in found if "<<" in p[3]]
    assert [(line, col, code) for line, col, code, _m in merge] == [(line_of(text, "<<"), 5, "yaml-syntax")]
    assert "yyyy-mm-dd" not in merge[0][3]


def test_tagged_files_do_not_load_through_the_command_line(tmp_path: Path) -> None:
    text = SMALL_PLAN.replace("members: [van-phong, thanh-tra]", "members: !custom [van-phong, thanh-tra]")
    plan = write(tmp_path, text)
    refused(cchc("due", "--plan", str(plan), "--as-of", "01/06/2025"), code=1, place=True, says="!custom")


# --- nothing in the file ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["---\n", "---\n...\n", "null\n", "~\n", "--- null\n", "# chú thích\n", ""])
def test_a_file_without_data_is_an_error_for_lint_and_due(tmp_path: Path, text: str) -> None:
    # Before: `---`, `---\n...` and `null` passed lint with 0 errors while due exited 1 silently.
    plan = write(tmp_path, text)
    lint = cchc("lint", str(plan))
    assert lint.exit_code == 1, lint.output
    assert lint.stdout.startswith(f"{plan}:1:1: lỗi [yaml-syntax] tệp trống")
    refused(cchc("due", "--plan", str(plan), "--as-of", "01/06/2025"), code=1, place=True, says="tệp trống")


# --- aliases: bounded work ---------------------------------------------------------------------


class _Recording(loader._Builder):
    made: ClassVar[list[loader._Builder]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _Recording.made.append(self)


@pytest.fixture
def builders(monkeypatch: pytest.MonkeyPatch) -> list[loader._Builder]:
    _Recording.made = []
    monkeypatch.setattr(loader, "_Builder", _Recording)
    return _Recording.made


def _unit_alias_bomb(repeats: int, size: int) -> str:
    aliases = ", ".join(["*big"] * repeats)
    return SMALL_PLAN.replace(
        "  - id: thanh-tra\n    name: Thanh tra Sở\n",
        f"  - id: thanh-tra\n    name: Thanh tra Sở\n    note: &big {'x' * size}\n    aliases: [{aliases}]\n",
    )


def test_an_alias_repeating_a_long_text_is_refused_after_bounded_work(
    tmp_path: Path, builders: list[loader._Builder]
) -> None:
    # A 1 MB text repeated 1,000 times by one alias: 1 GB of text for the unit matching and
    # lint to chew on. The walk stops once the characters built pass twice the file's size.
    text = _unit_alias_bomb(1000, 1_000_000)
    found = problems(write(tmp_path, text))
    assert [(code, "bí danh" in message) for _l, _c, code, message in found] == [("yaml-syntax", True)]
    (builder,) = builders
    assert builder.chars <= 2 * len(text) + 1_000_000 + 1_000_000  # the budget, plus the last text
    assert builder.count < 100


def test_nested_aliases_stop_at_the_node_budget(tmp_path: Path, builders: list[loader._Builder]) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    text = "\n".join(levels) + "\n"  # 10^9 nodes once expanded, 1 KB on disk
    doc = loader.parse_document(write(tmp_path, text), "plan.yaml")
    assert [p.code for p in doc.problems] == ["yaml-syntax"] and "bí danh" in doc.problems[0].message
    assert builders[0].count == loader._MAX_NODES + 1


def test_the_same_file_without_aliases_is_not_blamed_on_aliases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "_MAX_NODES", 2_000)  # the same walk, a smaller budget
    text = "items:\n" + "".join(f"  - {i}\n" for i in range(loader._MAX_NODES + 10))
    doc = loader.parse_document(write(tmp_path, text), "plan.yaml")
    assert "quá nhiều phần tử" in doc.problems[0].message and "bí danh" not in doc.problems[0].message


@pytest.mark.parametrize(
    "args",
    [["units"], ["due", "--unit", "van phong so", "--as-of", "01/06/2025"], ["list"]],
    ids=["units", "due-unit", "list"],
)
def test_commands_refuse_the_alias_bomb_at_once(tmp_path: Path, args: list[str]) -> None:
    plan = write(tmp_path, _unit_alias_bomb(1000, 1_000_000))
    refused(cchc(*args, "--plan", str(plan)), code=1, place=True, says="bí danh")
    lint = cchc("lint", str(plan))
    assert lint.exit_code == 1 and "lỗi [yaml-syntax] bí danh" in lint.stdout


def test_unit_matching_work_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    # A plan whose unit has a 300,000-character alias (no anchor needed) and a 100,000-character
    # --unit: the folding reads each character a bounded number of times and difflib (quadratic
    # per pair) never sees the long strings.
    from cchc_cli.errors import UsageError
    from cchc_cli.plan import units
    from cchc_cli.plan.model import Plan
    from tests.conftest import MINIMAL_PLAN

    data = loader.parse_document(Path("p.yaml"), "p.yaml", MINIMAL_PLAN).data
    long_alias = "phòng " * 50_000
    data["units"][1]["aliases"] = [long_alias]
    plan = Plan.model_validate(data)
    folded: list[int] = []
    compared: list[int] = []
    real_fold, real_close = units.fold, units.difflib.get_close_matches
    monkeypatch.setattr(units, "fold", lambda text: folded.append(len(text)) or real_fold(text))

    def close(word: str, possibilities: list[str], *args: Any, **kwargs: Any) -> list[str]:
        compared.extend([len(word), *(len(p) for p in possibilities)])
        return real_close(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(units.difflib, "get_close_matches", close)
    directory = units.Directory(plan)
    query = "văn phòng " * 10_000
    with pytest.raises(UsageError) as caught:
        directory.find(query)
    names = sum(len(u.id) + len(u.name) + sum(map(len, u.aliases)) for u in plan.units)
    names += sum(len(g.id) + len(g.name) + sum(map(len, g.aliases)) for g in plan.groups)
    assert sum(folded) <= names + len(query)  # every character folded once
    assert max(compared, default=0) <= units.SUGGEST_MAX
    assert len(str(caught.value)) < 300  # the message quotes at most 80 characters of the query
    assert directory.find("VĂN PHÒNG SỞ").id == "van-phong"
