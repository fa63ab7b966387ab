"""The receipt's token: an opaque random key of the mandate, signed (itsdangerous). It names
nothing about the person; a forged or altered token finds no mandate (a 404 page)."""

from __future__ import annotations

import io

import qrcode
import qrcode.constants
from itsdangerous import BadSignature, URLSafeSerializer
from qrcode.image.svg import SvgPathFillImage
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Mandat

SALT = "mandat-recu"


def jeton_de(mandat: Mandat, secret: str) -> str:
    return URLSafeSerializer(secret, salt=SALT).dumps(mandat.cle)


def mandat_du_jeton(session: Session, jeton: str, secret: str) -> Mandat | None:
    try:
        cle = URLSafeSerializer(secret, salt=SALT).loads(jeton)
    except BadSignature:
        return None
    if not isinstance(cle, str):
        return None
    return session.scalar(select(Mandat).where(Mandat.cle == cle))


def qr_svg(url: str) -> str:
    """The address as a QR code (error correction M, quiet zone kept), printable SVG."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    sortie = io.BytesIO()
    code.make_image(image_factory=SvgPathFillImage).save(sortie)
    texte = sortie.getvalue().decode()
    return texte[texte.index("<svg"):]
