"""The département's communes (generated from the official data) and its territories."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from portal.catalogue.schemas.common import (
    CodeInsee,
    CodePostal,
    ContentModel,
    Coordonnees,
    Slug,
    Texte,
)


class Commune(ContentModel):
    code: CodeInsee
    nom: Annotated[str, Field(min_length=1, max_length=100)]
    codes_postaux: Annotated[list[CodePostal], Field(min_length=1)]
    epci: str | None
    population: Annotated[int, Field(ge=0)] | None
    centre: Coordonnees | None


class Epci(ContentModel):
    code: Annotated[str, Field(pattern=r"^\d{9}$")]
    nom: str


class Source(ContentModel):
    paquet: str
    version: str
    genere_le: date


class CommunesFichier(ContentModel):
    """`territoire/communes.json`, written by `scripts/build_communes.py`."""

    source: Source | list[Source]
    epci: list[Epci]
    communes: Annotated[list[Commune], Field(min_length=1)]


class Territoire(ContentModel):
    id: Slug
    nom: Texte
    epci: Annotated[list[Annotated[str, Field(pattern=r"^\d{9}$")]], Field(min_length=1)]


class TerritoiresFichier(ContentModel):
    """`territoire/territoires.yml`: the grouping of EPCI into territoires de solidarités."""

    demo: bool
    territoires: Annotated[list[Territoire], Field(min_length=1)]
