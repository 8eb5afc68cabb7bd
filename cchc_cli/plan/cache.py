"""A cache of validated plans, so the commands people run dozens of times a day start fast.

Validating a plan (PyYAML, building the pydantic schema) and reading its Tiến độ prose costs
more than the rest of `cchc due`. After a plan has loaded cleanly once, the validated Plan and
its milestones are pickled under the cache folder, keyed by the SHA-256 of the file's bytes
and by a fingerprint of this program (its version, its source files, pydantic's version): any
edit of the plan or of cchc makes a new key, so a stale entry is never read. A missing,
unreadable or corrupt entry just means a normal load. `cchc lint` never uses the cache.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Mapping
from pathlib import Path

from cchc_cli import __version__, inputfile
from cchc_cli.atomicwrite import write_atomic
from cchc_cli.errors import CchcError
from cchc_cli.plan.milestones import all_milestones, remember
from cchc_cli.plan.sourcemap import LoadedPlan, SourceMap

_FORMAT = 1  # bump when the pickled layout changes


def default_cache_dir(env: Mapping[str, str]) -> Path | None:
    """$CCHC_CACHE_DIR, else the platform's user cache folder; None when CCHC_NO_CACHE is set."""
    if env.get("CCHC_NO_CACHE"):
        return None
    if env.get("CCHC_CACHE_DIR"):
        return Path(env["CCHC_CACHE_DIR"])
    if os.name == "nt" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "cchc" / "cache"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cchc"


@functools.cache
def _source_stamps() -> str:
    """Once a process: `--plans` reads dozens of plans, and this stats every source file."""
    package = Path(__file__).resolve().parent.parent
    stamps = sorted(
        (p.relative_to(package).as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
        for p in package.rglob("*.py")
    )
    return str(stamps)


def _fingerprint() -> str:
    from pydantic.version import VERSION

    return f"{_FORMAT}|{__version__}|{VERSION}|{_source_stamps()}"


def _entry(cache_dir: Path, raw: bytes) -> Path:
    key = hashlib.sha256(raw + b"\0" + _fingerprint().encode("utf-8")).hexdigest()
    return cache_dir / f"plan-{key[:40]}.pickle"


def load_plan_cached(path: Path, shown: str, cache_dir: Path | None) -> LoadedPlan:
    """The plan at `path`, from the cache when this exact file was loaded before."""
    try:
        raw = inputfile.read_bytes(path, shown) if cache_dir is not None else None
    except inputfile.InputFileError:
        raw = None  # the loader reports the missing or unreadable file properly
    if cache_dir is None or raw is None:
        from cchc_cli.plan.loader import load_plan

        return load_plan(path, shown)
    entry = _entry(cache_dir, raw)
    try:
        plan, milestones = pickle.loads(inputfile.read_bytes(entry))
    except Exception:  # no entry yet, or one we cannot read: load and (re)write it
        from cchc_cli.plan.loader import load_plan

        loaded = load_plan(path, shown)
        _store(entry, loaded)
        return loaded
    remember(plan, milestones)
    return LoadedPlan(plan, shown, SourceMap(), raw.decode("utf-8-sig", errors="replace"))


def _store(entry: Path, loaded: LoadedPlan) -> None:
    try:
        data = pickle.dumps((loaded.plan, all_milestones(loaded.plan)), protocol=5)
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, data)
    except (OSError, CchcError, pickle.PicklingError):
        pass  # a cache that cannot be written only costs speed
