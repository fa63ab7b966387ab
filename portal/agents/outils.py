"""The agent tools shown on the agent home page: each appears once its page exists."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.models import Agent, Role
from portal.templating import porte_ouverte

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
    roles: frozenset[Role]

    @property
    def url(self) -> str:
        return url_for(self.endpoint)


TOUS = frozenset(Role)
# Conseillers numériques help with online procedures; they do not read the demandes.
ACCUEIL = frozenset({Role.accueil, Role.travailleur_social, Role.responsable, Role.admin})
OUTILS = [
    Outil(_l("File du premier accueil"), "accueil.file", ACCUEIL),
    Outil(_l("Agenda des rendez-vous"), "rendez_vous_agent.agenda", TOUS),
    Outil(_l("Indicateurs"), "indicateurs.indicateurs", frozenset({Role.admin, Role.responsable})),
    Outil(_l("QR codes des courriers"), "courriers.admin_qr", frozenset({Role.admin})),
    Outil(_l("Journal des demandes"), "accueil.journal", frozenset({Role.admin})),
]


def outils_agent(agent: Agent) -> list[Outil]:
    return [
        outil
        for outil in OUTILS
        if porte_ouverte(outil.endpoint) and agent.role in outil.roles
    ]
