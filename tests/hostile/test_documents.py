"""Control characters in a plan never reach a document raw: Word, Excel, calendars, web pages
and e-mail show each one as its escape (`\\u001b`), as the terminal does. Before: `export
xlsx` stopped with an unexpected error (openpyxl refuses them), the calendar and the site
wrote ESC, BEL and NUL as they were (RFC 5545 and HTML forbid them; a right-to-left override
reversed a unit's name on the page), and Word dropped them without a word."""

from __future__ import annotations

import datetime as dt
import email
import re
import zipfile
from email.policy import SMTP, default
from pathlib import Path

import icalendar
import openpyxl
import pytest

from cchc_cli.plan.loader import load_plan
from cchc_cli.remind.digest import build_digests
from cchc_cli.remind.message import build_message
from cchc_cli.remind.sendlog import SendLog
from tests.hostile.helpers import cchc
from tests.hostile.test_terminal import HOSTILE

RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The task of HOSTILE ("Rà soát\e[2J\e]0;pwned\a văn bản\0 …") and the unit "Thanh tra \u202eSở\u202c",
# as a reader must see them: each control character written out as a six-character escape.
TASK_SHOWN = "Rà soát\\u001b[2J\\u001b]0;pwned\\u0007 văn bản\\u0000 [link=file:///etc]xem[/link]"
UNIT_SHOWN = "Thanh tra \\u202eSở\\u202c"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def export(plan: Path, kind: str, out: Path, *args: str) -> None:
    result = cchc("export", kind, "--plan", str(plan), "-o", str(out), *args)
    assert result.exit_code == 0, result.output


def test_word_shows_the_escapes(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "phu-luc.docx"
    export(plan, "docx", out)
    with zipfile.ZipFile(out) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert TASK_SHOWN.replace("&", "&amp;") in text
    assert not RAW.search(xml)


def test_excel_takes_the_plan_and_shows_the_escapes(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "bang.xlsx"
    export(plan, "xlsx", out, "--as-of", "01/06/2025")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert TASK_SHOWN in cells
    assert any(UNIT_SHOWN in c for c in cells)
    assert not any(RAW.search(c) for c in cells)


def test_the_calendar_holds_no_control_character(plan: Path, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    clock(dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc))  # the calendar's DTSTAMP
    out = tmp_path / "lich.ics"
    export(plan, "ics", out)
    data = out.read_bytes()
    assert not RAW.search(data.decode("utf-8"))
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert any(
        s.startswith("[I.1] Rà soát\\u001b[2J\\u001b]0;pwned\\u0007 văn bản\\u0000") for s in summaries
    )


def test_no_page_of_the_site_holds_a_control_character(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = cchc("site", "--plan", str(plan), "--as-of", "01/06/2025", "-o", str(out))
    assert result.exit_code == 0, result.output
    pages = {p.name: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    assert [name for name, html in pages.items() if RAW.search(html)] == []
    assert TASK_SHOWN in "".join(pages.values())
    assert f"<h1>{UNIT_SHOWN}</h1>" in pages["thanh-tra.html"]


def test_an_e_mail_shows_the_escapes_in_both_parts(plan: Path, tmp_path: Path) -> None:
    loaded = load_plan(plan).plan
    log = SendLog(tmp_path / "log.yaml", 2025)
    digests = build_digests(
        loaded, dt.date(2025, 12, 16), ["van-phong"], within=7, repeat_overdue_days=7, log=log, progress=None
    )
    assert digests, "Văn phòng leads the hostile task: something is overdue on 16/12/2025"
    message = build_message(
        digests[0],
        loaded,
        sender="cchc@example.gov.vn",
        recipients=["vp@example.gov.vn"],
        now=dt.datetime(2025, 12, 16, 0, 30, tzinfo=dt.timezone.utc),
    )
    parsed = email.message_from_bytes(message.as_bytes(policy=SMTP), policy=default)
    html = parsed.get_body(("html",)).get_content()
    text = parsed.get_body(("plain",)).get_content()
    assert "Rà soát\\u001b[2J" in html and "Rà soát\\u001b[2J" in text
    assert not RAW.search(html) and not RAW.search(text)


def test_a_document_keeps_a_lone_carriage_return_the_terminal_shows() -> None:
    # A lone CR would let the rest of a terminal line overwrite its start; in a document it is
    # white space, so documents leave it to their format (and every other control is shown).
    from cchc_cli.safetext import document_text, escape_controls

    assert document_text("Sở\rXây\x1bdựng\u202e") == "Sở\rXây\\u001bdựng\\u202e"
    assert escape_controls("Sở\rXây\x1bdựng\u202e") == "Sở\\u000dXây\\u001bdựng\\u202e"
    assert document_text("Không có gì lạ\r\n") == "Không có gì lạ\r\n"
