"""The agent tools shown on the agent home page: each appears once its page exists and
the agent may open it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.agents.acces import autorise
from portal.models import Agent, Role

ROLES = {
    Role.accueil: _l("accueil"),
    Role.travailleur_social: _l("travailleur social"),
    Role.conseiller_numerique: _l("conseiller numérique"),
    Role.responsable: _l("responsable"),
    Role.admin: _l("administrateur"),
}


@dataclass(frozen=True)
class Outil:
    titre: LazyString
    endpoint: str

    @property
    def url(self) -> str:
        return url_for(self.endpoint)


# Who sees each tool is who may open its page (portal.agents.acces).
OUTILS = [
    Outil(_l("Mes accompagnements et mandats"), "aidants.accueil"),
    Outil(_l("File du premier accueil"), "accueil.file"),
    Outil(_l("Agenda des rendez-vous"), "rendez_vous_agent.agenda"),
    Outil(_l("Ateliers et réunions"), "rendez_vous_agent.ateliers"),
    Outil(_l("Indicateurs"), "indicateurs.indicateurs"),
    Outil(_l("QR codes des courriers"), "courriers.admin_qr"),
    Outil(_l("Journal des demandes"), "accueil.journal"),
    Outil(_l("Faire de cet appareil une borne"), "borne.installer"),
    Outil(_l("Les bornes"), "borne.liste"),
]


def outils_agent(agent: Agent) -> list[Outil]:
    return [outil for outil in OUTILS if autorise(agent, outil.endpoint)]
