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

Cách tìm (để kế hoạch cấp tỉnh, cấp quốc gia hàng chục nghìn nhiệm vụ vẫn kiểm tra nhanh):
không so từng cặp. Các ô Nhiệm vụ giống hệt nhau được gom bằng bảng băm; mỗi ô khác nhau chỉ
xét một lần. Để tìm ô nằm trọn trong ô khác, mỗi ô được cắt thành các cụm 6 chữ liên tiếp và
lập chỉ mục theo cụm (trong từng nhóm cùng ô Kết quả): ô ngắn nằm trong ô dài thì mọi cụm của
ô ngắn đều có trong ô dài, nên chỉ cần so ô ngắn với các ô có chung cụm *hiếm nhất* của nó.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter, defaultdict
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
    for later, first in sorted(earliest_duplicates(texts, outputs).items()):
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


def earliest_duplicates(
    texts: list[str], outputs: list[str], meter: list[int] | None = None
) -> dict[int, int]:
    """Task index -> the index of the first earlier task it duplicates (normalised texts).

    Two tasks match when their texts are equal, or when both outputs are equal and the shorter
    text (at least MIN_WORDS words) is, word for word, inside the longer one. `meter[0]` (when
    given) counts the pairs of distinct texts compared for containment: tests read it to prove
    the work stays in proportion to the plan, not to its pairs of tasks."""
    earliest: dict[int, int] = {}
    first_of: dict[str, int] = {}
    for index, text in enumerate(texts):
        if text:
            first = first_of.setdefault(text, index)
            if first != index:
                earliest[index] = first
    groups: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for index, (text, output) in enumerate(zip(texts, outputs, strict=True)):
        if text and text.count(" ") + 1 >= MIN_WORDS:
            groups[output].setdefault(text, []).append(index)
    for by_text in groups.values():
        if len(by_text) < 2:
            continue
        for text, partner in _contained_partners(list(by_text), by_text, meter).items():
            for index in by_text[text]:
                if partner < index and partner < earliest.get(index, index):
                    earliest[index] = partner
    return earliest


def _runs(text: str) -> set[int]:
    """The hashes of every run of MIN_WORDS consecutive words of a text (built in C: zip)."""
    words = text.split(" ")
    return set(map(hash, zip(*(words[i:] for i in range(MIN_WORDS)), strict=False)))


def _contained_partners(
    distinct: list[str], indices: dict[str, list[int]], meter: list[int] | None
) -> dict[str, int]:
    """For each text that contains, or is contained in, another of `distinct` (whole words):
    the first task index among all such partner texts.

    Every run of MIN_WORDS words of a text is in any text that contains it, so the texts that
    share its rarest run are the only candidates. Runs are hashed (a collision only adds a
    candidate: each candidate is checked on the text itself)."""
    runs = [array("q", _runs(text)) for text in distinct]  # compact: 8 bytes a run
    frequency: Counter[int] = Counter()
    for own in runs:
        frequency.update(own)
    rarest = [min(own, key=frequency.__getitem__) for own in runs]
    wanted = set(rarest)
    holders: dict[int, list[int]] = defaultdict(list)
    for number, own in enumerate(runs):
        for run in wanted.intersection(own):
            holders[run].append(number)
    partner: dict[str, int] = {}

    def note(text: str, index: int) -> None:
        if index < partner.get(text, index + 1):
            partner[text] = index

    for number, short in enumerate(distinct):
        padded = f" {short} "
        for other in holders[rarest[number]]:
            long = distinct[other]
            if other == number or len(long) <= len(short):
                continue
            if meter is not None:
                meter[0] += 1
            if padded in f" {long} ":
                note(short, indices[long][0])
                note(long, indices[short][0])
    return partner


def _declared(task: Task, other: Task) -> bool:
    return task.repeats == other.id
