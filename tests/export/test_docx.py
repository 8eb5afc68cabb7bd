"""`cchc export docx`: reopen the Word file with python-docx and check it against values
worked out by hand from the decree (ND30 Phụ lục I), the seed and plans/2025.yaml.

Numbers used below: A4 is 210 × 297 mm = 11906 × 16838 twips (1 mm = 1440/25.4 twips);
the default margins 20/20/30/15 mm are 1134/1134/1701/850 twips, so the landscape text
width is 16838 − 1701 − 850 = 14287 twips. Font sizes are in half-points (12 pt = 24).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.export.appendix import attachment_line
from cchc_cli.plan.model import DocumentRef
from tests.conftest import MINIMAL_PLAN, PLAN_2025, ROOT

NBSP6 = "\u00a0" * 6
TITLE_2025 = (
    "NHIỆM VỤ, GIẢI PHÁP KHẮC PHỤC TỒN TẠI, HẠN CHẾ, NÂNG CAO CHỈ SỐ CẢI CÁCH HÀNH CHÍNH "
    "CỦA SỞ XÂY DỰNG NĂM 2025"
)  # the seed's title, on one line
HEADERS = (
    "STT",
    "Nhiệm vụ",
    "Kết quả/sản phẩm",
    "Tiến độ",
    "Phân công (chủ trì/phối hợp) và cách thức thực hiện",
)
SECTION_TITLES = {  # from tests/data/seed-2025.txt
    "I": "CẢI CÁCH THỂ CHẾ",
    "II": "CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)",
    "III": "CẢI CÁCH TỔ CHỨC BỘ MÁY",
    "IV": "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
    "V": "CẢI CÁCH TÀI CHÍNH CÔNG",
    "VI": "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
    "VII": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "VIII": "CẢI THIỆN CHỈ SỐ HÀI LÒNG CỦA SỞ XÂY DỰNG",
    "IX": "CẢI THIỆN CÁC TIÊU CHÍ ĐIỂM THƯỜNG",
    "X": "HẠNG CHẾ KHÔNG VI PHẠM CÁC NỘI DUNG ĐIỂM TRỪ",  # sic: the seed's "HẠNG CHẾ"
}
MARGIN_RANGES = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}


def export(runner: CliRunner, out: Path, *args: str, plan: Path = PLAN_2025) -> Any:
    result = runner.invoke(app, ["export", "docx", "--plan", str(plan), "-o", str(out), *args])
    return result


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("docx") / "phu-luc.docx"
    result = export(CliRunner(), out)
    assert result.exit_code == 0, result.stderr
    return Document(str(out))


def yaml_sections() -> list[dict[str, Any]]:
    with PLAN_2025.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["sections"]


def cell_text(cell: Any) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def half_points(run_or_rpr: Any) -> int:
    return int(run_or_rpr.find(qn("w:sz")).get(qn("w:val")))


def has_page_field(part_element: Any) -> bool:
    instr = [t.text or "" for t in part_element.iter(qn("w:instrText"))]
    simple = [f.get(qn("w:instr")) or "" for f in part_element.iter(qn("w:fldSimple"))]
    return any(text.split() == ["PAGE"] for text in instr + simple)


# --- page -----------------------------------------------------------------------------------


def test_page_is_a4_landscape_with_margins_in_range(bundled: Any) -> None:
    assert len(bundled.sections) == 1
    section = bundled.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width.twips == 16838  # 297 mm
    assert section.page_height.twips == 11906  # 210 mm
    for side, (low, high) in MARGIN_RANGES.items():
        mm = getattr(section, f"{side}_margin").mm
        assert low - 0.5 <= mm <= high + 0.5, (side, mm)
    assert round(section.top_margin.mm) == 20
    assert round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30
    assert round(section.right_margin.mm) == 15


def test_page_numbers_in_header_hidden_on_first_page(bundled: Any) -> None:
    section = bundled.sections[0]
    assert section.different_first_page_header_footer  # w:titlePg
    assert section._sectPr.find(qn("w:titlePg")) is not None
    number_type = section._sectPr.find(qn("w:pgNumType"))
    assert number_type.get(qn("w:start")) == "1"
    header = section.header
    assert not header.is_linked_to_previous
    assert has_page_field(header._element)
    paragraph = header.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in paragraph._p.iter(qn("w:r")):
        assert half_points(run.find(qn("w:rPr"))) in (26, 28)  # 13–14 pt
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not has_page_field(first._element)
    assert "".join(p.text for p in first.paragraphs) == ""


def test_fonts_are_times_new_roman_black_everywhere(bundled: Any) -> None:
    section = bundled.sections[0]
    parts = [bundled.element, section.header._element, section.first_page_header._element]
    runs = [r for part in parts for r in part.iter(qn("w:r"))]
    assert len(runs) > 65 * 5
    for run in runs:
        rpr = run.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            assert fonts.get(qn(attr)) == "Times New Roman"
        assert rpr.find(qn("w:color")).get(qn("w:val")) == "000000"
    styles = bundled.styles.element
    rprs = list(styles.iter(qn("w:rPr")))
    assert rprs  # docDefaults and every style that sets character properties
    for rpr in rprs:
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts is not None
        assert {k.split("}")[1]: v for k, v in fonts.attrib.items()} == {
            "ascii": "Times New Roman",
            "hAnsi": "Times New Roman",
            "cs": "Times New Roman",
            "eastAsia": "Times New Roman",
        }  # and no theme font that would override them
        color = rpr.find(qn("w:color"))
        assert color is not None and color.get(qn("w:val")) == "000000"
        assert color.get(qn("w:themeColor")) is None
    normal = bundled.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(13)


def test_heading_paragraphs(bundled: Any) -> None:
    label, title, attachment = bundled.paragraphs[:3]
    assert label.text == "Phụ lục"
    assert title.text == TITLE_2025
    # plans/2025.yaml has no number or date yet: both positions stay blank, the year stays.
    assert attachment.text == (
        f"(Kèm theo Kế hoạch số {NBSP6}/KH-SXD ngày {NBSP6} tháng {NBSP6} năm 2025 của Sở Xây dựng)"
    )
    expected = ((label, True, False), (title, True, False), (attachment, False, True))
    for paragraph, bold, italic in expected:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.runs
        for run in paragraph.runs:
            assert run.font.size == Pt(14)
            assert bool(run.bold) is bold
            assert bool(run.italic) is italic


# --- the table ------------------------------------------------------------------------------


def test_table_rows_headers_and_flags(bundled: Any) -> None:
    assert len(bundled.tables) == 1
    table = bundled.tables[0]
    rows = table.rows
    assert len(rows) == 1 + 10 + 54
    header = rows[0]
    assert tuple(c.text for c in header.cells) == HEADERS
    header_pr = header._tr.find(qn("w:trPr"))
    assert header_pr.find(qn("w:tblHeader")) is not None
    for cell in header.cells:
        for paragraph in cell.paragraphs:
            assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
            assert all(run.bold for run in paragraph.runs)
    for row in rows:
        assert row._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    for row in rows[1:]:
        assert row._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.find(qn("w:tblGrid"))]
    assert len(grid) == 5
    assert sum(grid) == 16838 - 1701 - 850  # the landscape text width
    for run in table._tbl.iter(qn("w:r")):
        assert half_points(run.find(qn("w:rPr"))) in (24, 26)  # 12–13 pt
    borders = table._tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        assert borders.find(qn(f"w:{side}")).get(qn("w:val")) == "single"


def test_every_yaml_cell_verbatim_in_its_row(bundled: Any) -> None:
    rows = bundled.tables[0].rows[1:]
    expected: list[tuple[str, ...]] = []
    for section in yaml_sections():
        expected.append((section["numeral"], section["title"]))
        for task in section["tasks"]:
            cells = (task["task"], task["output"], task["schedule"], task["assignment"])
            expected.append((task["number"], *cells))
    assert len(rows) == len(expected) == 64
    for row, want in zip(rows, expected, strict=True):
        cells = row.cells
        if len(want) == 2:  # a section row: numeral, then the title across four columns
            numeral, title = want
            assert cell_text(cells[0]) == numeral
            assert cell_text(cells[1]) == title == SECTION_TITLES[numeral]
            assert cells[1]._tc.find(qn("w:tcPr")).find(qn("w:gridSpan")).get(qn("w:val")) == "4"
            assert all(r.bold for c in cells[:2] for p in c.paragraphs for r in p.runs)
        else:
            assert tuple(cell_text(c) for c in cells) == want


def test_multiline_cell_is_one_paragraph_per_line(bundled: Any) -> None:
    # III.3 is row 16 (0 header; 1 I, 2–6 its tasks; 7 II, 8–12; 13 III, 14 III.1, 15 III.2).
    # Its Phân công cell has four lines in the seed: "- Đơn vị thực hiện:", two "+" lines,
    # then "- Đơn vị phối hợp…".
    row = bundled.tables[0].rows[16]
    assert row.cells[0].text == "3"
    assignment = row.cells[4].paragraphs
    assert [p.text[:2] for p in assignment] == ["- ", "+ ", "+ ", "- "]


def test_stt_numbering_in_section_iii(bundled: Any) -> None:
    rows = bundled.tables[0].rows
    start = next(i for i, r in enumerate(rows) if r.cells[0].text == "III")
    numbers = [r.cells[0].text for r in rows[start + 1 : start + 8]]
    # The seed numbers the seven tasks 1, 2, 3, 3, 4, 5, 6, and the export prints the STT of
    # the signed document (task `number`), so the row of III.4 reads "4".
    assert numbers == ["1", "2", "3", "3", "4", "5", "6"]
    assert rows[start + 8].cells[0].text == "IV"


# --- filters --------------------------------------------------------------------------------

# Thanh tra Sở is named directly (thanh-tra) or through the group "toan-so" in the lead or
# support lists of 20 tasks of plans/2025.yaml, counted by hand:
THANH_TRA = {
    "I": ["1", "3", "4"],  # I.1, I.3, I.4
    "III": ["1", "2", "3", "5"],  # III.1, III.2, III.3, III.5 (printed STT, 6th row of the section)
    "IV": ["6", "11"],
    "V": ["1"],
    "VI": ["2", "3", "6"],
    "VII": ["2", "3", "6", "7"],
    "IX": ["1", "2", "3"],
}


def numerals_and_stt(document: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = ""
    for row in document.tables[0].rows[1:]:
        cells = row.cells
        if cells[1]._tc is cells[4]._tc:  # a section row spans the four text columns
            current = cells[0].text
            found[current] = []
        else:
            found[current].append(cells[0].text)
    return found


def test_filtered_by_unit(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "tt.docx"
    result = export(runner, out, "--unit", "Thanh tra Sở")
    assert result.exit_code == 0, result.stderr
    assert "20 nhiệm vụ trong 7 mục" in result.stderr
    document = Document(str(out))
    assert len(document.tables[0].rows) == 1 + 7 + 20
    assert numerals_and_stt(document) == THANH_TRA


def test_filtered_by_section(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "iii.docx"
    assert export(runner, out, "--section", "III").exit_code == 0
    document = Document(str(out))
    assert len(document.tables[0].rows) == 1 + 1 + 7
    assert numerals_and_stt(document) == {"III": ["1", "2", "3", "3", "4", "5", "6"]}
    out2 = tmp_path / "tt-iii.docx"
    assert export(runner, out2, "--section", "III", "--unit", "thanh tra").exit_code == 0
    assert numerals_and_stt(Document(str(out2))) == {"III": THANH_TRA["III"]}


def test_filter_errors(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "x.docx"
    unknown = export(runner, out, "--unit", "Phòng Không Có")
    assert unknown.exit_code == 2
    assert "không có đơn vị" in unknown.stderr
    assert export(runner, out, "--section", "XI").exit_code == 2
    # Section II names Thanh tra nowhere: nothing to write.
    empty = export(runner, out, "--section", "II", "--unit", "Thanh tra Sở")
    assert empty.exit_code == 1
    assert "không có nhiệm vụ nào" in empty.stderr
    assert not out.exists()


# --- the Kèm-theo line ----------------------------------------------------------------------


def test_attachment_line_dates_per_nd30() -> None:
    # ND30 Phụ lục I, II.4.b: a day below 10 and the months 1, 2 take a leading zero.
    ref = DocumentRef(number="15", symbol="KH-SXD", date=dt.date(2025, 2, 3), issuer="Sở Xây dựng")
    assert attachment_line(ref, 2025) == (
        "(Kèm theo Kế hoạch số 15/KH-SXD ngày 03 tháng 02 năm 2025 của Sở Xây dựng)"
    )
    autumn = ref.model_copy(update={"date": dt.date(2025, 11, 25)})
    assert "ngày 25 tháng 11 năm 2025" in attachment_line(autumn, 2025)
    december_before = ref.model_copy(update={"number": "", "date": dt.date(2024, 12, 30)})
    assert attachment_line(december_before, 2025) == (
        f"(Kèm theo Kế hoạch số {NBSP6}/KH-SXD ngày 30 tháng 12 năm 2024 của Sở Xây dựng)"
    )
    assert attachment_line(december_before, 2025, electronic=True) == (
        f"(Kèm theo Kế hoạch số {NBSP6}/KH-SXD ngày {NBSP6} tháng {NBSP6} năm 2024 của Sở Xây dựng)"
    )


def test_paper_and_electronic_lines(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")  # Kế hoạch số 12/KH-STN, 05/03/2025
    paper = tmp_path / "giay.docx"
    assert export(runner, paper, plan=plan).exit_code == 0
    assert Document(str(paper)).paragraphs[2].text == (
        "(Kèm theo Kế hoạch số 12/KH-STN ngày 05 tháng 3 năm 2025 của Sở Thử nghiệm)"
    )
    electronic = tmp_path / "dien-tu.docx"
    assert export(runner, electronic, "--electronic", plan=plan).exit_code == 0
    line = Document(str(electronic)).paragraphs[2]
    assert line.text == (
        f"(Kèm theo Kế hoạch số {NBSP6}/KH-STN ngày {NBSP6} tháng {NBSP6} năm 2025 của Sở Thử nghiệm)"
    )
    assert all(run.italic for run in line.runs)


# --- writing --------------------------------------------------------------------------------


def test_default_name_overwrite_refusal_and_force(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["export", "docx", "--plan", str(PLAN_2025)])
    assert first.exit_code == 0, first.stderr
    out = tmp_path / "phu-luc-2025.docx"
    assert "phu-luc-2025.docx" in first.stderr and "54 nhiệm vụ" in first.stderr
    assert len(Document(str(out)).tables[0].rows) == 65

    out.write_bytes(b"ban cu")
    again = runner.invoke(app, ["export", "docx", "--plan", str(PLAN_2025)])
    assert again.exit_code == 1
    assert "--force" in again.stderr
    assert "Traceback" not in again.stderr
    assert out.read_bytes() == b"ban cu"

    forced = runner.invoke(app, ["export", "docx", "--plan", str(PLAN_2025), "--force"])
    assert forced.exit_code == 0
    assert len(Document(str(out)).tables[0].rows) == 65
    # atomic write: the temporary file beside the output is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phu-luc-2025.docx"]


def test_missing_or_bad_template(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "x.docx"
    missing = export(runner, out, "--template", str(tmp_path / "khong-co.docx"))
    assert missing.exit_code == 1
    assert "không tìm thấy tệp mẫu" in missing.stderr
    bad = tmp_path / "hong.docx"
    bad.write_text("không phải Word", encoding="utf-8")
    broken = export(runner, out, "--template", str(bad))
    assert broken.exit_code == 1
    assert "hong.docx" in broken.stderr and ".docx" in broken.stderr
    assert "Traceback" not in broken.stderr
    assert not out.exists()


def _department_template(path: Path, margins: dict[str, float], text: str | None) -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in margins.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header.paragraphs[0].text = "SỞ XÂY DỰNG — tiêu đề thư"
    if text is not None:
        document.add_paragraph(text)
        document.add_paragraph("Nội dung kế hoạch (Chi tiết tại Phụ lục kèm theo).")
    document.save(str(path))


def test_template_keeps_its_content_and_margins(tmp_path: Path, runner: CliRunner) -> None:
    template = tmp_path / "mau-so.docx"
    own = {"top": 25, "bottom": 25, "left": 35, "right": 20}
    _department_template(template, own, "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA")
    out = tmp_path / "ke-hoach.docx"
    result = export(runner, out, "--template", str(template))
    assert result.exit_code == 0, result.stderr
    document = Document(str(out))
    assert document.paragraphs[0].text == "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Phụ lục") > texts.index("Nội dung kế hoạch (Chi tiết tại Phụ lục kèm theo).")
    first, appendix = document.sections
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert first.header.paragraphs[0].text == "SỞ XÂY DỰNG — tiêu đề thư"
    assert not has_page_field(first.header._element)
    for side, mm in own.items():
        assert round(getattr(first, f"{side}_margin").mm) == mm
        assert round(getattr(appendix, f"{side}_margin").mm) == mm  # inside ND30 ranges: kept
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (appendix.page_width.twips, appendix.page_height.twips) == (16838, 11906)
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert has_page_field(appendix.header._element)
    assert not has_page_field(appendix.first_page_header._element)
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 65


def test_template_margins_outside_the_decree_are_brought_inside(tmp_path: Path, runner: CliRunner) -> None:
    # Word's own default: 25.4 mm top/bottom, 31.75 mm left/right; ND30 allows right 15–20.
    template = tmp_path / "trong.docx"
    _department_template(template, {"top": 25.4, "bottom": 25.4, "left": 31.75, "right": 31.75}, None)
    out = tmp_path / "pl.docx"
    assert export(runner, out, "--template", str(template)).exit_code == 0
    document = Document(str(out))
    assert len(document.sections) == 1  # an empty template only lends styles and margins
    section = document.sections[0]
    assert document.paragraphs[0].text == "Phụ lục"
    assert section.orientation == WD_ORIENT.LANDSCAPE
    got = {side: round(getattr(section, f"{side}_margin").mm, 1) for side in MARGIN_RANGES}
    assert got == {"top": 25.0, "bottom": 25.0, "left": 31.8, "right": 20.0}
    assert not any("tiêu đề thư" in p.text for p in section.header.paragraphs)


# --- imports --------------------------------------------------------------------------------


def test_cli_import_does_not_load_python_docx() -> None:
    code = "import cchc_cli.cli.main, sys; print('docx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_default_template_is_reproducible() -> None:
    # `python templates/make_default_template.py` twice gives the same bytes, and the same
    # bytes as the committed templates/default.docx (so the committed file is its output).
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_template", ROOT / "templates" / "make_default_template.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    first = module.build()
    assert module.build() == first
    assert (ROOT / "templates" / "default.docx").read_bytes() == first


# --- a plan that keeps its own table (format 2 `columns`) ----------------------------------

OWN_TABLE = (
    MINIMAL_PLAN.replace("format_version: 1\n", "format_version: 2\n")
    .replace(
        "units:\n",
        "columns:\n"
        "  - {key: task, heading: Nội dung}\n"
        "  - {key: lead, heading: Chủ trì, group: Phân công thực hiện}\n"
        "  - {key: support, heading: Phối hợp, group: Phân công thực hiện}\n"
        "  - {key: schedule, heading: Thời gian hoàn thành}\n"
        "units:\n",
    )
    .replace("    title: CẢI CÁCH THỂ CHẾ\n", "    title: Cải cách thể chế\n")
    .replace(
        "        assignment: Văn phòng Sở chủ trì\n",
        "        cells:\n          lead: Văn phòng Sở\n          support: Thanh tra Sở\n",
    )
)


def test_own_columns_two_header_rows_and_unnumbered_sections(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(OWN_TABLE, encoding="utf-8")
    out = tmp_path / "own.docx"
    result = export(runner, out, plan=plan)
    assert result.exit_code == 0, result.stderr
    rows = Document(str(out)).tables[0]._tbl.findall(qn("w:tr"))

    def cells(tr: Any) -> list[tuple[str, str | None, str | None]]:
        found = []
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span, merge = pr.find(qn("w:gridSpan")), pr.find(qn("w:vMerge"))
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            found.append((text, span.get(qn("w:val")) if span is not None else None,
                          None if merge is None else merge.get(qn("w:val"), "continue")))  # fmt: skip
        return found

    # Nội dung and Thời gian span both header rows; "Phân công thực hiện" spans its two columns.
    assert cells(rows[0]) == [
        ("Nội dung", None, "restart"),
        ("Phân công thực hiện", "2", None),
        ("Thời gian hoàn thành", None, "restart"),
    ]
    assert cells(rows[1]) == [
        ("", None, "continue"), ("Chủ trì", None, None), ("Phối hợp", None, None), ("", None, "continue"),
    ]  # fmt: skip
    assert all(tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for tr in rows[:2])
    # No STT column: the section row is one cell across the table, its title as written.
    assert cells(rows[2]) == [("I. Cải cách thể chế", "4", None)]
    assert [text for text, _span, _merge in cells(rows[3])] == [
        "Rà soát văn bản", "Văn phòng Sở", "Thanh tra Sở", "Trước ngày 15/12/2025",
    ]  # fmt: skip


# --- the XML: today's for the bundled plan; a big table is made where it stays -----------------


def test_bundled_plan_document_xml_unchanged(tmp_path: Path, runner: CliRunner) -> None:
    # word/document.xml as the exporter wrote it before tables were built in place.
    import zipfile

    out = tmp_path / "phu-luc.docx"
    assert export(runner, out).exit_code == 0
    golden = ROOT / "tests" / "data" / "golden" / "2025-document.xml"
    with zipfile.ZipFile(out) as archive:
        assert archive.read("word/document.xml") == golden.read_bytes()


def test_table_is_placed_before_its_rows_are_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Moving a finished table of thousands of rows into the document walked every element
    # again (1.6 s at 10,000 rows): the table goes in holding only its header and the two row
    # prototypes, and every row is then made inside the document.
    from cchc_cli.export import docx as module
    from cchc_cli.export.appendix import appendix_table
    from cchc_cli.plan.loader import load_plan

    placed: list[int] = []
    real_table = module._table

    def spy(table, text_width, layout, place):  # type: ignore[no-untyped-def]
        def counting(element: Any) -> None:
            placed.append(len(element.findall(qn("w:tr"))))
            place(element)

        real_table(table, text_width, layout, counting)

    monkeypatch.setattr(module, "_table", spy)
    table = appendix_table(load_plan(PLAN_2025).plan)
    out = tmp_path / "a.docx"
    module.write_docx(table, out)
    assert placed == [1 + 2]  # the header row and the two prototypes
    rows = Document(str(out)).tables[0].rows
    assert len(rows) == 1 + len(table.body)
