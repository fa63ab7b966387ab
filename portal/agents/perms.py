"""Who may see agent pages. Every agent route goes through `login_required` or `role_required`.

- Not signed in, or idle for more than `AGENT_INACTIVITE_MAX` (15 minutes): back to sign-in,
  then back to the page asked for.
- Signed in without the role: 403.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.horloge import maintenant
from portal.models import Agent, Role

F = TypeVar("F", bound=Callable[..., Any])
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


def _to_sign_in() -> Any:
    if g.get("agent_expire"):
        flash(_("Vous n'avez rien fait pendant 15 minutes. Reconnectez-vous."), "info")
    return redirect(url_for("agents.connexion", suivant=request.full_path.rstrip("?")))


def login_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_agent() is None:
            return _to_sign_in()
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def role_required(*roles: Role | str, activite: bool = True) -> Callable[[F], F]:
    """`activite=False` for what a page fetches by itself (a refresh every few seconds):
    it must not keep an idle agent signed in, and answers 401 rather than a redirect."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            g.sans_activite = not activite
            agent = current_agent()
            if agent is None:
                return _to_sign_in() if activite else abort(401)
            if not agent.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
