"""`cchc site` in a real browser: Debian's Chromium driven by Playwright, no download.

The site (bundled plan, sample progress, as of 20/06/2025) is loaded from file:// and from a
local http.server on 127.0.0.1 (an ephemeral port). Every request is logged: all must stay on
the site. One browser for the module, with a fresh profile folder. Screenshots of the overview
at 1280 and 360 px go to test-artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.export.conftest import (
    HOSTILE_EVIDENCE,
    HOSTILE_TASK,
    OVERDUE_BY_HAND,
    TIMELINE_VII,
    build,
    build_hostile,
)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"

if not CHROMIUM.exists():
    pytest.skip(
        "chưa cài Chromium (/usr/bin/chromium): bỏ qua kiểm tra trang web trên trình duyệt thật "
        "(cài bằng: apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="chưa cài playwright (pip install '.[test]'): bỏ qua kiểm tra trên trình duyệt",
)


class Server:
    def __init__(self, folder: Path) -> None:
        handler = functools.partial(Quiet, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[Server]:
    running = Server(site)
    yield running
    running.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
        yield context
        context.close()


class Watched:
    """A page whose console errors, page errors and requests are recorded."""

    def __init__(self, context: Any, width: int = 1280) -> None:
        self.page = context.new_page()
        self.page.set_viewport_size({"width": width, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def __enter__(self) -> Watched:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.page.close()


SAMPLE = ["index.html", "don-vi/index.html", "don-vi/van-phong.html", "muc/III.html", "lich/index.html"]
SAMPLE += ["phu-luc/index.html"]


@pytest.mark.parametrize("where", ["file", "http"])
def test_pages_load_clean_and_stay_on_the_site(browser: Any, site: Path, server: Server, where: str) -> None:
    # Every page from file:// (where a missing file or a blocked script shows first); a sample
    # through the web server.
    base = site.as_uri() + "/" if where == "file" else server.base
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) == 24
    if where == "http":
        pages = SAMPLE
    with Watched(browser) as w:
        for name in pages:
            w.page.goto(base + name)
            h1, form_shown = w.page.evaluate(
                "[document.querySelectorAll('h1').length,"
                " Array.from(document.querySelectorAll('form.loc')).every(f => !f.hidden)]"
            )
            assert (h1, form_shown) == (1, True), name
        # a link followed from the overview lands on the task's anchor
        w.page.goto(base + "index.html")
        w.page.locator("#bang-qua-han a", has_text="III.3").click()
        assert w.page.url.endswith("muc/III.html#nv-III.3")
        assert w.page.locator('[id="nv-III.3"]').is_visible()
    assert w.errors == []
    allowed = site.as_uri() + "/" if where == "file" else server.base
    assert [url for url in w.requests if not url.startswith(allowed)] == []
    assert len(w.requests) >= len(pages) * 3  # each page, its style sheet and its script


def test_the_overdue_list_is_the_one_worked_out_by_hand(browser: Any, server: Server) -> None:
    with Watched(browser) as w:
        w.page.goto(server.base + "index.html")
        rows = w.page.locator("#bang-qua-han tbody tr")
        found = [
            (rows.nth(i).locator("td").nth(0).inner_text(), rows.nth(i).locator("td").nth(3).inner_text())
            for i in range(rows.count())
        ]
    assert found == OVERDUE_BY_HAND


def visible_ids(page: Any, table: str) -> list[str]:
    return page.locator(f"{table} tbody tr:visible td:first-child").all_inner_texts()


def test_the_filter_box(browser: Any, server: Server) -> None:
    with Watched(browser) as w:
        w.page.goto(server.base + "index.html")
        everything = visible_ids(w.page, "#bang-qua-han")
        assert len(everything) == 11
        # Typing a unit, without diacritics: Thanh tra Sở is one of "Các phòng, ban, đơn vị
        # thuộc và trực thuộc Sở", which supports VI.3, III.3 and VII.6 and leads VII.2 and
        # VII.3; VII.4, III.4 and the four VII.8 rows do not concern it. Of the 3 upcoming
        # rows, VII.6 and I.4 (supported by the same group) stay, VII.8 goes: 7 of 14.
        w.page.fill("#loc-q", "thanh tra")
        assert visible_ids(w.page, "#bang-qua-han") == ["VII.2", "VII.3", "VI.3", "III.3", "VII.6"]
        assert w.page.locator("#loc-n").inner_text() == "Đang hiện 7/14 dòng."
        # free text ignores diacritics: "danh gia" finds "đánh giá" (VII.8's four months)
        w.page.fill("#loc-q", "danh gia")
        assert visible_ids(w.page, "#bang-qua-han") == ["VII.8"] * 4
        w.page.fill("#loc-q", "")
        w.page.select_option("#loc-u", "mot-cua")  # Bộ phận một cửa supports VII.8 only
        assert visible_ids(w.page, "#bang-qua-han") == ["VII.8"] * 4
        w.page.select_option("#loc-u", "")
        w.page.select_option("#loc-s", "III")
        assert visible_ids(w.page, "#bang-qua-han") == ["III.4", "III.3"]
        w.page.click("button[type=reset]")
        w.page.wait_for_function(
            "document.querySelectorAll('#bang-qua-han tbody tr:not([hidden])').length == 11"
        )
    assert w.errors == []


def test_without_javascript_every_row_shows(browser: Any, server: Server) -> None:
    with Watched(browser) as w:
        w.page.route("**/site.js", lambda route: route.abort())
        w.page.goto(server.base + "index.html")
        assert not w.page.locator("form.loc").is_visible()
        assert len(visible_ids(w.page, "#bang-qua-han")) == 11


def test_the_timeline_marks(browser: Any, server: Server) -> None:
    with Watched(browser) as w:
        w.page.goto(server.base + "lich/index.html")
        svg = w.page.locator('section[data-section="VII"] svg')
        counts = {k: svg.locator(f'[data-kind="{k}"]').count() for k in TIMELINE_VII}
        box = svg.bounding_box()
        assert box is not None and box["width"] >= 700  # drawn, not collapsed
    assert counts == TIMELINE_VII
    assert w.errors == []


def test_print_hides_navigation_and_filter(browser: Any, server: Server) -> None:
    with Watched(browser) as w:
        w.page.goto(server.base + "index.html")
        w.page.emulate_media(media="print")
        assert not w.page.locator("nav.nav").is_visible()
        assert not w.page.locator("form.loc").is_visible()
        assert w.page.locator("#bang-qua-han").is_visible()


def test_a_script_in_the_plan_runs_nothing(browser: Any, tmp_path: Path) -> None:
    out = build_hostile(tmp_path)
    with Watched(browser) as w:
        for name in (
            "index.html",
            "muc/I.html",
            "don-vi/van-phong.html",
            "phu-luc/index.html",
            "lich/index.html",
        ):
            w.page.goto((out / name).as_uri())
            assert w.page.evaluate("typeof window.pwned") == "undefined", name
        w.page.goto((out / "muc/I.html").as_uri())
        assert w.page.locator('[id="nv-I.1"] dd.cell').first.inner_text() == HOSTILE_TASK
        assert HOSTILE_EVIDENCE in w.page.locator('[id="nv-I.1"] table.rec').inner_text()
    assert w.errors == []
    assert [u for u in w.requests if not u.startswith(out.as_uri() + "/")] == []  # no <img src=x>


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_of_the_overview(browser: Any, server: Server, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"site-tong-quan-{width}.png"
    with Watched(browser, width) as w:
        w.page.goto(server.base + "index.html")
        w.page.screenshot(path=str(shot), full_page=True)
        overflow = w.page.evaluate("document.documentElement.scrollWidth")
    assert shot.stat().st_size > 10_000
    assert overflow <= width  # nothing pushes the page sideways, on a phone too
