"""Several agencies' plans at once: `--plan` repeated, `--plans DIR`, `--agency`, `stats --by agency`.

The province of tests/conftest.py (`province`), worked out by hand on 20/06/2025 (a Friday):

* Sở Xây dựng (the bundled plan, no progress): 13 overdue (tests/query/test_status.py), 27
  open (the 25 dated milestones due on or after 20/06, the Friday 20/06 of VII.6, June of
  VII.8), 5 waiting; all 13 overdue items concern its Văn phòng Sở (lead or support).
* Sở Tư pháp: I.1 due 28/02 overdue, I.2 due 30/09 open, II.1 due 31/05 done 20/05 (early).
* UBND xã: I.1 due 14/07 open, I.2 ongoing, I.3 due 09/06 overdue; it has no Văn phòng Sở.

So 15 overdue in all; Sở Tư pháp completes 1/2 = 50%, the xã 0/1 and Sở Xây dựng 0/13.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.errors import UsageError
from cchc_cli.plan import loader
from cchc_cli.plan.agencies import agency_slug, match_agencies
from cchc_cli.plan.discovery import agency_plans
from tests.conftest import PLAN_XA, province

AS_OF = "20/06/2025"
SXD, STP, XA = "Sở Xây dựng tỉnh Khánh Hòa", "Sở Tư pháp tỉnh Khánh Hòa", "UBND xã Cam Hải Tây"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    province(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def shown(path: str) -> str:
    """A path as the commands show it: relative, with this system's separator."""
    return str(Path(path))


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    return result


def as_json(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- finding the plans and the agencies ---------------------------------------------------------


def test_plans_dir_reads_the_newest_plan_of_each_agency_folder(tmp_path: Path) -> None:
    plans = province(tmp_path)
    (plans / ".cache").mkdir()
    (plans / ".cache" / "2030.yaml").write_text("", encoding="utf-8")  # hidden: never a plan
    (plans / "trong").mkdir()  # a folder without plans is no agency
    found = agency_plans(plans)
    assert [p.relative_to(plans).as_posix() for p in found] == [
        "so-tu-phap/2025.yaml",
        "so-xay-dung/2025.yaml",  # not 2024.yaml
        "ubnd-xa/2025.yaml",
    ]
    # plans lying in the folder itself are one more agency, listed first
    (plans / "2025.yaml").write_text(PLAN_XA, encoding="utf-8")
    assert agency_plans(plans)[0] == plans / "2025.yaml"


def test_agency_matching() -> None:
    names = [(SXD, "so-xay-dung"), (STP, "so-tu-phap"), (XA, "ubnd-xa")]
    assert match_agencies(names, "so xay dung tinh khanh hoa") == [0]  # case and diacritics ignored
    assert match_agencies(names, "SỞ TƯ PHÁP TỈNH KHÁNH HÒA") == [1]
    assert match_agencies(names, "ubnd-xa") == [2]  # the agency's folder
    assert match_agencies(names, "cam hai tay") == [2]  # two whole words of one name only
    with pytest.raises(UsageError, match="nhiều cơ quan"):
        match_agencies(names, "tinh khanh hoa")  # in two names
    with pytest.raises(UsageError, match="có phải: “Sở Tư pháp tỉnh Khánh Hòa”"):
        match_agencies(names, "Sở Tư phap tinh Khanh Hoaa")
    assert agency_slug(SXD) == "so-xay-dung-tinh-khanh-hoa"


# --- due and list -----------------------------------------------------------------------------


def test_due_across_the_province(runner: CliRunner, here: Path) -> None:
    data = as_json(runner, "due", "--plans", "plans", "--as-of", AS_OF, "-f", "json")
    overdue = data["overdue"]
    assert len(overdue) == 15
    assert sum(1 for i in overdue if i["agency"] == SXD) == 13
    # earliest first; on 28/02 Sở Tư pháp's I.1 and Sở Xây dựng's IV.9 fall due: agency order
    assert [(i["agency"], i["id"], i["due"]) for i in overdue[:7]] == [
        (SXD, "VII.4", "2024-09-30"),
        (SXD, "VII.2", "2024-11-19"),
        (SXD, "VII.3", "2024-11-19"),
        (SXD, "VI.3", "2024-11-29"),
        (SXD, "I.1", "2025-02-18"),
        (STP, "I.1", "2025-02-28"),
        (SXD, "IV.9", "2025-02-28"),
    ]
    xa = next(i for i in overdue if i["agency"] == XA)
    assert (xa["id"], xa["due"], xa["days"], xa["plan"]) == (
        "I.3",
        "2025-06-09",
        11,
        "plans/ubnd-xa/2025.yaml",
    )
    # the same keys as a single plan's report: scripts see one shape
    assert set(data) == {"as_of", "unit", "within", "overdue", "upcoming", "waiting", "left_out"}
    assert data["left_out"]["done"] == 1  # Sở Tư pháp's II.1


def test_due_table_has_the_agency_column(runner: CliRunner, here: Path) -> None:
    result = run(runner, "due", "--plans", "plans", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["Trạng thái", "Cơ quan", "Mã"]
    assert lines[1].split("\t")[:3] == ["Quá hạn", SXD, "VII.4"]
    assert "Kế hoạch: 3 kế hoạch (--plans plans)" in result.stderr


def test_a_unit_is_matched_within_each_plan(runner: CliRunner, here: Path) -> None:
    result = run(runner, "due", "--plans", "plans", "-u", "van phong so", "--as-of", AS_OF, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["unit"] == "Văn phòng Sở"
    assert len(data["overdue"]) == 14  # Sở Xây dựng's 13 and Sở Tư pháp's I.1
    assert {i["agency"] for i in data["overdue"]} == {SXD, STP}
    assert f"Không có đơn vị “van phong so” trong 1 kế hoạch, bỏ qua: {shown('plans/ubnd-xa/2025.yaml')}" in (
        result.stderr
    )
    nowhere = run(runner, "due", "--plans", "plans", "-u", "Phòng Kinh tế hạ tầng", "--as-of", AS_OF)
    assert nowhere.exit_code == 2
    assert "không kế hoạch nào có đơn vị “Phòng Kinh tế hạ tầng”" in nowhere.stderr


def test_agency_filter_and_repeated_plan(runner: CliRunner, here: Path) -> None:
    one = as_json(runner, "due", "--plans", "plans", "--agency", "so tu phap", "--as-of", AS_OF, "-f", "json")
    assert [(i["agency"], i["id"]) for i in one["overdue"]] == [(STP, "I.1")]
    two = as_json(
        runner, "due", "--plans", "plans", "--agency", "so-tu-phap", "--agency", "Cam Hải Tây",
        "--as-of", AS_OF, "-f", "json",
    )  # fmt: skip
    assert [(i["agency"], i["id"]) for i in two["overdue"]] == [(STP, "I.1"), (XA, "I.3")]
    listed = as_json(
        runner, "due", "-p", "plans/so-tu-phap/2025.yaml", "-p", "plans/ubnd-xa/2025.yaml",
        "--as-of", AS_OF, "-f", "json",
    )  # fmt: skip
    assert listed["overdue"] == two["overdue"]
    unknown = run(runner, "due", "--plans", "plans", "--agency", "Sở Y tế tỉnh Gia Lai", "--as-of", AS_OF)
    assert unknown.exit_code == 2 and "không có cơ quan “Sở Y tế tỉnh Gia Lai”" in unknown.stderr


def test_usage_errors(runner: CliRunner, here: Path) -> None:
    progress = run(runner, "due", "--plans", "plans", "--progress", "x.yaml", "--as-of", AS_OF)
    assert progress.exit_code == 2 and "--progress chỉ dùng với một kế hoạch" in progress.stderr
    empty = here / "rong"
    empty.mkdir()
    nothing = run(runner, "due", "--plans", "rong", "--as-of", AS_OF)
    assert nothing.exit_code == 2 and "không có kế hoạch nào" in nothing.stderr
    not_dir = run(runner, "due", "--plans", "plans/ubnd-xa/2025.yaml", "--as-of", AS_OF)
    assert not_dir.exit_code == 2 and "không phải thư mục" in not_dir.stderr


def test_list_across_plans(runner: CliRunner, here: Path) -> None:
    tasks = as_json(runner, "list", "--plans", "plans", "-f", "json")
    assert len(tasks) == 3 + 54 + 3  # in plan order: so-tu-phap, so-xay-dung, ubnd-xa
    assert [(t["agency"], t["id"]) for t in (tasks[0], tasks[3], tasks[-1])] == [
        (STP, "I.1"),
        (SXD, "I.1"),
        (XA, "I.3"),
    ]
    table = run(runner, "list", "--plans", "plans", "-f", "csv")
    header = next(csv.reader(io.StringIO(table.stdout)))
    assert header == ["Mã", "Cơ quan", "Mục", "Nhiệm vụ", "Tiến độ", "Chủ trì", "Phối hợp"]


# --- statistics -----------------------------------------------------------------------------


TIERS = "stats:\n  tiers:\n    - {min: 90, points: 2}\n    - {min: 50, points: 1}\n"


def test_stats_by_agency(runner: CliRunner, here: Path) -> None:
    (here / "plans" / ".cchc.yaml").write_text(TIERS, encoding="utf-8")
    data = as_json(runner, "stats", "--plans", "plans", "--as-of", AS_OF, "-f", "json")
    assert data["by"] == "agency"
    rows = data["agencies"]
    # by completion rate (50% first), then fewer overdue (the xã's 1 before Sở Xây dựng's 13)
    assert [r["agency"] for r in rows] == [STP, XA, SXD]

    def buckets(r: dict) -> tuple[int, ...]:  # type: ignore[type-arg]
        return (r["early"], r["on_time"], r["late"], r["open"], r["overdue"], r["waiting"])

    assert [buckets(r) for r in rows] == [(1, 0, 0, 1, 1, 0), (0, 0, 0, 1, 1, 0), (0, 0, 0, 27, 13, 5)]
    assert [r["completion_rate"] for r in rows] == [0.5, 0.0, 0.0]
    # tiers from plans/.cchc.yaml: 50% reaches the 50% tier (1 point of 2); 0% reaches none
    assert [(r["score"]["points"], r["score"]["max_points"]) for r in rows] == [(1, 2), (0, 2), (0, 2)]
    assert buckets(data["total"]) == (1, 0, 0, 29, 15, 5)
    assert data["total"]["completion_rate"] == round(1 / 16, 4)
    table = run(runner, "stats", "--plans", "plans", "--as-of", AS_OF)
    lines = table.stdout.splitlines()
    assert lines[0].split("\t")[0] == "Cơ quan"
    assert lines[1].split("\t") == [STP, "2025", "1", "0", "0", "1", "1", "0", "50,0%", "1/2"]


def test_stats_by_agency_for_one_unit_and_one_plan(runner: CliRunner, here: Path) -> None:
    data = as_json(runner, "stats", "--plans", "plans", "-u", "Văn phòng Sở", "--as-of", AS_OF, "-f", "json")
    # Sở Tư pháp's Văn phòng leads I.1 (overdue) and II.1 (early), not I.2
    first = data["agencies"][0]
    assert (first["agency"], first["early"], first["open"], first["overdue"]) == (STP, 1, 0, 1)
    assert [r["agency"] for r in data["agencies"]] == [STP, SXD]
    single = as_json(
        runner,
        "stats",
        "--plan",
        "plans/so-tu-phap/2025.yaml",
        "--by",
        "agency",
        "--as-of",
        AS_OF,
        "-f",
        "json",
    )
    assert [r["agency"] for r in single["agencies"]] == [STP]
    refused = run(runner, "stats", "--plans", "plans", "--by", "section", "--as-of", AS_OF)
    assert refused.exit_code == 2 and "--by section chỉ dùng với một kế hoạch" in refused.stderr


def test_single_plan_stats_json_names_its_agency_and_plan(runner: CliRunner, here: Path) -> None:
    data = as_json(runner, "stats", "--plan", "plans/so-tu-phap/2025.yaml", "--as-of", AS_OF, "-f", "json")
    assert (data["agency"], data["plan"]) == (STP, shown("plans/so-tu-phap/2025.yaml"))
    assert {"as_of", "unit", "total", "by_section", "by_unit", "score"} < set(data)


# --- exports and the site --------------------------------------------------------------------------


def test_table_exports_across_plans(runner: CliRunner, here: Path) -> None:
    items = as_json(runner, "export", "json", "--plans", "plans", "--as-of", AS_OF)["items"]
    overdue = [i for i in items if i["status"] == "overdue"]
    assert len(overdue) == 15
    assert {(i["agency"], i["plan"]) for i in items} == {
        (STP, shown("plans/so-tu-phap/2025.yaml")),
        (SXD, shown("plans/so-xay-dung/2025.yaml")),
        (XA, shown("plans/ubnd-xa/2025.yaml")),
    }
    text = run(runner, "export", "csv", "--plans", "plans", "--as-of", AS_OF).stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Cơ quan", "Tệp kế hoạch", "Mã"]
    assert rows[1][:3] == [STP, shown("plans/so-tu-phap/2025.yaml"), "I.1"]
    assert len(rows) == 1 + len(items)
    single = run(runner, "export", "csv", "--plan", "plans/ubnd-xa/2025.yaml", "--as-of", AS_OF).stdout
    assert next(csv.reader(io.StringIO(single)))[0] == "Mã"  # one plan: the table as before
    xlsx = run(runner, "export", "xlsx", "--plans", "plans", "--as-of", AS_OF)
    assert xlsx.exit_code == 0, xlsx.output
    from openpyxl import load_workbook

    sheet = load_workbook(here / "cchc-2025.xlsx").worksheets[0]
    assert [sheet.cell(1, 1).value, sheet.cell(1, 3).value] == ["Cơ quan", "Mã"]
    assert sheet.max_row == 1 + len(items)


def test_calendar_of_several_agencies(
    runner: CliRunner, here: Path, clock: Callable[[dt.datetime], None]
) -> None:
    clock(dt.datetime(2025, 6, 20, 1, 0, tzinfo=dt.timezone.utc))
    result = run(
        runner, "export", "ics", "-p", "plans/so-tu-phap/2025.yaml", "-p", "plans/ubnd-xa/2025.yaml",
        "-o", "lich.ics",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    from icalendar import Calendar

    calendar = Calendar.from_ical((here / "lich.ics").read_bytes())
    events = [e for e in calendar.walk("VEVENT")]
    # Sở Tư pháp: I.1, I.2, II.1 dated; the xã: I.1 and I.3 (I.2 is ongoing: no day)
    assert sorted(str(e["SUMMARY"]).split(":")[0] for e in events) == [STP] * 3 + [XA] * 2
    assert len({str(e["UID"]) for e in events}) == 5
    assert str(calendar["X-WR-CALNAME"]) == "Kế hoạch CCHC 2025 — 2 cơ quan"


def test_site_of_several_agencies(runner: CliRunner, here: Path) -> None:
    result = run(runner, "site", "--plans", "plans", "--as-of", AS_OF, "-o", "public")
    assert result.exit_code == 0, result.output
    public = here / "public"
    index = (public / "index.html").read_text(encoding="utf-8")
    folders = ["so-tu-phap-tinh-khanh-hoa", "ubnd-xa-cam-hai-tay", "so-xay-dung-tinh-khanh-hoa"]
    links = [index.index(f'href="{name}/index.html"') for name in folders]
    assert links == sorted(links)  # in the order of stats --by agency
    for name in folders:
        assert (public / name / "index.html").is_file()
        assert (public / name / "phu-luc-2025.docx").is_file()
    assert (public / "assets" / "site.css").is_file() and (public / ".cchc-site").is_file()
    assert "<td>15</td>" in index[index.index("<tfoot>") :]  # 15 overdue in all
    agency = (public / "so-tu-phap-tinh-khanh-hoa" / "index.html").read_text(encoding="utf-8")
    assert "Sở Tư pháp tỉnh Khánh Hòa" in agency


# --- the plan cache holds per plan -------------------------------------------------------------


def test_editing_one_plan_reloads_only_that_plan(
    runner: CliRunner, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_CACHE_DIR", str(here / "cache"))
    monkeypatch.delenv("CCHC_NO_CACHE", raising=False)
    loads: list[str] = []
    real = loader.load_plan

    def counting(path: Path, shown: str | None = None, text: str | None = None):  # type: ignore[no-untyped-def]
        loads.append(Path(path).parent.name)
        return real(path, shown, text)  # the cache hands over the text it has already read

    monkeypatch.setattr(loader, "load_plan", counting)
    args = ("due", "--plans", "plans", "--as-of", AS_OF, "-f", "json")
    first = as_json(runner, *args)
    assert sorted(loads) == ["so-tu-phap", "so-xay-dung", "ubnd-xa"]
    loads.clear()
    assert as_json(runner, *args) == first and loads == []  # every plan from the cache
    path = here / "plans" / "ubnd-xa" / "2025.yaml"
    path.write_text(PLAN_XA.replace("Trước ngày 10/6/2025", "Trước ngày 10/7/2025"), encoding="utf-8")
    edited = as_json(runner, *args)
    assert loads == ["ubnd-xa"]  # the two other plans are not validated again
    assert len(edited["overdue"]) == 14
