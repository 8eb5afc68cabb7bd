"""Hạn nằm ngoài năm kế hoạch (ví dụ "Trước ngày 30/11/2024" trong kế hoạch năm 2025).

Thường do chép từ kế hoạch năm trước mà quên sửa năm: hạn đã qua từ trước khi kế hoạch
ban hành, nên nhiệm vụ hiện là quá hạn ngay từ ngày đầu (hoặc không bao giờ đến hạn).

Cách xét, cho mỗi mốc có ngày (hạn một ngày, một khoảng thời gian như "Trong quý II, III
năm 2024", việc thường xuyên có khoảng thời gian, và việc định kỳ với ngày bắt đầu/kết thúc):
- ngày bắt đầu hoặc ngày hạn trước 01/01 của năm kế hoạch: báo;
- ngày bắt đầu sau 31/12 của năm kế hoạch: báo;
- ngày hạn sau 31/03 của năm sau: báo. Hạn trong quý I năm sau được chấp nhận vì báo cáo
  tổng kết năm thường có hạn vào tháng 1, 2 của năm sau.

Mức mặc định là cảnh báo: văn bản gốc có thể cố ý ghi như vậy. Sửa năm trong ô Tiến độ, hoặc
giữ nguyên văn và ghi rõ mốc đúng trong `deadlines:`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cchc_cli.dates import vn_date
from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext

ID = "deadline-outside-year"
SEVERITY = Severity.WARNING


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.plan is None:
        return
    year = ctx.plan.year
    first, last_due = dt.date(year, 1, 1), dt.date(year + 1, 3, 31)
    for placed in ctx.deadlines:
        deadline = placed.deadline
        start: dt.date | None
        end: dt.date | None
        if deadline.kind == "recurring" and deadline.recurrence is not None:
            start, end = deadline.recurrence.start, deadline.recurrence.until
        else:
            start, end = deadline.start, deadline.due
        early = [day for day in (start, end) if day is not None and day < first]
        if early:
            problem = f"rơi vào năm {early[0].year}, trước năm kế hoạch {year}; có phải năm {year}?"
        elif start is not None and start.year > year:
            problem = f"bắt đầu {vn_date(start)}, sau năm kế hoạch {year}"
        elif end is not None and end > last_due:
            problem = f"có hạn {vn_date(end)}, quá xa sau năm kế hoạch {year}"
        else:
            continue
        line, column = ctx.place_deadline(placed)
        written = deadline.text or deadline.label
        what = f"hạn “{written}”" if written else "hạn"
        yield Finding(line, column, f"nhiệm vụ {placed.task.id}: {what} {problem}")
