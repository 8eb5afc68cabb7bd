"""A digest as an e-mail: subject, plain-text and HTML parts, Date and a stable Message-ID.

The two bodies come from the templates `email/digest.txt` and `email/digest.html` (through
`export/html.py`, autoescaped; the text template turns escaping off for itself, since it is not
HTML). What they show is prepared here (`view`), so the templates only lay it out.

- Subject: "[CCHC] Văn phòng Sở: 2 quá hạn, 1 đến hạn hôm nay, 3 sắp đến hạn (tính đến
  15/06/2025)", encoded per RFC 2047 (see `encoded_subject`); the rest by `email.policy.SMTP`.
- Both parts UTF-8, quoted-printable (7-bit safe for any server).
- Date: the run's instant (a parameter) in Asia/Ho_Chi_Minh.
- Message-ID: derived from the plan, the unit, the day and what the digest says, so the same
  digest always has the same id (mail clients then drop a duplicate).
Nothing here reads the clock, prints or sends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Any
from zoneinfo import ZoneInfo

from cchc_cli.dates import vn_date
from cchc_cli.plan.model import Plan
from cchc_cli.query.status import missed_text
from cchc_cli.remind.digest import Digest, Told
from cchc_cli.remind.settings import split_address

TIME_ZONE = "Asia/Ho_Chi_Minh"
TASK_CHARS = 160
"""A task's text in a reminder: its first line, cut at this many characters."""

ROLE_LABELS = {"lead": "Đơn vị chủ trì", "support": "Đơn vị phối hợp"}


def subject(digest: Digest) -> str:
    counts = [
        (len(digest.overdue), "quá hạn"),
        (len(digest.told("due_today")), "đến hạn hôm nay"),
        (len(digest.told("upcoming")), "sắp đến hạn"),
        (len(digest.waiting), "chờ sự kiện"),
    ]
    parts = ", ".join(f"{n} {what}" for n, what in counts if n)
    return f"[CCHC] {digest.unit}: {parts} (tính đến {vn_date(digest.as_of)})"


def message_id(plan: Plan, digest: Digest, domain: str) -> str:
    """`<cchc.20250615.<hash>@domain>`: the hash covers the plan, the unit, the day and what the
    digest says, so the same digest always has the same id (short enough never to be folded)."""
    info = plan.plan
    payload = json.dumps(
        {
            "plan": [info.year, info.agency, info.title],
            "unit": digest.unit_id,
            "as_of": digest.as_of.isoformat(),
            "within": digest.within,
            "items": digest.fingerprint(),
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    digest_hash = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
    return f"<cchc.{digest.as_of:%Y%m%d}.{digest_hash}@{domain}>"


def _short(text: str) -> str:
    first = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    return first if len(first) <= TASK_CHARS else first[: TASK_CHARS - 1].rstrip() + "…"


def _when(told: Told) -> str:
    item = told.item
    if told.reason == "waiting":
        return f"chờ: {item.event}" if item.event else "chờ sự kiện"
    if item.collapsed and item.due is not None:
        return missed_text(item.missed, item.due)
    due = vn_date(item.due)
    if told.reason == "overdue":
        return f"hạn {due}, quá hạn {item.days} ngày"
    if told.reason == "due_today":
        return f"hạn hôm nay, {due}"
    return f"hạn {due}, còn {item.days} ngày"


def _item_view(told: Told) -> dict[str, Any]:
    item = told.item
    return {
        "id": item.task_id,
        "task": _short(item.task),
        "label": " ".join(item.label.split()),
        "period": None if item.collapsed else item.period,
        "when": _when(told),
        "repeat": told.repeat,
    }


def _by_role(items: list[Told]) -> list[dict[str, Any]]:
    groups = []
    for role in ("lead", "support"):
        mine = [_item_view(t) for t in items if t.item.role == role]
        if mine:
            groups.append({"role": ROLE_LABELS[role], "items": mine})
    return groups


def _already_told(digest: Digest) -> str | None:
    told = digest.already_told
    parts = [
        f"{told[key]} {what}"
        for key, what in (("overdue", "quá hạn"), ("upcoming", "sắp đến hạn"), ("waiting", "chờ sự kiện"))
        if told.get(key)
    ]
    if not parts:
        return None
    return "Đã nhắc trước đây, vẫn chưa hoàn thành: " + ", ".join(parts) + "."


def view(digest: Digest, plan: Plan) -> dict[str, Any]:
    """What both templates show: plain values, nothing to compute in the template."""
    sections = [
        ("Quá hạn", digest.overdue),
        ("Đến hạn hôm nay", digest.told("due_today")),
        (f"Sắp đến hạn (trong {digest.within} ngày tới)", digest.told("upcoming")),
        ("Chờ sự kiện", digest.waiting),
    ]
    return {
        "agency": plan.plan.agency,
        "year": plan.plan.year,
        "title": plan.plan.title,
        "unit": digest.unit,
        "unit_id": digest.unit_id,
        "as_of": digest.as_of,
        "subject": subject(digest),
        "sections": [
            {"title": title, "count": len(items), "groups": _by_role(items)}
            for title, items in sections
            if items
        ],
        "already_told": _already_told(digest),
    }


def body_text(digest: Digest, plan: Plan) -> str:
    from cchc_cli.export.html import render

    return render("email/digest.txt", **view(digest, plan))


def body_html(digest: Digest, plan: Plan) -> str:
    from cchc_cli.export.html import render

    return render("email/digest.html", **view(digest, plan))


def encoded_subject(text: str) -> str:
    """The subject as RFC 2047 encoded words, each space inside a word. Not left to the header
    registry: before CPython gh-144156 its folding can drop the space between two encoded words
    ("1 đến hạn" arrives as "1 đếnhạn"); the classic `email.header` encoder keeps it."""
    from email.header import Header

    return Header(text, "utf-8", header_name="Subject").encode(linesep="\n")


def _address(text: str) -> Address:
    name, addr = split_address(text)
    return Address(display_name=name, addr_spec=addr)


def sender_domain(sender: str) -> str:
    return split_address(sender)[1].rpartition("@")[2].lower()


def build_message(
    digest: Digest,
    plan: Plan,
    *,
    sender: str,
    recipients: Sequence[str],
    now: dt.datetime,
) -> EmailMessage:
    """The e-mail of one digest. `now` (aware) is the run's instant; `sender` and `recipients`
    are addresses as the settings hold them ("Tên <ten@co-quan.gov.vn>" or bare)."""
    message = EmailMessage(policy=SMTP)
    message.set_raw("Subject", encoded_subject(subject(digest)))
    message["From"] = _address(sender)
    message["To"] = [_address(r) for r in recipients]
    message["Date"] = format_datetime(now.astimezone(ZoneInfo(TIME_ZONE)))
    message["Message-ID"] = message_id(plan, digest, sender_domain(sender))
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    message.set_content(body_text(digest, plan), charset="utf-8", cte="quoted-printable")
    message.add_alternative(body_html(digest, plan), subtype="html", charset="utf-8", cte="quoted-printable")
    return message


def recipients_of(message: EmailMessage) -> list[str]:
    """The bare addresses a message is for (what the SMTP envelope gets)."""
    header = message["To"]
    return [a.addr_spec for a in header.addresses] if header is not None else []
