"""The signed-in agent: sign-in, sign-out, and the session that ends after
`AGENT_INACTIVITE_MAX` (15 minutes) without activity. Who may open which page is
decided in one place, `portal.agents.acces`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.horloge import maintenant
from portal.models import Agent

INACTIVITE_MAX = timedelta(minutes=15)


def sign_in(agent: Agent, *, now: datetime) -> None:
    # A new session on sign-in: nothing from before (a kiosk user, say) carries over.
    langue = session.get("langue")
    session.clear()
    if langue:
        session["langue"] = langue
    session["agent_id"] = agent.id
    session["agent_activite"] = now.isoformat()


def sign_out() -> None:
    for key in ("agent_id", "agent_activite"):
        session.pop(key, None)


def current_agent() -> Agent | None:
    """The signed-in agent for this request, loaded once, or None (also when idle too long)."""
    if "agent" in g:
        return g.agent
    g.agent = None
    agent_id = session.get("agent_id")
    if agent_id is None:
        return None
    now = maintenant()
    derniere = datetime.fromisoformat(session.get("agent_activite", "1970-01-01T00:00:00+00:00"))
    limite = current_app.config.get("AGENT_INACTIVITE_MAX", INACTIVITE_MAX)
    if now - derniere > limite:
        sign_out()
        g.agent_expire = True
        return None
    agent = db.session().get(Agent, agent_id)
    if agent is None or not agent.actif:
        sign_out()
        return None
    if not g.get("sans_activite"):
        session["agent_activite"] = now.isoformat()
    g.agent = agent
    return agent


def to_sign_in() -> Any:
    if g.get("agent_expire"):
        flash(_("Vous n'avez rien fait pendant 15 minutes. Reconnectez-vous."), "info")
    return redirect(url_for("agents.connexion", suivant=request.full_path.rstrip("?")))
