"""Time cchc across a province (40 agencies × 60 tasks) and the country (400 agencies) against
Taskwarrior answering the same overdue question on the same tasks.

    python bench/bench_province.py [--agencies 40 400] [--tasks 60] [--repeat 3] [--keep DIR]

For each size the script generates `plans/<agency>/<year>.yaml` with a progress file beside
each plan: agencies of different kinds (Sở, UBND huyện, UBND xã) with their own units, section
titles, task wordings, outputs and Tiến độ phrases (dates, quarters, months, recurring,
events, ongoing), and progress records done early, on time or late; nothing is a copy of one
plan. Plans are of the current year and `--as-of` is today (in Việt Nam), so that
Taskwarrior's "now" and cchc's as-of day agree.

Then it times, best of N whole processes (Python start-up included; the plan cache warm, as
after the first run of the day):

* `cchc due --plans plans --format json`
* `cchc stats --by agency --plans plans --format json`
* `cchc export sqlite --plans plans`
* `task +OVERDUE count` on a Taskwarrior database (TASKDATA/TASKRC in a temporary folder,
  rc.confirmation=off) loaded with `task import`: one task per item cchc counts as overdue or
  open with a due day, due at the end of that day (23:59:59 in Việt Nam), so that +OVERDUE
  means what cchc's "overdue" means (the as-of day after the due day). The two overdue counts
  are checked to be equal before any ratio is printed.

Goals (the several-plans issue): `due` and `stats` across 2,400 tasks within 1.5 × Taskwarrior's
time on the same tasks; cost growing no worse than linearly with the number of plans (the
ratios 40 → 400 are printed). Taskwarrior is looked up on PATH (`apt-get install -y
taskwarrior`); without it only cchc's figures are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_cli.deadlines.schedule import occurrences  # noqa: E402
from cchc_cli.plan.agencies import agency_slug  # noqa: E402
from cchc_cli.plan.emit import plan_to_yaml  # noqa: E402
from cchc_cli.plan.milestones import period_key, task_milestones  # noqa: E402
from cchc_cli.plan.model import Plan  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
SECTION_TITLES = [
    "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "CẢI CÁCH TỔ CHỨC BỘ MÁY",
    "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "CẢI CÁCH TÀI CHÍNH CÔNG", "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
    "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "NÂNG CAO CHỈ SỐ HÀI LÒNG", "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH",
    "KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
]  # fmt: skip
SO = ["Xây dựng", "Tư pháp", "Nội vụ", "Tài chính", "Y tế", "Giáo dục và Đào tạo", "Công Thương",
      "Nông nghiệp và Môi trường", "Khoa học và Công nghệ", "Văn hóa, Thể thao và Du lịch",
      "Dân tộc và Tôn giáo"]  # fmt: skip
PLACES = ["Cam Lâm", "Diên Khánh", "Khánh Vĩnh", "Khánh Sơn", "Vạn Ninh", "Ninh Hòa", "Cam Ranh", "Nha Trang",
          "Trường Sa", "Ninh Phước", "Thuận Bắc", "Bác Ái", "Ninh Sơn", "Phan Rang", "Ninh Hải"]  # fmt: skip
UNIT_POOL = {
    "so": ["Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý chuyên ngành",
           "Phòng Pháp chế", "Trung tâm Dịch vụ công", "Phòng Tổ chức cán bộ", "Chi cục Quản lý"],
    "huyen": ["Văn phòng HĐND và UBND", "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch",
              "Phòng Kinh tế - Hạ tầng", "Phòng Văn hóa - Xã hội", "Bộ phận Một cửa"],
    "xa": ["Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch", "Công chức Địa chính - Xây dựng",
           "Công chức Tài chính - Kế toán", "Bộ phận Một cửa"],
}  # fmt: skip
VERBS = ["Rà soát", "Ban hành", "Triển khai", "Tổ chức", "Kiểm tra", "Tổng hợp", "Xây dựng", "Cập nhật",
         "Công khai", "Đánh giá", "Tuyên truyền", "Số hóa"]  # fmt: skip
OBJECTS = ["văn bản quy phạm pháp luật", "thủ tục hành chính", "kế hoạch cải cách hành chính",
           "quy trình nội bộ giải quyết thủ tục", "hồ sơ trực tuyến", "chỉ số hài lòng của người dân",
           "vị trí việc làm", "chế độ báo cáo", "dịch vụ công trực tuyến", "kỷ luật, kỷ cương hành chính",
           "chuyển đổi số", "quy chế chi tiêu nội bộ"]  # fmt: skip
OUTPUTS = ["Báo cáo", "Kế hoạch", "Quyết định", "Công văn", "Thông báo kết quả", "Danh mục",
           "Biên bản kiểm tra", "Tờ trình", "Báo cáo định kỳ", "Hồ sơ được số hóa"]  # fmt: skip


def schedules(year: int, rng: random.Random) -> str:
    d, m, m2 = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1, 12)
    lo, hi = min(m, m2), max(m, m2)
    quarter = rng.choice(["I", "II", "III", "IV"])
    forms = [
        (f"Trước ngày {d:02d}/{m:02d}/{year}", 14),
        (f"Chậm nhất ngày {d}/{m}/{year}", 6),
        (f"Quý {quarter}/{year}", 10),
        (f"Tháng {m}/{year}", 8),
        (f"Trước {d}/{m}", 5),
        (f"Từ tháng {lo} đến tháng {hi}/{year}" if lo < hi else f"Tháng {lo}/{year}", 4),
        ("6 tháng đầu năm", 3),
        (f"Năm {year}", 8),
        (f"Trong năm {year}", 6),
        ("Thường xuyên", 10),
        ("Hằng quý", 4),
        ("Định kỳ hàng tháng", 3),
        ("Theo quy định", 4),
        ("Sau khi Đề án được phê duyệt", 3),
        (f"- Quý {quarter}/{year}\n- Tháng 12/{year}", 5),
        (f"Trước ngày {d}/{m}/{year}; Trước ngày 15/12/{year}", 4),
    ]
    texts, weights = zip(*forms, strict=True)
    return rng.choices(texts, weights)[0]


def agency_plan(index: int, year: int, tasks: int, rng: random.Random) -> Plan:
    kind = ("so", "huyen", "xa")[index % 3]
    place = PLACES[index % len(PLACES)]
    if kind == "so":
        suffix = f" ({index // len(SO)})" if index >= len(SO) else ""
        agency = f"Sở {SO[index % len(SO)]} tỉnh Khánh Hòa{suffix}"
    elif kind == "huyen":
        agency = f"UBND huyện {place} {index}"
    else:
        agency = f"UBND xã {rng.choice(['Cam', 'Ninh', 'Diên', 'Vạn'])} {place} {index}"
    pool = UNIT_POOL[kind]
    names = rng.sample(pool, rng.randint(3, len(pool)))
    units = [{"id": f"dv-{k}", "name": name} for k, name in enumerate(names)]
    ids = [u["id"] for u in units]
    groups = [{"id": "toan-co-quan", "name": f"Các đơn vị thuộc {agency}", "members": ids}]
    events = [{"id": "de-an", "name": "Đề án được phê duyệt"}]
    if rng.random() < 0.4:
        events[0]["date"] = dt.date(year, rng.randint(1, 10), rng.randint(1, 28))
    section_count = rng.randint(6, 10)
    titles = rng.sample(SECTION_TITLES, section_count)
    sections = [{"numeral": NUMERALS[s], "title": titles[s], "tasks": []} for s in range(section_count)]
    for t in range(tasks):
        section = sections[min(t * section_count // tasks, section_count - 1)]
        number = len(section["tasks"]) + 1
        lead = rng.choice(ids) if rng.random() < 0.9 else "toan-co-quan"
        others = [u for u in ids if u != lead]
        support = rng.sample(others, k=min(rng.randint(0, 2), len(others)))
        who = names[ids.index(lead)] if lead in ids else "Các đơn vị"
        section["tasks"].append(
            {
                "id": f"{section['numeral']}.{number}",
                "number": str(number),
                "task": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} của {agency} năm {year}"
                + (f", bảo đảm tỷ lệ {rng.randint(70, 100)}%" if rng.random() < 0.4 else ""),
                "output": rng.choice(OUTPUTS) + (f" số {rng.randint(1, 300)}" if rng.random() < 0.3 else ""),
                "schedule": schedules(year, rng),
                "assignment": f"{who} chủ trì" + (", các đơn vị khác phối hợp" if support else ""),
                "lead": [lead],
                "support": support,
            }
        )
    return Plan.model_validate(
        {
            "format_version": 2,
            "plan": {
                "agency": agency,
                "year": year,
                "title": f"KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM {year}",
                "attachment": f"(Kèm theo Kế hoạch số {index + 1}/KH ngày 10/01/{year} của {agency})",
                "document": {"number": str(index + 1), "symbol": "KH", "issuer": agency},
            },
            "units": units,
            "groups": groups,
            "events": events,
            "sections": sections,
        }
    )


def progress_yaml(plan: Plan, today: dt.date, rng: random.Random) -> str:
    first = dt.date(plan.year, 1, 1)
    lines = ["format_version: 1", f"plan: {plan.year}", "records:"]

    def record(task: str, key: str, period: str | None, due: dt.date) -> None:
        done = min(max(due + dt.timedelta(days=rng.randint(-15, 6)), first), today)
        lines.append(f"  - task: {json.dumps(task)}")
        lines.append(f'    milestone: "{key}"')
        if period is not None:
            lines.append(f'    period: "{period}"')
        lines.append(f"    done: {done.isoformat()}")
        lines.append(f'    evidence: "Báo cáo số {rng.randint(1, 400)}/BC ngày {done:%d/%m/%Y}"')

    for _section, task in plan.iter_tasks():
        for milestone in task_milestones(plan, task):
            d = milestone.deadline
            if d.kind == "date" and d.due is not None and d.due <= today and rng.random() < 0.55:
                record(task.id, milestone.key, None, d.due)
            elif d.kind == "recurring" and d.recurrence is not None and rng.random() < 0.6:
                for day in occurrences(d.recurrence):
                    if day <= today and rng.random() < 0.7:
                        record(task.id, milestone.key, period_key(d.recurrence.freq, day), day)
    if len(lines) == 3:
        lines[-1] = "records: []"
    return "\n".join(lines) + "\n"


def generate(folder: Path, agencies: int, tasks: int, today: dt.date) -> Path:
    rng = random.Random(agencies * 1000 + tasks)
    plans = folder / "plans"
    for index in range(agencies):
        plan = agency_plan(index, today.year, tasks, rng)
        home = plans / f"{index:03d}-{agency_slug(plan.plan.agency)}"[:60]
        home.mkdir(parents=True)
        (home / f"{today.year}.yaml").write_text(plan_to_yaml(plan), encoding="utf-8")
        (home / f"{today.year}.progress.yaml").write_text(progress_yaml(plan, today, rng), encoding="utf-8")
    return plans


def timed(argv: list[str], repeat: int, cwd: Path, env: dict[str, str]) -> tuple[list[float], str]:
    times = []
    out = ""
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(argv, check=True, capture_output=True, cwd=cwd, env=env, text=True)
        times.append(time.perf_counter() - start)
        out = done.stdout
    return times, out


def show(label: str, times: list[float]) -> float:
    best = min(times)
    print(f"  {label:<46} best {best:7.3f} s   median {statistics.median(times):7.3f} s")
    return best


def taskwarrior(folder: Path, items: list[dict[str, object]], repeat: int) -> tuple[float, int] | None:
    """Load one Taskwarrior task per overdue-or-open dated item, time `task +OVERDUE count`."""
    task = shutil.which("task")
    if task is None:
        return None
    data = folder / "taskdata"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\n", encoding="utf-8")
    env = {**os.environ, "TASKDATA": str(data), "TASKRC": str(rc), "TZ": "Asia/Ho_Chi_Minh"}
    tasks = []
    for item in items:
        due = dt.date.fromisoformat(str(item["due"]))
        end = dt.datetime.combine(due, dt.time(23, 59, 59), tzinfo=VN).astimezone(dt.timezone.utc)
        tasks.append(
            {
                "description": f"[{item['agency']}] {item['id']} {item['label']}"[:200],
                "status": "pending",
                "entry": "20250101T000000Z",
                "due": end.strftime("%Y%m%dT%H%M%SZ"),
            }
        )
    source = folder / "tasks.json"
    source.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    load = [task, "rc.confirmation=off", "import", str(source)]
    subprocess.run(load, check=True, capture_output=True, env=env)
    times, out = timed([task, "rc.confirmation=off", "+OVERDUE", "count"], repeat, folder, env)
    print(f"  Taskwarrior: {len(tasks)} nhiệm vụ (mỗi mốc quá hạn hoặc trong hạn có hạn là một nhiệm vụ)")
    return show("task +OVERDUE count", times), int(out.strip())


def run_size(agencies: int, tasks: int, repeat: int, keep: Path | None) -> dict[str, float]:
    today = dt.datetime.now(VN).date()
    folder = Path(tempfile.mkdtemp(prefix=f"cchc-bench-province-{agencies}-", dir=keep))
    try:
        started = time.perf_counter()
        plans = generate(folder, agencies, tasks, today)
        took = time.perf_counter() - started
        print(f"\n{agencies} cơ quan × {tasks} nhiệm vụ = {agencies * tasks} nhiệm vụ, năm {today.year}, "
              f"tính đến hôm nay {today:%d/%m/%Y} (sinh dữ liệu {took:.1f} s)")  # fmt: skip
        # Bytecode is written (into the bench's folder), as it is for anyone who installed cchc;
        # a machine with PYTHONDONTWRITEBYTECODE would otherwise compile cchc on every run.
        env = {
            **os.environ,
            "CCHC_CACHE_DIR": str(folder / "cache"),
            "PYTHONPYCACHEPREFIX": str(folder / "p"),
        }
        env.pop("CCHC_NO_CACHE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cchc = [sys.executable, "-m", "cchc_cli"]
        as_of = ["--as-of", today.isoformat()]
        cold, _ = timed([*cchc, "due", "--plans", str(plans), *as_of, "-f", "json"], 1, folder, env)
        show("cchc due --plans (lần đầu: chưa có bộ nhớ đệm)", cold)
        first_plan = sorted(plans.glob("*/*[0-9].yaml"))[0]
        floor, _ = timed([*cchc, "due", "--plan", str(first_plan), *as_of, "-f", "json"], repeat, folder, env)
        results = {"floor": show("cchc due --plan (một kế hoạch: sàn khởi động)", floor)}
        every = ["--plans", str(plans), *as_of]
        due_t, due_out = timed([*cchc, "due", *every, "-f", "json"], repeat, folder, env)
        results["due"] = show("cchc due --plans -f json", due_t)
        stats_t, stats_out = timed(
            [*cchc, "stats", "--by", "agency", *every, "-f", "json"], repeat, folder, env
        )
        results["stats"] = show("cchc stats --by agency --plans -f json", stats_t)
        sqlite_t, _ = timed(
            [*cchc, "export", "sqlite", "--plans", str(plans), *as_of, "-o", str(folder / "x.db"), "--force"],
            repeat,
            folder,
            env,
        )
        results["sqlite"] = show("cchc export sqlite --plans", sqlite_t)
        overdue = len(json.loads(due_out)["overdue"])
        stats_overdue = json.loads(stats_out)["total"]["overdue"]
        _t, table = timed([*cchc, "export", "json", "--plans", str(plans), *as_of], 1, folder, env)
        items = [i for i in json.loads(table)["items"] if i["status"] in ("overdue", "open") and i["due"]]
        print(f"  cchc: {overdue} mốc quá hạn (due), {stats_overdue} (stats)")
        assert overdue == stats_overdue, "due and stats disagree on what is overdue"
        found = taskwarrior(folder, items, repeat)
        if found is None:
            print("  Taskwarrior KHÔNG có trên máy này (apt-get install -y taskwarrior): không so sánh được.")
            return results
        task_s, task_overdue = found
        print(f"  Taskwarrior: {task_overdue} nhiệm vụ +OVERDUE")
        if task_overdue != overdue:
            print(f"  SỐ QUÁ HẠN KHÁC NHAU (cchc {overdue}, Taskwarrior {task_overdue}): không in tỉ lệ.")
            return results
        print(f"  số quá hạn khớp: {overdue} = {task_overdue}")
        results["task"] = task_s
        for name in ("due", "stats", "sqlite"):
            ratio = results[name] / task_s
            goal = " (mục tiêu ≤ 1,5)" if name != "sqlite" else ""
            verdict = (" → ĐẠT" if ratio <= 1.5 else " → CHƯA ĐẠT") if goal else ""
            print(f"  tỉ lệ cchc {name} / Taskwarrior: {ratio:.2f}{goal}{verdict}")
        return results
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--agencies", type=int, nargs="+", default=[40, 400])
    parser.add_argument("--tasks", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated folders under DIR")
    args = parser.parse_args()
    found = {n: run_size(n, args.tasks, args.repeat, args.keep) for n in args.agencies}
    sizes = sorted(found)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        print(f"\nTăng {small} → {large} cơ quan ({large / small:.0f} lần số kế hoạch):")
        for name in ("due", "stats", "sqlite", "task"):
            if name in found[small] and name in found[large]:
                if name != "task":  # what each further plan costs, start-up left out
                    per_plan = (found[large][name] - found[small][name]) / (large - small) * 1000
                    print(f"  {name:<7} mỗi kế hoạch thêm: {per_plan:.1f} ms")
                before, after = found[small][name], found[large][name]
                print(f"  {name:<7} {before:7.3f} s → {after:7.3f} s: × {after / before:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
