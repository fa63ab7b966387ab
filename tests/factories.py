"""Factories: the rows a test needs, with plausible defaults, each field overridable.

One place to build an agent, a demande (with or without its chat) or a plage, so that a change
to a model or a schema is made once for every test."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from portal.accueil.services import NouvelleDemande, create_demande
from portal.agents.services import create_agent
from portal.assistant.services import new_jeton
from portal.catalogue import Catalogue
from portal.lieux.services import sync_referentiel
from portal.models import Agent, Conversation, Demande, MessageConversation, SourceDemande
from portal.models.rendez_vous import Plage

MOT_DE_PASSE = "un mot de passe solide"


def agent(
    session: Session,
    catalogue: Catalogue,
    *,
    role: str = "accueil",
    email: str = "agent@exemple.fr",
    territoire: str | None = "evreux",
    lieux: tuple[str, ...] = (),
    mot_de_passe: str = MOT_DE_PASSE,
    structure: str | None = None,
) -> Agent:
    """An agent (the places and territories are mirrored first); the caller commits.
    A conseiller numérique is a salaried professional of a structure (msd-evreux unless told)."""
    sync_referentiel(session, catalogue)
    conseiller = role == "conseiller_numerique"
    return create_agent(
        session, email=email, prenom="Dominique", nom="Agent", role=role,
        mot_de_passe=mot_de_passe, territoire_id=territoire, lieux=list(lieux),
        structure_id=structure or ("msd-evreux" if conseiller else None), salarie=conseiller,
    )


def demande(
    session: Session,
    catalogue: Catalogue,
    *,
    now: datetime,
    commune: str = "27229",
    avec_chat: bool = False,
    **champs: Any,
) -> Demande:
    """A demande left by the form (or from a chat whose first message is an urgence)."""
    conversation = None
    if avec_chat:
        conversation = Conversation(jeton=new_jeton(), rasa_sender=new_jeton())
        session.add(conversation)
        conversation.messages.append(MessageConversation(de="usager", texte="il me frappe"))
    donnees = NouvelleDemande.model_validate(
        {"prenom": "Samia", "commune": commune, "contact": "telephone",
         "telephone": "06 12 34 56 78", "topic": "logement", "message": "Mon loyer",
         "consentement": True, **champs},
        context={"catalogue": catalogue},
    )
    return create_demande(session, donnees=donnees, source=SourceDemande.formulaire,
                          langue="fr", catalogue=catalogue, now=now,
                          conversation=conversation).demande


def plage(**champs: object) -> Plage:
    """A weekday morning plage (9 h to 12 h) of lieu "l" for motif "m", not stored."""
    valeurs = {"id": 1, "lieu_id": "l", "motifs": ["m"], "jours": [1, 2, 3, 4, 5],
               "heure_debut": time(9), "heure_fin": time(12), "date_debut": date(2026, 11, 23),
               "date_fin": None, "toutes_les_semaines": 1, "actif": True}
    valeurs.update(champs)
    return Plage(**valeurs)
