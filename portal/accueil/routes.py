from __future__ import annotations

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.accueil import bp
from portal.accueil.forms import CloreForm, DemandeForm, ReponseAgentForm
from portal.accueil.saisie import submit_demande
from portal.accueil.services import (
    DemandeClose,
    DemandeIntrouvable,
    accueil_du_territoire,
    close_demande,
    find_demande,
    get_demande,
    list_demandes,
    reply_demande,
)
from portal.agents.perms import current_agent, login_required
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import en_local, maintenant
from portal.models import Demande, SourceDemande


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
    return render_template(
        "accueil/envoyee.html",
        demande=demande,
        accueil=accueil_du_territoire(current_catalogue(), demande.territoire_id),
        echeance=en_local(demande.echeance_at) if demande.echeance_at else None,
    )


def _demande_agent(reference: str) -> Demande:
    try:
        return get_demande(db.session(), reference=reference, agent=current_agent())
    except DemandeIntrouvable:
        abort(404)


@bp.get("/agent/accueil")
@login_required
def file() -> str:
    demandes = list_demandes(db.session(), agent=current_agent())
    return render_template("accueil/file.html", demandes=demandes)


@bp.get("/agent/accueil/<reference>")
@login_required
def detail(reference: str) -> str:
    demande = _demande_agent(reference)
    return render_template(
        "accueil/detail.html", demande=demande, form=ReponseAgentForm(), clore=CloreForm()
    )


@bp.post("/agent/accueil/<reference>/repondre")
@login_required
def repondre(reference: str) -> Response | tuple[str, int]:
    demande = _demande_agent(reference)
    form = ReponseAgentForm()
    if not form.validate_on_submit() or not (form.texte.data or "").strip():
        form.texte.errors = [_("Écrivez une réponse (2 000 caractères au plus).")]
        return render_template(
            "accueil/detail.html", demande=demande, form=form, clore=CloreForm()
        ), 400
    try:
        reply_demande(db.session(), demande=demande, agent=current_agent(),
                      texte=form.texte.data.strip(), now=maintenant())
    except DemandeClose:
        flash(_("Cette demande est close : la réponse n'a pas été envoyée."))
    except DemandeIntrouvable:
        flash(_("Cette demande n'a pas de conversation : appelez ou écrivez à la personne."))
    return redirect(url_for("accueil.detail", reference=reference))


@bp.post("/agent/accueil/<reference>/clore")
@login_required
def clore(reference: str) -> Response | tuple[str, int]:
    demande = _demande_agent(reference)
    form = CloreForm()
    if not form.validate_on_submit():
        return render_template(
            "accueil/detail.html", demande=demande, form=ReponseAgentForm(), clore=form
        ), 400
    with force_locale(demande.langue):
        fin = _("La personne de l'accueil a terminé. Vous pouvez de nouveau écrire à l'assistant.")
    try:
        close_demande(db.session(), demande=demande, agent=current_agent(),
                      issue=form.issue.data, now=maintenant(), message_fin=fin)
    except DemandeClose:
        flash(_("Cette demande était déjà close."))
        return redirect(url_for("accueil.detail", reference=reference))
    _reprendre_assistant(demande)
    flash(_("Demande %(reference)s close.", reference=reference))
    return redirect(url_for("accueil.file"))


def _reprendre_assistant(demande: Demande) -> None:
    """Wakes the bot for this conversation; if Rasa is down, the next message starts afresh."""
    from portal.assistant.relay import AssistantIndisponible
    from portal.assistant.web import rasa_client

    if demande.conversation is None:
        return
    try:
        rasa_client().resume(sender=demande.conversation.rasa_sender)
    except AssistantIndisponible:
        from portal.assistant.conversations import new_jeton

        demande.conversation.rasa_sender = new_jeton()
        db.session().commit()
