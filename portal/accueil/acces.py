"""Who the agent is and which demandes they may see, for the accueil agents' pages."""

from __future__ import annotations

from flask import abort

from portal.accueil.demandes import DemandeIntrouvable, get_demande
from portal.agents.services import current_agent
from portal.extensions import db
from portal.models import Agent, Demande


def agent_connecte() -> Agent:
    agent = current_agent()
    assert agent is not None  # portal.agents.acces ran before the view
    return agent


def demande_visible(reference: str) -> Demande:
    """The demande if this agent may see it, else a 404 (never "it exists, but…")."""
    try:
        return get_demande(db.session(), reference=reference, agent=agent_connecte())
    except DemandeIntrouvable:
        abort(404)
