"""remind/settings.py: the `remind:` section, checked like the plan (line, column, Vietnamese)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_cli.errors import PlanFileError
from cchc_cli.plan.loader import load_plan
from cchc_cli.remind.settings import check_address, load_remind_config, split_address
from tests.conftest import PLAN_2025, line_of, sample_pair

ISSUE_EXAMPLE = """\
remind:
  within: 7                 # days ahead
  repeat_overdue_days: 7    # how often an overdue item is repeated
  smtp: {host: mail.example.gov.vn, port: 587, security: starttls, user: cchc, sender: "CCHC <cchc@example.gov.vn>"}
  password_env: CCHC_SMTP_PASSWORD   # the password only ever comes from this environment variable
  units:
    van-phong: [vanphong@example.gov.vn]
    thanh-tra: [thanhtra@example.gov.vn, chanhthanhtra@example.gov.vn]
"""  # noqa: E501 (the issue's own example, as written)


def _config(folder: Path, text: str, name: str = ".cchc.yaml") -> Path:
    plan = sample_pair(folder, progress=None)
    (plan.parent / name).write_text(text, encoding="utf-8")
    return plan


def _problems(folder: Path, text: str, name: str = ".cchc.yaml") -> list[tuple[int, int, str]]:
    plan = _config(folder, text, name)
    with pytest.raises(PlanFileError) as caught:
        load_remind_config(plan, load_plan(PLAN_2025).plan)
    return [(d.line, d.column, d.message) for d in caught.value.diagnostics]


def test_the_issue_example_reads_as_written(tmp_path: Path) -> None:
    plan = _config(tmp_path, ISSUE_EXAMPLE)
    config = load_remind_config(plan, load_plan(PLAN_2025).plan)
    s = config.settings
    assert (s.within, s.repeat_overdue_days, s.password_env) == (7, 7, "CCHC_SMTP_PASSWORD")
    assert s.smtp is not None
    assert (s.smtp.host, s.smtp.effective_port, s.smtp.security, s.smtp.user) == (
        "mail.example.gov.vn",
        587,
        "starttls",
        "cchc",
    )
    assert config.recipients("thanh-tra") == ["thanhtra@example.gov.vn", "chanhthanhtra@example.gov.vn"]
    assert config.recipients("cang-vu") is None  # not configured
    assert config.source is not None and config.source.endswith(".cchc.yaml")


def test_defaults_without_a_settings_file(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path, progress=None)
    config = load_remind_config(plan, load_plan(PLAN_2025).plan)
    assert (config.settings.within, config.settings.repeat_overdue_days) == (7, 7)
    assert config.settings.smtp is None and config.source is None


def test_default_ports_follow_security(tmp_path: Path) -> None:
    text = "remind:\n  smtp: {host: mail.example.gov.vn, security: ssl, sender: cchc@example.gov.vn}\n"
    config = load_remind_config(_config(tmp_path, text), load_plan(PLAN_2025).plan)
    assert config.settings.smtp is not None and config.settings.smtp.effective_port == 465


def test_unknown_unit_key_has_its_line_and_a_suggestion(tmp_path: Path) -> None:
    text = ISSUE_EXAMPLE + "    van-phon: [x@example.gov.vn]\n    toan-so: [y@example.gov.vn]\n"
    found = _problems(tmp_path, text)
    assert found == [
        (9, 5, "remind: units: không có đơn vị “van-phon” trong kế hoạch; có phải 'van-phong'?"),
        (
            10,
            5,
            "remind: units: “toan-so” là nhóm đơn vị, không phải đơn vị; ghi địa chỉ cho từng đơn vị "
            "của nhóm (van-phong, thanh-tra, phong-chuyen-mon, to-chuc-hanh-chinh, don-vi-su-nghiep)",
        ),
    ]


def test_bad_address_and_bad_security_are_placed(tmp_path: Path) -> None:
    text = ISSUE_EXAMPLE.replace("security: starttls", "security: tls").replace(
        "chanhthanhtra@example.gov.vn", "chanh thanh tra"
    )
    found = _problems(tmp_path, text)
    smtp_line = line_of(text, "smtp:")
    assert [(line, message.split(":")[0]) for line, _col, message in found] == [
        (smtp_line, "remind.smtp.security"),
        (line_of(text, "thanh-tra:"), "remind.units.thanh-tra.1"),
    ]
    assert found[0][2].endswith("giá trị không hợp lệ; chỉ nhận 'starttls', 'ssl' hoặc 'none'")
    assert found[1][2].endswith("“chanh thanh tra” không phải địa chỉ thư hợp lệ (dạng ten@co-quan.gov.vn)")


def test_user_needs_a_password_variable(tmp_path: Path) -> None:
    text = ISSUE_EXAMPLE.replace("  password_env: CCHC_SMTP_PASSWORD", "  # no password_env")
    [(line, _col, message)] = _problems(tmp_path, text)
    assert line == line_of(text, "smtp:")
    assert message.startswith("remind: smtp.user cần mật khẩu")


def test_pyproject_table_is_read_too(tmp_path: Path) -> None:
    text = (
        '[project]\nname = "x"\n\n[tool.cchc.remind]\nwithin = 3\n'
        'units = { van-phong = ["vp@example.gov.vn"], thanh-traa = ["tt@example.gov.vn"] }\n'
    )
    found = _problems(tmp_path, text, name="pyproject.toml")
    assert [(line, message) for line, _col, message in found] == [
        (6, "[tool.cchc.remind] units: không có đơn vị “thanh-traa” trong kế hoạch; có phải 'thanh-tra'?")
    ]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("vp@example.gov.vn", ("", "vp@example.gov.vn")),
        ("Văn phòng Sở <vp@example.gov.vn>", ("Văn phòng Sở", "vp@example.gov.vn")),
        ('"Nguyễn, Văn A" <a@example.gov.vn>', ("Nguyễn, Văn A", "a@example.gov.vn")),
    ],
)
def test_addresses_kept_as_written(text: str, parts: tuple[str, str]) -> None:
    assert check_address(text) == text
    assert split_address(text) == parts


@pytest.mark.parametrize(
    "text",
    ["", "vp@example", "@example.gov.vn", "vp@example.gov.vn, tt@example.gov.vn", "vp @example.gov.vn", "vp"],
)
def test_bad_addresses(text: str) -> None:
    with pytest.raises(ValueError):
        check_address(text)
