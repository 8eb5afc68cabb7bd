"""Generate templates/default.docx, the reference document `cchc export docx` starts from.

    python templates/make_default_template.py            # writes templates/default.docx

What it holds (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4 portrait, margins top 20, bottom 20,
left 30, right 15 mm; Times New Roman, black, in every style kept (the document defaults
and Normal at 13 pt, single line spacing, no space between paragraphs) and no theme fonts
or colours; Vietnamese as the proofing language. The body is empty: the exporter puts the
appendix in it and turns the page to landscape.

A department's own template (`cchc export docx --template mau-so.docx`): open the
department's usual plan or letter in Word, keep what should come before the appendix (the
letterhead, the plan text, or nothing at all), check the styles and margins, and save it as
"Word Document (.docx)" (not .dotx). The exporter keeps that document as it is, with its
styles, headers and margins, and adds the appendix after it in a new landscape section with
its own page numbers. A template with an empty body only lends its styles and margins;
margins outside the decree's ranges are brought back inside them for the appendix.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import zipfile
from pathlib import Path

from docx import Document  # noqa: TID251  (a build script, not part of the package)
from docx.oxml import parse_xml  # noqa: TID251
from docx.oxml.ns import nsdecls, qn  # noqa: TID251
from docx.shared import Mm, Pt, Twips  # noqa: TID251

FONT = "Times New Roman"
BLACK = "000000"
BODY_HALF_POINTS = 26  # 13 pt
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
KEEP_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Table Grid",
    "Header",
    "Header Char",
    "Footer",
    "Footer Char",
}
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
THEME_COLOR_ATTRS = ("w:themeColor", "w:themeShade", "w:themeTint")


def _set_fonts(rpr: object) -> None:
    """Times New Roman for every script and black, replacing theme fonts and colours."""
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    color = rpr.find(qn("w:color"))  # type: ignore[attr-defined]
    if color is None:
        color = parse_xml(f"<w:color {nsdecls('w')}/>")
        # w:color comes after rFonts/b/i/… and before sz in CT_RPr's sequence
        size = rpr.find(qn("w:sz"))  # type: ignore[attr-defined]
        if size is not None:
            size.addprevious(color)
        else:
            lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
            if lang is not None:
                lang.addprevious(color)
            else:
                rpr.append(color)  # type: ignore[attr-defined]
    for attr in THEME_COLOR_ATTRS:
        color.attrib.pop(qn(attr), None)
    color.set(qn("w:val"), BLACK)


def build() -> bytes:
    document = Document()
    styles = document.styles.element
    keep = {name.lower() for name in KEEP_STYLES}  # styles.xml spells some in lower case
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val"), "").lower() not in keep:
            styles.remove(style)

    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default)
    for tag in ("w:sz", "w:szCs"):
        rpr_default.find(qn(tag)).set(qn("w:val"), str(BODY_HALF_POINTS))
    lang = rpr_default.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            _set_fonts(style.get_or_add_rPr())
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_HALF_POINTS / 2)
    normal.paragraph_format.space_after = 0
    normal.paragraph_format.line_spacing = 1.0

    section = document.sections[0]
    section.page_width = Twips(11906)  # 210 mm
    section.page_height = Twips(16838)  # 297 mm
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)

    props = document.core_properties
    props.title = "Mẫu phụ lục kế hoạch CCHC"
    props.subject = "Nghị định 30/2020/NĐ-CP, Phụ lục I"
    props.author = "cchc"
    props.last_modified_by = "cchc"
    props.comments = "Tạo bằng templates/make_default_template.py"
    props.keywords = ""
    props.category = ""
    props.revision = 1
    fixed = dt.datetime(2025, 1, 1)  # fixed, so regenerating gives the same properties
    props.created = fixed
    props.modified = fixed
    props.last_printed = fixed

    # python-docx's blank document carries Word 2010 extras that still name theme fonts
    # (stylesWithEffects.xml) and a thumbnail of a US Letter page: leave them out.
    for part, reltype in (
        (document.part, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"),
        (document.part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"),
        (document.part.package, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"),
    ):  # fmt: skip
        for r_id, rel in list(part.rels.items()):
            if rel.reltype == reltype:
                del part.rels[r_id]

    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every entry stamped 01/01/2025: zipfile stamps the current time,
    so two runs would differ in their bytes though not in their content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            stamped = zipfile.ZipInfo(entry.filename, date_time=(2025, 1, 1, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = 0o644 << 16
            target.writestr(stamped, source.read(entry.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("default.docx")
    temp = out.with_name(f".{out.name}.tmp")
    temp.write_bytes(build())
    os.replace(temp, out)  # atomic: a crash leaves the old template or the new one
    print(f"Đã ghi {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
