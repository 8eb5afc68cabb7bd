"""A cache of validated plans, so the commands people run dozens of times a day start fast.

Validating a plan (PyYAML, building the pydantic schema) and reading its Tiến độ prose costs
more than the rest of `cchc due`. After a plan has loaded cleanly once, the validated Plan and
its milestones are written as JSON under the cache folder; the next run reads them back
instead of loading the plan.

- **Nothing in an entry can run code.** An entry is plain JSON (no pickle): reading it builds
  only cchc's own model classes (the plan's pydantic models and the milestones' dataclasses),
  field by field against their type annotations, and refuses anything else (an unknown or
  missing field, a wrong type, a value outside a Literal). pydantic's own validation would
  cost its deferred schema build (40–60 ms, the very cost the cache avoids), and the data was
  validated when the entry was written.
- **Only an entry of one's own is read.** The folder is created private (0700); a folder that
  belongs to someone else, or that others may write to, is not used at all (`usable_cache_dir`
  says why, for the command line to note), and an entry not owned by the user, or writable by
  others, is ignored. Entries are read through `inputfile` (regular files only, size cap).
- **A stale entry is never read.** The key is the SHA-256 of the plan file's bytes and of a
  fingerprint of everything its result depends on: cchc's version and source files, Python's
  version and the versions of pydantic, pydantic-core, holidays (working days), python-dateutil
  (recurrences), PyYAML and tzdata. The key is also stored in the entry and checked.

A missing, unreadable, corrupt, foreign or oversized entry just means a normal load (and a
fresh entry). `cchc lint` never uses the cache. Clearing it is deleting the folder.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import stat
import sys
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cchc_cli import __version__, inputfile
from cchc_cli.atomicwrite import write_atomic
from cchc_cli.errors import CchcError
from cchc_cli.plan.collector import collector_paused
from cchc_cli.plan.milestones import Milestone, all_milestones, remember
from cchc_cli.plan.model import Plan
from cchc_cli.plan.sourcemap import LoadedPlan, SourceMap

_FORMAT = 2  # bump when the layout of an entry changes (1 was pickle)
PACKAGES = ("pydantic", "pydantic-core", "holidays", "python-dateutil", "PyYAML", "tzdata")
"""Installed packages whose version changes what a cached plan holds."""


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


def usable_cache_dir(folder: Path | None) -> tuple[Path | None, str | None]:
    """The cache folder when it is safe to use (created 0700 when missing), else None and, when
    someone else could have put entries there, a one-line note saying why it is not used."""
    if folder is None:
        return None, None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return None, None  # a cache that cannot be made only costs speed
    if not stat.S_ISDIR(info.st_mode):
        return None, None
    if hasattr(os, "geteuid"):  # POSIX; on Windows the per-user LOCALAPPDATA is private
        if info.st_uid != os.geteuid():
            return None, f"thư mục cache {folder} thuộc người dùng khác; không dùng cache"
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            why = "cho người khác ghi vào; không dùng cache"
            return None, f"thư mục cache {folder} {why} (sửa: chmod 700 {folder})"
    return folder, None


# --- the key -----------------------------------------------------------------------------------


def _normalise(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    """Installed versions, read from the `name-version.dist-info` folder names on sys.path (no
    metadata file is opened: importlib.metadata would cost ~10 ms of every start)."""
    wanted = {_normalise(n): n for n in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        if len(found) == len(wanted):
            break
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            if not item.endswith((".dist-info", ".egg-info")):
                continue
            name, _, version = item.rsplit(".", 1)[0].partition("-")
            key = _normalise(name)
            if key in wanted and key not in found:
                found[key] = version
    versions = {}
    for key, name in wanted.items():
        if key not in found:
            from importlib import metadata

            try:
                found[key] = metadata.version(name)
            except Exception:  # not installed: that too is part of the key
                found[key] = "-"
        versions[name] = found[key]
    return versions


def _source_stamps(folder: str, prefix: str = "") -> list[str]:
    """'path:mtime_ns:size' of every .py file under cchc's package folder."""
    stamps = []
    with os.scandir(folder) as entries:
        for item in entries:
            if item.is_dir(follow_symlinks=False) and item.name != "__pycache__":
                stamps.extend(_source_stamps(item.path, f"{prefix}{item.name}/"))
            elif item.name.endswith(".py"):
                info = item.stat()
                stamps.append(f"{prefix}{item.name}:{info.st_mtime_ns}:{info.st_size}")
    return stamps


@functools.cache
def _source() -> str:
    """cchc's own source files, stamped once a process (`--plans` reads dozens of plans)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return str(sorted(_source_stamps(package)))


_VERSIONS: dict[tuple[str, ...], str] = {}


def _versions() -> str:
    """The packages' versions, once per sys.path (what an import would find depends on it)."""
    where = tuple(sys.path)
    if where not in _VERSIONS:
        _VERSIONS[where] = str(sorted(package_versions().items()))
    return _VERSIONS[where]


def _fingerprint() -> str:
    python = ".".join(str(v) for v in sys.version_info[:3])
    return f"{_FORMAT}|{__version__}|{python}|{_versions()}|{_source()}"


def cache_key(raw: bytes) -> str:
    """The SHA-256 of the plan's bytes and of everything its loaded result depends on."""
    return hashlib.sha256(raw + b"\0" + _fingerprint().encode("utf-8")).hexdigest()


# --- entries: JSON of cchc's own types ------------------------------------------------------------


class _Corrupt(Exception):
    """An entry that is not what cchc writes."""


def _encode(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return {name: _encode(getattr(value, name)) for name in type(value).model_fields}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("dict keys")
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, dt.datetime):
        raise TypeError("datetime")  # no field holds one; never write one as a date
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise TypeError(type(value).__name__)


Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


def _decoder(tp: Any) -> Decoder:
    """A function turning JSON data into a value of type `tp`, refusing anything else."""
    found = _DECODERS.get(tp)
    if found is None:
        found = _DECODERS[tp] = _make_decoder(tp)
    return found


def _scalar(kind: type) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not kind:  # bool is not an int here
            raise _Corrupt(kind.__name__)
        return value

    return decode


def _date(value: Any) -> dt.date:
    if not isinstance(value, str) or len(value) != 10:
        raise _Corrupt("date")
    return dt.date.fromisoformat(value)


def _make_decoder(tp: Any) -> Decoder:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _decoder(args[0])
    if origin in (typing.Union, types.UnionType):
        options = [_decoder(arg) for arg in args if arg is not type(None)]
        nullable = type(None) in args

        def union(value: Any) -> Any:
            if value is None and nullable:
                return None
            for option in options:
                try:
                    return option(value)
                except (_Corrupt, ValueError, TypeError):
                    continue
            raise _Corrupt(str(tp))

        return union
    if origin is typing.Literal:
        allowed = frozenset(args)

        def literal(value: Any) -> Any:
            if not isinstance(value, (str, int)) or value not in allowed:
                raise _Corrupt(str(tp))
            return value

        return literal
    if origin in (list, tuple):
        item = _decoder(args[0]) if args else _scalar(str)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            raise TypeError(f"{tp}: only tuple[X, ...] is supported")
        wrap: Callable[[list[Any]], Any] = list if origin is list else tuple

        def sequence(value: Any) -> Any:
            if type(value) is not list:
                raise _Corrupt(str(tp))
            return wrap([item(v) for v in value])

        return sequence
    if origin is dict:
        key, item = _decoder(args[0]), _decoder(args[1])

        def mapping(value: Any) -> Any:
            if type(value) is not dict:
                raise _Corrupt(str(tp))
            return {key(k): item(v) for k, v in value.items()}

        return mapping
    if tp in (str, int, bool):
        return _scalar(tp)
    if tp is dt.date:
        return _date
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model_decoder(tp)
    if isinstance(tp, type) and is_dataclass(tp):
        return _dataclass_decoder(tp)
    raise TypeError(f"the plan cache cannot store {tp!r}")


def _record(build: Callable[..., Any], hints: dict[str, Any]) -> Decoder:
    names = frozenset(hints)
    decoders = {name: _decoder(hint) for name, hint in hints.items()}

    def record(value: Any) -> Any:
        if type(value) is not dict or value.keys() != names:
            raise _Corrupt("fields")
        return build(**{name: decoders[name](item) for name, item in value.items()})

    return record


def _model_decoder(model: type[BaseModel]) -> Decoder:
    # model_construct: the values were validated when the entry was written, and each one is
    # checked against its annotation here; running the validators again is the cost avoided.
    hints = {name: info.annotation for name, info in model.model_fields.items()}
    return _record(model.model_construct, hints)


def _dataclass_decoder(cls: type) -> Decoder:
    every = typing.get_type_hints(cls, include_extras=True)
    return _record(cls, {f.name: every[f.name] for f in fields(cls)})


_PLAN: Decoder | None = None
_MILESTONES: Decoder | None = None


def _read_entry(entry: Path, key: str, limit: int) -> tuple[Plan, list[list[Milestone]]] | None:
    """The plan and milestones of an entry that is ours and intact, else None."""
    global _PLAN, _MILESTONES
    try:
        raw, info = inputfile.read_regular(entry, limit=limit)
    except inputfile.InputFileError:
        return None  # no entry yet (or not one to read)
    if hasattr(os, "geteuid") and (
        info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        return None
    try:
        with collector_paused():  # hundreds of thousands of objects, no cycle among them
            data = json.loads(raw)
            if type(data) is not dict or data.get("format") != _FORMAT or data.get("key") != key:
                return None
            if _PLAN is None or _MILESTONES is None:
                _PLAN, _MILESTONES = _decoder(Plan), _decoder(list[list[Milestone]])
            plan = _PLAN(data["plan"])
            milestones = _MILESTONES(data["milestones"])
            remember(plan, milestones)  # one list per task, in plan order; raises if they differ
    except (_Corrupt, ValueError, TypeError, KeyError, RecursionError):
        return None
    return plan, milestones


def _store(entry: Path, key: str, loaded: LoadedPlan) -> None:
    try:
        data = {
            "format": _FORMAT,
            "key": key,
            "plan": _encode(loaded.plan),
            "milestones": _encode(all_milestones(loaded.plan)),
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        write_atomic(entry, text.encode("utf-8"), mode=0o600)
    except (OSError, CchcError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs speed


def load_plan_cached(path: Path, shown: str, cache_dir: Path | None) -> LoadedPlan:
    """The plan at `path`, from the cache when this exact file was loaded before."""
    folder, _note = usable_cache_dir(cache_dir)
    if folder is None:
        return _load(path, shown, None)
    try:
        raw = inputfile.read_bytes(path, shown)
        text = inputfile.decode(raw, shown)
    except inputfile.InputFileError:
        return _load(path, shown, None)  # the loader reports it, with the file's position
    key = cache_key(raw)
    entry = folder / f"plan-{key[:40]}.json"
    found = _read_entry(entry, key, limit=16 * len(raw) + 1024 * 1024)
    if found is not None:
        return LoadedPlan(found[0], shown, SourceMap(), text)
    loaded = _load(path, shown, text)
    _store(entry, key, loaded)
    return loaded


def _load(path: Path, shown: str, text: str | None) -> LoadedPlan:
    from cchc_cli.plan.loader import load_plan

    return load_plan(path, shown, text)
