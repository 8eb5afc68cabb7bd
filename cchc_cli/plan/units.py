"""The unit registry: find a unit by id, name or alias; expand groups; tell a unit's role."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from cchc_cli.errors import UsageError
from cchc_cli.plan.model import Plan
from cchc_cli.safetext import clip
from cchc_cli.textfold import fold

Role = Literal["lead", "support"]
SUGGEST_MAX = 120
"""Names (folded) longer than this are never compared for suggestions: difflib's ratio is
quadratic in the lengths it compares."""


@dataclass(frozen=True)
class UnitRef:
    id: str
    name: str
    is_group: bool


class Directory:
    """Units and groups of one plan, indexed for lookups."""

    def __init__(self, plan: Plan) -> None:
        self.refs: dict[str, UnitRef] = {}
        self._members: dict[str, list[str]] = {}
        self._by_name: dict[str, str] = {}
        for unit in plan.units:
            self.refs[unit.id] = UnitRef(unit.id, unit.name, False)
            self._index(unit.id, [unit.name, *unit.aliases])
        for group in plan.groups:
            self.refs[group.id] = UnitRef(group.id, group.name, True)
            self._members[group.id] = list(group.members)
            self._index(group.id, [group.name, *group.aliases])
        self._expanded: dict[str, frozenset[str]] = {}
        # A plan repeats a few assignments ("Văn phòng Sở", "các phòng, ban…") over thousands
        # of milestones, and a site or a unit's query asks each unit's role in each of them.
        self._expanded_all: dict[tuple[str, ...], frozenset[str]] = {}
        self._roles: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Role | None] = {}

    def _index(self, unit_id: str, names: Iterable[str]) -> None:
        self._by_name.setdefault(fold(unit_id), unit_id)
        for name in names:
            self._by_name.setdefault(fold(name), unit_id)

    def name(self, unit_id: str) -> str:
        ref = self.refs.get(unit_id)
        return ref.name if ref else unit_id

    def names(self, unit_ids: Iterable[str]) -> list[str]:
        return [self.name(u) for u in unit_ids]

    def expand(self, unit_id: str) -> frozenset[str]:
        """The id itself plus, for a group, every member, transitively (cycles are cut)."""
        cached = self._expanded.get(unit_id)
        if cached is not None:
            return cached
        found: set[str] = set()
        stack = [unit_id]
        while stack:
            current = stack.pop()
            if current in found:
                continue
            found.add(current)
            stack.extend(self._members.get(current, []))
        result = frozenset(found)
        self._expanded[unit_id] = result
        return result

    def expand_all(self, unit_ids: Iterable[str]) -> frozenset[str]:
        key = tuple(unit_ids)
        cached = self._expanded_all.get(key)
        if cached is None:
            found: set[str] = set()
            for unit_id in key:
                found |= self.expand(unit_id)
            cached = self._expanded_all[key] = frozenset(found)
        return cached

    def find(self, query: str) -> UnitRef:
        """A unit by id, name or alias, ignoring case and diacritics; UsageError if none.

        The work is linear in the length of the query and of the names: one fold of the
        query, one substring search per name (CPython's is linear), and "có phải …?"
        suggestions (difflib, quadratic per pair) only between short strings."""
        key = fold(query)
        if not key:
            raise UsageError("--unit: cần mã, tên hoặc tên khác của một đơn vị; không được để trống")
        unit_id = self._by_name.get(key)
        if unit_id is None and len(key.split()) >= 2:
            # A unique partial match of whole words ("dang kiem") is accepted too; one word
            # ("ban") is too loose a clue to pick a unit by.
            padded = f" {key} "
            partial = {uid for name, uid in self._by_name.items() if padded in f" {name} "}
            if len(partial) == 1:
                unit_id = partial.pop()
        if unit_id is None:
            close = []
            if len(key) <= SUGGEST_MAX:
                short = [name for name in self._by_name if len(name) <= SUGGEST_MAX]
                close = difflib.get_close_matches(key, short, n=3, cutoff=0.5)
            suggestions = list(dict.fromkeys(self.refs[self._by_name[c]].name for c in close))
            hint = "; có phải: " + ", ".join(f"“{s}”" for s in suggestions) + "?" if suggestions else ""
            raise UsageError(
                f"không có đơn vị “{clip(query)}” trong kế hoạch{hint} (xem danh sách: cchc units)"
            )
        return self.refs[unit_id]

    def role(self, unit_id: str, lead: Iterable[str], support: Iterable[str]) -> Role | None:
        """The unit's role where `lead`/`support` are assigned, directly or through groups."""
        key = (unit_id, tuple(lead), tuple(support))
        if key in self._roles:
            return self._roles[key]
        mine = self.expand(unit_id)
        role: Role | None = None
        if mine & self.expand_all(key[1]):
            role = "lead"
        elif mine & self.expand_all(key[2]):
            role = "support"
        self._roles[key] = role
        return role
