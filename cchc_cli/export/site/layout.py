"""Which rendered pieces go on which page, so that no page grows past the size budget.

A view (a unit's tasks, the timeline, the appendix, a section's task details) is a list of
blocks, each one task's rendered HTML (or a chunk of the timeline) tagged with its section.
When the whole view does not fit the budget it is cut at section boundaries, and a section
that alone is too large is cut into runs of blocks, in plan order. Part names come from the
sections (`I`, `I-2`, …), so adding a task to one section never renames another's page: a
site kept in git shows only real changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from cchc_cli.export.site.model import SectionView


@dataclass(frozen=True)
class Block:
    section: SectionView
    html: str  # already escaped (a rendered fragment)
    key: str = ""  # what the block is, for templates that group blocks (e.g. "lead"/"support")

    @property
    def size(self) -> int:
        return len(self.html.encode("utf-8"))


@dataclass(frozen=True)
class Part:
    name: str  # the file name part: "I", "I-2"
    section: SectionView
    number: int  # 1, 2, … within its section
    count: int  # how many parts its section has
    blocks: tuple[Block, ...]


def split(blocks: Sequence[Block], room: int) -> list[Part]:
    """`blocks` by section, each section's blocks cut into runs of at most `room` bytes (a block
    larger than `room` stands alone)."""
    parts: list[Part] = []
    for _slug, group in groupby(blocks, key=lambda b: b.section.slug):
        runs: list[list[Block]] = [[]]
        size = 0
        for block in group:
            if runs[-1] and size + block.size > room:
                runs.append([])
                size = 0
            runs[-1].append(block)
            size += block.size
        section = runs[0][0].section
        for number, run in enumerate(runs, start=1):
            name = section.slug if number == 1 else f"{section.slug}-{number}"
            parts.append(Part(name, section, number, len(runs), tuple(run)))
    return parts
