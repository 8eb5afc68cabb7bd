"""The unit registry of an imported plan, built from the names the assignment cells use.

Names written two ways are one unit: the comparison ignores case and diacritics, reads
"UBND" as "Ủy ban nhân dân" (and HĐND, MTTQ, BHXH likewise) and drops a leading "Tất cả";
a name that only adds the agency's own level to another ("Văn phòng" and "Văn phòng Sở",
"Trung tâm X" and "Trung tâm X tỉnh Khánh Hòa") is the same unit when no other name shares
that stem. The unit is named by its most used form (on a tie the one without "Tất cả", then
the longer, so "Ủy ban nhân dân tỉnh" over "UBND tỉnh"), the others become aliases. Collective
names ("Các sở, ban, ngành", "UBND các xã, phường", "02 đơn vị sự nghiệp") become groups
with no members yet: the user fills them in later.

Ids are ASCII slugs of the name ("Sở Tư pháp" -> so-tu-phap, at most 60 characters), the
same name giving the same id on every import; a clash takes "-2", "-3"…
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from cchc_cli.importer.assignees import is_collective
from cchc_cli.plan.model import Group, Unit
from cchc_cli.textfold import fold

_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "bhxh": "bao hiem xa hoi",
}
_LEADING = ("tat ca ", "toan bo ", "toan the ")
_LEVELS = frozenset({"so", "tinh", "huyen", "xa", "phuong", "quan", "thanh", "thi"})
_MAX_ID = 60


@functools.lru_cache(maxsize=4096)
def identity(name: str) -> str:
    """The key two spellings of one unit share."""
    words = [_ABBREVIATIONS.get(w, w) for w in re.sub(r"[^\w&/,]+", " ", fold(name)).split()]
    key = " ".join(words).strip(" ,")
    for leading in _LEADING:
        if key.startswith(leading):
            key = key[len(leading) :]
    return key


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", fold(name).replace("&", "-")).strip("-") or "don-vi"
    if len(text) > _MAX_ID:
        cut = text[:_MAX_ID]
        text = cut[: cut.rfind("-")] if "-" in cut[_MAX_ID // 2 :] else cut
    return text.strip("-")


@dataclass
class Registry:
    units: list[Unit] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _ids: dict[str, str] = field(default_factory=dict)  # identity key -> id

    def id_of(self, name: str) -> str:
        return self._ids[identity(name)]


def build_registry(names: list[str]) -> Registry:
    """Units and groups for `names` (every mention, in the order of the document)."""
    written: Counter[str] = Counter(names)
    order: dict[str, int] = {}
    for name in names:
        order.setdefault(name, len(order))
    keys: dict[str, list[str]] = {}  # identity -> written forms in order
    for name in order:
        keys.setdefault(identity(name), []).append(name)
    # "Văn phòng Sở" is "Văn phòng" with the agency's level added: one unit, if unambiguous
    longer: dict[str, list[str]] = {}
    for key in keys:
        words = key.split()
        for cut in range(2, len(words)):
            stem, rest = " ".join(words[:cut]), words[cut]
            if stem in keys and rest in _LEVELS:
                longer.setdefault(stem, []).append(key)
    merged_into: dict[str, str] = {}
    notes: list[str] = []
    for stem, keys_found in longer.items():
        if len(keys_found) == 1 and keys_found[0] not in merged_into and stem not in merged_into:
            merged_into[keys_found[0]] = stem
            a, b = keys[stem][0], keys[keys_found[0]][0]
            notes.append(f"coi “{a}” và “{b}” là một đơn vị")
    clusters: dict[str, list[str]] = {}
    for key, forms in keys.items():
        clusters.setdefault(merged_into.get(key, key), []).extend(forms)
    registry = Registry(notes=notes)
    taken: set[str] = set()
    for stem, forms in sorted(clusters.items(), key=lambda item: min(order[f] for f in item[1])):
        forms.sort(key=lambda f: (-written[f], fold(f).startswith(_LEADING), -len(f), order[f]))
        name, aliases = forms[0], forms[1:]
        unit_id = base = slug(name)
        index = 2
        while unit_id in taken:
            suffix = f"-{index}"
            unit_id = base[: _MAX_ID - len(suffix)] + suffix
            index += 1
        taken.add(unit_id)
        for form in forms:
            registry._ids[identity(form)] = unit_id
        registry._ids[stem] = unit_id
        if is_collective(name):
            registry.groups.append(Group(id=unit_id, name=name, aliases=aliases, members=[]))
        else:
            registry.units.append(Unit(id=unit_id, name=name, aliases=aliases))
    return registry
