"""Write a DocTable as a Word document laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I.

The only module that imports python-docx. The appendix gets its own A4 landscape section:
margins inside the decree's ranges, Times New Roman black, the page number centred in the
header from page 2 on (restarting at 1), "Phụ lục" / title / Kèm-theo lines, then the table
with its header row repeated on every page and rows that are never split.

Speed: python-docx's `table.rows[i]` and `table.cell(r, c)` rebuild the row list on every
call (quadratic), and `add_row()` costs about 1 ms a row. Rows are made here by deep-copying
a prepared `w:tr` element and setting its texts, which costs a few hundredths of a ms.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips
from lxml import etree

from cchc_cli import inputfile
from cchc_cli.atomicwrite import refuse_overwrite, write_atomic
from cchc_cli.errors import CchcError
from cchc_cli.export.doctable import Column, DocTable, Row, SectionRow
from cchc_cli.safetext import document_text

FONT = "Times New Roman"
BLACK = "000000"
A4_SHORT, A4_LONG = 11906, 16838  # twips: 210 mm and 297 mm
TWIPS_PER_MM = 1440 / 25.4

MARGIN_RANGES_MM: dict[str, tuple[float, float]] = {
    "top": (20, 25),
    "bottom": (20, 25),
    "left": (30, 35),
    "right": (15, 20),
}
"""ND30 Phụ lục I, I.3, applied to the page as it is displayed (landscape included)."""

DEFAULT_MARGINS_MM: dict[str, float] = {"top": 20, "bottom": 20, "left": 30, "right": 15}

_W = nsdecls("w")
_ALIGN = {"left": "left", "center": "center", "justify": "both"}
_NONCHARACTERS = re.compile("[\ufffe\uffff]")  # XML cannot hold them either


@dataclass(frozen=True)
class Layout:
    """Sizes the decree leaves a choice for (ND30 ranges in the comments)."""

    heading_pt: float = 14  # "Phụ lục": exactly 14; title and Kèm-theo line: 13–14
    cell_pt: float = 12  # practice: 12–13
    page_number_pt: float = 13  # 13–14
    rule_mm: float = 40  # the short line under the Kèm-theo line (Phụ lục III, mẫu 2.1)
    border_eighths: int = 4  # table borders, in eighths of a point (4 = ½ pt, single)


def default_template() -> Path:
    """The template shipped in the package (cchc_cli/templates), or the repository's copy."""
    from cchc_cli.plan.discovery import shipped

    return shipped("templates", "default.docx")


def write_docx(
    table: DocTable,
    out: Path,
    *,
    template: Path | None = None,
    force: bool = False,
    layout: Layout | None = None,
) -> None:
    """Write `table` to `out` (atomically; an existing `out` only with `force`).

    With `template` (a department's .docx), its content, styles, letterhead and margins are
    kept and the appendix follows in a new landscape section; a template with no content
    (only styles and page set-up) just lends its styles and margins to the appendix.
    """
    if out.is_dir():
        raise CchcError(f"{out}: là một thư mục; chọn tên tệp .docx bằng -o")
    refuse_overwrite(out, force)
    write_atomic(out, docx_bytes(table, template=template, layout=layout), force=force)


def docx_bytes(table: DocTable, *, template: Path | None = None, layout: Layout | None = None) -> bytes:
    """The .docx file of `table` (see `write_docx`), in memory."""
    layout = layout or Layout()
    document = _open_template(template or default_template(), given=template is not None)
    body = document.element.body
    if _has_content(body):
        document.add_section()  # new page; the template's own section keeps its headers
    else:
        body.clear_content()
    section = document.sections[-1]
    text_width = _page_setup(section)
    _headers(document, section, layout)
    _cell_style(document, _half_points(layout.cell_pt))
    _blocks(table, text_width, layout, body.get_or_add_sectPr().addprevious)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- opening -------------------------------------------------------------------------------


def _open_template(path: Path, *, given: bool) -> Any:
    if not os.path.lexists(path):
        if given:
            raise CchcError(f"{path}: không tìm thấy tệp mẫu Word; kiểm tra đường dẫn --template")
        raise CchcError(
            f"{path}: thiếu mẫu mặc định; chạy python templates/make_default_template.py hoặc cài lại cchc"
        )
    raw = inputfile.read_bytes(path, str(path))  # a regular file within the size cap, or a CchcError
    try:
        return Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise CchcError(f"{path}: không đọc được tệp mẫu Word ({exc}); mẫu phải là tệp .docx") from None
    except ValueError as exc:  # e.g. a .dotx: python-docx opens documents only
        raise CchcError(
            f"{path}: không phải tài liệu Word .docx ({exc}); "
            "mở mẫu trong Word và lưu dưới dạng Word Document (.docx)"
        ) from None


def _has_content(body: Any) -> bool:
    """Whether the template's body holds anything a reader would see (or more sections)."""
    for child in body.iterchildren():
        if child.tag == qn("w:sectPr"):
            continue
        if child.tag != qn("w:p"):
            return True  # a table, a content control…
        if child.xpath(
            ".//w:t[normalize-space(.) != ''] | .//w:drawing | .//w:pict | .//w:object | .//w:sectPr"
        ):
            return True
    return False


# --- page ----------------------------------------------------------------------------------


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _page_setup(section: Any) -> int:
    """A4 landscape, margins clamped into the decree's ranges; returns the text width."""
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Twips(A4_LONG)
    section.page_height = Twips(A4_SHORT)
    margins: dict[str, int] = {}
    for side, (low, high) in MARGIN_RANGES_MM.items():
        current = getattr(section, f"{side}_margin")
        value = current.twips if current is not None else _twips(DEFAULT_MARGINS_MM[side])
        margins[side] = min(max(value, _twips(low)), _twips(high))
        setattr(section, f"{side}_margin", Twips(margins[side]))
    section.gutter = Twips(0)
    sect_pr = section._sectPr
    for name in ("w:lnNumType", "w:cols", "w:vAlign", "w:pgNumType"):
        for old in sect_pr.findall(qn(name)):
            sect_pr.remove(old)
    _insert_in_order(sect_pr, parse_xml(f'<w:pgNumType {_W} w:fmt="decimal" w:start="1"/>'))
    return A4_LONG - margins["left"] - margins["right"]


_SECT_AFTER_PGNUMTYPE = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip


def _insert_in_order(sect_pr: Any, element: Any) -> None:
    successors = {qn(name) for name in _SECT_AFTER_PGNUMTYPE}
    for child in sect_pr.iterchildren():
        if child.tag in successors:
            child.addprevious(element)
            return
    sect_pr.append(element)


def _headers(document: Any, section: Any, layout: Layout) -> None:
    """Page number centred in the header, none on the first page; footers left empty."""
    section.different_first_page_header_footer = True
    parts = [
        (section.header, True),
        (section.first_page_header, False),
        (section.footer, False),
        (section.first_page_footer, False),
    ]
    if document.settings.odd_and_even_pages_header_footer:
        parts += [(section.even_page_header, True), (section.even_page_footer, False)]
    size = _half_points(layout.page_number_pt)
    for part, numbered in parts:
        part.is_linked_to_previous = True  # drop what a reused template section defined
        part.is_linked_to_previous = False  # and give the appendix its own, empty one
        old = part.paragraphs[0]._p
        new = _page_number_paragraph(size) if numbered else _paragraph("", "center", size)
        old.addprevious(new)
        old.getparent().remove(old)


def _page_number_paragraph(size: int) -> Any:
    rpr = _rpr(size)
    field = "".join(
        f"<w:r>{rpr}{inner}</w:r>"
        for inner in (
            '<w:fldChar w:fldCharType="begin"/>',
            '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>',
            "<w:t>1</w:t>",
            '<w:fldChar w:fldCharType="end"/>',
        )
    )
    return parse_xml(f"<w:p {_W}>{_ppr('center', size)}{field}</w:p>")


# --- XML pieces ----------------------------------------------------------------------------


def _half_points(pt: float) -> int:
    return round(pt * 2)


def _rpr(size: int, *, bold: bool = False, italic: bool = False) -> str:
    return (
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        + ("<w:b/><w:bCs/>" if bold else "")
        + ("<w:i/><w:iCs/>" if italic else "")
        + f'<w:color w:val="{BLACK}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )


def _ppr(
    align: str,
    size: int,
    *,
    bold: bool = False,
    italic: bool = False,
    keep_next: bool = False,
    after: int = 0,
    extra: str = "",
    indent: tuple[int, int] = (0, 0),
) -> str:
    # Explicit spacing and indents, so a template's Normal style (first-line indent, space
    # after) does not leak into the table or the heading.
    return (
        "<w:pPr>"
        + ("<w:keepNext/>" if keep_next else "")
        + extra
        + f'<w:spacing w:before="0" w:after="{after}" w:line="240" w:lineRule="auto"/>'
        + f'<w:ind w:left="{indent[0]}" w:right="{indent[1]}" w:firstLine="0"/>'
        + f'<w:jc w:val="{_ALIGN.get(align, align)}"/>'
        + _rpr(size, bold=bold, italic=italic)
        + "</w:pPr>"
    )


def _paragraph(
    text: str,
    align: str,
    size: int,
    *,
    bold: bool = False,
    italic: bool = False,
    keep_next: bool = False,
    after: int = 0,
) -> Any:
    p = parse_xml(
        f"<w:p {_W}>"
        + _ppr(align, size, bold=bold, italic=italic, keep_next=keep_next, after=after)
        + f'<w:r>{_rpr(size, bold=bold, italic=italic)}<w:t xml:space="preserve"/></w:r></w:p>'
    )
    p[-1][-1].text = _clean(text)
    return p


def _clean(text: str) -> str:
    """Text as Word can hold it: control characters shown as escapes (safetext), the two
    noncharacters XML refuses left out."""
    return _NONCHARACTERS.sub("", document_text(text))


def _rule_paragraph(text_width: int, layout: Layout) -> Any:
    """The short centred line under the Kèm-theo line (a bottom border on an empty line)."""
    side = max(0, (text_width - _twips(layout.rule_mm)) // 2)
    border = f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="{BLACK}"/></w:pBdr>'
    size = 8  # a 4 pt line, so the rule sits close under the text
    return parse_xml(f"<w:p {_W}>{_ppr('center', size, extra=border, after=240, indent=(side, side))}</w:p>")


# --- the document body ---------------------------------------------------------------------


def _blocks(table: DocTable, text_width: int, layout: Layout, place: Callable[[Any], None]) -> None:
    """Place the appendix's paragraphs and table, in order, with `place` (into the body)."""
    heading = _half_points(layout.heading_pt)
    place(_paragraph(table.label, "center", _half_points(14), bold=True, keep_next=True))
    place(_paragraph(table.title.upper(), "center", heading, bold=True, keep_next=True))
    if table.attachment:
        place(_paragraph(table.attachment, "center", heading, italic=True, keep_next=True))
    place(_rule_paragraph(text_width, layout))
    _table(table, text_width, layout, place)
    for note in table.notes:
        place(_paragraph(note, "justify", heading, after=120))
    # Word wants a paragraph after a table that ends the document; keep it tiny so it
    # never spills onto a page of its own.
    place(parse_xml(f"<w:p {_W}>{_ppr('left', 2)}</w:p>"))


def column_widths(columns: tuple[Column, ...], text_width: int) -> list[int]:
    """Twips per column, proportional to the shares, summing exactly to `text_width`."""
    total = sum(c.width for c in columns) or 1.0
    widths = [round(text_width * c.width / total) for c in columns[:-1]]
    widths.append(text_width - sum(widths))
    return widths


def _cell(
    width: int, paragraph: str, *, span: int = 1, v_center: bool = False, v_merge: str | None = None
) -> str:
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
        + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
        + (
            ""
            if v_merge is None
            else "<w:vMerge/>"
            if v_merge == "continue"
            else '<w:vMerge w:val="restart"/>'
        )
        + ('<w:vAlign w:val="center"/>' if v_center else "")
        + f"</w:tcPr>{paragraph}</w:tc>"
    )


CELL_STYLE_ID = "CCHCBang"
CELL_STYLE_NAME = "CCHC Bảng"


def _cell_style(document: Any, size: int) -> None:
    """The paragraph style of every table cell: TNR, black, `size`, no spacing or indent.

    Spacing and indents live in the style rather than on each of the thousands of cell
    paragraphs, which keeps rows small (rows are deep-copied, and cost grows with their
    element count). The style has no basedOn, so a template's Normal (first-line indent,
    space after) does not reach the cells; a style of the same id left by an earlier export
    is replaced.
    """
    styles = document.styles.element
    for old in styles.findall(qn("w:style")):
        if old.get(qn("w:styleId")) == CELL_STYLE_ID:
            styles.remove(old)
    styles.append(
        parse_xml(
            f'<w:style {_W} w:type="paragraph" w:customStyle="1" w:styleId="{CELL_STYLE_ID}">'
            f'<w:name w:val="{CELL_STYLE_NAME}"/>'
            '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:ind w:left="0" w:right="0" w:firstLine="0"/></w:pPr>'
            f"{_rpr(size)}</w:style>"
        )
    )


def _p_xml(align: str, size: int, *, bold: bool = False, keep_next: bool = False) -> str:
    """A cell paragraph: the cell style, its alignment and one run (fonts and colour set on
    the run too, so the text stays Times New Roman black whatever a template's styles say)."""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{CELL_STYLE_ID}"/>'
        + ("<w:keepNext/>" if keep_next else "")
        + f'<w:jc w:val="{_ALIGN.get(align, align)}"/></w:pPr>'
        + f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"'
        + f' w:eastAsia="{FONT}"/>'
        + ("<w:b/>" if bold else "")
        + f'<w:color w:val="{BLACK}"/><w:sz w:val="{size}"/></w:rPr>'
        + '<w:t xml:space="preserve"/></w:r></w:p>'
    )


def _table(table: DocTable, text_width: int, layout: Layout, place: Callable[[Any], None]) -> None:
    """The table, placed while it only holds its header: its rows are then made in the
    document they belong to (moving a finished table of 10,000 rows from the XML fragment it
    was parsed in into the document walked all its elements again: 1.6 s)."""
    size = _half_points(layout.cell_pt)
    widths = column_widths(table.columns, text_width)
    line = f'w:val="single" w:sz="{layout.border_eighths}" w:space="0" w:color="{BLACK}"'
    borders = "".join(
        f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    section_cells = (
        _cell(widths[0], _p_xml("center", size, bold=True, keep_next=True))
        + _cell(sum(widths[1:]), _p_xml("left", size, bold=True, keep_next=True), span=len(widths) - 1)
        if table.numbered
        else _cell(sum(widths), _p_xml("left", size, bold=True, keep_next=True), span=len(widths))
    )
    tbl = parse_xml(
        f"<w:tbl {_W}><w:tblPr>"
        f'<w:tblW w:w="{text_width}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        # prototypes, detached below: a task row, a section row, one paragraph per column
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(_cell(w, _p_xml(c.align, size)) for w, c in zip(widths, table.columns, strict=True))
        + "</w:tr>"
        f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{section_cells}</w:tr>"
        "</w:tbl>"
    )
    task_proto, section_proto = tbl.findall(qn("w:tr"))
    for header in _header_rows(table.columns, widths, size):
        task_proto.addprevious(header)  # repeated at the top of every page
    place(tbl)
    task_proto, section_proto = tbl.findall(qn("w:tr"))[-2:]  # the same rows, now in the document
    tbl.remove(task_proto)
    tbl.remove(section_proto)
    line_protos = [deepcopy(tc[-1]) for tc in task_proto.findall(qn("w:tc"))]
    for item in table.body:
        if isinstance(item, SectionRow):
            tr = deepcopy(section_proto)
            if table.numbered:
                tr[1][-1][-1][-1].text = _clean(item.numeral)
                tr[2][-1][-1][-1].text = _clean(item.title)
            else:
                tr[1][-1][-1][-1].text = _clean(f"{item.numeral}. {item.title}")
        elif isinstance(item, Row):
            tr = deepcopy(task_proto)
            for tc, text, proto in zip(list(tr)[1:], item.cells, line_protos, strict=True):
                _fill(tc, text, proto)
        else:  # pragma: no cover - DocTable only holds these two kinds
            continue
        tbl.append(tr)


def _header_rows(columns: tuple[Column, ...], widths: list[int], size: int) -> list[Any]:
    """The header: one row of headings, or two when columns stand under a shared heading
    ("Phân công thực hiện" over "Chủ trì | Phối hợp"); the other headings then span both rows."""
    two = any(c.group for c in columns)
    top: list[tuple[str, str]] = []  # (cell xml, text)
    bottom: list[tuple[str, str]] = []
    index = 0
    while index < len(columns):
        column = columns[index]
        if column.group is None:
            merge = "restart" if two else None
            top.append(
                (
                    _cell(widths[index], _p_xml("center", size, bold=True), v_center=True, v_merge=merge),
                    column.header,
                )
            )
            if two:
                bottom.append(
                    (_cell(widths[index], _p_xml("center", size, bold=True), v_merge="continue"), "")
                )
            index += 1
            continue
        end = index
        while end < len(columns) and columns[end].group == column.group:
            bottom.append(
                (_cell(widths[end], _p_xml("center", size, bold=True), v_center=True), columns[end].header)
            )
            end += 1
        span = end - index
        top.append(
            (
                _cell(sum(widths[index:end]), _p_xml("center", size, bold=True), span=span, v_center=True),
                column.group,
            )
        )
        index = end
    rows = []
    for cells in (top, bottom) if two else (top,):
        tr = parse_xml(
            f"<w:tr {_W}><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{''.join(x for x, _t in cells)}</w:tr>"
        )
        for tc, (_xml, text) in zip(tr.findall(qn("w:tc")), cells, strict=True):
            tc[-1][-1][-1].text = _clean(text)
        rows.append(tr)
    return rows


def _fill(tc: Any, text: str, proto: Any) -> None:
    """Each line of the cell becomes its own paragraph (bullets, line breaks kept)."""
    lines = _clean(text).split("\n")
    tc[-1][-1][-1].text = lines[0]
    for line in lines[1:]:
        paragraph = deepcopy(proto)
        paragraph[-1][-1].text = line
        tc.append(paragraph)
