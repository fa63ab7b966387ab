"""Acting with the person under a valid mandate: simulate, book, leave a demande, read a letter.

Every action checks the mandate's scope and dates here, on the server, before anything is done:
outside the scope, expired or revoked, the answer is 403 with a clear message, nothing changed.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from pydantic import ValidationError
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.accueil.services import NouvelleDemande, create_demande
from portal.aidants import bp_agent
from portal.aidants.commun import agent, mandat_or_404
from portal.aidants.forms import DemandeForm, VideForm
from portal.aidants.journal import journal_du_mandat, journaliser
from portal.aidants.mandats import MandatRefuse, check_action
from portal.aidants.rendez_vous import commune_de, motifs_aidant, offres, reserver
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.i18n import langue
from portal.models import ActionMandat, Demarche, Mandat, RendezVous, SourceDemande
from portal.rendez_vous.services import RendezVousError
from portal.validation import DonneesInvalides, validation_errors


def _autorise(mandat: Mandat, demarche: Demarche) -> None:
    """Stops the request with the refusal page (403) when the mandate does not allow it."""
    try:
        check_action(db.session(), mandat, demarche, agent=agent(), now=maintenant())
    except MandatRefuse as exc:
        page = render_template("aidants/refus.html", mandat=mandat, message=exc.message)
        abort(make_response(page, 403))


@bp_agent.post("/mandats/<reference>/simuler")
def simuler(reference: str) -> Response:
    """The simulator, with the person: its results page prints the summary."""
    return _ouvrir(reference, Demarche.simulation, "simulateur.accueil")


@bp_agent.post("/mandats/<reference>/courrier")
def courrier(reference: str) -> Response:
    return _ouvrir(reference, Demarche.courrier, "courriers.saisie")


def _ouvrir(reference: str, demarche: Demarche, endpoint: str) -> Response:
    mandat = mandat_or_404(reference)
    if not VideForm().validate_on_submit():
        abort(400)
    _autorise(mandat, demarche)
    journaliser(db.session(), mandat, agent(), ActionMandat(demarche.value))
    db.session().commit()
    return redirect(url_for(endpoint))


@bp_agent.route("/mandats/<reference>/rendez-vous", methods=["GET", "POST"])
def rendez_vous(reference: str) -> str | Response | tuple[str, int]:
    mandat = mandat_or_404(reference)
    _autorise(mandat, Demarche.rendez_vous)
    catalogue = current_catalogue()
    valeurs = request.values
    commune = commune_de(valeurs.get("commune", ""), catalogue)
    motifs = motifs_aidant(catalogue)
    motif_id = valeurs.get("motif") if valeurs.get("motif") in motifs else None
    erreurs: dict[str, str] = {}
    if request.method == "POST" and VideForm().validate_on_submit() and commune and motif_id:
        try:
            reservation = reserver(
                catalogue, choix=valeurs.get("creneau", ""), commune=commune, motif_id=motif_id,
                prenom=mandat.prenom, nom=mandat.nom, telephone=valeurs.get("telephone"),
                email=valeurs.get("email"), agent_id=agent().id,
            )
        except DonneesInvalides as exc:
            erreurs = exc.erreurs
        except RendezVousError as exc:
            erreurs = {"creneau": str(exc.message)}
        else:
            rdv = reservation.rendez_vous
            journaliser(db.session(), mandat, agent(), ActionMandat.rendez_vous,
                        rendez_vous=rdv.reference, motif=rdv.motif_id, lieu=rdv.lieu_id)
            db.session().commit()
            return redirect(url_for(".confirmation", reference=reference, rdv=rdv.reference))
    elif request.method == "POST":
        erreurs = {"commune": _("Choisissez la commune de la personne et le motif.")}
    choix = offres(catalogue, commune=commune, motif_id=motif_id, now=maintenant()) \
        if commune and motif_id else []
    return render_template(
        "aidants/rendez_vous.html", mandat=mandat, motifs=motifs, motif_id=motif_id,
        commune=commune, communes=catalogue.communes, offres=choix, erreurs=erreurs,
        form=VideForm(), valeurs=valeurs,
    ), 400 if erreurs else 200


@bp_agent.get("/mandats/<reference>/rendez-vous/<rdv>")
def confirmation(reference: str, rdv: str) -> str:
    """The printable confirmation; a warning when the person has neither phone nor e-mail."""
    mandat = mandat_or_404(reference)
    trouve = db.session().scalar(
        select(RendezVous).where(RendezVous.reference == rdv, RendezVous.agent_id == agent().id)
    )
    sous_ce_mandat = any(
        (entree.detail or {}).get("rendez_vous") == rdv
        for entree in journal_du_mandat(db.session(), mandat)
    )
    if trouve is None or not sous_ce_mandat:
        abort(404)
    catalogue = current_catalogue()
    return render_template(
        "aidants/confirmation.html", mandat=mandat, rdv=trouve,
        motif=catalogue.motifs[trouve.motif_id], lieu=catalogue.lieux[trouve.lieu_id],
    )


@bp_agent.route("/mandats/<reference>/demande", methods=["GET", "POST"])
def demande(reference: str) -> str | Response | tuple[str, int]:
    """A demande left in the premier accueil queue for the person, marked "via <structure>"."""
    mandat = mandat_or_404(reference)
    _autorise(mandat, Demarche.demande)
    form = DemandeForm()
    if form.validate_on_submit():
        accuse = _laisser_demande(mandat, form)
        if accuse is not None:
            flash(_("Demande laissée au premier accueil. Référence : %(ref)s.", ref=accuse))
            return redirect(url_for(".detail", reference=reference))
    status = 400 if request.method == "POST" else 200
    return render_template("aidants/demande.html", mandat=mandat, form=form), status


def _laisser_demande(mandat: Mandat, form: DemandeForm) -> str | None:
    catalogue = current_catalogue()
    structure = catalogue.structures[mandat.structure_id]
    donnees: dict[str, Any] = {
        "prenom": mandat.prenom, "commune_saisie": form.commune.data or "",
        "contact": "telephone", "telephone": form.telephone.data or None,
        # The queue is read in French: the mark is not translated.
        "message": f"Via {structure.nom} : {form.message.data}",
        "consentement": True,
    }
    try:
        valides = NouvelleDemande.model_validate(donnees, context={"catalogue": catalogue})
    except ValidationError as exc:
        for champ, message in validation_errors(exc).items():
            getattr(form, champ, form.message).errors = [message]
        return None
    accuse = create_demande(db.session(), donnees=valides, source=SourceDemande.aidant,
                            langue=langue(), catalogue=catalogue, now=maintenant())
    journaliser(db.session(), mandat, agent(), ActionMandat.demande,
                demande=accuse.demande.reference)
    db.session().commit()
    return str(accuse.demande.reference)
