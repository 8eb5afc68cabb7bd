"""Start-up cost of `cchc due` and `cchc --help` against a minimal typer program.

The floor is a typer program with one command and one option that prints one line, run by
the same interpreter. Goal (issue 2): `cchc due --unit "Văn phòng Sở"` at most 1.3× the floor.
Run: python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = typer.Option("world", "--name")) -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
"""


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "minimal typer (floor)": [sys.executable, str(minimal), "--name", "x"],
            "cchc --help": [sys.executable, "-m", "cchc_cli", "--help"],
            "cchc due --unit 'Văn phòng Sở'": [
                sys.executable, "-m", "cchc_cli", "due", "--unit", "Văn phòng Sở",
                "--as-of", "01/06/2025",
            ],
        }  # fmt: skip
        for cmd in cases.values():  # warm the file cache and .pyc files
            subprocess.run(cmd, cwd=ROOT, capture_output=True)
        results = {name: wall(cmd, runs) for name, cmd in cases.items()}
    floor = results["minimal typer (floor)"]
    print(f"median of {runs} runs")
    for name, seconds in results.items():
        print(f"{name:34s} {seconds * 1000:7.1f} ms   {seconds / floor:5.2f}× floor")
    ratio = results["cchc due --unit 'Văn phòng Sở'"] / floor
    print(f"goal: due ≤ 1.30× floor — {'met' if ratio <= 1.3 else 'NOT met'} ({ratio:.2f}×)")


if __name__ == "__main__":
    main()
