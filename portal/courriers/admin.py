"""For the print teams: each template's QR code to download (SVG for print, PNG), admins only.

A template's QR code carries no deadline and no place; for those, per letter, the print
teams use `flask courriers qr-lot` on their mail-merge file.
"""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, render_template
from werkzeug.wrappers import Response

from portal.agents.services import role_required
from portal.catalogue import current_catalogue
from portal.courriers import bp
from portal.courriers.qr import TAILLE_MM, courrier_url, measure, qr_png, qr_svg
from portal.courriers.services import courriers_par_theme, indicateurs_courriers
from portal.courriers.signature import Parametres, signing_keys
from portal.extensions import db
from portal.horloge import maintenant

PERIODE = timedelta(days=30)
FORMATS = {"svg": ("image/svg+xml", qr_svg), "png": ("image/png", qr_png)}


def _url(code: str) -> str:
    return courrier_url(
        base_url=current_app.config["PUBLIC_BASE_URL"],
        code=code,
        parametres=Parametres(),
        keys=signing_keys(current_app.config),
    )


@bp.get("/agent/courriers")
@role_required("admin")
def admin_qr() -> str:
    catalogue = current_catalogue()
    depuis = maintenant().date() - PERIODE
    return render_template(
        "courriers/admin.html",
        themes=courriers_par_theme(catalogue=catalogue),
        indicateurs=indicateurs_courriers(db.session(), catalogue=catalogue, depuis=depuis),
        mesures={code: measure(_url(code)) for code in catalogue.courriers},
        depuis=depuis,
        taille_mm=TAILLE_MM,
    )


@bp.get("/agent/courriers/<code>/qr.<format_>")
@role_required("admin")
def admin_qr_fichier(code: str, format_: str) -> Response:
    courrier = current_catalogue().courriers.get(code)
    if courrier is None or format_ not in FORMATS:
        abort(404)
    mimetype, dessiner = FORMATS[format_]
    return Response(
        dessiner(_url(courrier.code)),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="qr-{courrier.code}.{format_}"'},
    )
