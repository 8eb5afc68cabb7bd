"""Sending reminders through a real mail server (smtplib): one connection, one message per unit.

A message counts as delivered only when the server accepted it for *every* recipient: then
`accepted(outgoing)` is called at once (the command records it in the send log) before the
next message goes. Everything else is a `Failure` for that unit, in one Vietnamese line:

- the server cannot be reached, refuses the login or (with `starttls`) offers no STARTTLS:
  no message is sent (never a password over an unencrypted connection);
- the server refuses a recipient or the message: that unit fails, the others go on;
- the connection drops (or times out) halfway: that unit and every one after it fail.

The caller reports the failures and exits 1; the log does not hold them, so the next run sends
exactly those. The password is a parameter (the command line reads it from the environment)
and never appears in a failure's text.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from cchc_cli.remind.settings import SmtpSettings, split_address


@dataclass(frozen=True)
class Outgoing:
    """A message for one unit, with the bare addresses of its envelope."""

    unit_id: str
    message: EmailMessage
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class Failure:
    unit_id: str
    reason: str


def _reply(code: int, text: bytes | str) -> str:
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    shown = " ".join(shown.split())
    return f"{code} {shown}".strip()


def _clean(text: str, password: str | None) -> str:
    return text.replace(password, "***") if password else text


class _Stop(Exception):
    """Nothing more can go through this connection."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _connect(config: SmtpSettings, timeout: float, context: ssl.SSLContext | None) -> smtplib.SMTP:
    host, port = config.host, config.effective_port
    where = f"{host}:{port}"
    try:
        if config.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port, timeout=timeout, context=context or ssl.create_default_context()
            )
        else:
            server = smtplib.SMTP(host, port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise _Stop(f"không kết nối được máy chủ thư {where} ({why})") from None
    try:
        server.ehlo()
        if config.security == "starttls":
            if not server.has_extn("starttls"):
                raise _Stop(
                    f"máy chủ thư {where} không hỗ trợ STARTTLS; không gửi thư qua kết nối không mã hóa "
                    "(đổi security trong cấu hình nếu máy chủ dùng ssl)"
                )
            server.starttls(context=context or ssl.create_default_context())
            server.ehlo()
    except _Stop:
        _quit(server)
        raise
    except (OSError, smtplib.SMTPException) as exc:
        _quit(server)
        raise _Stop(f"máy chủ thư {where}: không thiết lập được kết nối ({exc})") from None
    return server


def _login(server: smtplib.SMTP, config: SmtpSettings, password: str | None) -> None:
    if not config.user:
        return
    secret = password or ""
    try:
        if secret.isascii() and config.user.isascii():
            server.login(config.user, secret)
        else:  # smtplib encodes credentials as ASCII; AUTH PLAIN is UTF-8 (RFC 4616)
            _login_plain_utf8(server, config.user, secret)
    except smtplib.SMTPAuthenticationError as exc:
        why = _reply(exc.smtp_code, exc.smtp_error)
        raise _Stop(_clean(f"máy chủ thư từ chối đăng nhập của “{config.user}” ({why})", password)) from None
    except smtplib.SMTPNotSupportedError:
        raise _Stop("máy chủ thư không hỗ trợ đăng nhập (AUTH); bỏ smtp.user trong cấu hình") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise _Stop(_clean(f"đăng nhập máy chủ thư không được ({exc})", password)) from None


def _login_plain_utf8(server: smtplib.SMTP, user: str, secret: str) -> None:
    server.ehlo_or_helo_if_needed()
    if not server.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("AUTH")
    if "PLAIN" not in server.esmtp_features["auth"].upper().split():
        raise _Stop(
            "tên hoặc mật khẩu đăng nhập có ký tự ngoài ASCII, chỉ gửi được bằng AUTH PLAIN, "
            "mà máy chủ thư không hỗ trợ"
        )
    token = base64.b64encode(f"\0{user}\0{secret}".encode()).decode("ascii")
    code, reply = server.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _quit(server: smtplib.SMTP) -> None:
    try:
        server.quit()
    except (OSError, smtplib.SMTPException):
        server.close()


def send_messages(
    outgoing: Sequence[Outgoing],
    config: SmtpSettings,
    password: str | None,
    *,
    accepted: Callable[[Outgoing], None],
    timeout: float = 60.0,
    context: ssl.SSLContext | None = None,
) -> list[Failure]:
    """Send each message in turn; `accepted` is called for each one the server took whole.
    Returns the units not reached, each with why."""
    if not outgoing:
        return []
    sender = split_address(config.sender)[1]
    try:
        server = _connect(config, timeout, context)
    except _Stop as stop:
        return [Failure(o.unit_id, _clean(stop.reason, password)) for o in outgoing]
    try:
        _login(server, config, password)
        return _send_each(server, outgoing, sender, password, accepted)
    except _Stop as stop:
        return [Failure(o.unit_id, stop.reason) for o in outgoing]
    finally:
        _quit(server)


def _send_each(
    server: smtplib.SMTP,
    outgoing: Sequence[Outgoing],
    sender: str,
    password: str | None,
    accepted: Callable[[Outgoing], None],
) -> list[Failure]:
    failures: list[Failure] = []
    for index, item in enumerate(outgoing):
        try:
            refused = server.send_message(item.message, from_addr=sender, to_addrs=list(item.recipients))
        except smtplib.SMTPRecipientsRefused as exc:  # every recipient refused
            failures.append(Failure(item.unit_id, _refused(exc.recipients, password)))
            continue
        except smtplib.SMTPSenderRefused as exc:
            why = _reply(exc.smtp_code, exc.smtp_error)
            failures.append(Failure(item.unit_id, f"máy chủ thư từ chối người gửi {exc.sender} ({why})"))
            continue
        except smtplib.SMTPDataError as exc:
            why = _reply(exc.smtp_code, exc.smtp_error)
            failures.append(Failure(item.unit_id, f"máy chủ thư không nhận thư ({why})"))
            continue
        except (OSError, smtplib.SMTPException) as exc:  # disconnected, timed out, reset
            if isinstance(exc, smtplib.SMTPServerDisconnected):
                what = "máy chủ thư ngắt kết nối giữa chừng"
            else:
                what = _clean(f"lỗi kết nối với máy chủ thư ({exc})", password)
            return failures + [Failure(o.unit_id, what) for o in outgoing[index:]]
        if refused:  # some recipients took it, some did not: the unit is not reached
            failures.append(Failure(item.unit_id, _refused(refused, password)))
            continue
        accepted(item)
    return failures


def _refused(refused: dict[str, tuple[int, bytes]], password: str | None) -> str:
    parts = [f"{address} ({_reply(code, text)})" for address, (code, text) in refused.items()]
    return _clean("máy chủ thư từ chối người nhận " + "; ".join(parts), password)
