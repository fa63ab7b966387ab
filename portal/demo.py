"""Demo accounts for `make run`: one for every role, random passwords, written once to a file
only you can read (`var/comptes_demo.txt`)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.agents.services import create_agent
from portal.catalogue import Catalogue
from portal.models import Agent, Role


@dataclass(frozen=True)
class Compte:
    email: str
    prenom: str
    role: Role
    territoire: str | None = None
    structure: str | None = None  # a conseiller numérique's structure (content/structures)


FIXES = [
    Compte("admin@demo.bonne-porte.fr", "Alex", Role.admin),
    Compte("responsable@demo.bonne-porte.fr", "Claude", Role.responsable, "evreux"),
    Compte("travailleur.social@demo.bonne-porte.fr", "Sam", Role.travailleur_social, "evreux"),
]
# Two structures of different territories: each conseiller sees his structure's mandates only.
CONSEILLERS = ("msd-evreux", "fs-val-de-reuil")


def comptes(catalogue: Catalogue) -> list[Compte]:
    """Every role: admin, responsable, an accueil of each territory, two conseillers."""
    accueils = [
        Compte(f"accueil.{t.replace('_', '-')}@demo.bonne-porte.fr", "Camille", Role.accueil, t)
        for t in sorted(catalogue.territoires)
    ]
    conseillers = [
        Compte(f"conseiller.{s}@demo.bonne-porte.fr", "Lou", Role.conseiller_numerique,
               catalogue.structures[s].territoire, s)
        for s in CONSEILLERS if s in catalogue.structures
    ]
    return [*FIXES, *accueils, *conseillers]


def create_demo_agents(session: Session, *, catalogue: Catalogue, var_dir: Path) -> Path | None:
    """Creates the demo agents once; returns the file listing them, or None if they exist."""
    if session.scalar(select(func.count()).select_from(Agent)):
        return None
    lignes = ["# Comptes de démonstration de Bonne Porte (à ne pas utiliser en production)"]
    for compte in comptes(catalogue):
        mot_de_passe = secrets.token_urlsafe(12)
        lieu = catalogue.structures[compte.structure].lieu if compte.structure else None
        create_agent(
            session,
            email=compte.email,
            prenom=compte.prenom,
            nom="Démo",
            role=compte.role,
            mot_de_passe=mot_de_passe,
            territoire_id=compte.territoire,
            lieux=[lieu] if lieu else [],
            structure_id=compte.structure,
            salarie=compte.structure is not None,
        )
        detail = compte.territoire or "tout le département"
        if compte.structure:
            detail = f"structure {compte.structure}"
        lignes.append(f"{compte.email}  {mot_de_passe}  ({compte.role.value}, {detail})")
    var_dir.mkdir(parents=True, exist_ok=True)
    fichier = var_dir / "comptes_demo.txt"
    fd = os.open(fichier, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(lignes) + "\n")
    return fichier
