"""Time `cchc lint` on a generated 1,000-task plan against yamllint (default rules).

The plan is made from the 54 tasks of plans/2025.yaml, repeated with new ids and a numbered
task text over 10 sections until there are 1,000 tasks (it carries the bundled plan's
warnings, many times over).
Both tools run as fresh processes with the same interpreter; the best wall time of N runs is
kept. Goal (issue 4): cchc lint at most 0.2× yamllint's time.
Run: python bench/bench_lint.py [--runs N] [--tasks N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def make_plan(count: int) -> str:
    data = yaml.safe_load((ROOT / "plans" / "2025.yaml").read_text(encoding="utf-8"))
    pool = [task for section in data["sections"] for task in section["tasks"]]
    per_section = -(-count // len(NUMERALS))
    sections = []
    made = 0
    for s_index, numeral in enumerate(NUMERALS):
        template = data["sections"][s_index % len(data["sections"])]
        tasks = []
        while len(tasks) < per_section and made < count:
            task = dict(pool[made % len(pool)])
            task["id"] = f"{numeral}.{len(tasks) + 1}"
            # A distinct text for each copy, as in a real plan (else every copy is a duplicate).
            task["task"] = f"{task['task']} (nhóm {made // len(pool) + 1})"
            task.pop("repeats", None)
            tasks.append(task)
            made += 1
        sections.append({"numeral": numeral, "title": template["title"], "tasks": tasks})
    data["sections"] = sections
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def best_wall(cmd: list[str], runs: int) -> tuple[float, int]:
    times = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False).returncode
        times.append(time.perf_counter() - start)
    return min(times), code


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=1000)
    args = parser.parse_args()
    yamllint = shutil.which("yamllint")
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan-1000.yaml"
        plan.write_text(make_plan(args.tasks), encoding="utf-8")
        lines = plan.read_text(encoding="utf-8").count("\n")
        print(f"plan: {args.tasks} tasks, {lines} lines, {plan.stat().st_size / 1024:.0f} KiB")
        cchc, cchc_code = best_wall([sys.executable, "-m", "cchc_cli", "lint", str(plan)], args.runs)
        print(f"cchc lint:           {cchc:6.3f} s (best of {args.runs}, exit {cchc_code})")
        floor, _ = best_wall([sys.executable, "-m", "cchc_cli", "--version"], args.runs)
        print(f"cchc --version:      {floor:6.3f} s (start-up alone; lint work = {cchc - floor:.3f} s)")
        if yamllint is None:
            print("yamllint not installed (pip install yamllint): no ratio")
            return
        base, base_code = best_wall([yamllint, "-d", "default", str(plan)], args.runs)
        print(f"yamllint -d default: {base:6.3f} s (best of {args.runs}, exit {base_code})")
        print(f"ratio cchc/yamllint: {cchc / base:.3f} (goal <= 0.2)")


if __name__ == "__main__":
    main()
