"""Ô trống: nhiệm vụ thiếu nội dung, kết quả, tiến độ, phân công hoặc đơn vị chủ trì.

Định dạng cho phép ô trống (văn bản gốc đôi khi để trống), nhưng thường đó là chỗ quên điền:
- ô Tiến độ trống: nhiệm vụ không có hạn, không bao giờ hiện trong `cchc due`;
- `lead: []`: nhiệm vụ không thuộc đơn vị nào, không hiện trong `cchc due --unit …`;
- ô Nhiệm vụ, Kết quả/sản phẩm, Phân công trống (hoặc chỉ có khoảng trắng): bảng phụ lục xuất
  ra có ô trống;
- mục không có nhiệm vụ nào, hoặc tên mục trống.

Chỉ các cột có trong bảng của kế hoạch được kiểm tra: một bảng không có cột Kết quả/sản phẩm
(mục `columns`) không bị báo ô Kết quả trống.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.plan.model import CELL_LABELS

ID = "empty-cell"
SEVERITY = Severity.WARNING


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.plan is None:
        return
    for index, section in enumerate(ctx.plan.sections):
        if not section.title.strip():
            yield ctx.at(("sections", index, "title"), f"mục {section.numeral}: tên mục trống")
        if not section.tasks:
            yield ctx.at(("sections", index, "tasks"), f"mục {section.numeral} không có nhiệm vụ nào")
    printed = {column.key for column in ctx.plan.table_columns}
    cells = {cell: name for cell, name in CELL_LABELS.items() if cell in printed}
    for path, _section, task in ctx.plan.task_paths():
        for cell, name in cells.items():
            if not getattr(task, cell).strip():
                yield ctx.at((*path, cell), f"nhiệm vụ {task.id}: ô {name} trống")
        if not task.lead:
            yield ctx.at(
                (*path, "lead"),
                f"nhiệm vụ {task.id}: không có đơn vị chủ trì (lead); thêm mã đơn vị (xem `cchc units`)",
            )
