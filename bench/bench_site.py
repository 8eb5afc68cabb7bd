"""Time `cchc site` against `cchc export docx` on a generated 1,000-task plan with progress.

    python bench/bench_site.py [--repeat N]

Goal (the site issue): building the whole site (which also writes the Word appendix) takes at
most 2× the time of `cchc export docx` on the same plan, and no page is over 300 KB. Both run
as fresh processes (`python -m cchc_cli …`), plan cache off, best of N runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_export_docx import NUMERALS, big_plan_yaml  # noqa: E402

AS_OF = "30/09/2025"


def big_progress_yaml(tasks: int = 1000, sections: int = 10) -> str:
    """Records for two tasks in three of `big_plan_yaml`'s plan: the first milestone (due the
    14th of month (t % 12) + 1) done between the 10th and the 16th (early, on time, late)."""
    lines = ["format_version: 1", "plan: 2025", "records:"]
    per_section = tasks // sections
    for s in range(sections):
        for t in range(1, per_section + 1):
            month = (t % 12) + 1
            if t % 3 == 0 or month == 12:
                continue
            done = dt.date(2025, month, 10 + t % 7)
            lines += [
                f"  - task: {NUMERALS[s]}.{t}",
                '    milestone: "1"',
                f"    done: {done.isoformat()}",
                f"    evidence: Báo cáo số {t}/BC-STN ngày {done:%d/%m/%Y}",
            ]
    return "\n".join(lines) + "\n"


def best(argv: list[str], repeat: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "CCHC_NO_CACHE": "1"}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-site-") as folder:
        tmp = Path(folder)
        plan = tmp / "2025.yaml"
        plan.write_text(big_plan_yaml(), encoding="utf-8")
        (tmp / "2025.progress.yaml").write_text(big_progress_yaml(), encoding="utf-8")
        cli = [sys.executable, "-m", "cchc_cli"]
        docx = [*cli, "export", "docx", "--plan", str(plan), "-o", str(tmp / "p.docx"), "--force"]
        site = [*cli, "site", "--plan", str(plan), "--as-of", AS_OF, "-o", str(tmp / "public"), "--force"]
        print("Kế hoạch sinh ra: 1.000 nhiệm vụ, 10 mục, 2.000 mốc, có tệp tiến độ")
        t_docx = best(docx, args.repeat, env)
        t_site = best(site, args.repeat, env)
        print(f"  cchc export docx : {t_docx:6.3f} s (tốt nhất / {args.repeat} lần)")
        print(f"  cchc site        : {t_site:6.3f} s (tốt nhất / {args.repeat} lần)")
        ratio = t_site / t_docx
        print(
            f"  tỉ lệ site / export docx: {ratio:.2f} → {'ĐẠT' if ratio <= 2 else 'CHƯA ĐẠT'} (mục tiêu ≤ 2)"
        )
        pages = sorted((tmp / "public").rglob("*.html"))
        sizes = sorted(
            ((p.stat().st_size, p.relative_to(tmp / "public").as_posix()) for p in pages), reverse=True
        )
        total = sum(s for s, _ in sizes)
        print(f"  {len(pages)} trang HTML, tổng {total / 1024:.0f} KB; lớn nhất:")
        for size, name in sizes[:5]:
            print(f"    {size / 1024:7.1f} KB  {name}")
        over = [name for size, name in sizes if size > 300_000]
        print(f"  trang trên 300 KB: {len(over)} → {'ĐẠT' if not over else 'CHƯA ĐẠT'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
