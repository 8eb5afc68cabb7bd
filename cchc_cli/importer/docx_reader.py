"""Read a .docx into paragraphs and tables, straight from its XML (zipfile + lxml).

python-docx rebuilds a table's grid on every `table.cell()` or `row.cells` call, which is
quadratic on a 1,000-row appendix; here each `w:tr` is walked once. A cell's text is its
paragraphs joined by line breaks (a manual line break `w:br` is a line break too), with the
bullets and numbers Word draws from its numbering definitions ("- ", "1.") put back in
front, since the document shows them. Merges are resolved as table.py describes:
`w:gridSpan` (and the old `w:hMerge`) make one wide cell, `w:vMerge` fills a cell's text
down to the rows it covers. Deleted text (tracked changes) and field codes are left out.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cchc_cli.errors import CchcError
from cchc_cli.importer.files import MAX_CELL_CHARS, Package
from cchc_cli.importer.table import Block, Cell, Paragraph, Row, Source, Table
from cchc_cli.plan.numerals import to_roman
from cchc_cli.textfold import nfc

if TYPE_CHECKING:  # lxml is parsed in files.py; here only its element type is named
    from lxml import etree

_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = ("/officeDocument", "/officeDocument")


class _Tags:
    """Qualified tag names for the transitional or the strict namespace."""

    def __init__(self, ns: str) -> None:
        w = "{" + ns + "}"
        self.w = w
        self.body, self.p, self.tbl, self.tr, self.tc = w + "body", w + "p", w + "tbl", w + "tr", w + "tc"
        self.sdt, self.sdt_content = w + "sdt", w + "sdtContent"
        self.tc_pr, self.tr_pr, self.p_pr = w + "tcPr", w + "trPr", w + "pPr"
        self.grid_span, self.v_merge, self.h_merge = w + "gridSpan", w + "vMerge", w + "hMerge"
        self.grid_before, self.tbl_header, self.tbl_grid, self.grid_col = (
            w + "gridBefore", w + "tblHeader", w + "tblGrid", w + "gridCol",
        )  # fmt: skip
        self.t, self.tab, self.br, self.cr = w + "t", w + "tab", w + "br", w + "cr"
        self.no_break_hyphen = w + "noBreakHyphen"
        self.num_pr, self.num_id, self.ilvl, self.p_style = w + "numPr", w + "numId", w + "ilvl", w + "pStyle"
        self.val = w + "val"
        self.custom_xml = w + "customXml"


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    """List numbering (numbering.xml): which bullet or number Word draws before a paragraph."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        level = levels[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else level.start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if level.fmt == "bullet":
            mark = level.text.strip()
            return "- " if mark in {"-", "–", "—", "\uf02d", "\u2212"} else "• "
        if level.fmt == "none":
            return ""
        text = level.text
        for index in range(ilvl, -1, -1):
            value = counts[index] or (levels[index].start if index in levels else 1)
            fmt = levels[index].fmt if index in levels else "decimal"
            text = text.replace(f"%{index + 1}", _format_number(value, fmt))
        return text + " "


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = to_roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(value)


def _read_numbering(root: etree._Element | None, tags: _Tags) -> _Numbering:
    numbering = _Numbering()
    if root is None:
        return numbering
    w, val = tags.w, tags.val
    abstract: dict[str, dict[int, _Level]] = {}
    for node in root.iterchildren(w + "abstractNum"):
        levels: dict[int, _Level] = {}
        for lvl in node.iterchildren(w + "lvl"):
            level = _Level()
            fmt, text, start = lvl.find(w + "numFmt"), lvl.find(w + "lvlText"), lvl.find(w + "start")
            if fmt is not None:
                level.fmt = fmt.get(val) or "decimal"
            if text is not None:
                level.text = text.get(val) or ""
            if start is not None and (start.get(val) or "").isdigit():
                level.start = int(start.get(val) or 1)
            levels[_int(lvl.get(w + "ilvl"))] = level
        abstract[node.get(w + "abstractNumId") or ""] = levels
    for num in root.iterchildren(w + "num"):
        ref = num.find(w + "abstractNumId")
        base = abstract.get(ref.get(val) or "" if ref is not None else "", {})
        levels = {k: _Level(v.fmt, v.text, v.start) for k, v in base.items()}
        for override in num.iterchildren(w + "lvlOverride"):
            start = override.find(w + "startOverride")
            index = _int(override.get(w + "ilvl"))
            if start is not None and index in levels and (start.get(val) or "").isdigit():
                levels[index].start = int(start.get(val) or 1)
        numbering.levels[num.get(w + "numId") or ""] = levels
    return numbering


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def _style_lists(root: etree._Element | None, tags: _Tags) -> dict[str, tuple[str, int]]:
    """Paragraph styles that make a list item (styleId -> numId, level), through basedOn."""
    if root is None:
        return {}
    w, val = tags.w, tags.val
    own: dict[str, tuple[str, int] | None] = {}
    based: dict[str, str] = {}
    for style in root.iterchildren(w + "style"):
        style_id = style.get(w + "styleId") or ""
        parent = style.find(w + "basedOn")
        if parent is not None:
            based[style_id] = parent.get(val) or ""
        p_pr = style.find(tags.p_pr)
        num_pr = p_pr.find(tags.num_pr) if p_pr is not None else None
        if num_pr is not None:
            num_id, ilvl = num_pr.find(tags.num_id), num_pr.find(tags.ilvl)
            number = num_id.get(val) if num_id is not None else None
            own[style_id] = (
                (number, _int(ilvl.get(val)) if ilvl is not None else 0) if number != "0" and number else None
            )
    found: dict[str, tuple[str, int]] = {}
    for style_id in set(own) | set(based):
        current, hops = style_id, 0
        while current and current not in own and hops < 20:  # basedOn chains, cycles cut
            current, hops = based.get(current, ""), hops + 1
        item = own.get(current)
        if item is not None:
            found[style_id] = item
    return found


class _Reader:
    def __init__(self, tags: _Tags, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> None:
        self.tags = tags
        self.numbering = numbering
        self.styles = styles
        self.tables = 0

    # --- text -------------------------------------------------------------------------------

    def paragraph_text(self, p: etree._Element) -> str:
        tags = self.tags
        parts: list[str] = []
        p_pr = p.find(tags.p_pr)
        if p_pr is not None:
            list_item = self._list_item(p_pr)
            if list_item is not None:
                parts.append(self.numbering.label(*list_item))
        # Deleted text is w:delText and field codes w:instrText, so the visible text is just
        # these elements in order; lxml walks them in C.
        for element in p.iter(tags.t, tags.tab, tags.br, tags.cr, tags.no_break_hyphen):
            tag = element.tag
            if tag == tags.t:
                parts.append(element.text or "")
            elif tag == tags.tab:
                parts.append("\t")
            elif tag == tags.no_break_hyphen:
                parts.append("-")
            elif element.get(tags.w + "type") in (None, "textWrapping"):
                parts.append("\n")
        return "".join(parts)

    def _list_item(self, p_pr: etree._Element) -> tuple[str, int] | None:
        """(numId, level) of a numbered or bulleted paragraph: its own w:numPr, else its
        style's ("List Number", "List Bullet"…); None when it is not a list item."""
        tags = self.tags
        num_pr = p_pr.find(tags.num_pr)
        if num_pr is None:
            style = p_pr.find(tags.p_style)
            return self.styles.get(style.get(tags.val) or "") if style is not None else None
        num_id, ilvl = num_pr.find(tags.num_id), num_pr.find(tags.ilvl)
        if num_id is None or num_id.get(tags.val) in (None, "0"):
            return None
        return num_id.get(tags.val) or "", _int(ilvl.get(tags.val)) if ilvl is not None else 0

    def cell_text(self, tc: etree._Element) -> str:
        """The cell's paragraphs, one a line (those of a table inside it too, in order)."""
        lines = [self.paragraph_text(p).rstrip() for p in tc.iter(self.tags.p)]
        text = nfc("\n".join(lines).strip("\n"))
        return text[: MAX_CELL_CHARS + 1]

    # --- tables ----------------------------------------------------------------------------

    def table(self, tbl: etree._Element) -> Table:
        tags = self.tags
        self.tables += 1
        grid = tbl.find(tags.tbl_grid)
        width = len(grid.findall(tags.grid_col)) if grid is not None else 0
        open_merges: dict[int, Cell] = {}  # grid column -> the cell a vertical merge started with
        rows: list[Row] = []
        for index, tr in enumerate(self._rows(tbl), start=1):
            tr_pr = tr.find(tags.tr_pr)
            col, header = 0, False
            if tr_pr is not None:
                before = tr_pr.find(tags.grid_before)
                col = _int(before.get(tags.val)) if before is not None else 0
                marker = tr_pr.find(tags.tbl_header)
                header = marker is not None and marker.get(tags.val) not in ("0", "false", "off")
            cells: list[Cell] = []
            for tc in self._cells(tr):
                tc_pr = tc.find(tags.tc_pr)
                span, v_merge, h_continue = 1, None, False
                if tc_pr is not None:
                    span_node = tc_pr.find(tags.grid_span)
                    span = max(1, _int(span_node.get(tags.val))) if span_node is not None else 1
                    merge = tc_pr.find(tags.v_merge)
                    if merge is not None:
                        v_merge = merge.get(tags.val) or "continue"
                    h_merge = tc_pr.find(tags.h_merge)
                    h_continue = h_merge is not None and (h_merge.get(tags.val) or "continue") == "continue"
                if h_continue and cells:  # old-style horizontal merge: widen the cell before
                    last = cells[-1]
                    cells[-1] = Cell(last.text, last.col, last.span + span, last.continued)
                    col += span
                    continue
                if v_merge == "continue" and col in open_merges:
                    above = open_merges[col]
                    cell = Cell(above.text, col, span, continued=True)
                else:
                    cell = Cell(self.cell_text(tc), col, span)
                    if v_merge == "restart":
                        open_merges[col] = cell
                    else:
                        open_merges.pop(col, None)
                cells.append(cell)
                col += span
            width = max(width, col)
            rows.append(Row(tuple(cells), f"dòng {index}", header))
        return Table(tuple(rows), f"bảng {self.tables}", width)

    def _rows(self, tbl: etree._Element) -> list[etree._Element]:
        found: list[etree._Element] = []
        for child in tbl:
            if child.tag == self.tags.tr:
                found.append(child)
            elif child.tag in (self.tags.sdt, self.tags.sdt_content, self.tags.custom_xml):
                found.extend(self._rows(child))
        return found

    def _cells(self, tr: etree._Element) -> list[etree._Element]:
        found: list[etree._Element] = []
        for child in tr:
            if child.tag == self.tags.tc:
                found.append(child)
            elif child.tag in (self.tags.sdt, self.tags.sdt_content, self.tags.custom_xml):
                found.extend(self._cells(child))
        return found

    # --- body ------------------------------------------------------------------------------

    def blocks(self, node: etree._Element, out: list[Block]) -> None:
        tags = self.tags
        for child in node:
            if child.tag == tags.p:
                text = nfc(self.paragraph_text(child)).strip()
                if text:
                    out.append(Paragraph(text[: MAX_CELL_CHARS + 1]))
            elif child.tag == tags.tbl:
                out.append(self.table(child))
            elif child.tag in (tags.sdt, tags.sdt_content, tags.custom_xml):
                self.blocks(child, out)


def _main_part(package: Package) -> str:
    rels = package.xml("_rels/.rels")
    if rels is not None:
        for rel in rels.iterchildren("{" + _REL + "}Relationship"):
            if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT):
                target = (rel.get("Target") or "").lstrip("/")
                return posixpath.normpath(target)
    return "word/document.xml"


def read_docx(package: Package) -> Source:
    """The paragraphs and tables of a .docx's body, in order."""
    shown = package.shown
    main = _main_part(package)
    root = package.xml(main)
    if root is None:
        raise CchcError(f"{shown}: không phải tài liệu Word (.docx): thiếu {main}")
    ns = _STRICT if isinstance(root.tag, str) and root.tag.startswith("{" + _STRICT) else _MAIN
    tags = _Tags(ns)
    body = root.find(tags.body)
    if body is None:
        raise CchcError(f"{shown}: tài liệu Word không có nội dung (thiếu w:body)")
    folder = posixpath.dirname(main)
    numbering = _read_numbering(package.xml(posixpath.join(folder, "numbering.xml")), tags)
    styles = _style_lists(package.xml(posixpath.join(folder, "styles.xml")), tags)
    reader = _Reader(tags, numbering, styles)
    blocks: list[Block] = []
    reader.blocks(body, blocks)
    return Source("docx", tuple(blocks))
