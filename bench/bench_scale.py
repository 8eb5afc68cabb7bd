"""How cchc scales: every command at 1,000, 10,000 and 50,000 tasks, against its peer.

    python bench/bench_scale.py [--sizes 1000,10000,50000] [--runs N] [--quick] [--keep DIR]

The plans are generated here, deterministically (a seeded generator, the same plan for the same
size on every run): Vietnamese task and output texts built from the phrases CCHC plans use
("Rà soát, đánh giá…", "Báo cáo" is the commonest output, as in real plans), one agency per
about 60 tasks with its own units and a group, and the Tiến độ forms the deadline language
reads (dates with and without "trước", quarters, months, half-years, years, ranges, weeks of a
month, two deadlines in a cell, "Thường xuyên", "Theo quy định", monthly, quarterly,
half-yearly, yearly and weekly recurring deadlines, events with and without a date). Plans are
in the current year; `--as-of` is today in Việt Nam. Beside each plan, a progress file of
tasks/2 records (5,000 for 10,000 tasks), each done on or before today.

The same work is loaded into Taskwarrior (`task import` into a temporary TASKDATA with its own
TASKRC): one task per cchc item that has a due date (a dated milestone, each occurrence of a
recurring one whose period has begun, the one line standing for an untracked weekly or
monthly milestone's missed occurrences), project = the lead unit, due at the END of the due
day in Asia/Ho_Chi_Minh so that `+OVERDUE` (due < now) means what cchc's overdue means (the
as-of day after the due date); recorded items are imported as completed. The generator knows
every due date from the phrase it wrote, independently of cchc; the script checks that
`cchc due`'s overdue count equals `task +OVERDUE count` and prints the check beside every
figure of that size.

Every figure is the median of N paired runs (cchc, then its peer, order alternating), each a
fresh process; peak memory is the child's ru_maxrss (os.wait4). "cold" runs with
CCHC_NO_CACHE=1; "warm" with a plan cache filled by one earlier run. Peers: `task +OVERDUE
list` (due), `yamllint -d default` (lint), `task summary` (stats), `task export` (csv, ics),
pandoc Markdown -> docx on the same table (docx, at 5,000 rows, as bench_export_docx.py does).

Goals (the scale issue), each printed with its verdict:
- time(50k)/time(10k) <= 5.5 for due, lint, stats, export ics|docx|csv;
- `cchc done` on a 10,000-task plan: a record added to a 5,000-record file <= 1.5x the same
  on an empty file;
- `cchc due`, 10,000 tasks: cold <= 2x Taskwarrior, warm <= 1x, peak memory <= 2x;
- `cchc lint` <= 0.2x yamllint at 1,000 and 10,000 tasks;
- `export ics`, 10,000 tasks: <= 1 s and <= 100 MiB;
- `export docx`, 5,000 rows, cold: <= 0.2x pandoc.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ROMAN = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

# --- texts ---------------------------------------------------------------------------------

PROVINCES = [
    "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Gia Lai", "Quảng Ngãi", "Đà Nẵng", "Huế", "Quảng Trị",
    "Hà Tĩnh", "Nghệ An", "Thanh Hóa", "Ninh Bình", "Hưng Yên", "Hải Phòng", "Quảng Ninh",
    "Bắc Ninh", "Thái Nguyên", "Phú Thọ", "Tuyên Quang", "Lào Cai", "Lai Châu", "Điện Biên",
    "Sơn La", "Cao Bằng", "Lạng Sơn", "Hà Nội", "Tây Ninh", "Đồng Nai", "Đồng Tháp", "Vĩnh Long",
    "An Giang", "Cần Thơ", "Cà Mau", "Thành phố Hồ Chí Minh",
]  # fmt: skip
AGENCIES = [
    ("Sở Xây dựng", "sxd", "SXD"), ("Sở Tư pháp", "stp", "STP"), ("Sở Nội vụ", "snv", "SNV"),
    ("Sở Tài chính", "stc", "STC"), ("Sở Giáo dục và Đào tạo", "sgddt", "SGDĐT"),
    ("Sở Y tế", "syt", "SYT"), ("Sở Nông nghiệp và Môi trường", "snnmt", "SNNMT"),
    ("Sở Công Thương", "sct", "SCT"), ("Sở Văn hóa, Thể thao và Du lịch", "svhttdl", "SVHTTDL"),
    ("Sở Khoa học và Công nghệ", "skhcn", "SKHCN"), ("Sở Dân tộc và Tôn giáo", "sdttg", "SDTTG"),
    ("Thanh tra tỉnh", "ttt", "TTr"), ("Văn phòng UBND tỉnh", "vpubnd", "VPUBND"),
    ("Ban Quản lý Khu kinh tế", "bqlkkt", "BQLKKT"),
]  # fmt: skip
UNITS = [
    ("van-phong", "Văn phòng"), ("thanh-tra", "Thanh tra"),
    ("phong-khtc", "Phòng Kế hoạch - Tài chính"), ("phong-ql", "Phòng Quản lý chuyên ngành"),
    ("phong-pc", "Phòng Pháp chế"), ("trung-tam", "Trung tâm Dịch vụ công"),
    ("mot-cua", "Bộ phận một cửa"),
]  # fmt: skip
AREAS = [
    "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH",
    "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "CẢI CÁCH TÀI CHÍNH CÔNG", "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
    "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH VÀ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH",
]  # fmt: skip
VERBS = [
    "Rà soát, đánh giá", "Tổ chức triển khai", "Xây dựng và ban hành", "Kiểm tra, giám sát việc thực hiện",
    "Tham mưu UBND tỉnh ban hành", "Cập nhật, công khai", "Tiếp tục thực hiện hiệu quả",
    "Tổ chức tập huấn, bồi dưỡng về", "Số hóa hồ sơ, kết quả giải quyết", "Đánh giá, chấm điểm",
    "Tuyên truyền, phổ biến", "Rà soát, sắp xếp, kiện toàn", "Nâng cao chất lượng",
    "Thực hiện quy trình xây dựng", "Theo dõi, đôn đốc việc thực hiện",
]  # fmt: skip
OBJECTS = [
    "thủ tục hành chính thuộc phạm vi quản lý", "văn bản quy phạm pháp luật", "quy chế làm việc",
    "vị trí việc làm và cơ cấu ngạch công chức", "danh mục dịch vụ công trực tuyến toàn trình",
    "Chỉ số hài lòng của người dân, tổ chức (SIPAS)", "Chỉ số cải cách hành chính (PAR INDEX)",
    "hệ thống quản lý chất lượng theo TCVN ISO 9001:2015", "kết quả giải quyết thủ tục hành chính",
    "cơ sở dữ liệu chuyên ngành", "công tác văn thư, lưu trữ",
    "cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập", "ứng dụng chữ ký số trong văn bản điện tử",
    "hồ sơ trên Cổng dịch vụ công quốc gia", "kỷ luật, kỷ cương hành chính",
    "đội ngũ cán bộ, công chức, viên chức", "quy trình nội bộ giải quyết thủ tục hành chính",
    "kế hoạch chuyển đổi số", "chế độ báo cáo định kỳ", "phản ánh, kiến nghị của người dân",
]  # fmt: skip
FIELDS = [
    "lĩnh vực xây dựng", "lĩnh vực đất đai", "lĩnh vực y tế", "lĩnh vực giáo dục", "lĩnh vực tư pháp",
    "lĩnh vực tài chính", "lĩnh vực công thương", "lĩnh vực nông nghiệp", "lĩnh vực văn hóa",
    "lĩnh vực giao thông", "lĩnh vực môi trường", "lĩnh vực khoa học", "lĩnh vực nội vụ",
    "lĩnh vực lao động", "lĩnh vực du lịch",
]  # fmt: skip
TAILS = [
    "bảo đảm đúng quy định", "đúng thời hạn, đầy đủ nội dung", "theo chỉ đạo của UBND tỉnh",
    "gắn với trách nhiệm người đứng đầu", "nâng cao chất lượng phục vụ người dân, doanh nghiệp", "",
]  # fmt: skip
OUTPUTS = [
    ("Báo cáo", 30), ("Báo cáo kết quả thực hiện", 10), ("Kế hoạch", 10), ("Kế hoạch/ Báo cáo năm", 5),
    ("Quyết định phê duyệt", 5), ("Văn bản triển khai", 5), ("Tờ trình/Quyết định của UBND tỉnh", 5),
    ("Danh mục thủ tục hành chính được công bố", 5), ("Hồ sơ, tài liệu được số hóa", 5), ("*", 20),
]  # fmt: skip
EVENT_DATED = ("qd-giao-bien-che", "Quyết định giao biên chế của UBND tỉnh", (3, 10))
EVENT_WAITING = ("de-an-vtvl", "Đề án vị trí việc làm được phê duyệt")


def roman(value: int) -> str:
    out = ""
    for number, letters in ROMAN:
        while value >= number:
            out += letters
            value -= number
    return out


def quoted(text: str) -> str:
    """A YAML scalar: plain when that is safe, else double-quoted (JSON is valid YAML)."""
    plain = (
        text
        and text[0] not in "-?:,[]{}#&*!|>'\"%@`"
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and not text[0].isdigit()
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


# --- deadlines: what the generator writes and what it knows the due dates are -----------------


def month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


@dataclass
class Mile:
    """One milestone: its due date (dated) or its recurrence (occurrence days + frequency)."""

    kind: str  # dated, recurring, other
    due: dt.date | None = None
    freq: str | None = None
    days: list[dt.date] = field(default_factory=list)


def _dated(rng: random.Random, year: int) -> tuple[str, dt.date]:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    d = dt.date(year, month, day)
    form = rng.randrange(8)
    if form == 0:
        return f"Trước ngày {day:02d}/{month:02d}/{year}", d - dt.timedelta(days=1)
    if form == 1:
        return f"Trước {day}/{month}/{year}", d - dt.timedelta(days=1)
    if form == 2:
        return f"Chậm nhất ngày {day}/{month}/{year}", d
    if form == 3:
        return f"Hoàn thành trước ngày {day}/{month}", d - dt.timedelta(days=1)
    if form == 4:
        return f"Đến hết ngày {day:02d}/{month:02d}/{year}", d
    if form == 5:
        return f"Ngày {day} tháng {month} năm {year}", d
    if form == 6:
        start = dt.date(year, rng.randint(1, month), 1)
        return f"Từ {start.day:02d}/{start.month:02d}/{year} đến {day:02d}/{month:02d}/{year}", d
    return f"Tuần đầu tháng {month}/{year}", dt.date(year, month, 7)


def _period(rng: random.Random, year: int) -> tuple[str, dt.date]:
    form = rng.randrange(9)
    month = rng.randint(1, 12)
    quarter = rng.randint(1, 4)
    q = ["I", "II", "III", "IV"][quarter - 1]
    if form == 0:
        return f"Tháng {month}/{year}", month_end(year, month)
    if form == 1:
        return f"Tháng {month}", month_end(year, month)
    if form == 2:
        return f"Quý {q}/{year}", month_end(year, quarter * 3)
    if form == 3:
        return f"Quý {q} năm {year}", month_end(year, quarter * 3)
    if form == 4:
        return f"6 tháng đầu năm {year}", dt.date(year, 6, 30)
    if form == 5:
        return f"Năm {year}", dt.date(year, 12, 31)
    if form == 6:
        return f"Trong năm {year}", dt.date(year, 12, 31)
    if form == 7:
        first = min(month, 11)
        return f"Tháng {first}, {first + 1}/{year}", month_end(year, first + 1)
    return f"Quý {q}", month_end(year, quarter * 3)


def _recurring(rng: random.Random, year: int) -> tuple[str, Mile]:
    form = rng.choices(range(8), weights=[4, 3, 3, 3, 3, 2, 2, 1])[0]
    if form == 0:
        return "Hằng tháng", Mile(
            "recurring", freq="monthly", days=[month_end(year, m) for m in range(1, 13)]
        )
    if form == 1:
        return "Định kỳ hàng tháng", Mile(
            "recurring", freq="monthly", days=[month_end(year, m) for m in range(1, 13)]
        )
    if form == 2:
        return "Báo cáo trước ngày 25 hằng tháng", Mile(
            "recurring", freq="monthly", days=[dt.date(year, m, 24) for m in range(1, 13)]
        )
    if form == 3:
        return "Hằng quý", Mile(
            "recurring", freq="quarterly", days=[month_end(year, m) for m in (3, 6, 9, 12)]
        )
    if form == 4:
        return "Báo cáo gửi Sở Nội vụ trong ngày 14 của tháng cuối kỳ báo cáo", Mile(
            "recurring", freq="quarterly", days=[dt.date(year, m, 14) for m in (3, 6, 9, 12)]
        )
    if form == 5:
        return "Báo cáo định kỳ 6 tháng", Mile(
            "recurring", freq="semiannual", days=[dt.date(year, 6, 30), dt.date(year, 12, 31)]
        )
    if form == 6:
        return "Hằng năm trước ngày 15/12", Mile("recurring", freq="yearly", days=[dt.date(year, 12, 14)])
    first = dt.date(year, 1, 1)
    first += dt.timedelta(days=(4 - first.weekday()) % 7)
    fridays = []
    while first.year == year:
        fridays.append(first)
        first += dt.timedelta(days=7)
    return "Thứ Sáu hằng tuần", Mile("recurring", freq="weekly", days=fridays)


def schedule(rng: random.Random, year: int) -> tuple[str, list[Mile]]:
    """A Tiến độ cell and its milestones, as the generator means them."""
    kind = rng.choices(range(7), weights=[38, 24, 8, 12, 5, 3, 10])[0]
    if kind == 0:
        text, due = _dated(rng, year)
        return text, [Mile("dated", due)]
    if kind == 1:
        text, due = _period(rng, year)
        return text, [Mile("dated", due)]
    if kind == 2:  # two deadlines, one a line
        (a, da), (b, db) = _dated(rng, year), _dated(rng, year)
        return f"{a}\n{b}", [Mile("dated", da), Mile("dated", db)]
    if kind == 3:
        return rng.choice(
            ["Thường xuyên", f"Thường xuyên trong năm {year}", "Thực hiện thường xuyên, liên tục"]
        ), [Mile("other")]
    if kind == 4:
        return rng.choice(["Theo quy định", "Theo kế hoạch của UBND tỉnh", "Theo hướng dẫn của Sở Nội vụ"]), [
            Mile("other")
        ]
    if kind == 5:
        if rng.random() < 0.5:
            return f"Sau khi {EVENT_WAITING[1]}", [Mile("other")]
        month, day = EVENT_DATED[2]
        due = dt.date(year, month, day) + dt.timedelta(days=30)
        return f"Không quá 30 ngày kể từ ngày có {EVENT_DATED[1]}", [Mile("dated", due)]
    text, mile = _recurring(rng, year)
    return text, [mile]


# --- the plan --------------------------------------------------------------------------------


@dataclass
class GenTask:
    id: str
    lead: str
    miles: list[Mile]


@dataclass
class Generated:
    plan: str
    progress: str
    tasks: list[GenTask]
    records: dict[tuple[str, int, str | None], dt.date]  # (task id, milestone index, period) -> done
    sections: int


def period_key(freq: str, day: dt.date) -> str:
    if freq == "weekly":
        iso = day.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if freq == "monthly":
        return f"{day.year}-{day.month:02d}"
    if freq == "quarterly":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if freq == "semiannual":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return f"{day.year}"


def period_start(freq: str, day: dt.date) -> dt.date:
    if freq == "weekly":
        return day - dt.timedelta(days=day.weekday())
    if freq == "monthly":
        return day.replace(day=1)
    if freq == "quarterly":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if freq == "semiannual":
        return dt.date(day.year, 1 if day.month <= 6 else 7, 1)
    return dt.date(day.year, 1, 1)


def generate(count: int, year: int, today: dt.date, seed: int = 2025) -> Generated:
    rng = random.Random(seed * 1_000_003 + count)
    n_agencies = max(1, round(count / 60))
    agencies = []
    for index in range(n_agencies):
        name, code, symbol = AGENCIES[index % len(AGENCIES)]
        province = PROVINCES[(index // len(AGENCIES)) % len(PROVINCES)]
        batch = index // (len(AGENCIES) * len(PROVINCES))
        slug = f"{code}-{index}"
        where = f"{province}" if name.endswith(" tỉnh") else f"tỉnh {province}"
        full = f"{name} {where}" + (f" (khối {batch + 1})" if batch else "")
        agencies.append((slug, full, symbol))
    out = [
        "# Kế hoạch sinh tự động cho bench/bench_scale.py (không phải kế hoạch thật).",
        "format_version: 2",
        "plan:",
        f"  agency: UBND tỉnh — tổng hợp {n_agencies} cơ quan",
        f"  year: {year}",
        f"  title: NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year} (TỔNG HỢP {count} NHIỆM VỤ)",
        f"  attachment: (Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/{year} của UBND tỉnh)",
        "  document:",
        '    number: "12"',
        "    symbol: KH-UBND",
        f"    date: {year}-01-05",
        "    issuer: UBND tỉnh",
        "units:",
    ]
    for slug, full, _symbol in agencies:
        for code, unit in UNITS:
            out += [f"  - id: {slug}-{code}", f"    name: {quoted(f'{unit} {full}')}"]
    out.append("groups:")
    for slug, full, _symbol in agencies:
        out += [
            f"  - id: {slug}-toan",
            f"    name: {quoted(f'Các phòng, đơn vị thuộc {full}')}",
            f"    members: [{', '.join(f'{slug}-{code}' for code, _unit in UNITS)}]",
        ]
    month, day = EVENT_DATED[2]
    out += [
        "events:",
        f"  - id: {EVENT_DATED[0]}",
        f"    name: {EVENT_DATED[1]}",
        f"    date: {year}-{month:02d}-{day:02d}",
        f"  - id: {EVENT_WAITING[0]}",
        f"    name: {EVENT_WAITING[1]}",
        "    date: null",
        "sections:",
    ]
    n_sections = min(399, max(len(AREAS), round(count / 150)))
    per_section = [count // n_sections + (1 if s < count % n_sections else 0) for s in range(n_sections)]
    outputs, weights = zip(*OUTPUTS, strict=True)
    tasks: list[GenTask] = []
    written: list[tuple[str, str, str, str]] = []  # id, text, output, agency slug
    for s_index, size in enumerate(per_section):
        numeral = roman(s_index + 1)
        area = AREAS[s_index % len(AREAS)]
        title = area if n_sections == len(AREAS) else f"{area} (NHÓM {s_index // len(AREAS) + 1})"
        out += [f"  - numeral: {numeral}", f"    title: {quoted(title)}", "    tasks:"]
        for t_index in range(1, size + 1):
            task_id = f"{numeral}.{t_index}"
            slug, full, _symbol = agencies[rng.randrange(n_agencies)]
            repeats = None
            obj = rng.choice(OBJECTS)
            if written and rng.random() < 0.005:  # a task copied from an earlier one (III.6/IX.4)
                first_id, first_text, output, _slug = written[rng.randrange(len(written))]
                if rng.random() < 0.5:
                    text = first_text
                else:
                    text = f"Hoàn thành nhiệm vụ được giao, cụ thể nhiệm vụ: {first_text}"
                if rng.random() < 0.5:
                    repeats = first_id
            else:
                parts = [rng.choice(VERBS), obj, rng.choice(FIELDS)]
                tail = rng.choice(TAILS)
                text = " ".join(parts) + f" của {full} năm {year}" + (f", {tail}" if tail else "")
                output = rng.choices(outputs, weights=weights)[0]
                if output == "*":
                    output = f"Báo cáo kết quả {obj}"
            cell, miles = schedule(rng, year)
            lead_code = rng.choice(UNITS)[0]
            lead = f"{slug}-{lead_code}"
            lead_name = next(unit for code, unit in UNITS if code == lead_code)
            out += [
                f"      - id: {task_id}",
                f"        task: {quoted(text)}",
                f"        output: {quoted(output)}",
            ]
            if "\n" in cell:
                out += ["        schedule: |-", *(f"          {line}" for line in cell.split("\n"))]
            else:
                out.append(f"        schedule: {quoted(cell)}")
            out += [
                "        assignment: |-",
                f"          - Đơn vị chủ trì: {lead_name} {full};",
                f"          - Đơn vị phối hợp: các phòng, đơn vị thuộc {full}.",
                f"        lead: [{lead}]",
                f"        support: [{slug}-toan]",
            ]
            if repeats:
                out.append(f"        repeats: {repeats}")
            tasks.append(GenTask(task_id, lead, miles))
            written.append((task_id, text, output, slug))
    plan = "\n".join(out) + "\n"

    # Progress: tasks/2 records, each a dated milestone or one occurrence, done by today.
    candidates: list[tuple[str, int, str | None, dt.date]] = []
    for task in tasks:
        for m_index, mile in enumerate(task.miles):
            if mile.kind == "dated" and mile.due is not None:
                candidates.append((task.id, m_index, None, mile.due))
            elif mile.kind == "recurring" and mile.freq is not None:
                for day in mile.days:
                    if period_start(mile.freq, day) <= today:
                        candidates.append((task.id, m_index, period_key(mile.freq, day), day))
    chosen = rng.sample(candidates, min(len(candidates), count // 2))
    chosen.sort(key=lambda c: (c[3], c[0]))
    records: dict[tuple[str, int, str | None], dt.date] = {}
    lines = [
        f"# Tiến độ thực hiện kế hoạch CCHC năm {year} (sinh tự động cho bench/bench_scale.py)",
        "format_version: 1",
        f"plan: {year}",
        "records:",
    ]
    for number, (task_id, m_index, period, due) in enumerate(chosen, start=1):
        done = min(today, max(dt.date(year, 1, 1), due + dt.timedelta(days=rng.randint(-10, 6))))
        records[(task_id, m_index, period)] = done
        lines += [f"  - task: {task_id}", f'    milestone: "{m_index + 1}"']
        if period:
            lines.append(f'    period: "{period}"')
        lines += [
            f"    done: {done.isoformat()}",
            f"    evidence: Báo cáo số {number}/BC ngày {done:%d/%m/%Y}",
        ]
    progress = "\n".join(lines) + "\n"
    return Generated(plan, progress, tasks, records, n_sections)


# --- the same items in Taskwarrior -------------------------------------------------------------


def end_of_day_utc(day: dt.date) -> str:
    instant = dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=VN)
    return instant.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def taskwarrior_items(gen: Generated, today: dt.date) -> tuple[list[dict[str, str]], int]:
    """One Taskwarrior task per cchc item with a due date, and how many are overdue today.

    The items are cchc's (query/status.py): a dated milestone; each occurrence of a recurring
    one whose period has begun (or that is done); for an untracked weekly/monthly milestone
    (no record at all) its missed occurrences as ONE item due on the latest of them."""
    found: list[dict[str, str]] = []
    overdue = 0
    year_start = end_of_day_utc(dt.date(today.year, 1, 1)).replace("165959", "000000")

    def add(task: GenTask, label: str, due: dt.date, done: dt.date | None) -> None:
        nonlocal overdue
        item = {
            "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"cchc:{task.id}:{label}")),
            "description": f"[{task.id}] {label}",
            "project": task.lead,
            "entry": year_start,
            "due": end_of_day_utc(due),
            "status": "pending",
        }
        if done is not None:
            item["status"] = "completed"
            item["end"] = end_of_day_utc(done).replace("165959", "020000")
        elif due < today:
            overdue += 1
        found.append(item)

    for task in gen.tasks:
        for m_index, mile in enumerate(task.miles):
            if mile.kind == "dated" and mile.due is not None:
                add(task, f"mốc {m_index + 1}", mile.due, gen.records.get((task.id, m_index, None)))
            elif mile.kind == "recurring" and mile.freq is not None:
                keys = [period_key(mile.freq, day) for day in mile.days]
                tracked = mile.freq not in ("weekly", "monthly") or any(
                    (task.id, m_index, key) in gen.records for key in keys
                )
                missed = []
                for day, key in zip(mile.days, keys, strict=True):
                    done = gen.records.get((task.id, m_index, key))
                    shown = period_start(mile.freq, day) <= today
                    if not tracked and done is None and day < today and shown:
                        missed.append(day)
                    elif shown or done is not None:
                        add(task, f"mốc {m_index + 1} kỳ {key}", day, done)
                if missed:
                    add(task, f"mốc {m_index + 1}: {len(missed)} kỳ chưa ghi nhận", missed[-1], None)
    return found, overdue


# --- running things ------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mib: float
    code: int
    timed_out: bool = False


TIMEOUT = [0.0]  # --timeout: seconds after which a run is stopped (0: never)


def run(argv: list[str], env: dict[str, str], cwd: Path, out: Path | None = None) -> Run:
    """Run one process to the end; wall time and the child's peak resident memory. A run
    longer than --timeout is stopped and reported as "> timeout"."""
    sink = open(out, "wb") if out else open(os.devnull, "wb")  # noqa: SIM115
    err = open(cwd / "stderr.txt", "wb")  # noqa: SIM115
    stopped = threading.Event()
    try:
        start = time.perf_counter()
        child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=sink, stderr=err, stdin=subprocess.DEVNULL)
        timer = None
        if TIMEOUT[0]:

            def stop() -> None:
                stopped.set()
                child.kill()

            timer = threading.Timer(TIMEOUT[0], stop)
            timer.start()
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        if timer is not None:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
    finally:
        sink.close()
        err.close()
    return Run(seconds, usage.ru_maxrss / 1024, child.returncode, stopped.is_set())


@dataclass
class Figure:
    command: str
    size: int
    ours: list[Run]
    peer: list[Run] | tuple[Run, ...] = field(default_factory=list)
    peer_name: str = ""
    check: str = ""

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.ours)

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.ours)

    def shown(self) -> str:
        """The median, or "> N" when a run was stopped at the timeout."""
        return f">{TIMEOUT[0]:.0f}" if self.timed_out else f"{self.seconds:.3f}"

    @property
    def mib(self) -> float:
        return max(r.peak_mib for r in self.ours)

    @property
    def peer_seconds(self) -> float | None:
        return statistics.median(r.seconds for r in self.peer) if self.peer else None

    @property
    def peer_mib(self) -> float | None:
        return max(r.peak_mib for r in self.peer) if self.peer else None

    @property
    def ratio(self) -> float | None:
        """The median of the paired runs' ratios (cchc / peer, same round)."""
        if not self.peer or self.timed_out or any(r.timed_out for r in self.peer):
            return None
        return statistics.median(a.seconds / b.seconds for a, b in zip(self.ours, self.peer, strict=False))


def paired(
    runs: int,
    ours: tuple[list[str], dict[str, str]],
    peer: tuple[list[str], dict[str, str]] | None,
    cwd: Path,
    before: object = None,
) -> tuple[list[Run], list[Run]]:
    mine: list[Run] = []
    theirs: list[Run] = []
    for index in range(runs):
        order = [0, 1] if index % 2 == 0 else [1, 0]
        for which in order:
            if which == 0:
                if callable(before):
                    before()
                mine.append(run(*ours, cwd))
            elif peer is not None:
                theirs.append(run(*peer, cwd))
        if any(r.timed_out for r in mine + theirs):
            break  # one stopped run is the figure: "> timeout"
    for r in mine:
        if r.code not in (0, 1) and not r.timed_out:
            message = (cwd / "stderr.txt").read_text(encoding="utf-8", errors="replace")[-2000:]
            raise SystemExit(f"{' '.join(ours[0])} exited {r.code}:\n{message}")
    return mine, theirs


# --- the bench -------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="task counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="paired runs per figure (median)")
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 tasks, one run each")
    parser.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    parser.add_argument(
        "--only", default="", help="commands to run, comma-separated (due,lint,stats,csv,ics,docx,done)"
    )
    parser.add_argument("--timeout", type=float, default=0, help="stop a run after this many seconds")
    args = parser.parse_args()
    TIMEOUT[0] = args.timeout
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = args.runs
    if args.quick:
        sizes, runs = [s for s in sizes if s <= 10_000] or [1000, 10_000], 1
    only = set(filter(None, args.only.split(",")))
    wanted = lambda name: not only or name in only  # noqa: E731

    task_bin = shutil.which("task")
    yamllint = shutil.which("yamllint") or str(Path(sys.executable).with_name("yamllint"))
    pandoc = shutil.which("pandoc")
    missing = [
        f"{name} ({how})"
        for name, found, how in (
            ("task", task_bin, "apt-get install -y taskwarrior"),
            ("yamllint", Path(yamllint).is_file(), 'pip install ".[bench]"'),
            ("pandoc", pandoc, "apt-get install -y pandoc"),
        )
        if not found
    ]
    if missing:
        print("bench_scale: the peers are missing: " + ", ".join(missing), file=sys.stderr)
        return 2
    today = dt.datetime.now(VN).date()
    year = today.year
    as_of = today.strftime("%d/%m/%Y")
    print(f"bench_scale: as of {as_of} (Asia/Ho_Chi_Minh), plans of {year}, median of {runs} paired runs")
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
        f"peers: task {task_bin}, {yamllint}, {pandoc}"
    )

    holder = tempfile.TemporaryDirectory(prefix="cchc-scale-")
    base = args.keep or Path(holder.name)
    base.mkdir(parents=True, exist_ok=True)
    cchc = [sys.executable, "-m", "cchc_cli"]
    env0 = {k: v for k, v in os.environ.items() if not k.startswith(("CCHC_", "TASK"))}
    cold = {**env0, "CCHC_NO_CACHE": "1"}
    figures: list[Figure] = []
    checks: dict[int, str] = {}

    try:
        for size in sizes:
            folder = base / f"n{size}"
            folder.mkdir(exist_ok=True)
            started = time.perf_counter()
            gen = generate(size, year, today)
            plans = folder / "plans"
            plans.mkdir(exist_ok=True)
            plan = plans / f"{year}.yaml"
            plan.write_text(gen.plan, encoding="utf-8")
            progress = plans / f"{year}.progress.yaml"
            progress.write_text(gen.progress, encoding="utf-8")
            items, expected = taskwarrior_items(gen, today)
            taskdata = folder / "taskdata"
            shutil.rmtree(taskdata, ignore_errors=True)
            taskdata.mkdir()
            taskrc = folder / "taskrc"
            taskrc.write_text(
                f"data.location={taskdata}\nconfirmation=off\nverbose=nothing\nhooks=off\n"
                "recurrence=off\nnews.version=2.6.2\n",
                encoding="utf-8",
            )
            # Over 10 MB a plan needs a larger size cap (CCHC_MAX_FILE_MB, see inputfile.py).
            megabytes = max(plan.stat().st_size, progress.stat().st_size) / 2**20
            if megabytes > 10:
                for env in (cold, env0):
                    env["CCHC_MAX_FILE_MB"] = str(math.ceil(megabytes * 1.5))
                print(f"   (CCHC_MAX_FILE_MB={cold['CCHC_MAX_FILE_MB']}: over the 10 MB default cap)")
            tw_env = {
                **env0,
                "TASKRC": str(taskrc),
                "TASKDATA": str(taskdata),
                "TZ": "Asia/Ho_Chi_Minh",
            }
            (folder / "tasks.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
            task = [task_bin or "task", "rc.confirmation=off", "rc.verbose=nothing"]
            subprocess.run(
                [*task, "import", str(folder / "tasks.json")], env=tw_env, check=True, capture_output=True
            )
            subprocess.run([*task, "list"], env=tw_env, capture_output=True)  # gc once, outside the timings
            print(
                f"\n== {size} tasks: {len(gen.plan) / 2**20:.1f} MiB plan, {gen.sections} sections, "
                f"{len(gen.records)} records, {len(items)} Taskwarrior tasks "
                f"({time.perf_counter() - started:.1f} s to generate and import)"
            )

            # The check: cchc's overdue count equals Taskwarrior's.
            report = run(
                [*cchc, "due", "--plan", str(plan), "--as-of", as_of, "--within", "14", "--format", "json"],
                cold, folder, folder / "due.json",
            )  # fmt: skip
            ours: int | str = "timeout" if report.timed_out else -1
            if report.code == 0:
                ours = len(json.loads((folder / "due.json").read_bytes())["overdue"])
            theirs = subprocess.run(
                [*task, "+OVERDUE", "count"], env=tw_env, capture_output=True, check=True, text=True
            ).stdout.strip()
            ok = str(ours) == theirs == str(expected)
            checks[size] = f"overdue cchc {ours} = task {theirs}" + (
                " ✓" if ok else f" ✗ (generator: {expected})"
            )
            print(f"   check: {checks[size]}")

            def figure(
                name: str,
                mine: list[Run],
                peer: tuple[Run, ...] | list[Run] = (),
                peer_name: str = "",
                size: int = size,
            ) -> None:
                fig = Figure(name, size, mine, peer, peer_name, checks[size])
                figures.append(fig)
                line = f"   {name:<22} {fig.shown():>7} s {fig.mib:7.1f} MiB"
                if fig.peer_seconds is not None:
                    late = any(r.timed_out for r in fig.peer)
                    took = f">{TIMEOUT[0]:.0f}" if late else f"{fig.peer_seconds:.3f}"
                    line += f"   {peer_name} {took:>7} s {fig.peer_mib:7.1f} MiB"
                    line += f"  ratio {fig.ratio:5.2f}" if fig.ratio is not None else "  ratio   n/a"
                print(line + f"   [{fig.check}]", flush=True)

            overdue_list = ([*task, "+OVERDUE", "list"], tw_env)
            if wanted("due"):
                due = [*cchc, "due", "--plan", str(plan), "--as-of", as_of]
                figure("due (cold)", *paired(runs, (due, cold), overdue_list, folder), "task +OVERDUE list")
                warm = {**env0, "CCHC_CACHE_DIR": str(folder / "cache")}
                run(due, warm, folder)  # fills the cache
                figure("due (warm)", *paired(runs, (due, warm), overdue_list, folder), "task +OVERDUE list")
            if wanted("lint"):
                lint = [*cchc, "lint", str(plan)]
                peer = ([yamllint, "-d", "default", str(plan)], env0)
                figure("lint", *paired(runs, (lint, cold), peer, folder), "yamllint")
            if wanted("stats"):
                stats = [*cchc, "stats", "--plan", str(plan), "--as-of", as_of]
                figure(
                    "stats (cold)",
                    *paired(runs, (stats, cold), ([*task, "summary"], tw_env), folder),
                    "task summary",
                )
            export = ([*task, "export"], tw_env)
            if wanted("csv"):
                csv = [
                    *cchc,
                    "export",
                    "csv",
                    "--plan",
                    str(plan),
                    "--as-of",
                    as_of,
                    "-o",
                    "out.csv",
                    "--force",
                ]
                figure("export csv (cold)", *paired(runs, (csv, cold), export, folder), "task export")
            if wanted("ics"):
                ics = [*cchc, "export", "ics", "--plan", str(plan), "-o", "out.ics", "--force"]
                figure("export ics (cold)", *paired(runs, (ics, cold), export, folder), "task export")
            if wanted("docx"):
                docx = [*cchc, "export", "docx", "--plan", str(plan), "-o", "out.docx", "--force"]
                figure("export docx (cold)", *paired(runs, (docx, cold), None, folder))
            if wanted("done"):
                bench_done(gen, plan, progress, folder, runs, cchc, env0, as_of, figure)
            shutil.rmtree(taskdata, ignore_errors=True)

        if wanted("docx") and pandoc:
            bench_docx_pandoc(base, year, today, runs, cchc, cold, pandoc, figures)
    finally:
        if args.keep is None:
            holder.cleanup()
    summary(figures, sizes, checks)
    return 0


def bench_done(gen, plan, progress, folder, runs, cchc, env0, as_of, figure) -> None:  # type: ignore[no-untyped-def]
    """`cchc done` adding one record (warm plan cache): to an empty progress file and to the
    generated one (tasks/2 records); the file is restored before every run."""
    full = progress.read_text(encoding="utf-8")
    empty = full[: full.index("records:")] + "records: []\n"
    recorded = {(t, m, p) for (t, m, p) in gen.records}
    target = next(
        (task, index)
        for task in reversed(gen.tasks)
        for index, mile in enumerate(task.miles)
        if mile.kind == "dated" and (task.id, index, None) not in recorded
    )
    task, index = target
    argv = [
        *cchc, "done", task.id, "--plan", str(plan), "--milestone", str(index + 1), "--on", as_of,
        "--evidence", "Báo cáo số 999/BC ngày hôm nay",
    ]  # fmt: skip
    warm = {**env0, "CCHC_CACHE_DIR": str(folder / "cache")}
    for name, text in (("done (empty file)", empty), (f"done ({len(gen.records)} records)", full)):
        progress.write_text(text, encoding="utf-8")
        run(argv, warm, folder)  # warms the plan cache
        restore = lambda text=text: progress.write_text(text, encoding="utf-8")  # noqa: E731
        mine, _ = paired(runs, (argv, warm), None, folder, before=restore)
        figure(name, mine)
    progress.write_text(full, encoding="utf-8")


def bench_docx_pandoc(base, year, today, runs, cchc, cold, pandoc, figures) -> None:  # type: ignore[no-untyped-def]
    """cchc export docx (cold) against pandoc turning the same table, as Markdown, into a .docx."""
    from bench.bench_export_docx import grid_markdown, table_rows

    folder = base / "docx5000"
    folder.mkdir(exist_ok=True)
    tasks = 5000
    for _ in range(5):  # 5,000 rows = tasks + section rows
        gen = generate(tasks, year, today)
        if tasks + gen.sections == 5000:
            break
        tasks = 5000 - gen.sections
    plan = folder / "plan.yaml"
    plan.write_text(gen.plan, encoding="utf-8")
    headers, rows = table_rows(plan)
    grid = folder / "table.md"
    grid.write_text(grid_markdown(headers, rows), encoding="utf-8")
    ours = [*cchc, "export", "docx", "--plan", str(plan), "-o", "out.docx", "--force"]
    theirs = [pandoc, "-f", "markdown", "-t", "docx", "-o", "pandoc.docx", str(grid)]
    mine, peer = paired(runs, (ours, cold), (theirs, cold), folder)
    fig = Figure("export docx vs pandoc", len(rows), mine, peer, "pandoc", f"{len(rows)} rows")
    figures.append(fig)
    print(
        f"\n== export docx, {len(rows)} rows ({tasks} tasks + {gen.sections} sections), cold:"
        f" cchc {fig.seconds:.3f} s {fig.mib:.1f} MiB, pandoc {fig.peer_seconds:.3f} s "
        f"{fig.peer_mib:.1f} MiB, ratio {fig.ratio:.3f}"
    )


def summary(figures: list[Figure], sizes: list[int], checks: dict[int, str]) -> None:
    print("\n== summary (median seconds; growth exponent k in time ∝ n^k between sizes)")
    names = list(dict.fromkeys(f.command for f in figures if f.command != "export docx vs pandoc"))
    head = "".join(f"{size:>12,}" for size in sizes)
    print(f"   {'command':<22}{head}   exponents          50k/10k")
    at = {(f.command, f.size): f for f in figures}
    for name in names:
        cells = "".join(f"{at[(name, s)].shown():>12}" if (name, s) in at else f"{'—':>12}" for s in sizes)
        exps = []
        for a, b in itertools.pairwise(sizes):
            if (name, a) in at and (name, b) in at and not at[(name, a)].timed_out:
                exps.append(
                    ("≥" if at[(name, b)].timed_out else "")
                    + f"{math.log(at[(name, b)].seconds / at[(name, a)].seconds) / math.log(b / a):.2f}"
                )
        growth = ""
        if (name, 10_000) in at and (name, 50_000) in at:
            growth = ("≥" if at[(name, 50_000)].timed_out else "") + (
                f"{at[(name, 50_000)].seconds / at[(name, 10_000)].seconds:.2f}"
            )
        print(f"   {name:<22}{cells}   {', '.join(exps):<18} {growth}")
    print("   checks: " + "; ".join(f"{s:,}: {c}" for s, c in checks.items()))

    print("\n== goals")

    def verdict(ok: bool) -> str:
        return "MET" if ok else "NOT MET"

    for name in (
        "due (cold)",
        "lint",
        "stats (cold)",
        "export ics (cold)",
        "export docx (cold)",
        "export csv (cold)",
    ):
        if (name, 10_000) in at and (name, 50_000) in at:
            growth = at[(name, 50_000)].seconds / at[(name, 10_000)].seconds
            over = at[(name, 50_000)].timed_out
            print(
                f"   {name}: time(50k)/time(10k) = {'≥' if over else ''}{growth:.2f} (goal ≤ 5.5) — "
                f"{verdict(growth <= 5.5 and not over)}"
            )
    dones = [f for f in figures if f.command.startswith("done") and f.size == 10_000]
    if len(dones) == 2:
        ratio = dones[1].seconds / dones[0].seconds
        print(
            f"   done, 10,000 tasks: {dones[1].command} / empty file = {ratio:.2f} (goal ≤ 1.5) — "
            f"{verdict(ratio <= 1.5)}"
        )
    if ("due (cold)", 10_000) in at:
        c, w = at[("due (cold)", 10_000)], at.get(("due (warm)", 10_000))
        check = checks.get(10_000, "")
        assert c.ratio is not None and c.peer_mib is not None
        print(
            f"   due cold, 10,000 tasks: {c.ratio:.2f}× task (goal ≤ 2) — {verdict(c.ratio <= 2)} [{check}]"
        )
        if w is not None and w.ratio is not None:
            print(
                f"   due warm, 10,000 tasks: {w.ratio:.2f}× task (goal ≤ 1) — "
                f"{verdict(w.ratio <= 1)} [{check}]"
            )
        mem = c.mib / c.peer_mib
        print(
            f"   due peak memory, 10,000 tasks: {c.mib:.0f} MiB cold"
            + (f", {w.mib:.0f} MiB warm" if w else "")
            + f" vs task {c.peer_mib:.0f} MiB = {mem:.2f}× (goal ≤ 2) — {verdict(mem <= 2)}"
        )
    for size in (1000, 10_000):
        if ("lint", size) in at and at[("lint", size)].ratio is not None:
            ratio = at[("lint", size)].ratio
            assert ratio is not None
            print(f"   lint, {size:,} tasks: {ratio:.3f}× yamllint (goal ≤ 0.2) — {verdict(ratio <= 0.2)}")
    if ("export ics (cold)", 10_000) in at:
        f = at[("export ics (cold)", 10_000)]
        ok = f.seconds <= 1 and f.mib <= 100
        print(
            f"   export ics, 10,000 tasks: {f.seconds:.3f} s, {f.mib:.0f} MiB "
            f"(goal ≤ 1 s, ≤ 100 MiB) — {verdict(ok)}"
        )
    for f in figures:
        if f.command == "export docx vs pandoc" and f.ratio is not None:
            print(
                f"   export docx, {f.size:,} rows, cold: {f.ratio:.3f}× pandoc (goal ≤ 0.2) — "
                f"{verdict(f.ratio <= 0.2)}"
            )


if __name__ == "__main__":
    sys.exit(main())
