"""Reading hostile files safely: regular files only, bounded sizes, zip bombs, XML entities.

Everything an importer reads comes through here. Limits (documented in the README):

- the source file: at most MAX_FILE_BYTES (20 MB); FIFOs, devices and folders are refused
  before any read (a FIFO would block forever);
- a .docx/.xlsx is a zip: at most MAX_MEMBERS members; the uncompressed sizes the zip's
  directory declares are checked before anything is inflated (MAX_PART_BYTES a part,
  MAX_TOTAL_BYTES for all), and a part is never read past its declared size;
- XML parts are parsed without DTDs, entities or network access, and a part that declares a
  DOCTYPE is refused (Office never writes one; entity bombs need one).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from cchc_cli import inputfile
from cchc_cli.errors import CchcError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_CELL_CHARS = 50_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a regular file, refusing anything else and anything too big: cchc's one
    reader (`inputfile`), with this module's own cap and wording for an oversized source."""
    try:
        return inputfile.read_bytes(path, shown, limit=MAX_FILE_BYTES)
    except inputfile.InputFileError as exc:
        if exc.kind == "size":
            raise CchcError(
                _too_big(shown, exc.size if exc.size is not None else MAX_FILE_BYTES + 1)
            ) from None
        raise


def _too_big(shown: str, size: int) -> str:
    return (
        f"{shown}: tệp quá lớn ({size / 1048576:.1f} MB, tối đa {MAX_FILE_BYTES // 1048576} MB); "
        "một phụ lục kế hoạch thường dưới 1 MB — tách phần phụ lục ra tệp riêng"
    )


class Package:
    """A zip package (.docx, .xlsx) whose directory was checked before any part is read."""

    def __init__(self, data: bytes, shown: str, what: str) -> None:
        self.shown = shown
        self.what = what
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise CchcError(f"{shown}: tệp {what} bị hỏng, không mở được ({exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise CchcError(
                f"{shown}: tệp {what} có {len(infos)} phần bên trong, quá nhiều; tệp không hợp lệ"
            )
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                raise CchcError(
                    f"{shown}: tệp {what} khi giải nén quá lớn ({info.filename}: {info.file_size} byte); "
                    "có thể là tệp độc hại (zip bomb), không đọc"
                )
            if info.flag_bits & 0x1:
                raise CchcError(
                    f"{shown}: tệp {what} được đặt mật khẩu; mở bằng Office, bỏ mật khẩu rồi lưu lại"
                )
        self.names = {info.filename for info in infos}

    def read(self, name: str) -> bytes | None:
        """A part's bytes (None when absent), never more than its declared size."""
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        try:
            with self.zip.open(info) as part:
                data = part.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise CchcError(f"{self.shown}: tệp {self.what} bị hỏng ({name}: {exc})") from None
        if len(data) > info.file_size:  # pragma: no cover - zipfile stops at the declared size
            raise CchcError(f"{self.shown}: tệp {self.what} bị hỏng ({name} dài hơn khai báo)")
        return data

    def xml(self, name: str) -> etree._Element | None:
        data = self.read(name)
        return None if data is None else parse_xml(data, self.shown, f"{self.what} ({name})")


def parse_xml(data: bytes, shown: str, what: str) -> etree._Element:
    """Parse an XML part with no DTD, no entity expansion and no network."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise CchcError(
            f"{shown}: {what} có khai báo DOCTYPE/ENTITY, không phải tệp Office hợp lệ; không đọc"
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CchcError(f"{shown}: {what} bị hỏng, XML không đọc được ({exc})") from None
