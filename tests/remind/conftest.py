"""A real SMTP server for the reminder tests: aiosmtpd on 127.0.0.1, an ephemeral port, a
handler that keeps what it receives (and can refuse a recipient, a login, or hang up)."""

from __future__ import annotations

import email
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Handler:
    """Keeps every message; `reject` refuses those recipients (550), `hang_up_after` closes the
    connection in the middle of the message after that many were accepted."""

    reject: set[str] = field(default_factory=set)
    hang_up_after: int | None = None
    received: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.reject:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.hang_up_after is not None and len(self.received) >= self.hang_up_after:
            server.transport.close()  # the data arrived, the 250 never leaves
            return "421 4.3.0 closing"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 Accepted"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        user, password = data.login.decode(), data.password.decode()
        self.logins.append((user, password))
        ok = (user, password) == ("cchc", "mật-khẩu-thử-1")
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself


class _Ephemeral(Controller):
    """aiosmtpd's Controller on port 0: learn the port the system gave before the first
    connection (the stock one would connect to port 0)."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Server:
    handler: Handler
    port: int


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., Server]]:
    """Start servers on demand: `smtp_server(reject={...}, hang_up_after=1, auth=True)`."""
    started: list[Controller] = []

    def start(*, auth: bool = False, **options: Any) -> Server:
        handler = Handler(**options)
        extra: dict[str, Any] = {}
        if auth:
            extra = {"authenticator": handler.authenticate, "auth_require_tls": False}
        controller = _Ephemeral(handler, hostname="127.0.0.1", port=0, **extra)
        controller.start()
        started.append(controller)
        return Server(handler, controller.port)

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def free_port() -> int:
    """A port with nothing listening on it (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
