"""The `remind:` settings: who is told, through which mail server, and how often.

Recipients are configuration, not plan data. They live in the `.cchc.yaml` next to the plans
(or `[tool.cchc.remind]` of a `pyproject.toml`), read by `plan/settings.py` like every other
section, in exactly this shape:

    remind:
      within: 7                 # days ahead
      repeat_overdue_days: 7    # how often an overdue item is repeated
      smtp: {host: mail.example.gov.vn, port: 587, security: starttls, user: cchc,
             sender: "CCHC <cchc@example.gov.vn>"}
      password_env: CCHC_SMTP_PASSWORD   # the password only ever comes from this variable
      units:
        van-phong: [vanphong@example.gov.vn]
        thanh-tra: [thanhtra@example.gov.vn, chanhthanhtra@example.gov.vn]

`security` is `starttls` (port 587 by default), `ssl` (465) or `none` (25). Each unit key must
be a unit id of the plan (a group is not a unit: its members each have their own addresses);
an empty list (`hd-tdkt: []`) says on purpose that the unit gets no e-mail. The password is
never written here: only the name of the environment variable that holds it, read by the
command line when it sends. Every problem is a Diagnostic on its line; nothing here prints,
reads the environment or the clock.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from email.utils import getaddresses
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from cchc_cli.diagnostics import Diagnostic, Severity
from cchc_cli.errors import PlanFileError
from cchc_cli.plan.model import Plan
from cchc_cli.plan.settings import Settings, settings_for, validate_section

Security = Literal["starttls", "ssl", "none"]
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}

_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDR_SPEC = re.compile(rf"^{_LOCAL}@{_LABEL}(?:\.{_LABEL})+$")


def split_address(text: str) -> tuple[str, str]:
    """'Văn phòng <vp@example.gov.vn>' -> ('Văn phòng', 'vp@example.gov.vn'); a bare address
    has an empty name. The text must have passed `check_address`."""
    [(name, addr)] = getaddresses([text])
    return name, addr


def check_address(value: str) -> str:
    """One e-mail address, bare or with a display name; a ValueError (Vietnamese) otherwise."""
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise ValueError("địa chỉ thư trống")
    found = getaddresses([text])
    if len(found) != 1:
        raise ValueError(f"“{text}”: mỗi phần tử một địa chỉ thư; tách nhiều địa chỉ thành các dòng '- '")
    _name, addr = found[0]
    if not _ADDR_SPEC.match(addr) or len(addr) > 254 or addr not in text:
        raise ValueError(f"“{text}” không phải địa chỉ thư hợp lệ (dạng ten@co-quan.gov.vn)")
    return text


def _one_or_many(value: Any) -> Any:
    # `van-phong: vp@example.gov.vn` (one address, no list) is read as a list of one.
    return [value] if isinstance(value, str) else value


Address = Annotated[str, AfterValidator(check_address)]
Addresses = Annotated[list[Address], BeforeValidator(_one_or_many)]
EnvName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=100),
    Field(description="Tên biến môi trường chứa mật khẩu, ví dụ CCHC_SMTP_PASSWORD"),
]


class SmtpSettings(BaseModel):
    """The mail server reminders go through."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    port: int | None = Field(None, ge=1, le=65535, description="Mặc định: 587, 465 (ssl) hoặc 25 (none)")
    security: Security = "starttls"
    user: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None = None
    sender: Address = Field(description="Người gửi, ví dụ 'CCHC <cchc@example.gov.vn>'")

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else DEFAULT_PORTS[self.security]


class RemindSettings(BaseModel):
    """The `remind:` section."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    within: int = Field(7, ge=0, le=366, description="Số ngày tới được coi là sắp đến hạn")
    repeat_overdue_days: int = Field(7, ge=1, le=366, description="Nhắc lại việc quá hạn sau mỗi N ngày")
    smtp: SmtpSettings | None = None
    password_env: EnvName | None = None
    units: dict[str, Addresses] = Field(default_factory=dict, description="Mã đơn vị -> địa chỉ thư")


@dataclass(frozen=True)
class RemindConfig:
    """The checked settings and the file they come from (None: no settings file)."""

    settings: RemindSettings
    source: str | None = None

    def recipients(self, unit_id: str) -> list[str] | None:
        """The unit's addresses; [] when it gets no e-mail on purpose, None when not configured."""
        found = self.settings.units.get(unit_id)
        return list(found) if found is not None else None


def _problem(shown: str, where: tuple[int, int], message: str) -> Diagnostic:
    return Diagnostic(shown, where[0], where[1], Severity.ERROR, "config", message)


def plan_problems(settings: Settings, section: RemindSettings, plan: Plan) -> list[Diagnostic]:
    """What the section gets wrong about the plan, or between its own keys."""
    problems: list[Diagnostic] = []
    label = settings.label("remind")
    units = [u.id for u in plan.units]
    groups = {g.id: g for g in plan.groups}
    for key in section.units:
        if key in units:
            continue
        where = settings.locate(("remind", "units", key), key=True)
        if key in groups:
            members = ", ".join(groups[key].members)
            message = (
                f"{label} units: “{key}” là nhóm đơn vị, không phải đơn vị; ghi địa chỉ cho từng "
                f"đơn vị của nhóm ({members})"
            )
        else:
            close = difflib.get_close_matches(key, units, n=1, cutoff=0.6)
            hint = f"; có phải '{close[0]}'?" if close else " (xem: cchc units)"
            message = f"{label} units: không có đơn vị “{key}” trong kế hoạch{hint}"
        problems.append(_problem(settings.shown, where, message))
    smtp = section.smtp
    if smtp is not None and smtp.user and not section.password_env:
        where = settings.locate(("remind", "smtp", "user"))
        message = (
            f"{label} smtp.user cần mật khẩu: thêm 'password_env: TÊN_BIẾN' (mật khẩu nằm trong "
            "biến môi trường đó, không bao giờ trong tệp cấu hình)"
        )
        problems.append(_problem(settings.shown, where, message))
    if section.password_env and (smtp is None or not smtp.user):
        where = settings.locate(("remind", "password_env"))
        message = f"{label} password_env chỉ dùng khi có smtp.user (tên đăng nhập máy chủ thư)"
        problems.append(_problem(settings.shown, where, message))
    return problems


def load_remind_config(plan_path: Path, plan: Plan) -> RemindConfig:
    """The `remind` settings nearest to the plan, checked against it (defaults when there is no
    settings file); every bad setting is a PlanFileError placed on its line."""
    settings, problems = settings_for(plan_path.parent)
    section, more = validate_section(settings, "remind", RemindSettings)
    problems += more
    if settings is not None and not problems:
        problems += plan_problems(settings, section, plan)
    if problems:
        problems.sort(key=Diagnostic.sort_key)
        raise PlanFileError(problems[0].path, problems)
    return RemindConfig(section, settings.shown if settings is not None else None)
