"""A visit on a shared device: nothing of it is kept by the browser, and one button ends it.

- every page (all but the static files) is `Cache-Control: no-store`: Back after the visit
  asks the server again, which no longer knows the person;
- "Effacer ce que j'ai fait ici" (a plain form POST, works without JavaScript) clears the whole
  session: the simulator's answers, the chat's sender id (the next message starts a new
  conversation), the rendez-vous checks; only the chosen language stays. The next page carries
  a marker for js/visite.js, which empties the sessionStorage;
- the chat's conversation is ended on Rasa's side too (`/restart` to its sender): the next
  person's chat starts empty, whatever Rasa's tracker kept;
- at a kiosk, "J'ai terminé" (portal/borne) posts here too;
- js/visite.js also resets every form on Back or reload, so that the browser does not put back
  what the person typed (the server writes again what this visit still holds).
"""

from __future__ import annotations

import contextlib

from flask import Flask, Response, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from portal.assistant.services import AssistantIndisponible, find_conversation, rasa_client
from portal.borne.services import borne_courante
from portal.extensions import csrf, db, limiter
from portal.pages import bp

MARQUE = "visite_effacee"


@bp.post("/effacer")
@csrf.exempt  # ending a visit must work even when the session (and its token) has expired
@limiter.limit("30 per minute")
def effacer() -> BaseResponse:
    _restart_rasa(session.get("chat"))
    langue = session.get("langue")
    session.clear()
    if langue:
        session["langue"] = langue
    session[MARQUE] = True
    if borne_courante() is not None:
        flash(_("Merci. Tout est effacé : la borne est prête pour la personne suivante."))
    else:
        flash(_("C'est effacé. Ce que vous avez fait ici n'est plus dans ce navigateur."))
    return redirect(url_for("pages.accueil"))


def _restart_rasa(jeton: str | None) -> None:
    """Best effort, one second at most: the new sender id already starts a new conversation."""
    conversation = find_conversation(db.session(), jeton) if jeton else None
    if conversation is None:
        return
    with contextlib.suppress(AssistantIndisponible):
        rasa_client(timeout=1).send(sender=conversation.rasa_sender, texte="/restart",
                                    langue=conversation.langue)


def fin_de_visite() -> bool:
    """True once, on the page after the reset: base.html marks its body for js/visite.js."""
    return bool(session.pop(MARQUE, False))


def _no_store(response: Response) -> Response:
    # A public file named by a hash of its content (the recordings of /audio) says "immutable":
    # it holds nothing of the person, and phones on slow data keep it.
    if request.endpoint != "static" and "immutable" not in response.headers.get(
        "Cache-Control", ""
    ):
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.after_request(_no_store)
    app.jinja_env.globals["fin_de_visite"] = fin_de_visite


bp.record_once(lambda state: init_app(state.app))
