"""remind/message.py: subject, bodies, headers of one digest, built without sending anything."""

from __future__ import annotations

import datetime as dt
import email
from email.policy import SMTP, default
from pathlib import Path

from cchc_cli.plan.loader import load_plan
from cchc_cli.plan.model import Plan
from cchc_cli.remind.digest import Digest, build_digests
from cchc_cli.remind.message import build_message, encoded_subject, message_id, subject
from cchc_cli.remind.sendlog import SendLog
from tests.conftest import MINIMAL_PLAN

NOW = dt.datetime(2025, 12, 16, 0, 30, tzinfo=dt.timezone.utc)  # 07:30 in Việt Nam


def hostile_plan(folder: Path) -> Plan:
    # I.1 "Trước ngày 15/12/2025": due 14/12; on 16/12 it is 2 days late.
    text = MINIMAL_PLAN.replace(
        "task: Rà soát văn bản", "task: Rà soát <script>alert(1)</script> & “văn bản”"
    )
    path = folder / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path).plan


def digest_of(plan: Plan, folder: Path, unit: str = "van-phong") -> Digest:
    log = SendLog(folder / "log.yaml", 2025)
    [digest] = build_digests(
        plan, dt.date(2025, 12, 16), [unit], within=7, repeat_overdue_days=7, log=log, progress=None
    )
    return digest


def test_plan_text_is_escaped_in_html_and_kept_in_text(tmp_path: Path) -> None:
    plan = hostile_plan(tmp_path)
    message = build_message(
        digest_of(plan, tmp_path),
        plan,
        sender="cchc@example.gov.vn",
        recipients=["vp@example.gov.vn"],
        now=NOW,
    )
    parsed = email.message_from_bytes(message.as_bytes(policy=SMTP), policy=default)
    html = parsed.get_body(("html",)).get_content()
    text = parsed.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "Rà soát &lt;script&gt;alert(1)&lt;/script&gt; &amp; “văn bản”" in html
    assert "<script>" not in html
    assert "  - I.1. Rà soát <script>alert(1)</script> & “văn bản”\n" in text
    assert "Tiến độ: Trước ngày 15/12/2025 — hạn 14/12/2025, quá hạn 2 ngày\n" in text
    assert parsed["Date"] == "Tue, 16 Dec 2025 07:30:00 +0700"


def test_subject_counts_each_kind(tmp_path: Path) -> None:
    plan = hostile_plan(tmp_path)
    digest = digest_of(plan, tmp_path, unit="thanh-tra")  # supports I.1 through the group
    assert subject(digest) == "[CCHC] Thanh tra Sở: 1 quá hạn (tính đến 16/12/2025)"
    assert [t.item.role for t in digest.items] == ["support"]


def test_the_same_digest_has_the_same_message_id(tmp_path: Path) -> None:
    plan = hostile_plan(tmp_path)
    first = digest_of(plan, tmp_path)
    again = digest_of(plan, tmp_path)
    assert message_id(plan, first, "example.gov.vn") == message_id(plan, again, "example.gov.vn")
    other_unit = digest_of(plan, tmp_path, unit="thanh-tra")
    assert message_id(plan, other_unit, "example.gov.vn") != message_id(plan, first, "example.gov.vn")
    later = build_message(
        first, plan, sender="cchc@example.gov.vn", recipients=["vp@example.gov.vn"], now=NOW
    )
    sooner = build_message(
        again,
        plan,
        sender="cchc@example.gov.vn",
        recipients=["vp@example.gov.vn"],
        now=NOW - dt.timedelta(hours=5),
    )
    assert later["Message-ID"] == sooner["Message-ID"] and later["Date"] != sooner["Date"]


def test_encoded_subject_keeps_every_space() -> None:
    # Folded by the stock header registry, the space before "hạn" is lost (CPython gh-144156).
    text = "[CCHC] Thanh tra Sở: 1 quá hạn, 1 đến hạn hôm nay (tính đến 20/06/2025)"
    encoded = encoded_subject(text)
    assert all(len(line) <= 76 for line in encoded.splitlines())
    raw = f"Subject: {encoded}\n\nx\n".encode("ascii")
    assert email.message_from_bytes(raw, policy=default)["Subject"] == text
