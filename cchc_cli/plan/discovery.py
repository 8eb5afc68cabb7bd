"""Which plan file a command reads: --plan, else $CCHC_PLAN, else the newest plans/*.yaml
under the current folder, else the plan bundled with the package."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cchc_cli.errors import UsageError

_BUNDLED_NAME = "2025.yaml"
PACKAGE = Path(__file__).resolve().parent.parent
"""The installed cchc_cli folder (its bundled/ and templates/ data live there)."""
PROGRESS_SUFFIX = ".progress.yaml"
REMIND_LOG_SUFFIX = ".remind-log.yaml"


@dataclass(frozen=True)
class PlanSource:
    path: Path
    origin: str  # "--plan", "CCHC_PLAN", "thư mục plans/", "kế hoạch kèm theo cchc"


SHIPPED_FOLDERS = {"bundled": "plans", "templates": "templates"}
"""Data shipped inside the package (cchc_cli/<key>) and the repository folder it comes from
(pyproject maps one onto the other), so a checkout finds the same files an installed wheel has."""


def shipped(folder: str, *names: str) -> Path:
    """A file or folder shipped with cchc: `cchc_cli/<folder>/…` when installed, else the
    repository's copy (`shipped("templates", "default.docx")` -> templates/default.docx)."""
    packaged = PACKAGE.joinpath(folder, *names)
    if packaged.exists():
        return packaged
    return PACKAGE.parent.joinpath(SHIPPED_FOLDERS[folder], *names)


def bundled_plan() -> Path:
    """The plan shipped in the package (cchc_cli/bundled), or the repository's plans/ copy."""
    return shipped("bundled", _BUNDLED_NAME)


def _plan_rank(path: Path) -> tuple[int, str]:
    match = re.match(r"(\d{4})", path.stem)
    return (int(match.group(1)) if match else 0, path.name)


NOT_PLANS = (PROGRESS_SUFFIX, REMIND_LOG_SUFFIX)
"""Files that live beside plans but are not plans: progress files, reminder send logs."""


def is_plan_name(name: str) -> bool:
    """`2025.yaml` is a plan's name; `.cchc.yaml` (settings), `2025.progress.yaml` are not."""
    return name.endswith(".yaml") and not name.startswith(".") and not name.endswith(NOT_PLANS)


def plans_in(folder: Path) -> list[Path]:
    """The plan files of a folder, sorted by name: its *.yaml but not hidden files (settings),
    progress files or send logs."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.is_file() and is_plan_name(p.name))


def plan_of_progress(progress: Path) -> Path:
    """`plans/2025.progress.yaml` -> `plans/2025.yaml`, the plan a progress file belongs to."""
    return progress.with_name(progress.name.removesuffix(PROGRESS_SUFFIX) + ".yaml")


def newest_local_plan(cwd: Path) -> Path | None:
    candidates = plans_in(cwd / "plans")
    return max(candidates, key=_plan_rank) if candidates else None


def agency_plans(folder: Path) -> list[Path]:
    """`--plans DIR`: the plans of several agencies kept side by side, one a folder.

    Each sub-folder of DIR that holds plans (`plans/<agency>/<year>.yaml`) is one agency, and
    the plan read is its newest: the highest year in the file name, as for `plans/` (the name
    breaks ties). Plans lying directly in DIR count as one more agency (its newest plan).
    Hidden folders are skipped; folders deeper than one level are not searched. In the order
    of the folder names (DIR's own plan first)."""
    found: list[Path] = []
    own = plans_in(folder)
    if own:
        found.append(max(own, key=_plan_rank))
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        candidates = plans_in(sub)
        if candidates:
            found.append(max(candidates, key=_plan_rank))
    return found


def find_plan(option: str | None, env: Mapping[str, str], cwd: Path) -> PlanSource:
    if option:
        return PlanSource(Path(option), "--plan")
    if env.get("CCHC_PLAN"):
        return PlanSource(Path(env["CCHC_PLAN"]), "CCHC_PLAN")
    local = newest_local_plan(cwd)
    if local is not None:
        return PlanSource(local, "thư mục plans/")
    bundled = bundled_plan()
    if not bundled.is_file():
        raise UsageError("không tìm thấy tệp kế hoạch; chỉ rõ bằng --plan ĐƯỜNG_DẪN hoặc biến CCHC_PLAN")
    return PlanSource(bundled, "kế hoạch kèm theo cchc")


def default_progress_path(plan_path: Path) -> Path:
    """`plans/2025.yaml` -> `plans/2025.progress.yaml`.

    The bundled plan (inside the installed package, read-only in practice; or the checkout's
    own plans/2025.yaml) keeps no progress of its own: its progress file goes to
    `plans/<stem>.progress.yaml` under the current folder instead.
    """
    real = Path(os.path.realpath(plan_path))  # never raises, even on a loop of links
    if PACKAGE in real.parents or real == Path(os.path.realpath(bundled_plan())):
        return Path("plans") / (plan_path.stem + PROGRESS_SUFFIX)
    return plan_path.with_name(plan_path.stem + PROGRESS_SUFFIX)


def default_remind_log_path(plan_path: Path) -> Path:
    """`plans/2025.yaml` -> `plans/2025.remind-log.yaml`, the reminder send log, kept where the
    progress file is (for the bundled plan: under the current folder)."""
    progress = default_progress_path(plan_path)
    return progress.with_name(progress.name.removesuffix(PROGRESS_SUFFIX) + REMIND_LOG_SUFFIX)


def progress_path_for(plan_path: Path, option: str | None) -> Path:
    """The progress file: `--progress FILE`, else the one beside the plan."""
    return Path(option) if option else default_progress_path(plan_path)
