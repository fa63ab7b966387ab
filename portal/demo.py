"""Demo accounts for `make run`: random passwords, written once to a file only you can read."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.agents.services import create_agent
from portal.models import Agent, Role

COMPTES = [
    ("admin@demo.bonne-porte.fr", "Alex", "Admin", Role.admin, None),
    ("accueil.evreux@demo.bonne-porte.fr", "Camille", "Accueil", Role.accueil, "evreux"),
]


def create_demo_agents(session: Session, *, var_dir: Path) -> Path | None:
    """Creates the demo agents once; returns the file listing them, or None if they exist."""
    if session.scalar(select(func.count()).select_from(Agent)):
        return None
    lignes = ["# Comptes de démonstration de Bonne Porte (à ne pas utiliser en production)"]
    for email, prenom, nom, role, territoire in COMPTES:
        mot_de_passe = secrets.token_urlsafe(12)
        create_agent(
            session,
            email=email,
            prenom=prenom,
            nom=nom,
            role=role,
            mot_de_passe=mot_de_passe,
            territoire_id=territoire,
        )
        lignes.append(f"{email}  {mot_de_passe}  ({role.value})")
    var_dir.mkdir(parents=True, exist_ok=True)
    fichier = var_dir / "comptes_demo.txt"
    fd = os.open(fichier, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(lignes) + "\n")
    return fichier
