"""Ô Nhiệm vụ hoặc Kết quả ghi một năm cũ ở chỗ có lẽ phải là năm kế hoạch.

Ví dụ kế hoạch năm 2025 có nhiệm vụ "Xây dựng Kế hoạch … chuyển đổi số của Sở Xây dựng năm
2024": chép từ kế hoạch năm trước mà quên sửa năm. Quy tắc chỉ là phỏng đoán, nên chỉ ở mức
cảnh báo; nếu đúng là năm cũ thì bỏ qua (hoặc tắt quy tắc trong cấu hình).

Cách xét (chỉ ô Nhiệm vụ `task` và Kết quả/sản phẩm `output`):
- chỉ xét cụm "năm NNNN" (chữ "năm" ngay trước con số), với NNNN từ 3 năm trước đến năm
  trước năm kế hoạch. Số hiệu văn bản ("90/2018/TT-BTC", "NĐ 106/2020/NĐ-CP"), ngày viết số
  ("ngày 28/9/2018"), tiêu chuẩn ("ISO 9001:2015") không có chữ "năm" nên không bị xét;
- bỏ qua khi ngay trước cụm đó, trong cùng một vế câu (tối đa 10 chữ, không vượt qua dấu
  `.` `;` `:` `(` `)` hay xuống dòng), có chữ cho thấy năm cũ là cố ý: "chỉ số", "xếp hạng",
  "kết quả", "tổng kết", "so với", tên luật ("luật", "bộ luật", "hiến pháp", "pháp lệnh"),
  hay số hiệu văn bản ("số 12/…"), hoặc khi "năm NNNN" là phần cuối của một ngày viết chữ
  ("ngày 10 tháng 4 năm 2024"). Nhờ vậy "Công bố Chỉ số và xếp hạng kết quả CCHC năm 2024"
  trong kế hoạch năm 2025 không bị báo.

Vẫn có thể báo nhầm, ví dụ "Khắc phục tồn tại qua kiểm tra năm 2024" (năm cũ là cố ý mà không
có chữ nào ở trên), hoặc bỏ sót một năm cũ viết khác ("năm 24", "/2024").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.textfold import fold

ID = "earlier-year-in-text"
SEVERITY = Severity.WARNING

CELLS = {"task": "Nhiệm vụ", "output": "Kết quả/sản phẩm"}
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:()\n]")
_INTENDED = re.compile(
    r"\b(chi so|xep hang|ket qua|tong ket|so voi|luat|hien phap|phap lenh|so \d+)\b"
    r"|\bthang \d{1,2}\s*$"
)
_WINDOW_WORDS = 10


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.plan is None:
        return
    year = ctx.plan.year
    for path, _section, task in ctx.plan.task_paths():
        for cell, cell_name in CELLS.items():
            text: str = getattr(task, cell)
            if "năm" not in text.lower():
                continue
            for match in _YEAR.finditer(text):
                written = int(match.group(1))
                if not year - 3 <= written < year or _intended(text, match.start()):
                    continue
                nth = text.count(match.group(0), 0, match.start())
                line, column = ctx.find_in((*path, cell), match.group(0), nth)
                yield Finding(
                    line,
                    column,
                    f"nhiệm vụ {task.id}: ô {cell_name} ghi “{match.group(0)}”, trước năm kế "
                    f"hoạch {year}; nếu ý là năm {year} thì sửa lại",
                )


def _intended(text: str, end: int) -> bool:
    """Whether the words just before a year show that the earlier year is meant."""
    before = text[:end]
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    words = before[clause_start:].split()[-_WINDOW_WORDS:]
    return bool(_INTENDED.search(fold(" ".join(words)) + " "))
