"""`content/partenaires/<id>.yml`: where the premier accueil orients a person.

Agent pages are in French (translatable), so a partner's texts are French only.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, HttpUrl

from portal.catalogue.schemas.common import ContentModel, TexteCourt


class GenrePartenaire(StrEnum):
    travailleur_social = "travailleur_social"
    france_services = "france_services"
    caf = "caf"
    cpam = "cpam"
    msa = "msa"
    mdph = "mdph"
    ccas = "ccas"
    france_travail = "france_travail"
    association = "association"


class Partenaire(ContentModel):
    demo: bool = False
    nom: TexteCourt
    genre: GenrePartenaire
    # What they do, in one sentence, for the agent choosing where to orient.
    role: TexteCourt
    telephone: Annotated[str, Field(pattern=r"^[0-9 +]{4,20}$")] | None = None
    site: HttpUrl | None = None
    # Empty: the whole département.
    territoires: list[str] = []
    # Topics (the triage's) this partner is suggested for first.
    topics: list[str] = []
