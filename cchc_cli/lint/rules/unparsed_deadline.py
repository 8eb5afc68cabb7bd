"""Không đọc được hạn trong ô Tiến độ: nhiệm vụ sẽ không hiện trong `cchc due`.

Mỗi mốc trong ô Tiến độ (hoặc trong `deadlines:`) được đọc bằng ngôn ngữ hạn của cchc
("Trước ngày 15/12/2025", "Quý II/2025", "Hằng tháng", "Sau khi Đề án được phê duyệt",
"Thường xuyên", "Theo quy định"…). Mốc nào không đọc được (kiểu `unknown`, kể cả ngày không
có thật như 31/02/2025) thì không có hạn, và nhiệm vụ lặng lẽ biến khỏi báo cáo đến hạn.

Quy tắc báo ở dòng của mốc, kèm lý do. Sửa: viết lại theo một dạng cchc hiểu (xem
`cchc deadline "…"` để thử), hoặc giữ nguyên văn ô Tiến độ và ghi rõ mốc trong
`deadlines:` của nhiệm vụ (`kind: date`, `due: 2025-12-15`…). Mốc khai báo thẳng
`kind: unknown` cũng bị báo.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "unparsed-deadline"
SEVERITY = Severity.WARNING


def check(ctx: LintContext) -> Iterator[Finding]:
    for placed in ctx.deadlines:
        deadline = placed.deadline
        if deadline.kind != "unknown":
            continue
        line, column = ctx.place_deadline(placed)
        reason = f" ({deadline.reason})" if deadline.reason else ""
        shown = deadline.text or deadline.label or "(trống)"
        yield Finding(
            line,
            column,
            f"nhiệm vụ {placed.task.id}: không đọc được hạn “{shown}”{reason}; viết lại "
            "(thử bằng `cchc deadline`) hoặc ghi rõ mốc trong 'deadlines:'",
        )
