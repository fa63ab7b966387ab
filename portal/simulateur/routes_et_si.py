"""/mes-droits/et-si: "Et si je travaillais plus ?", the pay from 0 to 2 000 € a month, every
point computed in one vectorised simulation (see variantes.py). An estimate, said plainly."""

from __future__ import annotations

from flask import current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response

from portal.catalogue import current_catalogue
from portal.horloge import maintenant
from portal.i18n import langue
from portal.simulateur.courbe import Point, draw_courbe
from portal.simulateur.parcours import Etape, premiere_sans_reponse
from portal.simulateur.routes import bp, patienter, reponses_de_la_visite
from portal.simulateur.saisie import build_requete
from portal.simulateur.services import EngineUnavailable
from portal.simulateur.variantes import VariantesRequest, compute_variantes

SALAIRES = list(range(0, 2001, 100))  # 21 points


@bp.get("/et-si")
def et_si() -> str | Response | tuple[str, int]:
    reponses = reponses_de_la_visite()
    if premiere_sans_reponse(reponses) is not None or reponses.get("activite") != "salarie":
        return redirect(url_for(".resultats"))
    engine = current_app.extensions.get("simulateur")
    if engine is None or engine.status != "ok":
        return patienter(engine)
    catalogue = current_catalogue()
    requete = build_requete(reponses, communes=catalogue.communes.keys(), today=maintenant().date())
    if isinstance(requete, Etape):
        return redirect(url_for(".resultats"))
    demande = VariantesRequest(
        situation=requete, adulte=0, champ="salaire_net_mensuel", valeurs=SALAIRES
    )
    try:
        lignes = compute_variantes(demande, catalogue=catalogue, engine=engine, langue=langue())
    except EngineUnavailable:
        current_app.logger.warning("Simulateur indisponible", exc_info=True)
        return patienter(engine)
    points = [
        Point(ligne["valeur"], ligne["total_aides_mensuel"], ligne["revenu_disponible_mensuel"])
        for ligne in lignes
    ]
    return render_template(
        "simulateur/et_si.html",
        courbe=draw_courbe(points),
        salaire=requete.adultes[0].salaire_net_mensuel,
    )
