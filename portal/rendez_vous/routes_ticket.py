"""The rendez-vous' printable ticket (`/rendez-vous/confirme/ticket`): reference, what, when,
where, what to bring, the lieu's phone, and a QR code of the manage link (an opaque token; the
manage page asks its 3 letters). Shown while the confirmation page is: in this visit, checked
less than 10 minutes ago."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, redirect, render_template, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.borne.services import qr_data_url
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.models import RendezVous
from portal.rendez_vous import bp
from portal.rendez_vous.liens import jeton_pour, lien_gestion
from portal.rendez_vous.services import secret
from portal.rendez_vous.visite import RDV_CONFIRME

VERIFICATION_DUREE = timedelta(minutes=10)  # as the confirmation page (routes.py)


def _rdv_de_la_visite() -> RendezVous | None:
    rdv_id = session.get(RDV_CONFIRME)
    rdv = db.session().get(RendezVous, rdv_id) if rdv_id else None
    quand = session.get("rdv_verifies", {}).get(str(rdv_id))
    if rdv is None or not quand:
        return None
    return rdv if maintenant() - datetime.fromisoformat(quand) < VERIFICATION_DUREE else None


@bp.get("/rendez-vous/confirme/ticket")
def ticket() -> str | Response:
    rdv = _rdv_de_la_visite()
    if rdv is None:
        return redirect(url_for(".accueil"))
    catalogue = current_catalogue()
    lien = lien_gestion(current_app.config["PUBLIC_BASE_URL"], jeton_pour(rdv.uid, secret()))
    return render_template(
        "rendez_vous/ticket.html",
        rdv=rdv,
        debut=rdv.debut,
        motif=catalogue.motifs[rdv.motif_id],
        lieu=catalogue.lieux[rdv.lieu_id],
        titre=_("Votre rendez-vous"),
        qr=qr_data_url(lien),
        qr_legende=_("Pour changer ou annuler, scannez ce code avec votre téléphone. "
                     "Il faudra les 3 premières lettres de votre nom de famille."),
        retour=url_for(".confirme"),
    )
