"""The signed-in agent: sign-in, sign-out, the lock and the session's absolute lifetime.

After `AGENT_INACTIVITE_MAX` (15 minutes) without activity the session is locked, not ended:
pages send the agent to sign in again, and what a page fetches by itself gets only the counts
(see `agent_verrouille`) until the agent types her password again (`deverrouiller`). After
`AGENT_SESSION_HEURES` (a working day) from sign-in, the session ends whatever happens. Who
may open which page is decided in one place, `portal.agents.acces`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.horloge import maintenant
from portal.models import Agent

INACTIVITE_MAX = timedelta(minutes=15)
_CLES = ("agent_id", "agent_activite", "agent_debut", "agent_verrou")


def sign_in(agent: Agent, *, now: datetime) -> None:
    # A new session on sign-in: nothing from before (a kiosk user, say) carries over.
    langue = session.get("langue")
    session.clear()
    if langue:
        session["langue"] = langue
    session["agent_id"] = agent.id
    session["agent_activite"] = now.isoformat()
    session["agent_debut"] = now.isoformat()


def deverrouiller(agent: Agent, *, now: datetime) -> None:
    """The same agent typed her password again: the page goes on where it was."""
    session.pop("agent_verrou", None)
    session["agent_activite"] = now.isoformat()


def sign_out() -> None:
    for key in _CLES:
        session.pop(key, None)


def _instant(cle: str) -> datetime:
    return datetime.fromisoformat(session.get(cle) or "1970-01-01T00:00:00+00:00")


def _agent_de_session(now: datetime) -> Agent | None:
    """The agent of this session, still active and within a working day, else None."""
    duree = timedelta(hours=current_app.config["AGENT_SESSION_HEURES"])
    if "agent_debut" in session and now - _instant("agent_debut") > duree:
        sign_out()
        g.agent_expire = True
        return None
    agent = db.session().get(Agent, session["agent_id"])
    if agent is None or not agent.actif:
        sign_out()
        return None
    return agent


def current_agent() -> Agent | None:
    """The signed-in agent for this request, loaded once, or None (also when locked)."""
    if "agent" in g:
        return g.agent
    g.agent = None
    if session.get("agent_id") is None:
        return None
    now = maintenant()
    agent = _agent_de_session(now)
    if agent is None:
        return None
    limite = current_app.config.get("AGENT_INACTIVITE_MAX", INACTIVITE_MAX)
    if session.get("agent_verrou") or now - _instant("agent_activite") > limite:
        session["agent_verrou"] = True
        g.agent_verrouille = agent
        g.agent_expire = True
        return None
    if not g.get("sans_activite"):
        session["agent_activite"] = now.isoformat()
    g.agent = agent
    return agent


def agent_verrouille() -> Agent | None:
    """The agent whose session is locked (after `current_agent` said None), for the counts."""
    current_agent()
    return g.get("agent_verrouille")


def to_sign_in() -> Any:
    if g.get("agent_expire"):
        flash(_("Vous n'avez rien fait pendant 15 minutes. Reconnectez-vous."), "info")
    return redirect(url_for("agents.connexion", suivant=request.full_path.rstrip("?")))
