"""Mes droits (/mes-droits): one question per page, then the aids the household may get.

The answers live in the session (never in a URL), encrypted and forgotten after 30 minutes
without activity (`coffre.py`); the rules are the API's schema's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from portal.borne.services import count_at_kiosk
from portal.catalogue import current_catalogue, mots_departement
from portal.extensions import db
from portal.horloge import maintenant
from portal.i18n import langue
from portal.lieux.services import Statut, index_for
from portal.models import Evenement
from portal.simulateur import coffre, services
from portal.simulateur.et_si import questions_pour
from portal.simulateur.forms import (
    CommuneForm,
    MontantForm,
    QuestionForm,
    naissances_form,
)
from portal.simulateur.moteur import EngineUnavailable
from portal.simulateur.parcours import (
    PAR_ID,
    Etape,
    Reponses,
    etapes_actives,
    is_total_exact,
    position,
    precedente,
    premiere_sans_reponse,
    suivante,
)
from portal.simulateur.questions import QUESTIONS, texte_reponse
from portal.simulateur.resultats import Lien, count_resultat, present_resultat
from portal.simulateur.saisie import build_requete, check_etape
from portal.simulateur.schemas import SimulationRequest
from portal.simulateur.services import AideResultat
from portal.templating import porte_ouverte

bp = Blueprint("simulateur", __name__, url_prefix="/mes-droits")

REPONSES = coffre.CLE_SESSION
COMPTEE = "simulateur_comptee"  # this set of answers is already in the statistics


def reponses_de_la_visite() -> Reponses:
    """The answers so far, sealed again so that 30 minutes count from this page on."""
    instant = maintenant().timestamp()
    secret = current_app.config["SECRET_KEY"]
    reponses = coffre.ouvrir(session.get(REPONSES), secret=secret, instant=instant)
    if reponses is None:
        if REPONSES in session:  # left too long (or unreadable): forgotten
            session.pop(REPONSES)
            session.pop(COMPTEE, None)
        reponses = {}
    else:
        session[REPONSES] = coffre.sceller(reponses, secret=secret, instant=instant)
    reponses["mois"] = maintenant().strftime("%Y-%m")  # always the current month
    return reponses


def _save(reponses: Reponses) -> None:
    session[REPONSES] = coffre.sceller(
        reponses, secret=current_app.config["SECRET_KEY"], instant=maintenant().timestamp()
    )
    session.pop(COMPTEE, None)


def _url_of(etape: Etape | None) -> str:
    if etape is None:
        return url_for(".resultats")
    return url_for(".question", etape_id=etape.id)


@bp.get("")
def accueil() -> str:
    reponses = reponses_de_la_visite()
    commencee = any(e.id in reponses for e in etapes_actives(reponses))
    return render_template(
        "simulateur/accueil.html",
        commencee=commencee,
        reprise=_url_of(premiere_sans_reponse(reponses)),
        premiere=_url_of(etapes_actives(reponses)[0]),
    )


@bp.post("/effacer")
def effacer() -> Response:
    """On a shared kiosk, the next person must not see these answers."""
    session.pop(REPONSES, None)
    session.pop(COMPTEE, None)
    flash(_("Vos réponses sont effacées."))
    return redirect(url_for(".accueil"))


def _form_for(etape: Etape, reponses: Reponses) -> QuestionForm:
    classe = QUESTIONS[etape.id].form
    if etape.id == "enfants_naissances":
        return naissances_form(reponses.get("enfants", 0), reponses.get(etape.id) or [])
    form = classe()
    if not form.is_submitted() and etape.id in reponses:
        form.fill(_affichage(etape.id, reponses[etape.id]))
    return form


def _affichage(etape_id: str, valeur: Any) -> Any:
    if etape_id == "commune":  # the code is stored, the name is shown
        commune = current_catalogue().communes.get(valeur)
        return commune.nom if commune else ""
    return valeur


def _commune(form: CommuneForm) -> str | None:
    """The INSEE code chosen, or None with choices or an error put on the form."""
    catalogue = current_catalogue()
    if form.code.data in catalogue.communes:
        return form.code.data
    recherche = index_for(catalogue).search(form.reponse.data or "")
    if recherche.statut == Statut.trouvee:
        return recherche.communes[0].code
    form.code.choices = [SelectChoice(c.code, f"{c.nom} ({', '.join(c.codes_postaux)})")
                         for c in recherche.communes]
    if recherche.statut == Statut.plusieurs:
        form.code.label.text = _("Plusieurs communes ont ce code postal. Choisissez la vôtre :")
        if form.code.data:
            form.code.errors = [_("Choisissez une réponse.")]
    else:
        form.reponse.errors = [_("Nous ne trouvons pas cette commune %(dans_departement)s. "
                                 "Vérifiez l'orthographe, ou écrivez le code postal (5 chiffres).",
                                 **mots_departement())]
    return None


@bp.route("/<etape_id>", methods=["GET", "POST"])
def question(etape_id: str) -> str | Response | tuple[str, int]:
    etape = PAR_ID.get(etape_id) or abort(404)
    reponses = reponses_de_la_visite()
    if not etape.applies(reponses):  # e.g. the rent after "propriétaire"
        return redirect(_url_of(premiere_sans_reponse(reponses)))
    form = _form_for(etape, reponses)
    doute = None
    if form.validate_on_submit():
        valeur = _commune(form) if isinstance(form, CommuneForm) else form.valeur()
        if valeur is not None:
            nouvelles = {**reponses, etape.id: valeur}
            catalogue = current_catalogue()
            erreurs = check_etape(
                etape, nouvelles, communes=catalogue.communes.keys(), today=maintenant().date()
            )
            if not erreurs and isinstance(form, MontantForm):
                # "1.200": 1 200 € or 1,20 €? A valid but doubtful amount is asked back.
                doute = form.doute(request.form.get("confirme"))
            if not erreurs and doute is None:
                _save(nouvelles)
                return redirect(_url_of(suivante(etape, nouvelles)))
            _show(form, erreurs)
    numero, total = position(etape, reponses)
    page = render_template(
        "simulateur/question.html",
        form=form,
        etape=etape,
        question=QUESTIONS[etape.id],
        numero=numero,
        total=total,
        total_exact=is_total_exact(reponses),
        retour=_retour(etape, reponses),
        erreurs=form.erreurs(),
        doute=doute,
    )
    return (page, 400) if form.erreurs() else page


def _retour(etape: Etape, reponses: Reponses) -> str:
    avant = precedente(etape, reponses)
    return _url_of(avant) if avant else url_for(".accueil")


def _show(form: QuestionForm, erreurs: dict[str, str]) -> None:
    for champ, message in erreurs.items():
        if champ.startswith("naissances-"):
            form.naissances[int(champ.removeprefix("naissances-"))].errors = [message]
        else:
            form[champ].errors = [message]


@dataclass(frozen=True)
class Visite:
    """A visit whose answers are complete and valid, ready for the warm engine."""

    reponses: Reponses
    requete: SimulationRequest
    engine: Any
    catalogue: Any
    today: date


def visite_complete() -> Visite | Response | tuple[str, int]:
    """The visit, or where to go instead: the first question not answered, the one to correct,
    or the "patientez" page while the legislation loads."""
    reponses = reponses_de_la_visite()
    manquante = premiere_sans_reponse(reponses)
    if manquante is not None:
        return redirect(_url_of(manquante))
    engine = current_app.extensions.get("simulateur")
    if engine is None or engine.status != "ok":
        return patienter(engine)
    catalogue, today = current_catalogue(), maintenant().date()
    requete = build_requete(reponses, communes=catalogue.communes.keys(), today=today)
    if isinstance(requete, Etape):
        flash(_("Une réponse est à corriger."))
        return redirect(_url_of(requete))
    return Visite(reponses, requete, engine, catalogue, today)


def simuler_visite(visite: Visite) -> services.Resultat | tuple[str, int]:
    """The aids of the visit's household, or the "patientez" page if the engine fails."""
    try:
        return services.simulate(visite.requete, catalogue=visite.catalogue,
                                 engine=visite.engine, today=visite.today, langue=langue())
    except EngineUnavailable:
        current_app.logger.warning("Simulateur indisponible", exc_info=True)
        return patienter(visite.engine)


@bp.get("/resultats")
def resultats() -> str | Response | tuple[str, int]:
    visite = visite_complete()
    if not isinstance(visite, Visite):
        return visite
    resultat = simuler_visite(visite)
    if not isinstance(resultat, services.Resultat):
        return resultat
    reponses, requete, catalogue, today = (
        visite.reponses, visite.requete, visite.catalogue, visite.today)
    if not session.get(COMPTEE):
        territoire = catalogue.territoire_of(requete.commune)
        count_resultat(db.session(), resultat, jour=today,
                       territoire_id=territoire.id if territoire else "")
        db.session().commit()
        count_at_kiosk(Evenement.borne_simulation)  # nothing when not at a kiosk
        session[COMPTEE] = True
    bilan = present_resultat(resultat, aides=catalogue.aides, liens_of=liens_de, langue=langue())
    recapitulatif = [
        (QUESTIONS[e.id].titre, texte_reponse(e.id, reponses[e.id], catalogue), _url_of(e))
        for e in etapes_actives(reponses)
    ]
    return render_template(
        "simulateur/resultats.html",
        et_si=questions_pour(reponses, requete),
        bilan=bilan,
        recapitulatif=recapitulatif,
        jour=format_date(today, format="long"),
    )


def patienter(engine: Any) -> tuple[str, int]:
    """Never a 500: the legislation loads for about a minute after a start."""
    indisponible = engine is None or engine.status == "unavailable"
    return render_template("simulateur/patienter.html", indisponible=indisponible), 503


def liens_de(aide: AideResultat) -> list[Lien]:
    """Apply online when there is a service; book the right motif, else ask a human."""
    liens = []
    if aide.demarche.url:
        liens.append(Lien(_("Faire la demande en ligne"), aide.demarche.url, externe=True,
                          genre="en_ligne"))
    motif = aide.demarche.motif
    if (
        motif
        and porte_ouverte("rendez_vous.accueil")
        and motif in current_catalogue().motifs
    ):
        liens.append(Lien(_("Prendre rendez-vous"), url_for("rendez_vous.accueil", motif=motif),
                          genre="rendez_vous"))
    elif porte_ouverte("accueil.demande"):
        liens.append(Lien(_("Laisser une demande"), url_for("accueil.demande"), genre="demande"))
    return liens
