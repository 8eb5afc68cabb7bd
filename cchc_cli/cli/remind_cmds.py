"""`cchc remind`: each unit's reminder, by e-mail or as .eml files, once, not every day.

Three ways to run it:
- default (or --dry-run): print what would be sent; nothing is sent or written;
- --send: through the mail server of `remind.smtp`, with the password read here from the
  environment variable that `remind.password_env` names (never printed);
- --out DIR: one .eml file per message.
With --send and --out each delivered message is recorded in the send log beside the plan at
once, under a lock held for the whole run. Exit 1 when a unit with something to say was not
reached (server down, recipient refused, no address), 2 on usage errors.
"""

import datetime as dt
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cchc_cli.cli import common
from cchc_cli.cli.common import (
    AsOfOpt,
    PlanOpt,
    ProgressOpt,
    app,
    as_of_date,
    emit,
    emit_json,
    guard,
    open_plan,
)
from cchc_cli.errors import CchcError, UsageError

if TYPE_CHECKING:
    from cchc_cli.plan.sourcemap import LoadedPlan
    from cchc_cli.remind.digest import Digest
    from cchc_cli.remind.sendlog import SendLog
    from cchc_cli.remind.settings import RemindConfig
    from cchc_cli.remind.smtp import Outgoing


class RemindFormat(str, Enum):
    text = "text"
    json = "json"


NOT_REACHED = ("failed", "no-address")


@dataclass
class Outcome:
    """One digest of the run and what became of it."""

    digest: "Digest"
    to: list[str] | None  # None: the unit has no address in the settings; []: none on purpose
    subject: str
    message_id: str
    status: str  # dry-run, pending, sent, written, failed, no-address, no-email
    error: str | None = None
    file: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.digest.to_json(),
            "to": self.to,
            "subject": self.subject,
            "message_id": self.message_id,
            "status": self.status,
            "error": self.error,
            "file": self.file,
        }


@dataclass
class Run:
    loaded: "LoadedPlan"
    config: "RemindConfig"
    mode: str  # dry-run, send, out
    as_of: dt.date
    within: int
    force: bool
    outcomes: list[Outcome]

    def not_reached(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in NOT_REACHED]


def _units(loaded: "LoadedPlan", chosen: list[str] | None) -> list[str]:
    from cchc_cli.plan.units import Directory
    from cchc_cli.remind.digest import recipient_units

    if not chosen:
        return recipient_units(loaded.plan)
    directory = Directory(loaded.plan)
    return recipient_units(loaded.plan, [directory.find(name).id for name in chosen])


def _password(config: "RemindConfig") -> str | None:
    """The SMTP password, from the environment variable the settings name (None: no login)."""
    smtp = config.settings.smtp
    name = config.settings.password_env
    if smtp is None or not smtp.user or not name:
        return None
    value = os.environ.get(name)
    if not value:
        raise CchcError(
            f"biến môi trường {name} chưa có mật khẩu máy chủ thư (remind.password_env); đặt biến "
            "này trước khi chạy (trong bộ lập lịch, hoặc secret của CI)"
        )
    return value


def _sender(run: Run) -> str:
    """From: the configured sender; without one (--out, dry run) the agency at localhost."""
    smtp = run.config.settings.smtp
    if smtp is not None:
        return smtp.sender
    agency = " ".join(run.loaded.plan.plan.agency.replace('"', "").split())
    return f'"{agency}" <cchc@localhost>' if agency else "cchc@localhost"


def _settings_file(run: Run) -> str:
    return run.config.source or ".cchc.yaml cạnh tệp kế hoạch"


@app.command()
@guard
def remind(
    as_of: AsOfOpt = None,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            "-u",
            metavar="ĐƠN_VỊ",
            help="Chỉ nhắc đơn vị này (lặp lại cho nhiều đơn vị; một nhóm là mọi đơn vị của nhóm).",
        ),
    ] = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            "-w",
            metavar="SỐ_NGÀY",
            min=0,
            help="Số ngày tới được coi là sắp đến hạn. Mặc định: remind.within (7).",
        ),
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Gửi thư qua máy chủ thư (remind.smtp) và ghi nhật ký.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in những gì sẽ gửi (mặc định); không gửi, không ghi gì.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Ghi mỗi thư thành tệp .eml trong thư mục này (thay cho gửi) và ghi nhật ký."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Nhắc lại mọi việc, kể cả việc đã nhắc; ghi đè tệp .eml đã có.")
    ] = False,
    fmt: Annotated[
        RemindFormat,
        typer.Option("--format", "-f", help="text (mặc định) hoặc json (cho chatbot, hệ thống khác)."),
    ] = RemindFormat.text,
    plan: PlanOpt = None,
    progress_file: ProgressOpt = None,
) -> None:
    """Nhắc việc cho từng đơn vị (quá hạn, sắp đến hạn, chờ sự kiện); mỗi việc chỉ nhắc khi có điều mới."""
    if sum((send, dry_run, out is not None)) > 1:
        raise UsageError("chọn một trong --send, --out THƯ_MỤC hoặc --dry-run (mặc định: chạy thử)")
    from cchc_cli.plan.discovery import default_remind_log_path
    from cchc_cli.remind.sendlog import open_send_log, read_send_log
    from cchc_cli.remind.settings import load_remind_config

    loaded = open_plan(plan)
    config = load_remind_config(Path(loaded.path), loaded.plan)
    day = as_of_date(as_of)
    progress = common.open_progress(loaded, progress_file)
    units = _units(loaded, unit)
    mode = "send" if send else "out" if out is not None else "dry-run"
    password = None
    if send:
        if config.settings.smtp is None:
            where = config.source or ".cchc.yaml cạnh tệp kế hoạch"
            raise UsageError(
                f"--send: chưa cấu hình máy chủ thư; thêm mục remind.smtp vào {where} (xem README)"
            )
        password = _password(config)
    days = config.settings.within if within is None else within
    run = Run(loaded, config, mode, day, days, force, [])
    log_path = default_remind_log_path(Path(loaded.path))
    if mode == "dry-run":
        outgoing = _prepare(run, units, progress, read_send_log(log_path, loaded.plan.year))
    else:
        with open_send_log(log_path, loaded.plan.year) as log:
            outgoing = _prepare(run, units, progress, log)
            if out is not None:
                _write_files(run, outgoing, out, log)
            else:
                _send(run, outgoing, password, log)
    _report(run, fmt, log_path)
    if mode != "dry-run" and run.not_reached():
        raise typer.Exit(1)


def _prepare(run: Run, units: list[str], progress: Any, log: "SendLog") -> list["Outgoing"]:
    """The run's digests as outcomes, and (unless dry run) the messages to deliver."""
    from cchc_cli.remind.digest import build_digests
    from cchc_cli.remind.message import build_message, message_id, recipients_of, sender_domain, subject
    from cchc_cli.remind.smtp import Outgoing

    plan = run.loaded.plan
    digests = build_digests(
        plan,
        run.as_of,
        units,
        within=run.within,
        repeat_overdue_days=run.config.settings.repeat_overdue_days,
        log=log,
        progress=progress,
        force=run.force,
    )
    sender = _sender(run)
    domain = sender_domain(sender)
    outgoing = []
    now = common.clock() if digests and run.mode != "dry-run" else None
    for digest in digests:
        to = run.config.recipients(digest.unit_id)
        status = "no-address" if to is None else "no-email" if not to else run.mode
        outcome = Outcome(digest, to, subject(digest), message_id(plan, digest, domain), status)
        run.outcomes.append(outcome)
        if to and now is not None:
            outcome.status = "pending"
            message = build_message(digest, plan, sender=sender, recipients=to, now=now)
            outgoing.append(Outgoing(digest.unit_id, message, tuple(recipients_of(message))))
    return outgoing


def _outcome(run: Run, unit_id: str) -> Outcome:
    return next(o for o in run.outcomes if o.digest.unit_id == unit_id)


def _record(run: Run, log: "SendLog", item: "Outgoing", via: str) -> None:
    """The message got through: into the log at once, before the next one goes."""
    from cchc_cli.remind.sendlog import SentMessage

    outcome = _outcome(run, item.unit_id)
    log.record(
        SentMessage(
            unit=item.unit_id,
            date=run.as_of,
            via="smtp" if via == "smtp" else "file",
            message_id=outcome.message_id,
            items=outcome.digest.logged(),
        )
    )
    outcome.status = "sent" if via == "smtp" else "written"


def _write_files(run: Run, outgoing: list["Outgoing"], folder: Path, log: "SendLog") -> None:
    from cchc_cli.remind.outbox import eml_path, prepare_folder, write_eml

    paths = {
        o.unit_id: eml_path(folder, o.unit_id, run.as_of, _outcome(run, o.unit_id).message_id)
        for o in outgoing
    }
    prepare_folder(folder, paths.values(), run.force)
    for item in outgoing:
        write_eml(paths[item.unit_id], item.message)
        _outcome(run, item.unit_id).file = str(paths[item.unit_id])
        _record(run, log, item, "file")


def _send(run: Run, outgoing: list["Outgoing"], password: str | None, log: "SendLog") -> None:
    from cchc_cli.remind.smtp import send_messages

    smtp = run.config.settings.smtp
    assert smtp is not None  # checked before the run
    failures = send_messages(outgoing, smtp, password, accepted=lambda item: _record(run, log, item, "smtp"))
    for failure in failures:
        outcome = _outcome(run, failure.unit_id)
        outcome.status, outcome.error = "failed", failure.reason


def _report(run: Run, fmt: RemindFormat, log_path: Path) -> None:
    from cchc_cli.dates import vn_date
    from cchc_cli.plan.sourcemap import display_path

    info = run.loaded.plan.plan
    if fmt is RemindFormat.json:
        emit_json(
            {
                "plan": {"year": info.year, "agency": info.agency, "title": info.title},
                "as_of": run.as_of.isoformat(),
                "within": run.within,
                "repeat_overdue_days": run.config.settings.repeat_overdue_days,
                "mode": run.mode,
                "digests": [o.to_json() for o in run.outcomes],
                "not_reached": [o.digest.unit_id for o in run.not_reached()],
            }
        )
    elif run.mode == "dry-run":
        _print_messages(run)
    else:
        for o in run.outcomes:
            if o.status in ("sent", "written"):
                verb = "Đã gửi" if o.status == "sent" else "Đã ghi"
                emit(f"{verb}: {o.subject} → {o.file or ', '.join(o.to or [])}")
    for o in run.outcomes:
        name = f"{o.digest.unit} ({o.digest.unit_id})"
        if o.status == "no-address":
            later = "" if run.mode == "dry-run" else "; chưa nhắc được, lần chạy sau sẽ nhắc lại"
            typer.echo(
                f"Chưa có địa chỉ thư: {name}; thêm vào remind.units trong {_settings_file(run)}{later}",
                err=True,
            )
        elif o.status == "no-email":
            typer.echo(f"Không gửi thư cho {name} (remind.units để trống)", err=True)
        elif o.status == "failed":
            typer.echo(f"Chưa gửi được: {name} — {o.error}; lần chạy sau sẽ gửi lại", err=True)
    ready = [o for o in run.outcomes if o.status not in ("no-address", "no-email")]
    when = vn_date(run.as_of)
    if not run.outcomes:
        typer.echo(f"Không có gì mới để nhắc (tính đến {when}).", err=True)
    elif run.mode == "dry-run":
        typer.echo(
            f"Chạy thử: {len(ready)} thư sẽ được gửi (tính đến {when}); không gửi, không ghi nhật ký. "
            "Gửi thật: cchc remind --send (hoặc --out THƯ_MỤC)",
            err=True,
        )
    else:
        done = sum(o.status in ("sent", "written") for o in run.outcomes)
        verb = "gửi" if run.mode == "send" else "ghi"
        missed = len(run.not_reached())
        tail = f"; {missed} đơn vị chưa nhắc được" if missed else ""
        typer.echo(f"Đã {verb} {done}/{len(ready)} thư{tail}; nhật ký: {display_path(log_path)}", err=True)


def _print_messages(run: Run) -> None:
    from cchc_cli.remind.message import body_text

    for o in run.outcomes:
        emit("=" * 72)
        emit(f"Đến: {', '.join(o.to) if o.to else '(chưa có địa chỉ)'}")
        emit(f"Tiêu đề: {o.subject}")
        emit("")
        emit(body_text(o.digest, run.loaded.plan).rstrip("\n"))
