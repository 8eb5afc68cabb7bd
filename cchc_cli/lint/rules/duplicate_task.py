"""Hai nhiệm vụ có cùng nội dung (nhiệm vụ bị chép lặp ở hai mục).

Ví dụ phụ lục năm 2025 có nhiệm vụ III.6 "Thực hiện cổ phần hóa Trung tâm Đăng kiểm xe cơ
giới tỉnh Khánh Hòa" và nhiệm vụ IX.4 "Hoàn thành nhiệm vụ được giao … cụ thể nhiệm vụ: Thực
hiện cổ phần hóa Trung tâm Đăng kiểm xe cơ giới tỉnh Khánh Hòa", cùng ô Kết quả. Khi đó mỗi
lần sửa phải sửa hai nơi, và báo cáo tiến độ bị đếm hai lần.

Phép so sánh: hai ô được chuẩn hóa (bỏ dấu, chữ thường, dấu câu thành dấu cách, gộp khoảng
trắng). Hai nhiệm vụ bị coi là trùng khi
- ô Nhiệm vụ giống hệt nhau; hoặc
- ô Nhiệm vụ của nhiệm vụ này nằm trọn trong ô Nhiệm vụ của nhiệm vụ kia (tính theo nguyên
  chữ, ít nhất 6 chữ) **và** ô Kết quả/sản phẩm của hai nhiệm vụ giống nhau.
Điều kiện thứ hai bắt được trường hợp III.6/IX.4 mà không báo những nhiệm vụ chỉ chung một
cụm ngắn như "Báo cáo".

Báo ở nhiệm vụ đứng sau, nêu nhiệm vụ đứng trước. Nếu việc nhắc lại là cố ý (như IX.4 nhắc
lại III.6 để tính điểm tiêu chí), thêm `repeats: III.6` vào nhiệm vụ đứng sau: cặp đó sẽ không
bị báo nữa. Mức mặc định: cảnh báo; có thể hạ xuống `info` trong cấu hình.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from cchc_cli.diagnostics import Severity
from cchc_cli.lint.context import Finding, LintContext
from cchc_cli.plan.model import Task

ID = "duplicate-task"
SEVERITY = Severity.WARNING

MIN_WORDS = 6
_PUNCT = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """'Thực hiện cổ phần hóa…' -> 'thuc hien co phan hoa…': no marks, lower case, words only.

    Faster than textfold.fold for thousands of cells: the marks go in one C-level encode
    (letters outside Vietnamese and ASCII are dropped, which is harmless for comparing)."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = plain.encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(_PUNCT.sub(" ", ascii_text).split())


def check(ctx: LintContext) -> Iterator[Finding]:
    if ctx.plan is None:
        return
    tasks = [(path, task) for path, _section, task in ctx.plan.task_paths()]
    texts = [normalize(task.task) for _path, task in tasks]
    outputs = [normalize(task.output) for _path, task in tasks]
    words = [text.count(" ") + 1 for text in texts]
    # Only tasks sharing a task text or an output cell can match: compare inside those groups.
    groups: dict[str, list[int]] = defaultdict(list)
    for index, (text, output) in enumerate(zip(texts, outputs, strict=True)):
        if text:
            groups["t:" + text].append(index)
            groups["o:" + output].append(index)
    earlier: dict[int, int] = {}
    for members in groups.values():
        for position, later in enumerate(members):
            for first in members[:position]:
                if first < earlier.get(later, later) and _same(texts, outputs, words, first, later):
                    earlier[later] = first
    for later, first in sorted(earlier.items()):
        path, task = tasks[later]
        first_path, original = tasks[first]
        if _declared(task, original) or _declared(original, task):
            continue
        first_line, _column = ctx.source.locate((*first_path, "task"))
        yield ctx.at(
            (*path, "task"),
            f"nhiệm vụ {task.id} trùng nội dung với nhiệm vụ {original.id} (dòng {first_line}); "
            f"gộp lại, hoặc nếu cố ý nhắc lại thì thêm 'repeats: {original.id}' vào {task.id}",
        )


def _same(texts: list[str], outputs: list[str], words: list[int], first: int, later: int) -> bool:
    a, b = texts[first], texts[later]
    if a == b:
        return True
    if outputs[first] != outputs[later] or min(words[first], words[later]) < MIN_WORDS:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return f" {short} " in f" {long} "


def _declared(task: Task, other: Task) -> bool:
    return task.repeats == other.id
