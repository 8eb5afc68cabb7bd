"""Files the importer must refuse: one Vietnamese line, exit 1 (2 for usage), nothing written,
never a traceback. Files are treated as hostile (FIFOs, zip bombs, entity bombs, huge cells)."""

from __future__ import annotations

import io
import os
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.importer import files
from cchc_cli.importer.build import import_plan
from tests.importer.conftest import Tab, word_file

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refused(runner: CliRunner, path: Path, tmp_path: Path, code: int = 1) -> str:
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == code, result.stderr
    assert not out.exists()
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("cchc: ")
    return lines[0]


def ole_file(path: Path, *streams: str) -> Path:
    """The start of a compound file (old Office): its magic and its directory's names."""
    body = b"".join(name.encode("utf-16-le") + b"\x00" * 8 for name in streams)
    path.write_bytes(OLE + b"\x00" * 504 + body + b"\x00" * 512)
    return path


def test_empty_file(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "rong.txt"
    path.write_bytes(b"  \n\n")
    assert refused(runner, path, tmp_path) == f"cchc: {path}: tệp trống, không có gì để nhập"


def test_missing_file_and_folder(tmp_path: Path, runner: CliRunner) -> None:
    assert "không tìm thấy tệp" in refused(runner, tmp_path / "khong-co.docx", tmp_path)
    assert "đây là thư mục" in refused(runner, tmp_path, tmp_path)


def test_old_binary_word_and_excel(tmp_path: Path, runner: CliRunner) -> None:
    doc = ole_file(tmp_path / "ke-hoach.doc", "Root Entry", "WordDocument", "1Table")
    assert refused(runner, doc, tmp_path).endswith(
        "tệp Word 97-2003 (.doc); mở bằng Word và lưu dưới dạng Word Document (.docx)"
    )
    xls = ole_file(tmp_path / "ke-hoach.xls", "Root Entry", "Workbook")
    assert "Excel 97-2003 (.xls)" in refused(runner, xls, tmp_path)


def test_password_protected(tmp_path: Path, runner: CliRunner) -> None:
    # Word saves a password-protected .docx as a compound file holding the encrypted package
    path = ole_file(tmp_path / "mat-khau.docx", "Root Entry", "EncryptionInfo", "EncryptedPackage")
    assert "được đặt mật khẩu" in refused(runner, path, tmp_path)
    # and a zip whose parts are encrypted (flag bit 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the general purpose flag: "encrypted"
    zipped = tmp_path / "zip-mat-khau.docx"
    zipped.write_bytes(bytes(data))
    assert "được đặt mật khẩu" in refused(runner, zipped, tmp_path)


def test_corrupt_docx(tmp_path: Path, runner: CliRunner) -> None:
    good = word_file(tmp_path / "tot.docx", "Phụ lục", Tab([["STT", "Nội dung"], ["1", "x"]]))
    broken = tmp_path / "hong.docx"
    broken.write_bytes(good.read_bytes()[:2000])
    assert "bị hỏng" in refused(runner, broken, tmp_path)
    # a zip that is no Office document
    other = tmp_path / "khac.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "x")
    assert "không phải tài liệu Word (.docx) hay bảng tính Excel (.xlsx)" in refused(runner, other, tmp_path)


def test_pdf_and_binary(tmp_path: Path, runner: CliRunner) -> None:
    pdf = tmp_path / "phu-luc.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "đây là tệp PDF" in refused(runner, pdf, tmp_path)
    binary = tmp_path / "anh.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "tệp nhị phân" in refused(runner, binary, tmp_path)
    legacy = tmp_path / "tcvn3.txt"
    legacy.write_bytes(b"STT\tNhi\xd2m v\xf5\n")  # TCVN3 (ABC) bytes, not UTF-8
    assert "không phải UTF-8" in refused(runner, legacy, tmp_path)


def test_no_task_table(tmp_path: Path, runner: CliRunner) -> None:
    only_text = word_file(tmp_path / "van-ban.docx", "KẾ HOẠCH", "Cải cách hành chính năm 2025.")
    assert "không thấy bảng nào trong tệp" in refused(runner, only_text, tmp_path)
    text = tmp_path / "van-ban.txt"
    text.write_text("Phụ lục\nKhông có bảng nào ở đây.\n", encoding="utf-8")
    assert "không thấy bảng nào (các ô của một dòng bảng cách nhau bằng dấu tab)" in refused(
        runner, text, tmp_path
    )


def test_columns_not_recognised_lists_what_was_seen(tmp_path: Path, runner: CliRunner) -> None:
    path = word_file(
        tmp_path / "la.docx",
        Tab([["UBND TỈNH KHÁNH HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]]),  # the letterhead
        Tab([["Mục", "Việc cần làm", "Người làm"], ["1", "Rà soát", "Văn phòng"]]),
    )
    message = refused(runner, path, tmp_path)
    assert "không nhận ra cột nào của bảng nhiệm vụ" in message
    assert "bảng 1: UBND TỈNH KHÁNH HÒA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in message
    assert "bảng 2: Mục | Việc cần làm | Người làm" in message
    assert "Nhiệm vụ/Nội dung: nhiem vu, noi dung" in message and "Tiến độ/Thời gian: tien do" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_blocking(tmp_path: Path, runner: CliRunner) -> None:
    fifo = tmp_path / "ong.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    assert "không phải tệp thường" in refused(runner, fifo, tmp_path)
    assert time.perf_counter() - started < 5


def test_file_size_cap(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1024 * 1024)
    big = tmp_path / "lon.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    assert "tệp quá lớn (1.0 MB, tối đa 1 MB)" in refused(runner, big, tmp_path)


def test_zip_bomb_is_refused_from_its_directory(tmp_path: Path, runner: CliRunner) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * 4096)
    data = bytearray(buffer.getvalue())
    # claim 3.9 GB uncompressed for word/document.xml in the central directory
    entry = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    data[entry + 24 : entry + 28] = (0xEFFFFFFF).to_bytes(4, "little")
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(bytes(data))
    assert "có thể là tệp độc hại (zip bomb)" in refused(runner, bomb, tmp_path)


def test_xml_entities_are_refused(tmp_path: Path, runner: CliRunner) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "thuc-the.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", laughs)
    assert "có khai báo DOCTYPE/ENTITY" in refused(runner, path, tmp_path)


def test_huge_cell(tmp_path: Path, runner: CliRunner) -> None:
    text = tmp_path / "o-lon.txt"
    huge = "Sở Tư pháp phối hợp với " * 2200  # 52,800 characters in one cell
    text.write_text(f"STT\tNhiệm vụ\tPhân công\nI\tCẢI CÁCH\t\n1\tRà soát\t{huge}\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(text), "-o", str(out), "--year", "2025"])
    assert result.exit_code == 1 and not out.exists()
    assert (
        result.stderr.strip()
        == "cchc: dòng 3, cột “Phân công”: ô dài hơn 50000 ký tự; không giống một ô của phụ lục kế hoạch"
    )


def test_long_cells_under_the_cap_stay_linear(tmp_path: Path) -> None:
    cell = "Sở Tư pháp phối hợp với " * 1500 + "Văn phòng Sở, Thanh tra Sở, " * 300
    path = tmp_path / "dai.txt"
    path.write_text(
        f"STT\tNhiệm vụ\tTiến độ\tPhân công\nI\tCẢI CÁCH\t\t\n1\tRà soát\tQuý II/2025\t{cell}\n", "utf-8"
    )
    started = time.perf_counter()
    result = import_plan(path, "dai.txt", year=2025)
    assert time.perf_counter() - started < 2
    assert [u.name for u in result.plan.units] == ["Sở Tư pháp", "Văn phòng Sở", "Thanh tra Sở"]


def test_windows_line_ends_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    body = "Phụ lục\r\nNHIỆM VỤ NĂM 2025\r\nSTT\tNội dung\tTiến độ\r\nI\tCẢI CÁCH\t\r\n1\tRà soát\tQuý II/2025\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    result = import_plan(path, "windows.txt")
    assert [(t.id, t.task, t.schedule) for _s, t in result.plan.iter_tasks()] == [
        ("I.1", "Rà soát", "Quý II/2025")
    ]
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(body.encode("utf-16"))
    assert import_plan(utf16, "utf16.txt").plan == result.plan


def test_unexpected_errors_never_show_a_traceback(tmp_path: Path, runner: CliRunner,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr("cchc_cli.importer.build.read_layout", boom)
    path = tmp_path / "a.txt"
    path.write_text("STT\tNội dung\tTiến độ\n1\tx\ty\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert sys.exc_info() == (None, None, None)
