"""Who may open which agent page: one table, checked before every request under /agent.

- Not signed in, or idle for more than 15 minutes: back to sign-in, then back to the page
  asked for. What a page fetches by itself gets 401 when not signed in; when the session is
  locked (idle), it is let through and answers with the counts only (no personal data).
- Signed in without the role: 403.
- A page under /agent that no rule covers: 403 for everyone (closed by default).

Which objects an agent sees (territory, lieux, what a conseiller numérique made himself) is
decided where they are looked up: `accueil.services.visible_par`, `rendez_vous.perms`.
The matrix test (tests/integration/agents/test_matrice_roles.py) checks every route.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, abort, current_app, g, request

from portal.agents.perms import agent_verrouille, current_agent, to_sign_in
from portal.models import Agent, Role

TOUS = frozenset(Role)
# Conseillers numériques help with online procedures; they do not read the demandes.
ACCUEIL = frozenset({Role.accueil, Role.travailleur_social, Role.responsable, Role.admin})
PILOTAGE = frozenset({Role.responsable, Role.admin})
ADMIN = frozenset({Role.admin})
# Acting for a person under a mandate: the salaried conseillers numériques of a structure.
CONSEILLERS = frozenset({Role.conseiller_numerique})


@dataclass(frozen=True)
class Regle:
    prefixe: str  # a URL rule and the rules under it ("/agent/accueil" covers "/agent/accueil/…")
    roles: frozenset[Role] | None  # None: open to all (the sign-in page)
    # False for what a page fetches by itself: it must not keep an idle agent signed in.
    activite: bool = True


# The longest prefix wins.
REGLES = (
    Regle("/agent/connexion", None),
    Regle("/agent/deconnexion", None),
    Regle("/agent/", TOUS),  # the agent's home page (this exact rule only)
    Regle("/agent/accueil", ACCUEIL),
    Regle("/agent/accueil/lignes", ACCUEIL, activite=False),
    Regle("/agent/accueil/<reference>/messages", ACCUEIL, activite=False),
    Regle("/agent/deverrouiller", None),
    Regle("/agent/rendez-vous", TOUS),
    Regle("/agent/aidants", CONSEILLERS),
    Regle("/agent/indicateurs", PILOTAGE),
    Regle("/agent/journal", ADMIN),
    Regle("/agent/courriers", ADMIN),
    Regle("/agent/borne", TOUS),  # any agent turns the device he stands at into a kiosk
    Regle("/agent/bornes", ADMIN),
)


def _couvre(prefixe: str, rule: str) -> bool:
    if prefixe.endswith("/"):
        return rule == prefixe
    return rule == prefixe or rule.startswith((prefixe + "/", prefixe + "."))


def regle_de(rule: str) -> Regle | None:
    """The rule for a URL rule under /agent; None when no rule covers it."""
    regles = [r for r in REGLES if _couvre(r.prefixe, rule)]
    return max(regles, key=lambda r: len(r.prefixe), default=None)


def autorise(agent: Agent, endpoint: str) -> bool:
    """May this agent open the page of `endpoint`? (For links: the agent's tools.)"""
    if endpoint not in current_app.view_functions:
        return False
    for rule in current_app.url_map.iter_rules(endpoint):
        regle = regle_de(rule.rule)
        if regle is None or (regle.roles is not None and agent.role not in regle.roles):
            return False
    return True


def verifier() -> Any:
    """Before every request: the pages under /agent follow REGLES, the others are public."""
    rule = request.url_rule
    if rule is None or not (rule.rule == "/agent" or rule.rule.startswith("/agent/")):
        return None
    regle = regle_de(rule.rule)
    if regle is None:
        abort(403)
    if regle.roles is None:
        return None
    # What a page fetches by itself keeps the agent active only when she did something on
    # the page since the last round (`actif=1`, sent by the page's script).
    g.sans_activite = not regle.activite and request.args.get("actif") != "1"
    agent = current_agent()
    if agent is None:
        verrouille = agent_verrouille()
        if regle.activite:
            return to_sign_in()
        if verrouille is None or verrouille.role not in regle.roles:
            abort(401)
        return None  # locked: the view answers with the counts only
    if agent.role not in regle.roles:
        abort(403)
    return None


def init_app(app: Flask) -> None:
    app.before_request(verifier)
