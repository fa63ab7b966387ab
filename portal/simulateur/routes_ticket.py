"""/mes-droits/ticket: a simulation's summary to take away. "Imprimer un résumé" (a form POST:
works without JavaScript) stores the aids found, with no answer and nothing personal, under an
opaque token; the ticket page shows them and a QR code that opens them on one's own phone until
the summary expires (`TICKETS_JOURS`, then `flask borne purger`)."""

from __future__ import annotations

from typing import Any

from flask import redirect, session, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.borne.services import (
    GenreTicket,
    borne_courante,
    page_ticket,
    store_ticket,
    ticket_contenu,
)
from portal.catalogue import current_catalogue
from portal.horloge import maintenant
from portal.i18n import langue
from portal.simulateur.resultats import Bilan, present_resultat
from portal.simulateur.routes import Visite, bp, liens_de, simuler_visite, visite_complete
from portal.simulateur.services import Resultat

JETON = "ticket_simulation"


def _contenu(bilan: Bilan) -> dict[str, Any]:
    aides = [p.aide for p in bilan.premiers_pas] + bilan.eligibles + bilan.a_verifier
    catalogue = current_catalogue()
    borne = borne_courante()
    lieu = catalogue.lieux.get(borne.lieu_id) if borne else None
    return {
        "jour": format_date(maintenant().date(), format="long"),
        # "Par où commencer": the same steps as on the results page, in the same order.
        "premiers_pas": [p.texte for p in bilan.premiers_pas],
        "aides": [{"nom": a.nom, "montant": a.montant, "statut": a.statut} for a in aides
                  if a.nature == "aide"],
        "lieu": lieu.nom if lieu else None,
        "telephone": lieu.telephone if lieu else None,
    }


@bp.post("/ticket")
def imprimer() -> Response | tuple[str, int]:
    visite = visite_complete()
    if not isinstance(visite, Visite):
        return visite
    resultat = simuler_visite(visite)
    if not isinstance(resultat, Resultat):
        return resultat
    catalogue = visite.catalogue
    bilan = present_resultat(resultat, aides=catalogue.aides, liens_of=liens_de,
                             langue=langue())
    session[JETON] = store_ticket(GenreTicket.simulation, _contenu(bilan))
    return redirect(url_for(".ticket", imprimer=1) if borne_courante() else url_for(".ticket"))


@bp.get("/ticket")
def ticket() -> str | Response:
    jeton = session.get(JETON)
    contenu = ticket_contenu(jeton) if jeton else None
    if jeton is None or contenu is None:
        return redirect(url_for(".resultats"))
    return page_ticket(
        "simulateur/ticket.html", jeton, contenu, titre=_("Votre simulation"),
        legende=_("Scannez ce code avec votre téléphone pour revoir ce résumé."),
        retour=url_for(".resultats"),
    )
