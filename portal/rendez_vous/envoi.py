"""How notifications leave: e-mail by SMTP, SMS by a pluggable backend.

The default SMS backend only writes to the outbox log (the attempt is recorded, nothing leaves);
`SMS_BACKEND=http` posts to a generic provider: `SMS_HTTP_URL`, `SMS_HTTP_TOKEN` (Bearer),
`SMS_EXPEDITEUR`. Without `SMTP_HOST`, e-mails are logged the same way.
"""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any, Protocol

from portal.models.rendez_vous import Canal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    canal: Canal
    destinataire: str
    sujet: str
    texte: str
    ics: bytes | None = None


class EnvoiEchoue(Exception):
    """The provider refused or could not be reached; the message says which, never to whom."""


class Backend(Protocol):
    nom: str

    def send(self, message: Message) -> str: ...


@dataclass(frozen=True)
class JournalBackend:
    """Writes a line to the log, without the recipient or the text (personal data)."""

    nom: str

    def send(self, message: Message) -> str:
        log.info("%s : message de %d caractères journalisé", self.nom, len(message.texte))
        return "journalisé, non envoyé"


@dataclass(frozen=True)
class SmtpBackend:
    host: str
    port: int
    expediteur: str
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0
    nom: str = "smtp"

    def send(self, message: Message) -> str:
        email = EmailMessage()
        email["From"] = self.expediteur
        email["To"] = message.destinataire
        email["Subject"] = message.sujet
        email["Date"] = formatdate(localtime=False)
        email["Message-ID"] = make_msgid(domain="bonne-porte")
        email.set_content(message.texte)
        if message.ics is not None:
            # A text/calendar part that calendars open, also saved as a file by others.
            email.add_attachment(
                message.ics.decode("utf-8"),
                subtype="calendar",
                filename="rendez-vous.ics",
                params={"method": "PUBLISH"},
            )
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                refuses = smtp.send_message(email)
        except (smtplib.SMTPException, OSError) as exc:
            raise EnvoiEchoue(f"{type(exc).__name__}: {getattr(exc, 'smtp_code', '')}") from None
        if refuses:
            raise EnvoiEchoue("destinataire refusé")
        return "accepté par le serveur SMTP"


@dataclass(frozen=True)
class SmsHttpBackend:
    """A generic HTTP provider: POST {"to", "from", "text"} as JSON; any 2xx is success."""

    url: str
    token: str | None
    expediteur: str
    timeout: float = 10.0
    nom: str = "sms-http"

    def send(self, message: Message) -> str:
        corps = json.dumps(
            {"to": message.destinataire, "from": self.expediteur, "text": message.texte}
        ).encode()
        requete = urllib.request.Request(self.url, data=corps, method="POST")
        requete.add_header("Content-Type", "application/json")
        if self.token:
            requete.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(requete, timeout=self.timeout) as reponse:  # noqa: S310
                return f"HTTP {reponse.status}"
        except urllib.error.HTTPError as exc:
            raise EnvoiEchoue(f"HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise EnvoiEchoue(type(exc).__name__) from None


@dataclass(frozen=True)
class Envois:
    email: Backend
    sms: Backend

    def pour(self, canal: Canal) -> Backend:
        return self.email if canal == Canal.email else self.sms


def envois_from_config(config: Mapping[str, Any]) -> Envois:
    email: Backend
    if config.get("SMTP_HOST"):
        email = SmtpBackend(
            host=str(config["SMTP_HOST"]),
            port=int(config.get("SMTP_PORT") or 25),
            expediteur=str(config.get("MAIL_FROM") or "ne-pas-repondre@bonne-porte.invalid"),
            user=config.get("SMTP_USER") or None,
            password=config.get("SMTP_PASSWORD") or None,
            starttls=str(config.get("SMTP_STARTTLS", "")).lower() in {"1", "true", "oui"},
            timeout=float(config.get("SMTP_TIMEOUT") or 10),
        )
    else:
        email = JournalBackend("journal-email")
    sms: Backend
    if config.get("SMS_BACKEND") == "http":
        sms = SmsHttpBackend(
            url=str(config["SMS_HTTP_URL"]),
            token=config.get("SMS_HTTP_TOKEN") or None,
            expediteur=str(config.get("SMS_EXPEDITEUR") or "Departement"),
        )
    else:
        sms = JournalBackend("journal-sms")
    return Envois(email=email, sms=sms)
