"""Several plans at once: which agency a user means (`--agency`), and a name for its folder.

Agencies are matched as units are (`plan/units.py`): ignoring case and diacritics, by the
whole name ("Sở Xây dựng tỉnh Khánh Hòa") or another name of it (the folder its plans live
in, `so-xay-dung`), else by a run of at least two whole words found in one agency's name only
("xay dung"). An unknown or ambiguous agency is a UsageError naming the closest ones.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from cchc_cli.errors import UsageError
from cchc_cli.textfold import fold

__all__ = ["agency_slug", "match_agencies"]


def _key(name: str) -> str:
    return fold(name.replace("-", " ").replace("_", " "))


def match_agencies(names: Sequence[Sequence[str]], query: str) -> list[int]:
    """The indices of the plans whose agency `query` names; `names[i]` are plan i's names
    (its agency first, then other names such as its folder)."""
    key = _key(query)
    exact = [i for i, own in enumerate(names) if any(_key(n) == key for n in own)]
    if exact:
        return exact
    if len(key.split()) >= 2:
        padded = f" {key} "
        partial = [i for i, own in enumerate(names) if any(padded in f" {_key(n)} " for n in own)]
        agencies = {_key(names[i][0]) for i in partial}
        if len(agencies) == 1:
            return partial
        if agencies:
            listed = ", ".join(f"“{names[i][0]}”" for i in dict.fromkeys(partial))
            raise UsageError(f"“{query}” khớp với nhiều cơ quan ({listed}); ghi rõ tên hơn")
    every = {_key(n): own[0] for own in names for n in own}
    close = difflib.get_close_matches(key, list(every), n=3, cutoff=0.5)
    hint = "; có phải: " + ", ".join(f"“{every[c]}”" for c in dict.fromkeys(close)) + "?" if close else ""
    raise UsageError(f"không có cơ quan “{query}” trong các kế hoạch đã đọc{hint}")


def agency_slug(agency: str) -> str:
    """'Sở Xây dựng tỉnh Khánh Hòa' -> 'so-xay-dung-tinh-khanh-hoa': a folder or file name part."""
    return re.sub(r"[^a-z0-9]+", "-", fold(agency)).strip("-") or "co-quan"
