"""/mes-droits/et-si/<question>: "Et si je travaillais plus ?", "Et si je déménageais ?", "Et si
mon enfant avait un autre âge ?" — every point computed in one vectorised simulation (see
variantes.py). An estimate, said plainly."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response

from portal.i18n import langue
from portal.simulateur.courbe import Point, draw_courbe
from portal.simulateur.et_si import QUESTIONS_ET_SI, questions_pour
from portal.simulateur.routes import Visite, bp, patienter, visite_complete
from portal.simulateur.services import EngineUnavailable
from portal.simulateur.variantes import VariantesRequest, compute_variantes


@bp.get("/et-si", defaults={"question": "travail"})
@bp.get("/et-si/<question>")
def et_si(question: str) -> str | Response | tuple[str, int]:
    spec = QUESTIONS_ET_SI.get(question)
    if spec is None:
        abort(404)
    visite = visite_complete()
    if not isinstance(visite, Visite):
        return visite
    reponses, requete, engine, catalogue = (
        visite.reponses, visite.requete, visite.engine, visite.catalogue)
    if not spec.applicable(reponses, requete):
        return redirect(url_for(".resultats"))
    demande = VariantesRequest(
        situation=requete, adulte=0, champ=spec.champ, enfant=spec.enfant(requete),
        valeurs=list(spec.valeurs),
    )
    try:
        lignes = compute_variantes(demande, catalogue=catalogue, engine=engine, langue=langue())
    except EngineUnavailable:
        current_app.logger.warning("Simulateur indisponible", exc_info=True)
        return patienter(engine)
    points = [
        Point(ligne["valeur"], ligne["total_aides_mensuel"],
              ligne["revenu_disponible_mensuel"] - (ligne["valeur"] if spec.retire_valeur else 0))
        for ligne in lignes
    ]
    return render_template(
        "simulateur/et_si.html", question=spec, courbe=draw_courbe(points),
        actuelle=spec.actuelle(requete),
        autres=[q for q in questions_pour(reponses, requete) if q.id != spec.id],
    )
