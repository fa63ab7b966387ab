"""Direct answers of the assistant, from content/reponses/ (one YAML file each): a frequent
question recognised by its words gets its answer from the content, also when Rasa is down,
with buttons to the doors of the portal. Dated: `verifie_le`, and `a_verifier` while a date
or a fact is still to be confirmed with the body that pays."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import yaml
from flask import Flask, current_app
from pydantic import Field

from portal.assistant.normalisation import mots
from portal.catalogue.schemas.common import ContentModel, Slug, Texte

Porte = Literal["rendez_vous", "mes_droits", "courrier", "lieux"]
Mot = Annotated[str, Field(pattern=r"^[a-z0-9]+$")]


class ReponseDirecte(ContentModel):
    id: Slug
    verifie_le: date
    a_verifier: bool
    quand: Annotated[list[Annotated[list[Mot], Field(min_length=1)]], Field(min_length=1)]
    texte: Texte
    portes: list[Porte] = []
    humain: bool = False

    def reconnait(self, message: str) -> bool:
        presents = set(mots(message))
        # "tombe" finds "tombé" (accents are gone) and "tombée", "tombes" too.
        return any(all(any(m.startswith(mot) for m in presents) for mot in liste)
                   for liste in self.quand)


def charger(dossier: Path) -> tuple[ReponseDirecte, ...]:
    """Every file of content/reponses/, checked; a wrong file stops the start."""
    if not dossier.is_dir():
        return ()
    return tuple(ReponseDirecte.model_validate(yaml.safe_load(f.read_text(encoding="utf-8")))
                 for f in sorted(dossier.glob("*.yml")))


def trouver(reponses: tuple[ReponseDirecte, ...], message: str) -> ReponseDirecte | None:
    return next((r for r in reponses if r.reconnait(message)), None)


def init_app(app: Flask) -> None:
    app.extensions["reponses_directes"] = charger(Path(app.config["CONTENT_DIR"]) / "reponses")


def actuelles() -> tuple[ReponseDirecte, ...]:
    return current_app.extensions.get("reponses_directes", ())
