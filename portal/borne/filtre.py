"""At a kiosk, the pages are rewritten before they leave: no link leaves the portal (an
external link opens a page with its address and a QR code, to open it on one's own phone),
and no field is filled in by the browser's memory (autocomplete="off")."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode, urlsplit

from flask import Flask, request, url_for
from werkzeug.wrappers import Response

from portal.borne.appareil import borne_courante

BALISE = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
HREF = re.compile(r'\bhref="(https?://[^"]+)"', re.IGNORECASE)
CIBLE = re.compile(r'\s(target="[^"]*"|rel="[^"]*")', re.IGNORECASE)
AUTOCOMPLETE = re.compile(r'\bautocomplete="[^"]*"', re.IGNORECASE)
FORMULAIRE = re.compile(r"<form\b(?![^>]*\bautocomplete=)", re.IGNORECASE)


def _externe(adresse: str) -> bool:
    return urlsplit(adresse).netloc.lower() != request.host.lower()


def rewrite_html(page: str, lien: str) -> str:
    """The page with its external links sent to `lien` and autocomplete off everywhere."""

    def remplace(m: re.Match[str]) -> str:
        balise = m.group(0)
        href = HREF.search(balise)
        if href is None or not _externe(html.unescape(href.group(1))):
            return balise
        nouvelle = html.escape(f"{lien}?{urlencode({'adresse': html.unescape(href.group(1))})}")
        return CIBLE.sub("", balise.replace(href.group(0), f'href="{nouvelle}"'))

    page = BALISE.sub(remplace, page)
    page = AUTOCOMPLETE.sub('autocomplete="off"', page)
    return FORMULAIRE.sub('<form autocomplete="off"', page)


def _filtre(response: Response) -> Response:
    if (
        response.mimetype == "text/html"
        and not response.direct_passthrough
        and not response.is_streamed
        and borne_courante() is not None
    ):
        lien = url_for("borne.lien")
        response.set_data(rewrite_html(response.get_data(as_text=True), lien))
    return response


def init_app(app: Flask) -> None:
    app.after_request(_filtre)
