"""Who leads and who supports: unit names read from an assignment cell.

The cell is cut into segments at line breaks, ";", bullets and sentence ends. A segment may
open with a role label ("Chủ trì:", "- Đơn vị phối hợp:", "Cơ quan thực hiện:"), which holds
for the segments after it until the next label or the next "-" bullet; a "thực hiện" label
leads unless the cell also has a "chủ trì" label. Without a label a segment's subject is
read: the unit names at its start, up to the first verb ("Văn phòng Sở tổng hợp, báo
cáo"), then the role word after them ("X chủ trì", "X phối hợp"), and "phối hợp với Y" or
"chủ trì … Y phối hợp" further on. A subject with no role word leads when it is the
first subject of the cell, or a bare list of names, and the cell names no lead otherwise;
later subjects support ("- Các phòng … rà soát.\n- Văn phòng tổng hợp, trình …").

A unit name starts with an agency word written with its capital (Sở, Văn phòng, UBND, Ủy
ban, Ban, Trung tâm, Phòng, Thanh tra, Cục, Bộ…), with "Các"/"Tất cả các" (a collective
name), or with a count ("02 đơn vị sự nghiệp"). Names are split on ", ", " và ", "/" only
where the other side starts a name too, so "Các sở, ban, ngành", "UBND các xã, phường",
"Sở VH,TT&DL" and "Sở Kế hoạch và Đầu tư" stay whole while "Văn phòng UBND tỉnh, Sở Tư
pháp" is two units. "Các Bộ: Quốc phòng, Xây dựng" is "Bộ Quốc phòng" and "Bộ Xây dựng".
When a segment does not start with a name, a name among its first words, before any verb,
is taken with a doubt ("Công chức cử làm việc tại Trung tâm hành chính").

Every step is a left-to-right scan over the segment's words: linear in the cell's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cchc_cli.textfold import shorten

Role = Literal["lead", "support"]

AGENCY_WORDS: tuple[str, ...] = (
    "Sở", "Văn phòng", "UBND", "Ủy ban", "Uỷ ban", "HĐND", "Hội đồng", "Ban", "Trung tâm", "Phòng",
    "Thanh tra", "Cục", "Chi cục", "Tổng cục", "Bộ", "Bộ phận", "Công an", "Kho bạc", "Bảo hiểm",
    "Đài", "Báo", "Trường", "Bệnh viện", "Viện", "Tòa án", "Toà án", "Liên đoàn", "Hội", "Đoàn",
    "Mặt trận", "Tỉnh ủy", "Tỉnh uỷ", "Huyện ủy", "Huyện uỷ", "Thành ủy", "Thành uỷ", "Đảng ủy",
    "Đảng uỷ", "Cảng vụ", "Chi nhánh", "Quỹ", "Ngân hàng", "Công ty", "Văn thư", "Tổ", "Đội", "Hạt",
    "Trạm", "Chủ tịch", "Giám đốc", "Thủ trưởng", "Lãnh đạo", "Công đoàn", "Bộ Chỉ huy", "Ban Chỉ huy",
    "Cơ quan", "Hội Liên hiệp", "Ủy ban Mặt trận",
)  # fmt: skip
"""Words a unit's name starts with, as written (capital first letter)."""

NOT_NAMES: tuple[str, ...] = (
    "Báo cáo", "Ban hành", "Tổ chức", "Trường hợp", "Bộ máy", "Hội nghị", "Hội thảo", "Phòng chống",
    "Phòng, chống", "Đoàn kết", "Hội nhập", "Sở hữu", "Cục bộ", "Ban đầu", "Đội ngũ", "Bảo hiểm y tế",
    "Quỹ đất", "Lãnh đạo, chỉ đạo", "Cơ quan, đơn vị",
)  # fmt: skip
"""Phrases that start with an agency word but name no unit ("Báo cáo" is a report)."""

JOINED: tuple[str, ...] = ("HĐND và UBND", "Đoàn ĐBQH và HĐND", "Hội đồng nhân dân và Ủy ban nhân dân")
"""Two bodies joined by "và" inside one unit's name (a shared office)."""

STOP_WORDS: tuple[str, ...] = (
    "chủ trì", "phối hợp", "tham mưu", "tổng hợp", "triển khai", "thực hiện", "theo dõi", "báo cáo",
    "ban hành", "tổ chức", "xây dựng", "hướng dẫn", "đôn đốc", "kiểm tra", "rà soát", "dự thảo", "trình",
    "gửi", "đăng", "nghiên cứu", "chủ động", "tăng cường", "cập nhật", "xử lý", "tiếp nhận", "cung cấp",
    "đề xuất", "phụ trách", "có trách nhiệm", "chịu trách nhiệm", "được phân công", "được giao", "là cơ quan",
    "tham gia", "lập", "phê duyệt", "công bố", "sắp xếp", "nhập liệu", "bổ sung", "đánh giá", "thẩm định",
    "giám sát", "tuyên truyền", "phổ biến", "bố trí", "chỉ đạo", "tiếp tục", "thường xuyên", "định kỳ",
    "căn cứ", "theo", "trên cơ sở", "khi", "sau khi", "đảm bảo", "bảo đảm", "với", "để", "nhằm",
    "ban hành", "quyết định", "kiểm điểm", "duy trì", "vận hành", "quản lý", "ký", "thông báo", "thu thập",
)  # fmt: skip
"""Lower-case words that end a unit's name: what the unit does comes next."""

_COLLECTIVE = (
    "Các",
    "các",
    "Tất cả",
    "tất cả",
    "Toàn bộ",
    "toàn bộ",
    "Toàn thể",
    "toàn thể",
    "Những",
    "những",
)
_LABEL = re.compile(
    r"^(?:(?:đơn vị|cơ quan|bộ phận|cơ quan, đơn vị|đơn vị, cá nhân)\s+)?"
    r"(chủ trì|phối hợp|thực hiện|chịu trách nhiệm)(?:\s+thực hiện)?\s*:\s*",
    re.IGNORECASE,
)
_PREFIX_LIST = re.compile(r"^(?:các|Các)\s+(Bộ|Sở|Ban|Cục|Phòng|Trung tâm|Chi cục|Hội)\s*:\s*(.+)$", re.S)
_BULLET = re.compile(r"^(?:[-+•*–]|\d{1,2}[.)]|[a-zđ]\))\s*")
_WORD = re.compile(r"\S+")
_COUNT = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class Mention:
    name: str
    role: Role
    doubt: str | None = None  # why the importer is unsure of this one


class _Phrases:
    """Phrases looked up by their first word, so a scan costs one dict lookup a word."""

    def __init__(self, phrases: tuple[str, ...], *, lower: bool = False) -> None:
        self.lower = lower
        self.by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for phrase in phrases:
            parts = tuple((phrase.lower() if lower else phrase).split(" "))
            self.by_first.setdefault(parts[0], []).append((phrase, parts))
        for found in self.by_first.values():
            found.sort(key=lambda item: -len(item[0]))

    def at(self, words: list[str], index: int) -> str | None:
        """The longest phrase the words from `index` spell out (the last word may carry
        ",.;:)" after it), if any."""
        if index >= len(words):
            return None
        first = words[index].lower() if self.lower else words[index]
        bare = first.rstrip(",.;:)")
        candidates = self.by_first.get(first, [])
        if bare != first:  # "Sở," is the one-word phrase "Sở"
            candidates = sorted(
                candidates + [c for c in self.by_first.get(bare, []) if len(c[1]) == 1],
                key=lambda c: -len(c[0]),
            )
        for phrase, parts in candidates:
            window = words[index : index + len(parts)]
            if len(window) < len(parts):
                continue
            if self.lower:
                window = [w.lower() for w in window]
            if tuple(window[:-1]) == parts[:-1] and window[-1].rstrip(",.;:)") == parts[-1]:
                return phrase
        return None


_AGENCIES = _Phrases(AGENCY_WORDS)
_NOT_NAMES = _Phrases(NOT_NAMES)
_STOPS = _Phrases(STOP_WORDS, lower=True)
_JOINED = _Phrases(JOINED)
_ALL = _Phrases(("Tất cả", "tất cả", "Toàn bộ", "Toàn thể"))


def _is_stop(words: list[str], index: int) -> bool:
    """Whether a lower-case verb (what the unit does) starts at words[index]."""
    return words[index][:1].islower() and _STOPS.at(words, index) is not None


def name_starts(words: list[str], index: int) -> bool:
    """Whether a unit's name starts at words[index]."""
    if index >= len(words):
        return False
    word = words[index]
    if word in _COLLECTIVE or _ALL.at(words, index):
        return index + 1 < len(words)
    if _COUNT.match(word) and index + 1 < len(words) and words[index + 1][:1].isalpha():
        return True
    if _NOT_NAMES.at(words, index):
        return False
    return _AGENCIES.at(words, index) is not None


def is_collective(name: str) -> bool:
    """A name for several units: "Các sở, ngành", "UBND các xã", "02 đơn vị", "Bộ, ngành, địa phương"."""
    words = name.split()
    return bool(words) and (
        words[0] in _COLLECTIVE
        or _COUNT.match(words[0]) is not None
        or "các" in words[1:]
        or words[0].endswith(",")
    )


def _read_names(words: list[str], index: int) -> tuple[list[str], int]:
    """The names from words[index] on, and the index of the first word after them."""
    names: list[str] = []
    current: list[str] = []
    collective = False
    i = index
    while i < len(words):
        word = words[i]
        # the noun right after "Các" is never a verb: "Các tổ chức hành chính trực thuộc Sở"
        head_noun = (len(current) == 1 and current[0] in _COLLECTIVE) or current[-2:] in (
            ["Tất", "cả"],
            ["tất", "cả"],
        )
        if not current:
            if not name_starts(words, i):
                break
            collective = (
                word in _COLLECTIVE
                or _COUNT.match(word) is not None
                or word in ("Tất", "tất", "Toàn", "toàn")
            )
            current.append(word)
            i += 1
        elif not head_noun and _is_stop(words, i):
            break
        elif word in ("và", "hoặc") and i + 1 < len(words):
            if _JOINED.at(words, i - 1):  # "Văn phòng HĐND và UBND huyện" is one office
                current.append(word)
                i += 1
                continue
            if name_starts(words, i + 1):
                names.append(" ".join(current))
                current = []
                i += 1
                continue
            if _is_stop(words, i + 1):
                break
            # "Sở Kế hoạch và Đầu tư", "Bộ Tài nguyên và môi trường": the name goes on
            current.append(word)
            i += 1
            continue
        else:
            current.append(word)
            collective = collective or word == "các"  # "UBND các xã, phường"
            i += 1
        last = current[-1] if current else ""
        if last.endswith(("(", ")")) or "(" in last:
            current[-1] = last.split("(")[0]
            break
        if last.endswith((";", ":", ".", "!", "?")):
            break
        if last.endswith("/") or last.endswith(","):
            sep = last[-1]
            following = words[i] if i < len(words) else ""
            if name_starts(words, i):
                current[-1] = last[:-1]
                names.append(" ".join(current).strip())
                current = []
                continue
            if sep == "," and following and _is_stop(words, i):
                current[-1] = last[:-1]
                break
        if "/" in last.strip("/") and not last.startswith("/"):
            head, _sep, tail = last.partition("/")
            if tail and name_starts([tail, *words[i : i + 2]], 0):
                current[-1] = head
                names.append(" ".join(current))
                current = [tail]
                collective = tail in _COLLECTIVE or _COUNT.match(tail) is not None
    if current:
        names.append(" ".join(current))
    cleaned = [_clean(n) for n in names]
    return [n for n in cleaned if n and not _too_short(n)], i


def _clean(name: str) -> str:
    name = name.strip().strip(",;:.").strip()
    if name.endswith(")") and "(" not in name:
        name = name[:-1].strip()
    for word in ("Tất cả ", "tất cả ", "Toàn bộ ", "toàn bộ ", "Toàn thể ", "toàn thể "):
        if name.startswith(word):
            rest = name[len(word) :]
            name = rest[:1].upper() + rest[1:]
    return name[:1].upper() + name[1:]


def _too_short(name: str) -> bool:
    return len(name.split()) < 2 and name not in ("UBND", "HĐND") and not name.isupper()


def _sentences(text: str) -> list[str]:
    """`text` cut after ". " (or "!", "?") where a capital letter follows."""
    pieces, start = [], 0
    for match in re.finditer(r"[.!?]\s+", text):
        following = text[match.end() : match.end() + 1]
        if following.isupper():
            pieces.append(text[start : match.start() + 1])
            start = match.end()
    pieces.append(text[start:])
    return pieces


def _segments(text: str) -> list[tuple[str, bool]]:
    """(segment, starts a new "-" bullet line) in order."""
    found: list[tuple[str, bool]] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        dash = line[:1] in "-•–*"
        first = True
        for part in line.split(";"):
            for sentence in _sentences(part):
                piece = _BULLET.sub("", sentence.strip()).strip()
                if piece:
                    found.append((piece, dash and first))
                    first = False
    return found


@dataclass
class _Reading:
    names: list[str]
    role: Role | None  # explicit
    label: str | None  # "chủ trì", "phối hợp", "thực hiện" when a label gave the role
    bare: bool  # nothing but names
    first_subject: bool
    extra: list[Mention]
    doubt: str | None = None


def read_assignment(text: str, role: Role | None = None) -> tuple[list[Mention], list[str]]:
    """The units a cell names, each with its role, and the doubts about the cell.

    `role` forces every name's role (the separate chủ trì and phối hợp columns)."""
    readings: list[_Reading] = []
    label_role: str | None = None
    saw_subject = False
    doubts: list[str] = []
    for segment, new_dash in _segments(text):
        if new_dash:
            label_role = None
        label = _LABEL.match(segment)
        if label:
            label_role = label.group(1).lower()
            segment = segment[label.end() :]
        reading = _read_segment(segment, label_role, not saw_subject)
        if reading is None:
            continue
        if reading.names:
            saw_subject = True
        readings.append(reading)
    has_lead_label = any(r.label == "chủ trì" or r.role == "lead" for r in readings)
    mentions: list[Mention] = []
    for reading in readings:
        if role is not None:
            chosen: Role = role
        elif reading.label == "thực hiện":
            chosen = "support" if has_lead_label else "lead"
        elif reading.role is not None:
            chosen = reading.role
        elif not has_lead_label and (reading.first_subject or reading.bare):
            chosen = "lead"
        else:
            chosen = "support"
        for name in reading.names:
            mentions.append(Mention(name, chosen, reading.doubt))
        for extra in reading.extra:
            mentions.append(Mention(extra.name, role or extra.role, extra.doubt))
    if not mentions and text.strip():
        doubts.append("không nhận ra tên đơn vị nào")
    return mentions, doubts


def _read_segment(segment: str, label: str | None, first: bool) -> _Reading | None:
    prefixed = _PREFIX_LIST.match(segment)
    if prefixed:
        agency, rest = prefixed.group(1), prefixed.group(2)
        items = re.split(r",\s+|\s+và\s+", rest)
        names = []
        for item in items:
            words = _WORD.findall(item)
            cut = next(
                (i for i in range(len(words)) if _is_stop(words, i)),
                len(words),
            )
            name = _clean(" ".join(words[:cut]))
            if name:
                names.append(f"{agency} {name}")
        role = _label_role(label)
        return _Reading(names, role, label, True, first, [])
    words = _WORD.findall(segment)
    if not words:
        return None
    names, after = _read_names(words, 0)
    doubt = None
    if not names:
        found = _search_names(words)
        if found is None:
            return _Reading([], _label_role(label), label, False, first, [])
        names, after, start = found
        doubt = f"đọc đơn vị “{names[0]}” từ câu “{shorten(segment, 50)}”"
    rest = words[after:]
    role = _label_role(label)
    extra: list[Mention] = []
    lowered = [w.lower().strip(",.;:") for w in rest]
    if label is None and rest:
        first_word = " ".join(lowered[:2])
        if first_word.startswith("chủ trì"):
            role = "lead"
        elif first_word.startswith("phối hợp"):
            role = "support"
    # "… chủ trì Các phòng X phối hợp", "… phối hợp với các sở, ngành"
    for index in range(len(rest)):
        if lowered[index] in ("chủ", "phối") and index + 1 < len(rest):
            pair = f"{lowered[index]} {lowered[index + 1]}"
            if pair not in ("chủ trì", "phối hợp"):
                continue
            start = index + 2
            if start < len(rest) and lowered[start] == "với":
                start += 1
                more, end = _read_names(rest, start)
                extra.extend(Mention(n, "support") for n in more)
                continue
            more, end = _read_names(rest, start)
            if more:
                tail = " ".join(lowered[end : end + 2])
                extra_role: Role = "support" if tail.startswith("phối hợp") else "lead"
                extra.extend(Mention(n, extra_role) for n in more)
    bare = not rest and not doubt
    return _Reading(names, role, label, bare, first, extra, doubt)


def _label_role(label: str | None) -> Role | None:
    if label == "chủ trì":
        return "lead"
    if label == "phối hợp":
        return "support"
    return None


def _search_names(words: list[str], reach: int = 8) -> tuple[list[str], int, int] | None:
    """Names inside a segment that does not start with one, before its first verb."""
    for index in range(1, min(reach, len(words))):
        if _is_stop(words, index):
            return None
        if name_starts(words, index):
            names, after = _read_names(words, index)
            if names:
                return names, after, index
    return None
