"""The person's side of the premier accueil: "laisser une demande" and its receipt.

The agents' side is in `routes_agent`.
"""

from __future__ import annotations

from flask import redirect, render_template, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accueil import bp
from portal.accueil.demandes import accueil_qui_repond, find_demande, numeros_pour
from portal.accueil.forms import DemandeForm
from portal.accueil.saisie import submit_demande
from portal.borne.services import (
    GenreTicket,
    page_ticket,
    store_ticket,
    ticket_contenu,
)
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import en_local, maintenant_local
from portal.models import SourceDemande
from portal.templating import format_datetime_local


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


@bp.get("/demande/envoyee/ticket")
def ticket() -> str | Response:
    """The demande's printable ticket. Its QR code opens a stored summary (reference, who
    answers and by when, their phone): an opaque token, no personal data, made once a visit."""
    reference = session.get("demande_envoyee")
    demande = find_demande(db.session(), reference=reference) if reference else None
    if demande is None:
        return redirect(url_for("accueil.demande"))
    jeton = session.get("ticket_demande")
    contenu = ticket_contenu(jeton) if session.get("ticket_demande_de") == reference else None
    if jeton is None or contenu is None:
        catalogue = current_catalogue()
        accueil, _ouverture = accueil_qui_repond(catalogue, demande.territoire_id,
                                                 maintenant_local())
        echeance = en_local(demande.echeance_at) if demande.echeance_at else None
        contenu = {
            "reference": demande.reference,
            "jour": format_datetime_local(en_local(demande.created_at), "d MMMM y"),
            "echeance": format_datetime_local(echeance, "EEEE d MMMM 'à' HH:mm")
            if echeance else None,
            "lieu": accueil.nom if accueil else None,
            "telephone": accueil.telephone if accueil else None,
        }
        jeton = store_ticket(GenreTicket.demande, contenu)
        session["ticket_demande"], session["ticket_demande_de"] = jeton, demande.reference
    return page_ticket(
        "accueil/ticket.html", jeton, contenu, titre=_("Votre demande"),
        legende=_("Scannez ce code avec votre téléphone pour garder ce ticket."),
        retour=url_for("accueil.demande_envoyee"),
    )
