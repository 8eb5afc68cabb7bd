"""`cchc site` without a browser: files, the overdue list and the timeline worked out by hand,
escaping, byte-identical rebuilds, the page-size cap on 1,000 tasks, the folder rules, colours.

The browser checks (file:// and http, console, requests, filter, screenshots) are in
test_site_browser.py.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.export.ics import build_calendar
from cchc_cli.export.site import writer
from cchc_cli.export.site.model import SiteSettings
from cchc_cli.export.site.pages import build_site, calendar_stamp
from cchc_cli.plan.loader import load_plan
from cchc_cli.progress.log import load_progress
from cchc_cli.query.due import Selection
from tests.conftest import PLAN_2025, ROOT
from tests.export.conftest import (
    HOSTILE_EVIDENCE,
    HOSTILE_OUTPUT,
    HOSTILE_TASK,
    OVERDUE_BY_HAND,
    SECTIONS,
    TIMELINE_VII,
    UNITS,
    build,
    build_hostile,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site"))


def page(site: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / name).read_bytes())


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_files_of_the_site(site: Path) -> None:
    files = set(tree(site))
    expected = {
        ".cchc-site",
        "index.html",
        "assets/site.css",
        "assets/site.js",
        "don-vi/index.html",
        "muc/index.html",
        "lich/index.html",
        "phu-luc/index.html",
        "phu-luc-2025.docx",
        *(f"don-vi/{u}.html" for u in UNITS),
        *(f"muc/{s}.html" for s in SECTIONS),
        # Văn thư Sở only co-leads II.5 "Thường xuyên": no day, so no calendar.
        *(f"don-vi/{u}.ics" for u in UNITS if u != "van-thu"),
    }
    assert files == expected
    for name in files:
        if name.endswith(".html"):
            root = page(site, name)
            assert root.get("lang") == "vi"
            assert len(root.findall(".//h1")) == 1, name
            assert "20/06/2025" in root.findtext(".//header//strong")


def test_the_overview_lists_what_is_overdue_worked_out_by_hand(site: Path) -> None:
    root = page(site, "index.html")
    rows = root.xpath('//table[@id="bang-qua-han"]/tbody/tr')
    found = [(tr.xpath("td[1]")[0].text_content(), tr.xpath("td[4]")[0].text_content()) for tr in rows]
    assert found == OVERDUE_BY_HAND
    assert "Quá hạn (11 mốc)" in root.xpath('string(//h3[@id="qua-han"])')
    vii6 = rows[-1].xpath("string(td[5])")
    assert vii6 == "24 kỳ chưa ghi nhận, gần nhất 13/06/2025"
    # Upcoming by 04/07: this week's Friday report of VII.6 (20/06, due today), I.4 "Quý
    # II/2025" (30/06; its record is dated 30/06, after the as-of day) and VII.8 for June.
    upcoming = [
        (tr.xpath("string(td[1])"), tr.xpath("string(td[4])"))
        for tr in root.xpath('//table[@id="bang-sap-den-han"]/tbody/tr')
    ]
    assert upcoming[0] == ("VII.6", "20/06/2025")
    assert {("I.4", "30/06/2025"), ("VII.8", "30/06/2025")} <= set(upcoming)
    # the chart's text equivalent: the totals row of the numbers table
    # (sớm hạn: I.1, III.3 mốc 2, VII.5 Q2; đúng hạn: VII.5 Q1, VII.8 01; trễ hạn: IV.9)
    total = [td.text_content() for td in root.xpath('//table[@class="nums"]/tfoot/tr/td')]
    assert total[0] == "Toàn kế hoạch"
    assert (total[1:4], total[5]) == (["3", "2", "1"], "11")


def test_a_task_shows_its_four_cells_verbatim(site: Path) -> None:
    plan = load_plan(PLAN_2025).plan
    task = next(t for _s, t in plan.iter_tasks() if t.id == "III.3")
    article = page(site, "muc/III.html").get_element_by_id("nv-III.3")
    cells = [dd.text_content() for dd in article.xpath('.//dd[@class="cell"]')]
    assert cells == [task.task, task.output, task.schedule, task.assignment]
    assert "\n" in task.schedule and "\n" in task.assignment  # line breaks kept, not joined
    # its milestones: mốc 1 overdue (14/05), mốc 2 done early on 25/03 with the evidence
    rows = article.xpath('.//table[contains(@class, "ms")]/tbody/tr')
    assert [r.xpath("string(td[3])") for r in rows] == ["14/05/2025", "31/03/2025"]
    assert rows[0].xpath("string(td[4])").startswith("Quá hạn 37 ngày")
    assert rows[1].xpath("string(td[5])") == "Kế hoạch số 30/KH-TTĐK ngày 25/03/2025"


def test_the_timeline_has_one_mark_per_dated_milestone(site: Path) -> None:
    root = page(site, "lich/index.html")
    [svg] = root.xpath('//section[@data-section="VII"]//*[local-name()="svg"]')
    counts = {kind: len(svg.xpath(f'.//*[@data-kind="{kind}"]')) for kind in TIMELINE_VII}
    assert counts == TIMELINE_VII
    assert len(svg.xpath('.//*[@class="lane"]')) == 8  # VII.1 … VII.8
    assert svg.xpath('.//*[local-name()="line"][@class="today"]')


def test_unit_pages_and_their_calendar(site: Path, clock) -> None:  # type: ignore[no-untyped-def]
    root = page(site, "don-vi/mot-cua.html")
    # Bộ phận một cửa only supports VII.8 (monthly): no task to lead, one to support.
    assert root.xpath('string(//h2[@id="h-lead"])') == "Nhiệm vụ chủ trì (0)"
    assert root.xpath('string(//h2[@id="h-support"])') == "Nhiệm vụ phối hợp (1)"
    assert root.xpath('//a[@href="mot-cua.ics"]')
    # The calendar is what `cchc export ics --unit` writes, stamped with the as-of day.
    clock(dt.datetime(2025, 6, 19, 17, 0, tzinfo=dt.timezone.utc))  # 20/06 00:00 in Việt Nam
    out = site.parent / "mot-cua.ics"
    plan = site.parent / "plans" / "2025.yaml"
    result = CliRunner().invoke(
        app, ["export", "ics", "--unit", "mot cua", "--plan", str(plan), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (site / "don-vi" / "mot-cua.ics").read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    ("days", "said", "trigger"),
    [
        (3, "nhắc trước hạn 3 ngày, lúc 8 giờ", b"TRIGGER:-P2DT16H"),
        (0, "nhắc vào ngày đến hạn, lúc 8 giờ", b"TRIGGER:PT8H"),
    ],
)
def test_a_unit_page_says_when_its_calendar_reminds(days: int, said: str, trigger: bytes) -> None:
    # 08:00 N days before the day: 3 days before is 2 days and 16 hours before midnight.
    plan = load_plan(PLAN_2025).plan
    built = build_site(plan, None, dt.date(2025, 6, 20), SiteSettings(remind_days=days))
    text = lxml.html.fromstring(built.file("don-vi/van-phong.html").data).xpath('string(//p[@class="cal"])')
    assert said in " ".join(text.split())
    ics = built.file("don-vi/van-phong.ics").data
    assert ics.count(trigger) == ics.count(b"BEGIN:VALARM") > 0


def test_every_text_is_escaped(tmp_path: Path) -> None:
    out = build_hostile(tmp_path)
    pages = {name: data.decode("utf-8") for name, data in tree(out).items() if name.endswith(".html")}
    every = "\n".join(pages.values())
    assert "window.pwned" in every  # the text is there…
    for raw in ("<script>window", '<img src="x"', "<svg onload", "<b>Báo cáo", "<i>Thử", "<u>Sở", "<em>"):
        assert raw not in every, raw  # … never as markup
    section = lxml.html.fromstring(pages["muc/I.html"].encode())
    article = section.get_element_by_id("nv-I.1")
    cells = [dd.text_content() for dd in article.xpath('.//dd[@class="cell"]')]
    assert cells[:2] == [HOSTILE_TASK, HOSTILE_OUTPUT]
    assert article.xpath('string(.//table[contains(@class, "rec")]/tbody/tr/td[3])') == HOSTILE_EVIDENCE
    scripts = [s.get("src") for p in pages.values() for s in lxml.html.fromstring(p.encode()).iter("script")]
    assert set(scripts) == {"../assets/site.js", "assets/site.js"}  # the site's own script only


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    first = tree(build(tmp_path / "a"))
    second = tree(build(tmp_path / "b"))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    # rebuilding over the first site replaces it with the same bytes
    again = tree(build(tmp_path / "a"))
    assert again == first


def test_pages_stay_under_300_kb_on_a_1000_task_plan(tmp_path: Path) -> None:
    from bench.bench_export_docx import big_plan_yaml
    from bench.bench_site import big_progress_yaml

    plan_file = tmp_path / "2025.yaml"
    plan_file.write_text(big_plan_yaml(), encoding="utf-8")
    (tmp_path / "2025.progress.yaml").write_text(big_progress_yaml(), encoding="utf-8")
    loaded = load_plan(plan_file)
    log = load_progress(tmp_path / "2025.progress.yaml", loaded)
    built = build_site(loaded.plan, log, dt.date(2025, 9, 30), SiteSettings())
    pages = {f.path: f.data for f in built.files if f.path.endswith(".html")}
    assert max(len(d) for d in pages.values()) <= 300_000
    # Văn phòng Sở leads all 1,000 tasks: its page is cut by section, linked from its index.
    index = lxml.html.fromstring(pages["don-vi/van-phong.html"])
    links = index.xpath('//nav[@class="parts"]//a/@href')
    assert links == [f"van-phong.{s}.html" for s in SECTIONS]
    assert all(f"don-vi/{link}" in pages for link in links)
    # each of the 1,000 tasks has its details on exactly one section page
    anchors = [
        a for name, d in pages.items() if name.startswith("muc/") for a in re.findall(rb'id="nv-([^"]+)"', d)
    ]
    assert len(anchors) == len(set(anchors)) == 1000


def test_a_foreign_folder_is_refused_and_a_failed_build_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    plan = tmp_path / "plans" / "2025.yaml"
    out = build(tmp_path)
    assert (out / ".cchc-site").is_file()
    before = tree(out)
    foreign = tmp_path / "tai-lieu"
    foreign.mkdir()
    (foreign / "bao-cao.docx").write_bytes(b"x")
    base = ["site", "--plan", str(plan), "--as-of", "20/06/2025"]
    result = runner.invoke(app, [*base, "-o", str(foreign)])
    assert result.exit_code == 1
    assert "không do `cchc site` tạo; thêm --force" in result.output
    assert (foreign / "bao-cao.docx").read_bytes() == b"x"
    result = runner.invoke(app, [*base, "-o", str(tmp_path / "plans"), "--force"])
    assert result.exit_code == 1 and "trang web cần một thư mục riêng" in result.output

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "docx_bytes", broken)
    result = runner.invoke(app, [*base, "-o", str(out)])
    assert result.exit_code == 1
    assert "trang cũ vẫn còn nguyên" in result.output
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans", "public", "tai-lieu"]  # no leftovers
    monkeypatch.undo()
    result = runner.invoke(app, [*base, "-o", str(foreign), "--force"])
    assert result.exit_code == 0, result.output
    assert not (foreign / "bao-cao.docx").exists() and (foreign / "index.html").is_file()


def test_the_calendar_stamp_is_the_as_of_day() -> None:
    plan = load_plan(PLAN_2025).plan
    stamp = calendar_stamp(dt.date(2025, 6, 20))
    assert stamp.astimezone(dt.timezone.utc) == dt.datetime(2025, 6, 19, 17, 0, tzinfo=dt.timezone.utc)
    data = build_calendar(plan, dtstamp=stamp, selection=Selection(unit="van-thu"))
    assert b"BEGIN:VEVENT" not in data


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa() -> None:
    css = (ROOT / "templates" / "html" / "site" / "site.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6});", css))
    assert contrast("#000000", "#ffffff") == pytest.approx(21)  # the formula itself
    pairs = [("ink", "bg"), ("muted", "bg"), ("link", "bg"), ("ink", "soft"), ("muted", "soft")]
    pairs += [("link", "soft"), ("head-ink", "head"), ("s-overdue", "bg"), ("s-overdue", "soft")]
    # badges and bar segments: white text on each dark status colour, ink on the pale ones
    pairs += [(s, "head-ink") for s in ("s-early", "s-on_time", "s-late", "s-done_undated")]
    pairs += [(s, "head-ink") for s in ("s-open", "s-overdue", "s-waiting")]
    pairs += [("ink", s) for s in ("s-ongoing", "s-reference", "s-unknown")]
    low = {f"{a}/{b}": round(contrast(colours[a], colours[b]), 2) for a, b in pairs}
    assert {k: v for k, v in low.items() if v < 4.5} == {}
    printed = css.split("@media print", 1)[1]
    assert ".nav, .skip, .loc" in printed and "break-inside: avoid" in printed


def _tool(name: str) -> list[str]:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} không được cài (pip install '.[test]')")
    return [found]


def test_the_pages_workflow_is_valid() -> None:
    workflow = ROOT / ".github" / "workflows" / "site.yml"
    result = subprocess.run(
        [*_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text(encoding="utf-8")
    for needed in (
        "plans/**",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert needed in text
    assert "cchc site -o public" in text
