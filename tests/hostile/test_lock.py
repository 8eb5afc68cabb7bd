"""Concurrent `cchc done`: every record lands. Before the lock, 20 at once kept 2 of 20 and two
writers over 20 rounds lost 10 of 40 (last writer wins)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_cli.plan.loader import load_plan, parse_document
from cchc_cli.plan.milestones import task_milestones
from tests.conftest import ROOT, sample_pair
from tests.hostile.helpers import BOOT

# One process, several `cchc done` in a row (argv lists as JSON on the command line).
LOOP = BOOT.replace(
    "from cchc_cli.__main__ import main\nmain()\n",
    "import json\n"
    "from cchc_cli.cli.main import app\n"
    "codes = []\n"
    "for argv in json.loads(sys.argv[1]):\n"
    "    try:\n"
    "        app(argv, prog_name='cchc')\n"
    "    except SystemExit as exit:\n"
    "        codes.append(exit.code)\n"
    "print(json.dumps(codes))\n",
)


def targets(count: int) -> list[tuple[str, str]]:
    """`count` distinct (task, milestone) pairs of the bundled plan that are not recurring."""
    plan = load_plan(ROOT / "plans" / "2025.yaml").plan
    found = [
        (task.id, m.key)
        for _section, task in plan.iter_tasks()
        for m in task_milestones(plan, task)
        if m.deadline.kind != "recurring"
    ]
    assert len(found) >= count
    return found[:count]


def done_args(plan: Path, task: str, milestone: str) -> list[str]:
    return [
        "done",
        task,
        "-m",
        milestone,
        "--on",
        "02/05/2025",
        "-e",
        f"Báo cáo {task}/{milestone}",
        "--plan",
        str(plan),
    ]


def records(progress: Path) -> list[tuple[str, str]]:
    data = parse_document(progress, "p").data
    return [(r["task"], str(r["milestone"])) for r in data["records"]]


def environment(folder: Path | None = None) -> dict[str, str]:
    """The test's environment; with a folder, a plan cache of its own there."""
    cache = {"CCHC_CACHE_DIR": str(folder / "cache")} if folder else {"CCHC_NO_CACHE": "1"}
    return {**os.environ, "PYTHONPATH": str(ROOT), **cache}


# 20 processes released at the same instant. Each is a fork of one interpreter that has
# already imported cchc (fresh interpreters would spend ~20 s starting up on two cores);
# where there is no fork, fresh interpreters it is.
FORKS = BOOT.replace(
    "from cchc_cli.__main__ import main\nmain()\n",
    "import json, os\n"
    "from cchc_cli.cli.main import app\n"
    "import cchc_cli.progress.store, filelock, ruamel.yaml  # the lazy imports, once\n"
    "warm = ['list', '--plan', json.loads(sys.argv[2]), '--format', 'json']  # fills the plan cache\n"
    "app(warm, prog_name='cchc', standalone_mode=False)\n"
    "jobs = json.loads(sys.argv[1])\n"
    "start_read, start_write = os.pipe()\n"
    "pids = []\n"
    "for argv in jobs:\n"
    "    pid = os.fork()\n"
    "    if pid == 0:\n"
    "        os.close(start_write)\n"
    "        os.read(start_read, 1)\n"
    "        try:\n"
    "            app(argv, prog_name='cchc')\n"
    "            code = 0\n"
    "        except SystemExit as exit:\n"
    "            code = exit.code if isinstance(exit.code, int) else 1\n"
    "        sys.stdout.flush(); sys.stderr.flush()\n"
    "        os._exit(code)\n"
    "    pids.append(pid)\n"
    "os.close(start_read)\n"
    "os.write(start_write, b'x' * len(jobs))\n"
    "print(json.dumps([os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in pids]))\n",
)


def test_twenty_at_once_keep_twenty_records(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path, progress=None)
    wanted = targets(20)
    jobs = [done_args(plan, *pair) for pair in wanted]
    if hasattr(os, "fork"):
        result = subprocess.run(
            [sys.executable, "-c", FORKS, json.dumps(jobs), json.dumps(str(plan))],
            cwd=tmp_path,
            env=environment(tmp_path),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert json.loads(result.stdout.strip().splitlines()[-1]) == [0] * 20, result.stderr
        assert result.stdout.count("Đã ghi") == 20
    else:  # pragma: no cover - Windows
        processes = [
            subprocess.Popen([sys.executable, "-c", BOOT, *argv], cwd=tmp_path, env=environment())
            for argv in jobs
        ]
        assert [p.wait(timeout=300) for p in processes] == [0] * 20
    assert sorted(records(plan.with_name("2025.progress.yaml"))) == sorted(wanted)


def test_two_writers_over_twenty_rounds_keep_forty(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path, progress=None)
    wanted = targets(40)
    halves = [wanted[0::2], wanted[1::2]]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", LOOP, json.dumps([done_args(plan, *pair) for pair in half])],
            cwd=tmp_path,
            env=environment(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for half in halves
    ]
    outputs = [p.communicate(timeout=180) for p in processes]
    for out, err in outputs:
        assert json.loads(out.strip().splitlines()[-1]) == [0] * 20, err
    assert sorted(records(plan.with_name("2025.progress.yaml"))) == sorted(wanted)


def test_a_writer_waits_for_the_lock_then_gives_up_cleanly(tmp_path: Path) -> None:
    from cchc_cli.atomicwrite import locked
    from cchc_cli.errors import CchcError

    target = tmp_path / "2025.progress.yaml"
    target.write_text("x", encoding="utf-8")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from cchc_cli.atomicwrite import locked\n"
            f"with locked(Path({str(target)!r})):\n    print('held', flush=True); time.sleep(30)\n",
        ],
        env=environment(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with (
            pytest.raises(CchcError, match="một lệnh khác đang ghi tệp này") as caught,
            locked(target, timeout=0.3),
        ):
            pass
        assert "\n" not in str(caught.value) and "Chưa ghi gì" in str(caught.value)
    finally:
        holder.kill()
        holder.communicate()
    with locked(target, timeout=5):  # released with its process
        pass
