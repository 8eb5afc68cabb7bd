"""A real renderer reads the export: LibreOffice turns it into a PDF, pdftotext reads it back,
and every section title and the first words of every task must be there.

Expected texts come from plans/2025.yaml loaded independently with yaml.safe_load (section
titles were checked against tests/data/seed-2025.txt in test_export_docx.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from tests.conftest import PLAN_2025

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice (soffice) không có trên máy này — bỏ qua kiểm tra bằng trình hiển thị thật",
    ),
    pytest.mark.skipif(
        PDFTOTEXT is None,
        reason="pdftotext (poppler-utils) không có trên máy này — bỏ qua kiểm tra bằng trình hiển thị thật",
    ),
]


def normalise(text: str) -> str:
    """NFC, no hyphenation joins, every run of white space (line wraps too) as one space."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def first_words(text: str, count: int = 5) -> str:
    return " ".join(normalise(text).split(" ")[:count])


def test_pdf_shows_every_section_and_task(tmp_path: Path) -> None:
    docx = tmp_path / "phu-luc-2025.docx"
    result = CliRunner().invoke(app, ["export", "docx", "--plan", str(PLAN_2025), "-o", str(docx)])
    assert result.exit_code == 0, result.stderr

    profile = (tmp_path / "lo-profile").as_uri()  # a throwaway profile: works as root and in CI
    env = {**os.environ, "HOME": str(tmp_path)}
    assert SOFFICE is not None and PDFTOTEXT is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env=env,
    )
    pdf = tmp_path / "phu-luc-2025.pdf"
    assert pdf.is_file()
    done = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    text = normalise(done.stdout.decode("utf-8"))

    with PLAN_2025.open(encoding="utf-8") as handle:
        sections = yaml.safe_load(handle)["sections"]
    assert "Phụ lục" in text
    assert "Kết quả/sản phẩm" in text
    missing = []
    for section in sections:
        if normalise(section["title"]) not in text:
            missing.append(section["title"])
        for task in section["tasks"]:
            words = first_words(task["task"])
            if words not in text:
                missing.append(f"{task['id']}: {words}")
    assert missing == []
    assert len(sections) == 10 and sum(len(s["tasks"]) for s in sections) == 54
