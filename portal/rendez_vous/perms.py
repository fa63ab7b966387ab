"""Who may see which rendez-vous on the agent side.

- `admin` and `responsable`: every lieu.
- Every other role: the lieux they are attached to, and the lieux of their territory.
- A conseiller numérique: only the rendez-vous he made himself, in those lieux.
- A rendez-vous of another lieu is a 404, never a 403 (its existence is not disclosed).
- A rendez-vous is named by its random reference, never by its sequential id.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.models import Agent, RendezVous, Role


def lieux_visibles(agent: Agent, catalogue: Catalogue) -> list[str]:
    if agent.has_role(Role.admin, Role.responsable):
        return sorted(catalogue.lieux)
    siens = {lieu.id for lieu in agent.lieux}
    territoire = {
        lieu_id for lieu_id, lieu in catalogue.lieux.items()
        if agent.territoire_id and lieu.territoire == agent.territoire_id
    }
    return sorted((siens | territoire) & set(catalogue.lieux))


def can_see_lieu(agent: Agent, lieu_id: str, catalogue: Catalogue) -> bool:
    return lieu_id in lieux_visibles(agent, catalogue)


def seulement_les_siens(agent: Agent) -> list[object]:
    """SQL conditions: a conseiller numérique sees only the rendez-vous he made."""
    if agent.has_role(Role.conseiller_numerique):
        return [RendezVous.agent_id == agent.id]
    return []


def get_rendez_vous_or_404(
    session: Session, reference: str, *, agent: Agent, catalogue: Catalogue
) -> RendezVous:
    rdv = session.scalar(
        select(RendezVous).where(RendezVous.reference == reference, *seulement_les_siens(agent))
    )
    if rdv is None or not can_see_lieu(agent, rdv.lieu_id, catalogue):
        abort(404)
    return rdv
