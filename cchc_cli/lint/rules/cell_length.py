"""Ô quá dài: một ô của phụ lục dài hơn 2.000 ký tự.

Ô Tiến độ dài hơn giới hạn này thì cchc không đọc hạn (ngôn ngữ hạn trả về mốc “chưa đọc
được”, và quy tắc `unparsed-deadline` cũng báo). Giới hạn là `MAX_CELL_CHARS` của ngôn ngữ hạn
(`cchc_cli/deadlines/language.py`): ô Tiến độ của phụ lục thật chỉ dài vài trăm ký tự, ô dài
hơn thường là chép nhầm cả một đoạn văn bản hoặc nhiều dòng dính vào nhau.

Quy tắc xét cả bốn ô của mỗi nhiệm vụ (Nhiệm vụ, Kết quả/sản phẩm, Tiến độ, Phân công) với cùng
giới hạn, tính theo số ký tự sau khi đọc YAML, và báo ở dòng, cột của ô. Sửa: tách ô thành
nhiều nhiệm vụ hoặc nhiều mốc (`deadlines:`), hoặc bỏ phần chép thừa.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.deadlines.language import MAX_CELL_CHARS
from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.plan.model import CELL_LABELS

ID = "cell-length"
SEVERITY = Severity.WARNING

LIMIT = MAX_CELL_CHARS
"""Longest cell accepted, in characters: the deadline language's own limit."""


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.plan is None:
        return
    for path, _section, task in ctx.plan.task_paths():
        for cell, name in CELL_LABELS.items():
            length = len(getattr(task, cell))
            if length <= LIMIT:
                continue
            unread = "; cchc không đọc hạn trong ô này" if cell == "schedule" else ""
            yield ctx.at(
                (*path, cell),
                f"nhiệm vụ {task.id}: ô {name} dài {_number(length)} ký tự, quá giới hạn "
                f"{_number(LIMIT)} ký tự{unread}",
            )
