"""The person's side of the premier accueil: "laisser une demande" and its receipt.

The agents' side is in `routes_agent`.
"""

from __future__ import annotations

from flask import redirect, render_template, session, url_for
from werkzeug.wrappers import Response

from portal.accueil import bp
from portal.accueil.demandes import accueil_qui_repond, find_demande, numeros_pour
from portal.accueil.forms import DemandeForm
from portal.accueil.saisie import submit_demande
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import en_local, maintenant_local
from portal.models import SourceDemande


@bp.route("/demande", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def demande() -> str | Response | tuple[str, int]:
    """"Laisser une demande": works without JavaScript, and when the assistant is down."""
    form = DemandeForm()
    if not form.is_submitted() and (garde := session.pop("message_garde", None)):
        form.message.data = garde  # what was typed in the chat is not lost
    if form.validate_on_submit():
        accuse = submit_demande(form, source=SourceDemande.formulaire)
        if accuse is not None:
            session["demande_envoyee"] = accuse.demande.reference
            return redirect(url_for("accueil.demande_envoyee"))
    status = 400 if form.is_submitted() else 200
    return render_template("accueil/demande.html", form=form), status


@bp.get("/demande/envoyee")
def demande_envoyee() -> str | Response:
    reference = session.get("demande_envoyee")
    demande = find_demande(db.session(), reference=reference) if reference else None
    if demande is None:
        return redirect(url_for("accueil.demande"))
    catalogue = current_catalogue()
    accueil, ouverture = accueil_qui_repond(catalogue, demande.territoire_id, maintenant_local())
    return render_template(
        "accueil/envoyee.html",
        demande=demande,
        accueil=accueil,
        ouverture=ouverture,
        numeros=numeros_pour(catalogue, demande.urgence),
        echeance=en_local(demande.echeance_at) if demande.echeance_at else None,
    )
