"""`cchc remind` end to end, against a real SMTP server on 127.0.0.1 (aiosmtpd).

The scheduler's fortnight of tests/remind/scenario.py, sent for real: each working day at
07:00 in Việt Nam (00:00 UTC), who receives which items; then what happens when the server is
down, refuses a recipient, hangs up halfway, offers no STARTTLS or refuses the login.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from cchc_cli.cli.main import app
from cchc_cli.remind.sendlog import read_send_log
from tests.conftest import sample_pair
from tests.remind import scenario
from tests.remind.conftest import Server

SetClock = Callable[[dt.datetime], None]
StartServer = Callable[..., Server]

DAY_20 = dt.date(2025, 6, 20)
DAY_27 = dt.date(2025, 6, 27)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # paths in messages are shown relative to the current folder


def seven_am(day: dt.date) -> dt.datetime:
    """07:00 in Asia/Ho_Chi_Minh, when the scheduler runs: 00:00 UTC."""
    return dt.datetime(day.year, day.month, day.day, 0, 0, tzinfo=dt.timezone.utc)


def bare(address: str) -> str:
    return address.rsplit("<", 1)[-1].rstrip(">")


class Agency:
    """A folder with plans/2025.yaml, the scenario's progress and a .cchc.yaml."""

    def __init__(
        self, folder: Path, port: int, addresses: dict[str, list[str]] | None = None, extra: str = ""
    ):
        self.plan = sample_pair(folder, progress=scenario.PROGRESS)
        self.settings = self.plan.with_name(".cchc.yaml")
        self.log = self.plan.with_name("2025.remind-log.yaml")
        self.configure(port, addresses, extra)

    def configure(self, port: int, addresses: dict[str, list[str]] | None = None, extra: str = "") -> None:
        self.settings.write_text(scenario.settings_yaml(port, addresses, extra), encoding="utf-8")

    def remind(self, *args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(app, ["remind", "--plan", str(self.plan), *args], env=env)

    def logged_units(self) -> list[tuple[dt.date, str]]:
        return [(m.date, m.unit) for m in read_send_log(self.log, 2025).messages]


def told(digest: dict[str, Any]) -> list[scenario.Told]:
    items = [*digest["overdue"], *digest["upcoming"], *digest["waiting"]]
    return [
        (i["reason"], i["id"], i["milestone"], "*" if i["collapsed"] else i["period"], i["repeat"])
        for i in items
    ]


def test_a_fortnight_of_scheduled_runs(tmp_path: Path, smtp_server: StartServer, clock: SetClock) -> None:
    server = smtp_server()
    agency = Agency(tmp_path, server.port)
    for day in scenario.RUN_DAYS:
        clock(seven_am(day))
        before = len(server.handler.received)
        result = agency.remind("--send", "--format", "json")
        assert result.exit_code == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["as_of"] == day.isoformat() and report["mode"] == "send"
        assert {d["unit_id"]: told(d) for d in report["digests"]} == scenario.EXPECTED[day], day
        assert all(d["status"] == "sent" for d in report["digests"]) and report["not_reached"] == []
        # The server received one message per unit told, addressed to that unit alone.
        got = server.handler.received[before:]
        expected = {u: sorted(bare(a) for a in scenario.ADDRESSES[u]) for u in scenario.EXPECTED[day]}
        assert sorted(sorted(m.rcpt_tos) for m in got) == sorted(expected.values())
        assert all(m.mail_from == "cchc@example.gov.vn" for m in got)
        # Run twice the same morning: the second run sends nothing.
        again = agency.remind("--send")
        assert again.exit_code == 0 and again.stdout == ""
        assert "Không có gì mới để nhắc" in again.stderr
        assert len(server.handler.received) == before + len(expected)
    assert len(agency.logged_units()) == 31  # 5 + 7 + 0 + 0 + 0 + 5 + 7 + 7


def test_the_message_as_the_server_received_it(
    tmp_path: Path, smtp_server: StartServer, clock: SetClock
) -> None:
    server = smtp_server()
    agency = Agency(tmp_path, server.port)
    for day in (DAY_20, dt.date(2025, 6, 23), DAY_27):
        clock(seven_am(day))
        preview = json.loads(agency.remind("--format", "json").stdout)  # dry run: what will go
        assert agency.remind("--send").exit_code == 0
    first = next(r for r in server.handler.received if "vanphong@example.gov.vn" in r.rcpt_tos)
    received = next(r for r in reversed(server.handler.received) if "vanphong@example.gov.vn" in r.rcpt_tos)
    raw = received.raw
    raw.decode("ascii")  # 7-bit clean: RFC 2047 headers, quoted-printable bodies
    assert re.search(rb"(?m)^Subject: =\?utf-8\?b\?W0NDSENdIF", raw)  # RFC 2047: "[CCHC] " in base64
    message = received.message
    assert message["Subject"] == "[CCHC] Văn phòng Sở: 2 quá hạn, 1 đến hạn hôm nay (tính đến 27/06/2025)"
    assert message["From"] == "CCHC Sở Xây dựng <cchc@example.gov.vn>"
    assert message["To"] == "vanphong@example.gov.vn"
    assert message["Date"] == "Fri, 27 Jun 2025 07:00:00 +0700"
    assert message["Auto-Submitted"] == "auto-generated"
    # The Message-ID is the one the dry run announced: derived from the digest, not the clock.
    van_phong = next(d for d in preview["digests"] if d["unit_id"] == "van-phong")
    assert message["Message-ID"] == van_phong["message_id"]
    assert re.fullmatch(r"<cchc\.20250627\.[0-9a-f]{24}@example\.gov\.vn>", message["Message-ID"])
    assert first.message["Message-ID"] != message["Message-ID"]
    assert message.get_content_type() == "multipart/alternative"
    text_part, html_part = message.iter_parts()
    assert (text_part.get_content_type(), html_part.get_content_type()) == ("text/plain", "text/html")
    for part in (text_part, html_part):
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
    text = text_part.get_content().replace("\r\n", "\n")  # sent with CRLF line ends
    assert text.startswith("Kính gửi: Văn phòng Sở\n")
    assert "tính đến ngày 27/06/2025" in text
    assert "QUÁ HẠN (2)\n  Đơn vị chủ trì:\n  - VII.5. Báo cáo kết quả thực hiện công tác CCHC" in text
    assert "(kỳ 2025-Q2) — hạn 14/06/2025, quá hạn 13 ngày (nhắc lại)" in text
    assert "— 25 kỳ chưa ghi nhận, gần nhất 20/06/2025 (nhắc lại)" in text
    assert "ĐẾN HẠN HÔM NAY (1)" in text and "(kỳ 2025-W26) — hạn hôm nay, 27/06/2025" in text
    assert "Đã nhắc trước đây, vẫn chưa hoàn thành: 2 sắp đến hạn, 4 chờ sự kiện." in text
    html = html_part.get_content()
    assert '<html lang="vi">' in html and "<strong>Văn phòng Sở</strong>" in html
    assert "25 kỳ chưa ghi nhận, gần nhất 20/06/2025" in html


def test_lead_and_support_are_apart(tmp_path: Path, smtp_server: StartServer, clock: SetClock) -> None:
    # Thanh tra supports VII.6 through "toàn Sở": its items come under "Đơn vị phối hợp".
    server = smtp_server()
    agency = Agency(tmp_path, server.port)
    clock(seven_am(DAY_20))
    assert agency.remind("--send", "--unit", "Thanh tra").exit_code == 0
    [received] = server.handler.received
    text = received.message.get_body(("plain",)).get_content()
    assert "Đơn vị phối hợp:" in text and "Đơn vị chủ trì:" not in text
    assert sorted(received.rcpt_tos) == ["chanhthanhtra@example.gov.vn", "thanhtra@example.gov.vn"]


def test_server_down_then_back(
    tmp_path: Path, smtp_server: StartServer, free_port: int, clock: SetClock
) -> None:
    agency = Agency(tmp_path, free_port)
    clock(seven_am(DAY_20))
    result = agency.remind("--send")
    assert result.exit_code == 1
    assert f"không kết nối được máy chủ thư 127.0.0.1:{free_port}" in result.stderr
    assert result.stderr.count("Chưa gửi được:") == 5 and "lần chạy sau sẽ gửi lại" in result.stderr
    assert "Đã gửi 0/5 thư; 5 đơn vị chưa nhắc được" in result.stderr
    assert not agency.log.exists()
    # The server is back (on another port) the next morning: 23/06 tells everything of 20/06
    # (never sent) as new, plus what 23/06 adds.
    server = smtp_server()
    agency.configure(server.port)
    clock(seven_am(dt.date(2025, 6, 23)))
    report = json.loads(agency.remind("--send", "--format", "json").stdout)
    assert [d["unit_id"] for d in report["digests"]] == [*scenario.TOAN_SO, "mot-cua", "hd-tdkt"]
    van_phong = told(report["digests"][0])
    assert ("overdue", "VII.5", "1", "2025-Q2", False) in van_phong and len(van_phong) == 9


def test_a_refused_recipient(tmp_path: Path, smtp_server: StartServer, clock: SetClock) -> None:
    server = smtp_server(reject={"chanhthanhtra@example.gov.vn"})
    agency = Agency(tmp_path, server.port)
    clock(seven_am(DAY_20))
    result = agency.remind("--send")
    assert result.exit_code == 1
    assert (
        "Chưa gửi được: Thanh tra Sở (thanh-tra) — máy chủ thư từ chối người nhận "
        "chanhthanhtra@example.gov.vn (550 5.1.1 No such mailbox); lần chạy sau sẽ gửi lại"
    ) in result.stderr
    assert "Đã gửi 4/5 thư; 1 đơn vị chưa nhắc được" in result.stderr
    assert [u for _d, u in agency.logged_units()] == ["van-phong", "phong-chuyen-mon", "cang-vu", "dang-kiem"]
    # The address is fixed; the next run sends exactly Thanh tra's message.
    server.handler.reject.clear()
    before = len(server.handler.received)
    result = agency.remind("--send")
    assert result.exit_code == 0, result.stderr
    [again] = server.handler.received[before:]
    assert sorted(again.rcpt_tos) == ["chanhthanhtra@example.gov.vn", "thanhtra@example.gov.vn"]
    assert (
        again.message["Subject"] == "[CCHC] Thanh tra Sở: 1 quá hạn, 1 đến hạn hôm nay (tính đến 20/06/2025)"
    )
    assert agency.logged_units()[-1] == (DAY_20, "thanh-tra")


def test_the_server_hangs_up_after_the_first_message(
    tmp_path: Path, smtp_server: StartServer, clock: SetClock
) -> None:
    server = smtp_server(hang_up_after=1)
    agency = Agency(tmp_path, server.port)
    clock(seven_am(DAY_20))
    result = agency.remind("--send", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(d["unit_id"], d["status"]) for d in report["digests"]] == [
        ("van-phong", "sent"),
        ("thanh-tra", "failed"),
        ("phong-chuyen-mon", "failed"),
        ("cang-vu", "failed"),
        ("dang-kiem", "failed"),
    ]
    assert report["digests"][1]["error"] == "máy chủ thư ngắt kết nối giữa chừng"
    assert report["not_reached"] == ["thanh-tra", "phong-chuyen-mon", "cang-vu", "dang-kiem"]
    assert agency.logged_units() == [(DAY_20, "van-phong")]  # thanh-tra's data arrived, unacknowledged
    # A new connection may send one message again: the next run sends exactly the four.
    server.handler.hang_up_after = None
    before = len(server.handler.received)
    assert agency.remind("--send").exit_code == 0
    got = sorted(bare(m.rcpt_tos[0]) for m in server.handler.received[before:])
    assert got == [
        "cangvu@example.gov.vn",
        "dangkiem@example.gov.vn",
        "phongcm@example.gov.vn",
        "thanhtra@example.gov.vn",
    ]
    assert [u for _d, u in agency.logged_units()] == list(scenario.TOAN_SO)


def test_starttls_is_required_when_configured(
    tmp_path: Path, smtp_server: StartServer, clock: SetClock
) -> None:
    server = smtp_server()  # no TLS at all
    agency = Agency(tmp_path, server.port)
    agency.settings.write_text(
        agency.settings.read_text(encoding="utf-8").replace("security: none", "security: starttls"),
        encoding="utf-8",
    )
    clock(seven_am(DAY_20))
    result = agency.remind("--send")
    assert result.exit_code == 1
    assert f"máy chủ thư 127.0.0.1:{server.port} không hỗ trợ STARTTLS" in result.stderr
    assert server.handler.received == [] and not agency.log.exists()


LOGIN = "    user: cchc\n  password_env: CCHC_TEST_SMTP_PASSWORD\n"


def _with_login(agency: Agency) -> None:
    text = agency.settings.read_text(encoding="utf-8")
    sender = "    sender: CCHC Sở Xây dựng <cchc@example.gov.vn>\n"
    agency.settings.write_text(text.replace(sender, sender + LOGIN), encoding="utf-8")


def test_login_uses_the_environment_and_never_shows_the_password(
    tmp_path: Path, smtp_server: StartServer, clock: SetClock
) -> None:
    server = smtp_server(auth=True)
    agency = Agency(tmp_path, server.port)
    _with_login(agency)
    clock(seven_am(DAY_20))
    missing = agency.remind("--send", env={"CCHC_TEST_SMTP_PASSWORD": ""})
    assert missing.exit_code == 1
    assert "biến môi trường CCHC_TEST_SMTP_PASSWORD chưa có mật khẩu máy chủ thư" in missing.stderr
    wrong = agency.remind("--send", "--format", "json", env={"CCHC_TEST_SMTP_PASSWORD": "sai-mat-khau-9"})
    assert wrong.exit_code == 1, wrong.stderr
    assert "máy chủ thư từ chối đăng nhập của “cchc” (535" in wrong.stderr
    assert "sai-mat-khau-9" not in wrong.stdout + wrong.stderr
    assert server.handler.received == [] and not agency.log.exists()
    # The right one has Vietnamese letters: sent as UTF-8 (AUTH PLAIN), which smtplib cannot.
    right = agency.remind("--send", "--format", "json", env={"CCHC_TEST_SMTP_PASSWORD": "mật-khẩu-thử-1"})
    assert right.exit_code == 0, right.stderr
    assert "mật-khẩu-thử-1" not in right.stdout + right.stderr
    assert server.handler.logins[-1] == ("cchc", "mật-khẩu-thử-1") and len(server.handler.received) == 5


def test_a_unit_without_an_address_is_reported(
    tmp_path: Path, smtp_server: StartServer, clock: SetClock
) -> None:
    server = smtp_server()
    addresses = {u: a for u, a in scenario.ADDRESSES.items() if u != "hd-tdkt"}
    agency = Agency(tmp_path, server.port, addresses)
    clock(seven_am(dt.date(2025, 6, 23)))
    dry = agency.remind()
    assert dry.exit_code == 0
    assert "Đến: (chưa có địa chỉ)" in dry.stdout
    result = agency.remind("--send")
    assert result.exit_code == 1
    assert (
        "Chưa có địa chỉ thư: Hội đồng Thi đua - Khen thưởng Sở (hd-tdkt); thêm vào remind.units trong "
        "plans/.cchc.yaml; chưa nhắc được, lần chạy sau sẽ nhắc lại"
    ) in result.stderr
    assert "Đã gửi 6/6 thư; 1 đơn vị chưa nhắc được" in result.stderr
    # An empty list says "no e-mail for this unit" on purpose: a note, not a failure.
    agency.configure(server.port, {**addresses, "hd-tdkt": []})
    quiet = agency.remind("--send")
    assert quiet.exit_code == 0
    assert (
        "Không gửi thư cho Hội đồng Thi đua - Khen thưởng Sở (hd-tdkt) (remind.units để trống)"
        in quiet.stderr
    )


def test_dry_run_changes_nothing(tmp_path: Path, smtp_server: StartServer) -> None:
    server = smtp_server()
    agency = Agency(tmp_path, server.port)
    result = agency.remind("--as-of", "20/06/2025")  # no clock needed: nothing is sent
    assert result.exit_code == 0
    assert result.stdout.count("Tiêu đề: [CCHC] ") == 5
    assert "Đến: thanhtra@example.gov.vn, chanhthanhtra@example.gov.vn" in result.stdout
    assert "Chạy thử: 5 thư sẽ được gửi (tính đến 20/06/2025); không gửi, không ghi nhật ký" in result.stderr
    assert server.handler.received == [] and not agency.log.exists()
    assert agency.remind("--dry-run", "--as-of", "20/06/2025").stdout == result.stdout


def test_eml_files_instead_of_mail(tmp_path: Path, clock: SetClock, free_port: int) -> None:
    agency = Agency(tmp_path, free_port)  # no server needed
    out = tmp_path / "thu-di"
    clock(seven_am(DAY_20))
    result = agency.remind("--out", str(out))
    assert result.exit_code == 0, result.stderr
    files = sorted(p.name for p in out.iterdir())
    assert [re.sub(r"-[0-9a-f]{8}\.eml$", "", n) for n in files] == sorted(
        f"2025-06-20-{u}" for u in scenario.TOAN_SO
    )
    assert {m.via for m in read_send_log(agency.log, 2025).messages} == {"file"}
    import email
    from email.policy import default

    [vp] = [p for p in out.iterdir() if "van-phong" in p.name]
    parsed = email.message_from_bytes(vp.read_bytes(), policy=default)
    assert parsed["Subject"].startswith("[CCHC] Văn phòng Sở: 2 quá hạn, 1 đến hạn hôm nay, 4 chờ sự kiện")
    assert b"\r\n" in vp.read_bytes()
    # Nothing new the same day: nothing written.
    assert agency.remind("--out", str(out)).exit_code == 0
    assert len(list(out.iterdir())) == 5
    # With the log gone the same digests come again: the same files, refused unless --force.
    agency.log.unlink()
    refused = agency.remind("--out", str(out))
    assert refused.exit_code == 1 and "thêm --force để ghi đè" in refused.stderr
    assert not agency.log.exists()
    assert agency.remind("--out", str(out), "--force").exit_code == 0
    assert len(list(out.iterdir())) == 5 and len(read_send_log(agency.log, 2025).messages) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--send", "--out", "x"], "chọn một trong --send, --out THƯ_MỤC hoặc --dry-run"),
        (["--send", "--dry-run"], "chọn một trong --send, --out THƯ_MỤC hoặc --dry-run"),
        (["--unit", "Phòng không có", "--as-of", "20/06/2025"], "không có đơn vị “Phòng không có”"),
        (["--as-of", "31/06/2025"], "ngày 31/06/2025 không tồn tại"),
    ],
)
def test_usage_errors(tmp_path: Path, free_port: int, args: list[str], message: str) -> None:
    result = Agency(tmp_path, free_port).remind(*args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_send_needs_a_mail_server(tmp_path: Path) -> None:
    plan = sample_pair(tmp_path, progress=scenario.PROGRESS)
    result = CliRunner().invoke(app, ["remind", "--plan", str(plan), "--send", "--as-of", "20/06/2025"])
    assert result.exit_code == 2
    assert "--send: chưa cấu hình máy chủ thư; thêm mục remind.smtp" in result.stderr


def test_bad_settings_stop_the_run_with_their_line(tmp_path: Path, free_port: int) -> None:
    agency = Agency(
        tmp_path, free_port, {"van-phong": ["vp@example.gov.vn"], "van-phon": ["x@example.gov.vn"]}
    )
    result = agency.remind("--as-of", "20/06/2025")
    assert result.exit_code == 1
    lines = agency.settings.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if "van-phon:" in text)
    assert result.stderr.splitlines()[-1] == (
        f"plans/.cchc.yaml:{line}:5: remind: units: không có đơn vị “van-phon” trong kế hoạch; "
        "có phải 'van-phong'?"
    )
