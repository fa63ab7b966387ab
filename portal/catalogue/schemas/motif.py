"""`content/motifs/<id>.yml`: a reason to book, with its duration, who may book it, its limits.

Delays and cancel/move deadlines live here, not in code: the département changes them per motif.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from portal.catalogue.schemas.common import ContentModel, Texte
from portal.catalogue.schemas.lieu import Lieu, TypeLieu


class Modalite(StrEnum):
    """Where the rendez-vous happens (RDV-Solidarités' `location_type`)."""

    sur_place = "sur_place"
    telephone = "telephone"
    visio = "visio"
    domicile = "domicile"


class Reservant(StrEnum):
    usager = "usager"
    aidant = "aidant"
    agent = "agent"


class Limite(ContentModel):
    """Whether the usager may do it from the manage link, and until how long before."""

    autorise: bool = True
    heures_avant: Annotated[int, Field(ge=0, le=24 * 30)]


class Motif(ContentModel):
    demo: bool = False
    nom: Texte
    description: Texte
    duree_minutes: Annotated[int, Field(ge=5, le=240)]
    modalite: Modalite
    reservable_par: Annotated[list[Reservant], Field(min_length=1)]
    types_lieux: Annotated[list[TypeLieu], Field(min_length=1)]
    # False: only the lieux of the usager's territory (checked again at confirmation).
    hors_secteur: bool = False
    delai_min_heures: Annotated[int, Field(ge=0, le=24 * 30)]
    delai_max_jours: Annotated[int, Field(ge=1, le=366)]
    a_apporter: list[Texte] = []
    instructions: Texte | None = None
    annulation: Limite
    deplacement: Limite
    # A workshop or an information meeting: sessions with seats (RDV-Solidarités' `collectif`).
    collectif: bool = False
    places: Annotated[int, Field(ge=1, le=500)] | None = None  # seats of a new session

    @model_validator(mode="after")
    def _delais(self) -> Motif:
        if self.delai_min_heures >= self.delai_max_jours * 24:
            raise ValueError("delai_min_heures doit être plus court que delai_max_jours")
        return self

    @model_validator(mode="after")
    def _places(self) -> Motif:
        if self.collectif and self.places is None:
            raise ValueError("un motif collectif donne son nombre de places (places)")
        if not self.collectif and self.places is not None:
            raise ValueError("places n'a de sens que pour un motif collectif")
        return self

    @property
    def telephone_obligatoire(self) -> bool:
        """A phone rendez-vous needs a number to call (RDV-Solidarités #1113)."""
        return self.modalite == Modalite.telephone

    def is_offered_at(self, lieu: Lieu) -> bool:
        return lieu.type in self.types_lieux

    def is_bookable_by(self, reservant: Reservant | str) -> bool:
        return Reservant(reservant) in self.reservable_par
