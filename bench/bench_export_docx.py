"""Time `cchc export docx`: the bundled plan, then a generated 1,000-task plan against pandoc.

    python bench/bench_export_docx.py [--repeat N]

Goals (issue 3): the whole `python -m cchc_cli export docx` process for plans/2025.yaml under
1.5 s of wall time; for 1,000 tasks, at most 0.2 × the time pandoc takes to turn the same
table, written as Markdown, into a .docx. Each figure is the best of N runs (and the
median); the plan cache is switched off (CCHC_NO_CACHE=1) for the "cold" figures, so they
include reading and validating the YAML.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_cli.cli.tabular import to_markdown  # noqa: E402
from cchc_cli.export.appendix import appendix_table  # noqa: E402
from cchc_cli.export.doctable import Row, SectionRow  # noqa: E402
from cchc_cli.export.docx import write_docx  # noqa: E402
from cchc_cli.plan.loader import load_plan  # noqa: E402

NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def big_plan_yaml(tasks: int = 1000, sections: int = 10) -> str:
    """A plan shaped like the real one: one-line and multi-line cells, two units, a group."""
    lines = [
        "format_version: 1",
        "plan:",
        "  agency: Sở Thử nghiệm tỉnh Khánh Hòa",
        "  year: 2025",
        "  title: NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025 (KẾ HOẠCH THỬ TẢI)",
        "  attachment: (Kèm theo Kế hoạch số 12/KH-STN ngày 05/3/2025 của Sở Thử nghiệm)",
        "  document:",
        '    number: "12"',
        "    symbol: KH-STN",
        "    date: 2025-03-05",
        "    issuer: Sở Thử nghiệm",
        "units:",
        "  - id: van-phong",
        "    name: Văn phòng Sở",
        "  - id: thanh-tra",
        "    name: Thanh tra Sở",
        "groups:",
        "  - id: toan-so",
        "    name: Các phòng, ban, đơn vị thuộc và trực thuộc Sở",
        "    members: [van-phong, thanh-tra]",
        "sections:",
    ]
    per_section = tasks // sections
    for s in range(sections):
        numeral = NUMERALS[s]
        lines += [f"  - numeral: {numeral}", f"    title: LĨNH VỰC CẢI CÁCH SỐ {s + 1}", "    tasks:"]
        for t in range(1, per_section + 1):
            month = (t % 12) + 1
            lines += [
                f"      - id: {numeral}.{t}",
                f"        task: Rà soát, đánh giá và tham mưu thực hiện nhiệm vụ số {t} của "
                f"mục {numeral}, bảo đảm đúng hạn, đầy đủ nội dung theo quy định hiện hành",
                f"        output: Báo cáo kết quả thực hiện nhiệm vụ {numeral}.{t} gửi UBND tỉnh",
                "        schedule: |-",
                f"          Trước ngày 15/{month:02d}/2025",
                "          Trước ngày 15/12/2025",
                "        assignment: |-",
                "          - Đơn vị chủ trì: Văn phòng Sở;",
                "          - Đơn vị phối hợp: các phòng, ban, đơn vị thuộc và trực thuộc Sở.",
                "        lead: [van-phong]",
                "        support: [toan-so]",
            ]
    return "\n".join(lines) + "\n"


def timed(argv: list[str], repeat: int, env: dict[str, str], before=None) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def show(label: str, times: list[float]) -> float:
    best = min(times)
    print(f"  {label:<46} best {best:6.3f} s   median {statistics.median(times):6.3f} s")
    return best


def table_rows(plan_path: Path) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    table = appendix_table(load_plan(plan_path).plan)
    rows: list[tuple[str, ...]] = []
    for item in table.body:
        if isinstance(item, SectionRow):
            rows.append((item.numeral, item.title, "", "", ""))
        elif isinstance(item, Row):
            rows.append(item.cells)
    return tuple(c.header for c in table.columns), rows


GRID_WIDTHS = (5, 40, 30, 24, 40)  # characters per column, about the shares of the .docx


def grid_markdown(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A pandoc grid table: the faithful Markdown form of the appendix, where each line of a
    cell stays its own paragraph (a pipe table cannot hold a line break: `<br>` is raw HTML,
    which pandoc's DOCX writer drops)."""

    def cell_lines(text: str, width: int) -> list[str]:
        out: list[str] = []
        for index, line in enumerate(text.split("\n")):
            if index:
                out.append("")  # a blank line: a new paragraph inside the cell
            out.extend(textwrap.wrap(line, width) or [""])
        return out

    def render(row: tuple[str, ...]) -> list[str]:
        cells = [cell_lines(text, w) for text, w in zip(row, GRID_WIDTHS, strict=True)]
        height = max(len(c) for c in cells)
        return [
            "|"
            + "|".join(
                " " + (c[i] if i < len(c) else "").ljust(w) + " "
                for c, w in zip(cells, GRID_WIDTHS, strict=True)
            )
            + "|"
            for i in range(height)
        ]

    line = "+" + "+".join("-" * (w + 2) for w in GRID_WIDTHS) + "+"
    head = "+" + "+".join("=" * (w + 2) for w in GRID_WIDTHS) + "+"
    out = [line, *render(headers), head]
    for row in rows:
        out += [*render(row), line]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cold = {**os.environ, "CCHC_NO_CACHE": "1"}
    warm = dict(os.environ)

    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as folder:
        tmp = Path(folder)
        out = tmp / "phu-luc-2025.docx"
        cli = [sys.executable, "-m", "cchc_cli", "export", "docx", "-o", str(out), "--force"]

        print("Kế hoạch kèm theo (plans/2025.yaml, 54 nhiệm vụ) — mục tiêu < 1,5 s cả tiến trình")
        bundled = [*cli, "--plan", str(ROOT / "plans" / "2025.yaml")]
        best = show("python -m cchc_cli export docx (cold)", timed(bundled, args.repeat, cold))
        show("python -m cchc_cli export docx (plan cache)", timed(bundled, args.repeat, warm))
        print(f"  → {'ĐẠT' if best < 1.5 else 'CHƯA ĐẠT'} (goal < 1.5 s)")

        big = tmp / "big.yaml"
        big.write_text(big_plan_yaml(), encoding="utf-8")
        big_out = tmp / "big.docx"
        print("\nKế hoạch sinh ra: 1.000 nhiệm vụ, 10 mục")
        started = time.perf_counter()
        loaded = load_plan(big)
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        table = appendix_table(loaded.plan)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        write_docx(table, big_out, force=True)
        write_s = time.perf_counter() - started
        print(
            f"  in-process: load {load_s:.3f} s, build {build_s:.3f} s, "
            f"write_docx {write_s:.3f} s ({write_s / 1010 * 1000:.3f} ms a row)"
        )
        big_cli = [*cli[:-3], "-o", str(big_out), "--force", "--plan", str(big)]
        ours = show("python -m cchc_cli export docx (cold)", timed(big_cli, args.repeat, cold))
        show("python -m cchc_cli export docx (plan cache)", timed(big_cli, args.repeat, warm))

        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("  pandoc không có trên máy này: bỏ qua phép so sánh")
            return 0
        headers, rows = table_rows(big)
        grid, pipe = tmp / "big-grid.md", tmp / "big-pipe.md"
        grid.write_text(grid_markdown(headers, rows), encoding="utf-8")
        pipe.write_text(to_markdown(headers, rows), encoding="utf-8")
        runs = max(3, args.repeat // 2)
        results = {}
        for name, source in (("grid table", grid), ("pipe table, <br> dropped", pipe)):
            argv = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(tmp / "p.docx"), str(source)]
            results[name] = show(f"pandoc Markdown ({name}) → DOCX", timed(argv, runs, warm))
        for name, theirs in results.items():
            ratio = ours / theirs
            verdict = "ĐẠT" if ratio <= 0.2 else "CHƯA ĐẠT"
            print(f"  tỉ lệ cchc (cả tiến trình) / pandoc {name}: {ratio:.3f} → {verdict} (goal ≤ 0.2)")
        inside = load_s + build_s + write_s
        for name, theirs in results.items():
            print(f"  tỉ lệ cchc (load+build+write) / pandoc {name}: {inside / theirs:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
