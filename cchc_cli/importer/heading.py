"""The heading block above the table: "Phụ lục", the title, the "(Kèm theo …)" line.

"(Kèm theo Kế hoạch số 45/KH-UBND ngày 10/02/2025 của UBND huyện Diên Khánh)" gives the
document: kind "Kế hoạch", number "45", symbol "KH-UBND", date 10/02/2025, issuer "UBND
huyện Diên Khánh". Blank positions (an unsigned plan: "số /KH-SXD ngày /03/2025") give an
empty number and no date. A year after the issuer ("của Sở Xây dựng năm 2025") is not part
of its name. The plan year is the year the title names ("… NĂM 2025"), else the year of
the date on the Kèm-theo line (a 2025 plan may be signed in December 2024: the title
decides), else none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cchc_cli.importer.doubts import Doubt
from cchc_cli.textfold import capitals, fold

_LABEL = re.compile(r"^phu luc(\s+([ivxlc]+|\d+|[a-z]))?\s*[.:]?$")
_ATTACHMENT = re.compile(r"^\(?\s*kem theo\b")
_DOCUMENT = re.compile(
    r"kèm theo\s+(?P<kind>.+?)\s+số\s*(?P<number>[^\s/]*)\s*/\s*(?P<symbol>[^\s,;)]+)",
    re.IGNORECASE,
)
_KIND_ONLY = re.compile(
    r"kèm theo\s+(?P<kind>kế hoạch|quyết định|công văn|văn bản|chương trình|đề án|thông báo)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"ngày[\s\u00a0.…_]*(?P<day>\d{1,2})?[\s\u00a0.…_]*(?:/|-|\.|tháng)[\s\u00a0.…_]*(?P<month>\d{1,2})?"
    r"[\s\u00a0.…_]*(?:/|-|\.|năm)[\s\u00a0]*(?P<year>\d{4})",
    re.IGNORECASE,
)
_ISSUER = re.compile(r"\bcủa\s+(?P<issuer>[^()]+?)\s*\)?\s*\.?\s*$", re.IGNORECASE)
_TRAILING_YEAR = re.compile(r"\s+năm\s+\d{4}$", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"\bnam\s+(\d{4})\b")


@dataclass
class Heading:
    label: str | None = None
    title: str = ""
    attachment: str = ""
    kind: str = "Kế hoạch"
    number: str = ""
    symbol: str = ""
    date: dt.date | None = None
    issuer: str = ""
    year: int | None = None
    doubts: list[Doubt] = field(default_factory=list)


def _is_upper(text: str) -> bool:
    return capitals(text) >= 0.8  # a title may keep a few small letters ("NĂM HỌC 2025-2026 (dự thảo)")


def read_heading(paragraphs: list[str]) -> Heading:
    heading = Heading()
    label = next((i for i, p in enumerate(paragraphs) if _LABEL.match(fold(p))), None)
    attachment = next(
        (i for i, p in enumerate(paragraphs) if _ATTACHMENT.match(fold(p)) and (label is None or i > label)),
        None,
    )
    if label is not None:
        heading.label = paragraphs[label]
    if attachment is not None:
        end = attachment
        start = label + 1 if label is not None else end
        while label is None and start > 0 and _is_upper(paragraphs[start - 1]):
            start -= 1
    else:
        start = label + 1 if label is not None else len(paragraphs)
        end = start
        while end < len(paragraphs) and _is_upper(paragraphs[end]):
            end += 1
        if label is None:  # no "Phụ lục" and no Kèm-theo line: the capitals just above the table
            end = len(paragraphs)
            start = end
            while start > 0 and _is_upper(paragraphs[start - 1]):
                start -= 1
    heading.title = " ".join(p.strip() for p in paragraphs[start:end])
    if attachment is not None:
        _read_attachment(paragraphs[attachment].strip(), heading)
    else:
        heading.doubts.append(
            Doubt("không thấy dòng “(Kèm theo Kế hoạch số … ngày … của …)”; điền plan.document trong tệp")
        )
    if not heading.title:
        heading.doubts.append(Doubt("không thấy tên phụ lục (dòng chữ in hoa trên bảng); điền plan.title"))
    years = _TITLE_YEAR.findall(fold(heading.title))
    if years:
        heading.year = int(years[-1])
    return heading


def _read_attachment(text: str, heading: Heading) -> None:
    heading.attachment = text
    match = _DOCUMENT.search(text)
    rest = text
    if match:
        heading.kind = _capitalised(match.group("kind"))
        heading.number = match.group("number").strip(" .…_\u00a0")
        heading.symbol = match.group("symbol").strip(" .")
        rest = text[match.end() :]
    else:
        kind = _KIND_ONLY.search(text)
        if kind:
            heading.kind = _capitalised(kind.group("kind"))
            rest = text[kind.end() :]
        heading.doubts.append(Doubt(f"dòng “{text}” không ghi số/ký hiệu văn bản; điền plan.document.symbol"))
    date = _DATE.search(rest)
    if date:
        heading.year = int(date.group("year"))
        day, month = date.group("day"), date.group("month")
        if day and month:
            try:
                heading.date = dt.date(int(date.group("year")), int(month), int(day))
            except ValueError:
                heading.doubts.append(Doubt(f"ngày ban hành “{date.group(0)}” không tồn tại; bỏ trống ngày"))
    issuer = _ISSUER.search(rest)
    if issuer:
        heading.issuer = _TRAILING_YEAR.sub("", issuer.group("issuer").strip()).strip()
    else:
        heading.doubts.append(
            Doubt(f"dòng “{text}” không ghi cơ quan ban hành (“của …”); điền plan.document.issuer")
        )


def _capitalised(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:].lower() if text.isupper() else text[:1].upper() + text[1:]
