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


class Departement(ContentModel):
    """The département as sentences name it: no département name is written in the code."""

    nom: Annotated[str, Field(min_length=1, max_length=100)]
    de: Texte  # after « Département » in French (« de » and the article); the name in en, ar
    dans: Texte  # « Nous ne trouvons pas cette commune dans … »
    expediteur_sms: Annotated[str, Field(pattern=r"^[A-Za-z0-9 ]{1,11}$")]

    def mots(self, langue: str) -> dict[str, str]:
        """The placeholders of translated sentences: %(departement)s, %(dans_departement)s."""
        return {"departement": self.de.en_langue(langue),
                "dans_departement": self.dans.en_langue(langue)}


class TerritoiresFichier(ContentModel):
    """`territoire/territoires.yml`: the grouping of EPCI into territoires de solidarités."""

    demo: bool
    departement: Departement
    territoires: Annotated[list[Territoire], Field(min_length=1)]
