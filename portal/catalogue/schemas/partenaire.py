"""`content/partenaires/<id>.yml`: where the premier accueil orients a person.

One file is one partner: the département adds its own by adding a file (the file name is its
id); `flask --app portal content check` says what is wrong, field by field.
Agent pages are in French (translatable), so a partner's texts are French only.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, HttpUrl

from portal.catalogue.schemas.common import ContentModel, TexteCourt
from portal.catalogue.schemas.lexique import Topic


class GenrePartenaire(StrEnum):
    travailleur_social = "travailleur_social"
    france_services = "france_services"
    caf = "caf"
    cpam = "cpam"
    msa = "msa"
    mdph = "mdph"
    ccas = "ccas"
    france_travail = "france_travail"
    siao = "siao"  # 115, hébergement d'urgence
    mission_locale = "mission_locale"
    association = "association"
    autre = "autre"  # a partner of the département's own, of no kind above


class Partenaire(ContentModel):
    demo: bool = False
    nom: TexteCourt
    genre: GenrePartenaire
    # What they do, in one sentence, for the agent choosing where to orient.
    role: TexteCourt
    # Short numbers too (115, 3919).
    telephone: Annotated[str, Field(pattern=r"^[0-9 +]{3,20}$")] | None = None
    site: HttpUrl | None = None
    # Empty: the whole département.
    territoires: list[str] = []
    # Topics (the triage's, or "urgence") this partner is suggested for first.
    topics: list[Topic | Literal["urgence"]] = []
