"""Poser une question: the full page that works without JavaScript (form posts)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from portal.accueil.services import RelaisForm, submit_demande, texte_accuse
from portal.assistant.conversations import find_conversation, handle_message
from portal.assistant.passage import hand_off
from portal.assistant.web import jeton_de_session, rasa_client, routeur
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.i18n import langue
from portal.models import SourceDemande

bp = Blueprint("assistant", __name__)


def _page(relais_form: RelaisForm | None = None, status: int = 200) -> tuple[str, int]:
    jeton = jeton_de_session(cree=False)
    conversation = find_conversation(db.session(), jeton) if jeton else None
    demande = conversation.demande_ouverte if conversation else None
    montrer_relais = conversation is not None and conversation.relais_propose and demande is None
    return render_template(
        "assistant/page.html",
        conversation=conversation,
        demande=demande,
        relais=(relais_form or RelaisForm()) if montrer_relais else None,
    ), status


@bp.get("/assistant")
def page() -> tuple[str, int]:
    return _page()


@bp.post("/assistant")
@limiter.limit("30 per minute")
def envoyer() -> Response | tuple[str, int]:
    texte = (request.form.get("message") or "").strip()[:2000]
    if not texte:
        return _page(status=400)
    handle_message(
        db.session(),
        jeton=jeton_de_session(),
        texte=texte,
        langue=langue(),
        catalogue=current_catalogue(),
        rasa=rasa_client(),
        routeur=routeur(),
        now=maintenant(),
    )
    return redirect(url_for("assistant.page", _anchor="fin"))


@bp.post("/assistant/relais")
@limiter.limit("10 per minute")
def relais() -> Response | tuple[str, int]:
    jeton = jeton_de_session(cree=False)
    conversation = find_conversation(db.session(), jeton) if jeton else None
    form = RelaisForm()
    if conversation is None:
        return redirect(url_for("assistant.page"))
    if form.validate_on_submit():
        accuse = submit_demande(form, source=SourceDemande.assistant, conversation=conversation)
        if accuse is not None:
            hand_off(db.session(), conversation=conversation, texte=texte_accuse(accuse))
            return redirect(url_for("assistant.page", _anchor="fin"))
    return _page(form, status=400)


@bp.post("/assistant/terminer")
def terminer() -> Response:
    """On a shared kiosk: forget this chat in this browser; the next person starts afresh."""
    session.pop("chat", None)
    return redirect(url_for("assistant.page"))
