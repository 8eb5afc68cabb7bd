"""A corpus of hostile inputs that cchc refuses well, so that none of it regresses.

For every file cchc reads (plan, progress file, settings, cache entry), every output path and
the arguments that take values: a non-zero exit that is not 3, no traceback, and one
Vietnamese line (NFC) that names file:line:column wherever there is a place to name. Cases
are data: add one by adding a line.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PLAN_2025, SAMPLE_PROGRESS, SMALL_PLAN, sample_pair
from tests.hostile.helpers import PLACE, cchc, refused


def plan_with(old: str, new: str) -> bytes:
    assert old in SMALL_PLAN, old
    return SMALL_PLAN.replace(old, new, 1).encode("utf-8")


TASK = "        task: Rà soát văn bản quy phạm pháp luật của Sở\n"

# --- plans: each is refused by `due` (exit 1) and by `lint` (exit 1), placed ------------------
PLANS: dict[str, bytes] = {
    # broken YAML
    "unclosed-quote": plan_with("output: Báo cáo rà soát", 'output: "Báo cáo rà soát'),
    "unclosed-single-quote": plan_with("output: Báo cáo rà soát", "output: 'Báo cáo rà soát"),
    "unclosed-bracket": plan_with("lead: [van-phong]\n        support", "lead: [van-phong\n        support"),
    "unclosed-brace": plan_with("year: 2025", "year: {a: 1"),
    "stray-bracket": plan_with("year: 2025", "year: 2025]"),
    "colon-in-value": plan_with("output: Báo cáo rà soát", "output: Báo cáo: rà soát: x"),
    "bad-indent": plan_with("        output: Báo cáo rà soát", "         output: Báo cáo rà soát"),
    "tab-indent": plan_with("        output: Báo cáo rà soát", "\toutput: Báo cáo rà soát"),
    "list-in-map": plan_with("  year: 2025\n", "  year: 2025\n  - x\n"),
    "two-documents": SMALL_PLAN.encode() + b"---\nformat_version: 1\n",
    "bad-escape": plan_with(TASK, '        task: "Rà soát \\q"\n'),
    "bad-unicode-escape": plan_with(TASK, '        task: "Rà soát \\ud800"\n'),
    "undefined-alias": plan_with("lead: [van-phong]", "lead: [*khong]"),
    "alias-loop": plan_with("groups:\n", "loop: &l [*l]\ngroups:\n"),
    "reserved-char": plan_with("output: Báo cáo rà soát", "output: @Báo cáo"),
    "backtick": plan_with("output: Báo cáo rà soát", "output: `Báo cáo`"),
    "bad-anchor-name": plan_with("lead: [van-phong]", "lead: &[van-phong]"),
    "yaml-2": b"%YAML 2.0\n---\n" + SMALL_PLAN.encode(),
    "truncated": SMALL_PLAN.encode()[: len(SMALL_PLAN.encode()) // 2] + b'"unterminated',
    # wrong types
    "year-text": plan_with("year: 2025", "year: hai nghìn"),
    "year-list": plan_with("year: 2025", "year: [2025]"),
    "year-bool": plan_with("year: 2025", "year: true"),
    "year-float": plan_with("year: 2025", "year: 2025.5"),
    "year-huge": plan_with("year: 2025", "year: " + "9" * 5000),
    "year-nan": plan_with("year: 2025", "year: .nan"),
    "year-out-of-range": plan_with("year: 2025", "year: 1999"),
    "units-map": plan_with("units:\n  - id: van-phong", "units:\n  van-phong:\n    id: van-phong"),
    "sections-text": plan_with("sections:\n", "sections: nhiều mục\nx:\n"),
    "lead-text": plan_with("lead: [van-phong]\n        support", "lead: van-phong\n        support"),
    "task-number": plan_with(TASK, "        task: 12\n"),
    "date-text": plan_with("date: 2025-03-05", "date: năm ngoái"),
    "date-impossible": plan_with("date: 2025-03-05", "date: 2025-02-30"),
    "version-text": plan_with("format_version: 1", "format_version: một"),
    "version-float": plan_with("format_version: 1", "format_version: 1.0"),
    "version-negative": plan_with("format_version: 1", "format_version: -1"),
    "version-newer": plan_with("format_version: 1", "format_version: 99"),
    "version-missing": plan_with("format_version: 1\n", ""),
    "top-level-list": b"- format_version: 1\n",
    "top-level-text": "chỉ là một dòng chữ\n".encode(),
    "top-level-number": b"2025\n",
    # unknown and duplicated keys
    "unknown-top-key": plan_with("units:\n", "unit_list: []\nunits:\n"),
    "misspelt-task-key": plan_with("        output: Báo cáo rà soát", "        outptu: Báo cáo rà soát"),
    "duplicate-top-key": plan_with("units:\n", "groups: []\nunits:\n"),
    "duplicate-task-key": plan_with(
        "        output: Báo cáo rà soát", "        output: A\n        output: B"
    ),
    "list-key": plan_with("units:\n", "? [a, b]\n: c\nunits:\n"),
    "null-key": plan_with("units:\n", "~: c\nunits:\n"),
    "merge-key": plan_with("  - id: thanh-tra\n", "  - <<: {id: thanh-tra}\n"),
    # tags
    "python-object": plan_with("lead: [van-phong]", "lead: !!python/object/apply:os.system [ls]"),
    "python-name": plan_with("output: Báo cáo rà soát", "output: !!python/name:os.system"),
    "custom-tag": plan_with("output: Báo cáo rà soát", "output: !ngoai Báo cáo"),
    "binary-tag": plan_with("output: Báo cáo rà soát", "output: !!binary QsOhbyBjw6Fv"),
    "set-tag": plan_with("lead: [van-phong]", "lead: !!set {van-phong}"),
    "tag-directive": b"%TAG ! tag:ngoai.vn,2025:\n---\n" + plan_with("year: 2025", "year: !x 2025"),
    # YAML 1.1 leftovers
    "sexagesimal": plan_with("year: 2025", "year: 33:45"),
    "hex": plan_with("year: 2025", "year: 0x7E9"),
    "octal": plan_with("year: 2025", "year: 0o3751"),
    "underscores": plan_with("year: 2025", "year: 2_025"),
    "quoted-number": plan_with("year: 2025", 'year: "2025"'),
    # empty
    "zero-bytes": b"",
    "only-spaces": b"   \n\n  \n",
    "only-comments": "# kế hoạch\n# (chưa viết)\n".encode(),
    "document-marker": b"---\n",
    "document-end": b"---\n...\n",
    "null": b"null\n",
    "tilde": b"~\n",
    # binary and encodings
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "elf": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64,
    "zip-docx": b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40,
    "random": bytes((i * 151 + 7) % 256 for i in range(4096)),
    "nul-inside": plan_with("output: Báo cáo rà soát", "output: Báo cáo\x00 rà soát"),
    "latin-1": SMALL_PLAN.replace("Rà soát", "Rà sóat").encode("latin-1", "replace"),
    "cp1258": SMALL_PLAN.encode("cp1258", "replace"),
    "utf-16-le-bom": codecs.BOM_UTF16_LE + SMALL_PLAN.encode("utf-16-le"),
    "utf-16-be-bom": codecs.BOM_UTF16_BE + SMALL_PLAN.encode("utf-16-be"),
    "utf-16-no-bom": SMALL_PLAN.encode("utf-16-le"),
    "utf-32-bom": SMALL_PLAN.encode("utf-32"),
    "overlong-utf8": plan_with("output: Báo cáo rà soát", "output: x").replace(
        b"output: x", b"output: \xc0\xaf"
    ),
    "surrogate-utf8": plan_with("output: Báo cáo rà soát", "output: x").replace(
        b"output: x", b"output: \xed\xa0\x80"
    ),
    "bom-then-broken": codecs.BOM_UTF8 + plan_with("year: 2025", "year: [2025"),
    "crlf-broken": SMALL_PLAN.replace("\n", "\r\n").replace("year: 2025", "year: [2025").encode(),
    "cr-only-broken": SMALL_PLAN.replace("\n", "\r").replace("year: 2025", "year: [2025").encode(),
    # control characters the YAML reader refuses
    "raw-esc": plan_with("output: Báo cáo rà soát", "output: Báo cáo \x1b[2J"),
    "raw-bel": plan_with("output: Báo cáo rà soát", "output: Báo cáo \x07"),
    "raw-backspace": plan_with("output: Báo cáo rà soát", "output: Báo cáo \x08\x08"),
    "raw-del": plan_with("output: Báo cáo rà soát", "output: Báo cáo \x7f"),
    # size and shape
    "deep-flow": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep-nested-600": b"a: " + b"[" * 600 + b"]" * 600 + b"\n",
    "deep-block": "".join("  " * i + f"k{i}:\n" for i in range(300)).encode(),
    "billion-laughs": (
        "\n".join(
            ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
            + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
        )
        + "\n"
    ).encode(),
    "long-alias-text": plan_with(
        "  - id: thanh-tra\n",
        "  - id: thanh-tra\n    note: &t " + "x" * 300_000 + "\n    aliases: [" + "*t, " * 50 + "*t]\n",
    ),
    "huge-key": plan_with("units:\n", "k" * 200_000 + ": 1\nunits:\n"),
    # control characters in values (escapes): the plan loads, lint refuses
}

LINT_ONLY: dict[str, bytes] = {
    "escaped-esc": plan_with(TASK, '        task: "Rà soát \\e[2J"\n'),
    "escaped-osc": plan_with(TASK, '        task: "Rà soát \\e]0;tiêu đề\\a"\n'),
    "escaped-nul": plan_with(TASK, '        task: "Rà soát\\0"\n'),
    "escaped-c1": plan_with(TASK, '        task: "Rà soát \\x9b31m"\n'),
    "bidi-override": plan_with("name: Thanh tra Sở", "name: Thanh tra \u202eSở"),
    "bidi-isolate": plan_with("name: Thanh tra Sở", "name: Thanh tra \u2066Sở\u2069"),
    "bidi-escaped": plan_with(TASK, '        task: "Rà soát \\u202Evăn bản"\n'),
    "control-in-key": plan_with("units:\n", '"ghi\\x07chú": 1\nunits:\n'),
}


@pytest.mark.parametrize("name", sorted(PLANS))
def test_plans_are_refused_with_a_placed_vietnamese_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(PLANS[name])
    line = refused(cchc("due", "--plan", str(path), "--as-of", "01/06/2025"), code=1, place=True, many=True)
    assert len(line) < 400, line
    lint = cchc("lint", str(path))
    assert lint.exit_code == 1 and "Traceback" not in lint.output
    errors = [row for row in lint.stdout.splitlines() if " lỗi [" in row]
    assert errors and all(PLACE.match(row) for row in errors), lint.stdout


@pytest.mark.parametrize("name", sorted(LINT_ONLY))
def test_control_characters_in_values_are_lint_errors(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(LINT_ONLY[name])
    lint = cchc("lint", str(path))
    assert lint.exit_code == 1, lint.output
    found = [row for row in lint.stdout.splitlines() if "[control-character]" in row]
    assert found and all(PLACE.match(row) for row in found)
    assert not any(row.split(":")[1] == "1" for row in found)  # placed on its line, not 1:1


@pytest.mark.parametrize(
    "content",
    [
        SMALL_PLAN.replace("\n", "\r\n").encode(),
        codecs.BOM_UTF8 + SMALL_PLAN.encode(),
        SMALL_PLAN.replace("\n", "\r").encode(),
    ],
    ids=["crlf", "utf8-bom", "cr-only"],
)
def test_line_endings_and_a_utf8_bom_are_read(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    result = cchc("list", "--plan", str(path), "--format", "json")
    assert result.exit_code == 0 and '"id": "II.1"' in result.stdout


# --- progress files (with the bundled plan) -----------------------------------------------------


def progress_with(old: str, new: str) -> bytes:
    assert old in SAMPLE_PROGRESS, old
    return SAMPLE_PROGRESS.replace(old, new, 1).encode("utf-8")


PROGRESS: dict[str, bytes] = {
    "broken-yaml": progress_with("records:\n", "records: [\n"),
    "records-map": progress_with("records:\n", "records: {}\nx:\n"),
    "record-text": "format_version: 1\nplan: 2025\nrecords:\n  - chỉ là chữ\n".encode(),
    "missing-evidence": progress_with("    evidence: Báo cáo số 45/BC-SXD ngày 10/02/2025\n", ""),
    "empty-evidence": progress_with("evidence: Báo cáo số 45/BC-SXD ngày 10/02/2025", 'evidence: ""'),
    "unknown-task": progress_with("  - task: I.1\n", "  - task: XX.9\n"),
    "unknown-milestone": progress_with(
        '    milestone: "1"\n    done: 2025-02-10', '    milestone: "9"\n    done: 2025-02-10'
    ),
    "unknown-period": progress_with("period: 2025-Q1", "period: 2025-Q7"),
    "done-before-year": progress_with("done: 2025-02-10", "done: 2020-02-10"),
    "done-impossible": progress_with("done: 2025-02-10", "done: 2025-02-30"),
    "done-text": progress_with("done: 2025-02-10", "done: hôm qua"),
    "duplicate-record": progress_with(
        "# hết tệp\n", "  - task: I.1\n    milestone: '1'\n    done: 2025-02-11\n    evidence: lại\n"
    ),
    "duplicate-key": progress_with("    done: 2025-02-10\n", "    done: 2025-02-10\n    done: 2025-02-11\n"),
    "unknown-key": progress_with("    done: 2025-02-10\n", "    done: 2025-02-10\n    hoàn_thành: có\n"),
    "wrong-plan": progress_with("plan: 2025", "plan: 2019"),
    "newer-format": progress_with("format_version: 1", "format_version: 7"),
    "python-tag": progress_with(
        "evidence: Báo cáo số 45/BC-SXD ngày 10/02/2025", "evidence: !!python/object:os.system x"
    ),
    "binary": b"\x00\x01\x02\x03" * 100,
    "utf-16": SAMPLE_PROGRESS.encode("utf-16"),
    "latin-1": SAMPLE_PROGRESS.encode("cp1258", "replace").replace(b"Ti", b"T\xe9", 1),
    "empty": b"",
    "null": b"null\n",
    "deep": b"records: " + b"[" * 300 + b"]" * 300 + b"\n",
    "alias-bomb": (
        "format_version: 1\nplan: 2025\nx: &x " + "y" * 600_000 + "\nrecords: [*x, *x, *x, *x]\n"
    ).encode(),
}


@pytest.mark.parametrize("name", sorted(PROGRESS))
def test_progress_files_are_refused_with_a_placed_vietnamese_line(tmp_path: Path, name: str) -> None:
    plan = sample_pair(tmp_path, progress=None)
    progress = plan.with_name("2025.progress.yaml")
    progress.write_bytes(PROGRESS[name])
    line = refused(cchc("due", "--plan", str(plan), "--as-of", "01/06/2025"), code=1, place=True, many=True)
    assert "2025.progress.yaml:" in line


# --- settings files --------------------------------------------------------------------------------

SETTINGS_YAML: dict[str, bytes] = {
    "broken": b"lint:\n  disable: [yaml-syntax\n",
    "unknown-section": b"lnit:\n  disable: []\n",
    "disable-text": b"lint:\n  disable: whitespace\n",
    "unknown-rule": b"lint:\n  disable: [khong-co]\n",
    "required-rule": b"lint:\n  disable: [yaml-syntax]\n",
    "bad-severity": b"lint:\n  severity: {whitespace: fatal}\n",
    "regrade-schema": b"lint:\n  severity: {schema: info}\n",
    "top-list": b"- lint\n",
    "empty": b"",
    "python-tag": b"lint: !!python/object/apply:os.system [ls]\n",
    "binary": b"\x00\xff" * 50,
    "utf-16": "lint:\n  disable: []\n".encode("utf-16"),
}
SETTINGS_TOML: dict[str, bytes] = {
    "broken": b"[tool.cchc.lint]\ndisable = [\n",
    "disable-number": b"[tool.cchc.lint]\ndisable = 5\n",
    "unknown-key": b"[tool.cchc.lint]\ndisabled = []\n",
    "latin-1": b"[tool.cchc.lint]\n# ghi ch\xfa\ndisable = []\n",
}


def _settings_refused(tmp_path: Path, name: str, content: bytes) -> None:
    plan = sample_pair(tmp_path, progress=None)
    (plan.parent / name).write_bytes(content)
    result = cchc("lint", str(plan))
    line = refused(result, code=2, says="cấu hình")
    assert line == "cchc: cấu hình kiểm tra sai; sửa tệp cấu hình rồi chạy lại"
    problems = [row for row in result.stdout.splitlines() if row.strip()]
    assert problems and all(PLACE.match(row) and name in row for row in problems), result.stdout


@pytest.mark.parametrize("name", sorted(SETTINGS_YAML))
def test_settings_yaml_is_refused_with_its_place(tmp_path: Path, name: str) -> None:
    _settings_refused(tmp_path, ".cchc.yaml", SETTINGS_YAML[name])


@pytest.mark.parametrize("name", sorted(SETTINGS_TOML))
def test_settings_toml_is_refused_with_its_place(tmp_path: Path, name: str) -> None:
    _settings_refused(tmp_path, "pyproject.toml", SETTINGS_TOML[name])


# --- cache entries: never served, never a failure -----------------------------------------------

CACHE_ENTRIES: dict[str, bytes] = {
    "empty": b"",
    "pickle": b"\x80\x05\x95\x1c\x00\x00\x00\x00\x00\x00\x00\x8c\x05posix\x94\x8c\x06system\x94\x93\x94.",
    "not-json": b"\xff\xfe\x00garbage",
    "json-list": b"[1, 2, 3]",
    "json-deep": b'{"plan": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "json-huge-number": b'{"format": 2, "key": ' + b"9" * 10_000 + b"}",
    "json-nan": b'{"format": NaN}',
    "utf-16": '{"format": 2}'.encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(CACHE_ENTRIES))
def test_a_broken_cache_entry_is_a_normal_load(tmp_path: Path, name: str) -> None:
    from cchc_cli.plan.cache import cache_key

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    entry = cache / f"plan-{cache_key(plan.read_bytes())[:40]}.json"
    entry.write_bytes(CACHE_ENTRIES[name])
    result = cchc("list", "--plan", str(plan), "--format", "json", env={"CCHC_CACHE_DIR": str(cache)})
    assert result.exit_code == 0, result.output
    assert '"id": "II.1"' in result.stdout
    assert entry.read_bytes().startswith(b'{"format":2,')  # replaced by a good one


# --- output paths -----------------------------------------------------------------------------------


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo.csv")
    return folder / "fifo.csv"


def _read_only(folder: Path) -> Path:
    path = folder / "chi-doc.csv"
    path.write_text("cũ", encoding="utf-8")
    path.chmod(0o444)
    return path


def _loop(folder: Path) -> Path:
    (folder / "a.csv").symlink_to("b.csv")
    (folder / "b.csv").symlink_to("a.csv")
    return folder / "a.csv"


def _existing(folder: Path) -> Path:
    path = folder / "co-roi.csv"
    path.write_text("cũ", encoding="utf-8")
    return path


def _not_a_folder(folder: Path) -> Path:
    (folder / "tep").write_text("x", encoding="utf-8")
    return folder / "tep" / "ket-qua.csv"


posix = sys.platform != "win32"
OUTPUTS: dict[str, tuple[Callable[[Path], Path | str], tuple[str, ...], int]] = {
    "missing-folder": (lambda f: f / "khong-co" / "x.csv", ("--force",), 1),
    "folder": (lambda f: f, ("--force",), 1),
    "trailing-separator": (lambda f: f"{f}/moi/", (), 2),
    "empty": (lambda f: "", (), 2),
    "existing-without-force": (_existing, (), 1),
    "name-too-long": (lambda f: f / ("x" * 300 + ".csv"), (), 1),
    "under-a-file": (_not_a_folder, ("--force",), 1),
    **(
        {
            "fifo": (_fifo, ("--force",), 1),
            "read-only": (_read_only, ("--force",), 1),
            "link-loop": (_loop, ("--force",), 1),
        }
        if posix
        else {}
    ),
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
@pytest.mark.parametrize("kind", ["csv", "xlsx", "ics"])
def test_outputs_that_cannot_be_written_are_refused(
    tmp_path: Path, name: str, kind: str, clock: Callable[..., None]
) -> None:
    import datetime as dt

    clock(dt.datetime(2025, 6, 1, 3, tzinfo=dt.timezone.utc))  # the calendar's time stamp
    make, extra, code = OUTPUTS[name]
    folder = tmp_path / "out"
    folder.mkdir()
    target = str(make(folder))
    args = ["export", kind, "--plan", str(PLAN_2025), "-o", target, *extra]
    if kind != "ics":
        args += ["--as-of", "01/06/2025"]
    refused(cchc(*args), code=code)
    if name in ("existing-without-force", "read-only"):
        assert Path(target).read_text(encoding="utf-8") == "cũ"


# --- arguments ----------------------------------------------------------------------------------------

ARGUMENTS: dict[str, list[str]] = {
    "as-of-words": ["due", "--as-of", "hôm qua"],
    "as-of-day-32": ["due", "--as-of", "32/01/2025"],
    "as-of-month-13": ["due", "--as-of", "01/13/2025"],
    "as-of-two-digit-year": ["due", "--as-of", "01/06/25"],
    "as-of-feb-30": ["due", "--as-of", "30/02/2025"],
    "as-of-year-0": ["due", "--as-of", "01/01/0000"],
    "as-of-empty": ["due", "--as-of", ""],
    "as-of-spaces": ["due", "--as-of", "   "],
    "as-of-control": ["due", "--as-of", "01/06/2025\x1b[2J"],
    "within-negative": ["due", "--within", "-1", "--as-of", "01/06/2025"],
    "within-huge": ["due", "--within", "99999999999999999999", "--as-of", "01/06/2025"],
    "unit-unknown": ["due", "--unit", "Phòng Không Có", "--as-of", "01/06/2025"],
    "unit-empty": ["due", "--unit", "", "--as-of", "01/06/2025"],
    "unit-huge": ["due", "--unit", "phòng " * 20_000, "--as-of", "01/06/2025"],
    "section-unknown": ["due", "--section", "XIV", "--as-of", "01/06/2025"],
    "section-empty": ["list", "--section", ""],
    "show-unknown": ["show", "XX.99"],
    "show-huge": ["show", "I." + "1" * 10_000],
    "done-future": ["done", "I.2", "-m", "1", "--on", "31/12/2099", "-e", "x"],
    "done-no-evidence": ["done", "I.2", "-m", "1", "--on", "01/05/2025", "-e", "  "],
    "done-unknown-task": ["done", "XX.1", "-e", "x", "--on", "01/05/2025"],
    "done-bad-period": ["done", "VII.5", "--period", "2025-Q9", "-e", "x", "--on", "01/05/2025"],
    "reopen-nothing": ["reopen", "I.2", "-m", "1"],
    "progress-missing": ["due", "--progress", "khong-co.yaml", "--as-of", "01/06/2025"],
    "plan-missing": ["due", "--plan", "khong-co.yaml", "--as-of", "01/06/2025"],
    "diff-bad-revision": ["diff", "--", "-x:y", "plans/2025.yaml"],
    "config-missing": ["lint", "--config", "khong-co.toml"],
    "max-mb-text": ["due", "--as-of", "01/06/2025"],
}


@pytest.mark.parametrize("name", sorted(ARGUMENTS))
def test_bad_arguments_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Callable[..., None], name: str
) -> None:
    import datetime as dt

    clock(dt.datetime(2025, 6, 1, 3, tzinfo=dt.timezone.utc))
    monkeypatch.chdir(tmp_path)
    plan = sample_pair(tmp_path)
    args = ARGUMENTS[name]
    env = {"CCHC_MAX_FILE_MB": "mười"} if name == "max-mb-text" else None
    with_plan = args if args[0] in ("diff", "lint") or "--plan" in args else [*args, "--plan", str(plan)]
    if name == "reopen-nothing":
        plan.with_name("2025.progress.yaml").unlink()
    line = refused(cchc(*with_plan, env=env))
    assert len(line) < 400, line
