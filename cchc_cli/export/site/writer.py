"""Putting a built site in its folder: never half a site, never over a folder cchc did not make.

* The target is checked before any work: a folder with files in it and no marker (`.cchc-site`,
  left by every build) is someone else's and is replaced only with `force`; a file, a symbolic
  link, or a folder holding the plan, the progress file or the current folder is never replaced.
* The build is written into a new folder beside the target (each file with `write_atomic`, the
  Word appendix with `export/docx.py`), then swapped in: the old site is moved aside, the new one
  renamed into place, the old one deleted. A build that fails leaves the old site as it was.
* The Word appendix gets fixed zip dates, so the same plan gives the same bytes every time.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from cchc_cli.atomicwrite import OutputExistsError, write_atomic
from cchc_cli.errors import CchcError
from cchc_cli.export.docx import docx_bytes
from cchc_cli.export.site.pages import Site, SiteFile
from cchc_cli.export.site.province import Province
from cchc_cli.plan.sourcemap import real_path

MARKER = ".cchc-site"
MARKER_TEXT = (
    "Thư mục này do lệnh `cchc site` tạo ra. Mỗi lần chạy lại, cả thư mục được thay mới:\n"
    "đừng sửa hay để tệp khác ở đây.\n"
)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def check_target(folder: Path, force: bool, protected: Sequence[Path] = ()) -> None:
    """Refuse, before any work, a folder the site may not replace (see the module's text)."""
    if folder.is_symlink():
        raise CchcError(f"{folder}: là liên kết tượng trưng (symlink); chọn thư mục thật bằng -o")
    if folder.exists() and not folder.is_dir():
        raise CchcError(f"{folder}: là một tệp, không phải thư mục; chọn thư mục khác bằng -o")
    target = real_path(folder)
    for path in protected:
        held = real_path(path)
        if target == held or target in held.parents:
            raise CchcError(
                f"{folder}: thư mục này chứa {path}; trang web cần một thư mục riêng, ví dụ -o public"
            )
    if folder.is_dir() and not (folder / MARKER).is_file() and any(folder.iterdir()) and not force:
        raise OutputExistsError(
            f"{folder}: thư mục đã có tệp không do `cchc site` tạo; thêm --force để thay toàn bộ "
            "thư mục, hoặc chọn thư mục khác bằng -o"
        )


def reproducible_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 01/01/1980: python-docx stamps the build time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def _files(files: Sequence[SiteFile], staging: Path) -> None:
    folders = {staging}
    for file in files:
        path = staging.joinpath(*file.path.split("/"))
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        write_atomic(path, file.data, force=False)


def _fill_site(site: Site, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _files(site.files, folder)
    write_atomic(folder / site.docx_path, reproducible_zip(docx_bytes(site.appendix)), force=False)


def _fill(site: Site | Province, staging: Path) -> None:
    if isinstance(site, Province):  # the index of agencies, then each agency's site in its folder
        _files(site.files, staging)
        for name, agency_site in site.sites:
            _fill_site(agency_site, staging / name)
    else:
        _fill_site(site, staging)
    write_atomic(staging / MARKER, MARKER_TEXT.encode("utf-8"), force=False)


def _folder_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def write_site(
    site: Site | Province, folder: Path, *, force: bool = False, protected: Sequence[Path] = ()
) -> None:
    """Write `site` (one plan's, or several agencies' with their index) into `folder`, replacing
    the site a previous build left there."""
    check_target(folder, force, protected)
    parent = folder.parent if str(folder.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise CchcError(f"{parent}: không tạo được thư mục ({exc.strerror or exc})") from None
    try:
        os.chmod(staging, _folder_mode())  # mkdtemp makes it private; a web server must read it
        _fill(site, staging)
        _swap(staging, folder)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise CchcError(
                f"{folder}: không ghi được trang web ({exc.strerror or exc}); trang cũ vẫn còn nguyên"
            ) from None
        raise


def _swap(staging: Path, folder: Path) -> None:
    if not folder.exists():
        os.rename(staging, folder)
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=staging.parent))
    old = aside / "site"
    os.rename(folder, old)
    try:
        os.rename(staging, folder)
    except OSError:
        restored = False
        with contextlib.suppress(OSError):
            os.rename(old, folder)
            restored = True
        if restored:  # else the old site stays in `aside`, never deleted
            shutil.rmtree(aside, ignore_errors=True)
        raise
    shutil.rmtree(aside, ignore_errors=True)
