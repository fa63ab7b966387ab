"""/mes-droits/ticket: a simulation's summary to take away. "Imprimer un résumé" (a form POST:
works without JavaScript) stores the aids found, with no answer and nothing personal, under an
opaque token; the ticket page shows them and a QR code that opens them on one's own phone until
the summary expires (`TICKETS_JOURS`, then `flask borne purger`)."""

from __future__ import annotations

from typing import Any

from flask import current_app, redirect, render_template, session, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.borne.services import (
    GenreTicket,
    borne_courante,
    qr_data_url,
    store_ticket,
    ticket_contenu,
    ticket_url,
)
from portal.catalogue import current_catalogue
from portal.horloge import maintenant
from portal.i18n import langue
from portal.simulateur import services
from portal.simulateur.moteur import EngineUnavailable
from portal.simulateur.parcours import Etape, premiere_sans_reponse
from portal.simulateur.resultats import Bilan, present_resultat
from portal.simulateur.routes import bp, patienter, reponses_de_la_visite
from portal.simulateur.saisie import build_requete

JETON = "ticket_simulation"


def _contenu(bilan: Bilan) -> dict[str, Any]:
    aides = [p.aide for p in bilan.premiers_pas] + bilan.eligibles + bilan.a_verifier
    catalogue = current_catalogue()
    borne = borne_courante()
    lieu = catalogue.lieux.get(borne.lieu_id) if borne else None
    return {
        "jour": format_date(maintenant().date(), format="long"),
        "aides": [{"nom": a.nom, "montant": a.montant, "statut": a.statut} for a in aides
                  if a.nature == "aide"],
        "lieu": lieu.nom if lieu else None,
        "telephone": lieu.telephone if lieu else None,
    }


@bp.post("/ticket")
def imprimer() -> Response | tuple[str, int]:
    reponses = reponses_de_la_visite()
    if premiere_sans_reponse(reponses) is not None:
        return redirect(url_for(".resultats"))
    engine = current_app.extensions.get("simulateur")
    if engine is None or engine.status != "ok":
        return patienter(engine)
    catalogue = current_catalogue()
    today = maintenant().date()
    requete = build_requete(reponses, communes=catalogue.communes.keys(), today=today)
    if isinstance(requete, Etape):
        return redirect(url_for(".resultats"))
    try:
        resultat = services.simulate(
            requete, catalogue=catalogue, engine=engine, today=today, langue=langue()
        )
    except EngineUnavailable:
        current_app.logger.warning("Simulateur indisponible", exc_info=True)
        return patienter(engine)
    bilan = present_resultat(resultat, aides=catalogue.aides, liens_of=lambda _aide: [],
                             langue=langue())
    session[JETON] = store_ticket(GenreTicket.simulation, _contenu(bilan))
    return redirect(url_for(".ticket", imprimer=1) if borne_courante() else url_for(".ticket"))


@bp.get("/ticket")
def ticket() -> str | Response:
    jeton = session.get(JETON)
    contenu = ticket_contenu(jeton) if jeton else None
    if jeton is None or contenu is None:
        return redirect(url_for(".resultats"))
    return render_template(
        "simulateur/ticket.html",
        titre=_("Votre simulation"),
        contenu=contenu,
        qr=qr_data_url(ticket_url(jeton)),
        qr_legende=_("Scannez ce code avec votre téléphone pour revoir ce résumé."),
        retour=url_for(".resultats"),
    )
