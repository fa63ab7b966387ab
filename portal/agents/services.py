"""Creating agents and signing them in. Plain functions: the clock and session are passed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.agents.acces import ACCUEIL
from portal.agents.passwords import hash_password, needs_rehash, verify_password
from portal.agents.perms import agent_verrouille, current_agent, deverrouiller
from portal.catalogue import current_catalogue
from portal.models import Agent, LieuRef, Role, TerritoireRef

ECHECS_AVANT_BLOCAGE = 5
DUREE_BLOCAGE = timedelta(minutes=15)
LONGUEUR_MIN_MOT_DE_PASSE = 12


class AgentError(Exception):
    """A domain error whose message is shown to the agent."""


class IdentifiantsInvalides(AgentError):
    pass


@dataclass
class CompteBloque(AgentError):
    jusqu_a: datetime


class DonneesAgentInvalides(AgentError):
    def __init__(self, erreurs: dict[str, str]) -> None:
        super().__init__(erreurs)
        self.erreurs = erreurs


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_agent(
    session: Session,
    *,
    email: str,
    prenom: str,
    nom: str,
    role: Role | str,
    mot_de_passe: str,
    territoire_id: str | None = None,
    lieux: list[str] | None = None,
    structure_id: str | None = None,
    salarie: bool = False,
) -> Agent:
    erreurs: dict[str, str] = {}
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        erreurs["email"] = "Adresse e-mail invalide."
    elif session.scalar(select(func.count()).select_from(Agent).where(Agent.email == email)):
        erreurs["email"] = "Un compte existe déjà avec cette adresse."
    if role not in {r.value for r in Role}:
        erreurs["role"] = f"Rôle inconnu : {role}."
    if len(mot_de_passe) < LONGUEUR_MIN_MOT_DE_PASSE:
        erreurs["mot_de_passe"] = (
            f"Le mot de passe doit faire au moins {LONGUEUR_MIN_MOT_DE_PASSE} caractères."
        )
    if territoire_id is not None and session.get(TerritoireRef, territoire_id) is None:
        erreurs["territoire"] = f"Territoire inconnu : {territoire_id}."
    lieux_rows = [session.get(LieuRef, lieu_id) for lieu_id in lieux or []]
    if None in lieux_rows:
        erreurs["lieux"] = "Lieu inconnu."
    erreurs.update(_check_structure(role, structure_id, salarie))
    if erreurs:
        raise DonneesAgentInvalides(erreurs)
    agent = Agent(
        email=email,
        prenom=prenom.strip(),
        nom=nom.strip(),
        role=Role(role),
        mot_de_passe_hash=hash_password(mot_de_passe),
        territoire_id=territoire_id,
        lieux=[row for row in lieux_rows if row is not None],
        structure_id=structure_id,
        salarie=salarie,
    )
    session.add(agent)
    session.flush()
    return agent


def _check_structure(role: Role | str, structure_id: str | None, salarie: bool) -> dict[str, str]:
    """A conseiller numérique acts for people: only a salaried professional of a known
    structure gets the role (as in Aidants Connect)."""
    erreurs: dict[str, str] = {}
    if structure_id is not None and structure_id not in current_catalogue().structures:
        erreurs["structure"] = f"Structure inconnue : {structure_id}."
    if role == Role.conseiller_numerique:
        if structure_id is None:
            erreurs.setdefault("structure", "Un conseiller numérique appartient à une structure.")
        if not salarie:
            erreurs["salarie"] = (
                "Seuls les salariés d'une structure reçoivent le rôle de conseiller numérique."
            )
    return erreurs


def authenticate(session: Session, *, email: str, mot_de_passe: str, now: datetime) -> Agent:
    """The agent, or an error; failed attempts are counted and lock the account for a while."""
    agent = session.scalar(select(Agent).where(Agent.email == normalise_email(email)))
    if agent is not None and agent.bloque_jusqu_a is not None:
        jusqu_a = _aware(agent.bloque_jusqu_a, now)
        if jusqu_a > now:
            verify_password(None, mot_de_passe)  # same cost as a real check
            raise CompteBloque(jusqu_a)
    if agent is None or not agent.actif:
        verify_password(None, mot_de_passe)
        raise IdentifiantsInvalides()
    if not verify_password(agent.mot_de_passe_hash, mot_de_passe):
        agent.echecs_connexion += 1
        if agent.echecs_connexion >= ECHECS_AVANT_BLOCAGE:
            agent.bloque_jusqu_a = now + DUREE_BLOCAGE
            agent.echecs_connexion = 0
            session.commit()
            raise CompteBloque(agent.bloque_jusqu_a)
        session.commit()
        raise IdentifiantsInvalides()
    agent.echecs_connexion = 0
    agent.bloque_jusqu_a = None
    agent.derniere_connexion = now
    if needs_rehash(agent.mot_de_passe_hash):
        agent.mot_de_passe_hash = hash_password(mot_de_passe)
    session.commit()
    return agent


def _aware(moment: datetime, now: datetime) -> datetime:
    # SQLite returns naive datetimes; they were stored in the same zone as `now`.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=now.tzinfo)


# Re-exported: the door's public surface (other doors, the API and the CLI import only this).
__all__ = [
    "ACCUEIL",
    "create_agent",
    "agent_verrouille",
    "current_agent",
    "deverrouiller",
]
