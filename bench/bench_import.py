"""Time `cchc import` on a generated 1,000-task .docx against `pandoc -t markdown`.

    python bench/bench_import.py [--repeat N] [--tasks N]

Goal (the import issue): reading the Word file into a plan takes at most 0.5 × the time
pandoc takes to read the same file and write it as Markdown. Both are whole processes
(Python start-up and imports included for cchc, `pandoc -t markdown` for pandoc), best of
N runs (median shown too). The in-process figures split cchc's time into reading the
.docx, recognising the table and units, and writing the YAML.

pandoc is looked up on PATH; without it the script says so and prints cchc's figures only
(Debian/Ubuntu: `apt-get install -y pandoc`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_cli.export.appendix import appendix_table, attachment_line  # noqa: E402
from cchc_cli.export.docx import write_docx  # noqa: E402
from cchc_cli.importer.build import import_plan  # noqa: E402
from cchc_cli.importer.sources import read_source  # noqa: E402
from cchc_cli.plan.emit import plan_to_yaml  # noqa: E402
from cchc_cli.plan.model import DocumentRef, Plan  # noqa: E402

NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LEADS = ["Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý xây dựng", "Sở Tư pháp"]
SUPPORTS = ["Các phòng, ban, đơn vị thuộc và trực thuộc Sở", "Sở Nội vụ", "UBND các huyện, thị xã, thành phố"]
SCHEDULES = [
    "Trước ngày 15/{m:02d}/2025\nTrước ngày 15/12/2025",
    "Quý {q}/2025",
    "Thường xuyên",
    "Tháng {m}/2025",
]


def big_plan(tasks: int = 1000, sections: int = 10) -> Plan:
    """A plan shaped like the real one, whose assignment cells vary like real ones."""
    document = DocumentRef(number="12", symbol="KH-STN", date=dt.date(2025, 3, 5), issuer="Sở Thử nghiệm")
    built = []
    per_section = tasks // sections
    for s in range(sections):
        numeral = NUMERALS[s]
        rows = []
        for t in range(1, per_section + 1):
            lead, support = LEADS[(s + t) % len(LEADS)], SUPPORTS[t % len(SUPPORTS)]
            style = t % 3
            if style == 0:
                assignment = f"- Đơn vị chủ trì: {lead};\n- Đơn vị phối hợp: {support}."
            elif style == 1:
                assignment = f"{lead} chủ trì, phối hợp với {support}"
            else:
                assignment = f"- {lead} chủ trì tham mưu, tổng hợp.\n- {support} triển khai thực hiện."
            rows.append(
                {
                    "id": f"{numeral}.{t}",
                    "number": str(t),
                    "task": f"Rà soát, đánh giá và tham mưu thực hiện nhiệm vụ số {t} của mục {numeral}, "
                    "bảo đảm đúng hạn, đầy đủ nội dung theo quy định hiện hành",
                    "output": f"Báo cáo kết quả thực hiện nhiệm vụ {numeral}.{t} gửi UBND tỉnh",
                    "schedule": SCHEDULES[t % 4].format(m=t % 12 + 1, q="I" * (t % 3 + 1)),
                    "assignment": assignment,
                    "lead": [],
                }
            )
        built.append({"numeral": numeral, "title": f"LĨNH VỰC CẢI CÁCH SỐ {s + 1}", "tasks": rows})
    return Plan.model_validate(
        {
            "format_version": 2,
            "plan": {
                "agency": "Sở Thử nghiệm",
                "year": 2025,
                "title": "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025 (KẾ HOẠCH THỬ TẢI)",
                "attachment": attachment_line(document, 2025),
                "document": document,
            },
            "units": [],
            "sections": built,
        }
    )


def timed(argv: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def show(label: str, times: list[float]) -> float:
    best = min(times)
    print(f"  {label:<44} best {best:6.3f} s   median {statistics.median(times):6.3f} s")
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-import-") as folder:
        tmp = Path(folder)
        source = tmp / "phu-luc-1000.docx"
        plan = big_plan(args.tasks)
        write_docx(appendix_table(plan), source)
        size = source.stat().st_size
        print(f"Phụ lục sinh ra: {args.tasks} nhiệm vụ, 10 mục, {size / 1024:.0f} KB ({source.name})")

        import_plan(source, source.name)  # once first: module imports and compiled patterns
        started = time.perf_counter()
        read_source(source, source.name)
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        result = import_plan(source, source.name)
        import_s = time.perf_counter() - started
        started = time.perf_counter()
        plan_to_yaml(result.plan)
        emit_s = time.perf_counter() - started
        tasks = sum(len(s.tasks) for s in result.plan.sections)
        print(
            f"  in-process: read .docx {read_s:.3f} s; read + recognise + units {import_s:.3f} s "
            f"({tasks} nhiệm vụ, {len(result.plan.units)} đơn vị); emit YAML {emit_s:.3f} s"
        )
        out = tmp / "plan.yaml"
        cli = [sys.executable, "-m", "cchc_cli", "import", str(source), "-o", str(out), "--force"]
        ours = show("python -m cchc_cli import (cả tiến trình)", timed(cli, args.repeat))

        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("  pandoc KHÔNG có trên máy này (apt-get install -y pandoc): không so sánh được.")
            return 0
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        argv = [pandoc, "-f", "docx", "-t", "markdown", "-o", str(tmp / "p.md"), str(source)]
        theirs = show(f"{version} -t markdown", timed(argv, args.repeat))
        ratio = ours / theirs
        print(
            f"  tỉ lệ cchc / pandoc: {ratio:.3f} → {'ĐẠT' if ratio <= 0.5 else 'CHƯA ĐẠT'} (mục tiêu ≤ 0,5)"
        )
        inside = (import_s + emit_s) / theirs
        print(f"  tỉ lệ (trong tiến trình: đọc + nhận dạng + ghi YAML) / pandoc: {inside:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
