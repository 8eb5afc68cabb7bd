"""Which reader a file needs, decided by its content (not its name), and what to say when
none fits: an old binary .doc or .xls, a password-protected Office file, a PDF, an empty or
binary file. Every refusal is one Vietnamese line."""

from __future__ import annotations

from pathlib import Path

from cchc_cli.errors import CchcError
from cchc_cli.importer.files import OLE_MAGIC, ZIP_MAGIC, Package, read_bytes
from cchc_cli.importer.table import Source

_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_WORKBOOK = "Workbook".encode("utf-16-le")
_WORD = "WordDocument".encode("utf-16-le")


def read_source(path: Path, shown: str) -> Source:
    data = read_bytes(path, shown)
    if not data.strip():
        raise CchcError(f"{shown}: tệp trống, không có gì để nhập")
    if data.startswith(ZIP_MAGIC):
        return _read_package(data, shown)
    if data.startswith(OLE_MAGIC):
        raise CchcError(_ole_message(data, path, shown))
    if data.startswith(b"%PDF"):
        raise CchcError(
            f"{shown}: đây là tệp PDF; mở bằng Word (Word đọc được PDF) rồi lưu .docx, "
            "hoặc chép văn bản ra tệp .txt rồi nhập tệp đó"
        )
    if data.startswith(b"{\\rtf"):
        raise CchcError(f"{shown}: đây là tệp RTF; mở bằng Word và lưu dưới dạng Word Document (.docx)")
    return _read_text(data, shown)


def _read_package(data: bytes, shown: str) -> Source:
    package = Package(data, shown, "Office")
    if any(name.startswith("word/") for name in package.names):
        from cchc_cli.importer.docx_reader import read_docx

        package.what = "Word"
        return read_docx(package)
    if any(name.startswith("xl/") for name in package.names):
        from cchc_cli.importer.xlsx_reader import read_xlsx

        package.what = "Excel"
        return read_xlsx(package)
    if "content.xml" in package.names:
        raise CchcError(
            f"{shown}: tệp OpenDocument (.odt/.ods); mở bằng LibreOffice và lưu dưới dạng .docx hoặc .xlsx"
        )
    raise CchcError(f"{shown}: tệp nén không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx)")


def _ole_message(data: bytes, path: Path, shown: str) -> str:
    if _ENCRYPTED in data:
        return (
            f"{shown}: tệp được đặt mật khẩu (mã hóa); mở bằng Word/Excel, gỡ mật khẩu "
            "(Tệp > Thông tin > Bảo vệ tài liệu) rồi lưu lại và nhập lại"
        )
    if _WORKBOOK in data or path.suffix.lower() == ".xls":
        return f"{shown}: tệp Excel 97-2003 (.xls); mở bằng Excel và lưu dưới dạng Excel Workbook (.xlsx)"
    if _WORD in data or path.suffix.lower() == ".doc":
        return f"{shown}: tệp Word 97-2003 (.doc); mở bằng Word và lưu dưới dạng Word Document (.docx)"
    return f"{shown}: tệp Office đời cũ; mở bằng Word hoặc Excel và lưu dưới dạng .docx hoặc .xlsx"


def _read_text(data: bytes, shown: str) -> Source:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise CchcError(f"{shown}: tệp văn bản UTF-16 bị hỏng") from None
    else:
        if b"\x00" in data[:4096]:
            raise CchcError(f"{shown}: tệp nhị phân, không phải .docx, .xlsx hay văn bản; kiểm tra lại tệp")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CchcError(
                f"{shown}: tệp văn bản không phải UTF-8 (bảng mã cũ TCVN3/VNI?); "
                "mở bằng Notepad và lưu với mã hóa UTF-8"
            ) from None
    from cchc_cli.importer.text_reader import read_text

    return read_text(text)
