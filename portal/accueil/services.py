"""The premier accueil door's public surface: the demandes (creating, finding, following them)
and the form a person leaves one with. Other doors, the API and the CLI import the door only from
this module (import contracts in pyproject.toml)."""

from __future__ import annotations

from portal.accueil.demandes import (
    Accuse,
    DemandeClose,
    DemandeIntrouvable,
    create_demande,
    get_demande,
    visible_par,
)
from portal.accueil.forms import RelaisForm
from portal.accueil.libelles import AUTRES_TOPICS, URGENCES
from portal.accueil.saisie import submit_demande
from portal.accueil.schemas import TOPICS, NouvelleDemande
from portal.accueil.suivi import DemandeModifiee, lier_rendez_vous
from portal.accueil.textes import texte_accuse

__all__ = [
    "AUTRES_TOPICS",
    "TOPICS",
    "URGENCES",
    "Accuse",
    "DemandeClose",
    "DemandeIntrouvable",
    "DemandeModifiee",
    "NouvelleDemande",
    "RelaisForm",
    "create_demande",
    "get_demande",
    "lier_rendez_vous",
    "submit_demande",
    "texte_accuse",
    "visible_par",
]
