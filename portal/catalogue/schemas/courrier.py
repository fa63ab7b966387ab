"""A letter template the département sends, with its plain-language explanation.

The code printed on the letter (next to its QR code) is stable: a new version of the letter
keeps its code, and each version carries the dates it was sent.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, HttpUrl, StringConstraints, model_validator

from portal.catalogue.schemas.common import ContentModel, Slug, Texte

# Short enough to type from paper: RSA-CTRL, APA-PLAN, PMI-BILAN.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,5}(-[A-Z0-9]{2,8}){1,2}$")]
DATE = "{date}"


def normalise_code(texte: str) -> str:
    """What people type, reduced to what identifies a code: case, spaces and dashes ignored."""
    return re.sub(r"[^A-Z0-9]", "", texte.upper())


class Theme(StrEnum):
    """The list by theme; the same topics as the assistant's triage."""

    rsa = "rsa"
    autonomie = "autonomie"
    handicap = "handicap"
    logement = "logement"
    enfance_famille = "enfance_famille"


class Version(ContentModel):
    numero: Annotated[int, Field(ge=1)]
    depuis: date
    jusqu_au: date | None = None
    # The template reference printed in small type on the letter, if any.
    reference: Annotated[str, Field(min_length=1, max_length=60)] | None = None
    changements: Texte | None = None

    @model_validator(mode="after")
    def _periode(self) -> Version:
        if self.jusqu_au is not None and self.jusqu_au < self.depuis:
            raise ValueError("jusqu_au est avant depuis")
        return self


class Recours(ContentModel):
    """How to contest the decision; the delay counts from the day the letter is received."""

    delai_mois: Annotated[int, Field(ge=1, le=24)]
    aupres_de: Texte
    comment: Texte


class TypeAide(StrEnum):
    rendez_vous = "rendez_vous"  # booking, with the motif
    question = "question"  # the assistant, or the "laisser une demande" form
    lieu = "lieu"  # Trouver un lieu
    lien = "lien"  # an official online service


class QuiAide(ContentModel):
    type: TypeAide
    texte: Texte
    motif: Slug | None = None
    url: HttpUrl | None = None

    @model_validator(mode="after")
    def _cible(self) -> QuiAide:
        if (self.type == TypeAide.rendez_vous) != (self.motif is not None):
            raise ValueError("motif : obligatoire pour un rendez-vous, et seulement pour lui")
        if (self.type == TypeAide.lien) != (self.url is not None):
            raise ValueError("url : obligatoire pour un lien, et seulement pour lui")
        return self


class Courrier(ContentModel):
    code: Code
    theme: Theme
    # False until beneficiaries have re-read the text; the page says so meanwhile.
    relu_par_usagers: bool
    relu_le: date | None = None
    service: Texte
    titre: Texte
    resume: Texte
    versions: Annotated[list[Version], Field(min_length=1)]
    pourquoi: Texte
    etapes: Annotated[list[Texte], Field(min_length=1)]
    delai: Texte
    # The sentence shown when the QR code carries a signed date, with "{date}" in it.
    echeance: Texte
    sinon: Texte
    documents: list[Texte] = []
    recours: Recours | None = None
    qui_aide: Annotated[list[QuiAide], Field(min_length=1)]

    @model_validator(mode="after")
    def _coherence(self) -> Courrier:
        if self.relu_par_usagers != (self.relu_le is not None):
            raise ValueError("relu_le : la date de relecture, seulement si relu_par_usagers")
        for langue in ("fr", "en", "ar"):
            texte = getattr(self.echeance, langue)
            if texte.count(DATE) != 1 or texte.replace(DATE, "").count("{"):
                raise ValueError(f"echeance.{langue} : {DATE} une fois, sans autre accolade")
        _check_versions(self.versions)
        return self

    def version_du(self, jour: date) -> Version:
        """The version sent on that day; the first one for an earlier day."""
        en_cours = [v for v in self.versions if v.depuis <= jour]
        return en_cours[-1] if en_cours else self.versions[0]


def _check_versions(versions: list[Version]) -> None:
    for avant, apres in zip(versions, versions[1:], strict=False):
        if apres.numero <= avant.numero:
            raise ValueError("versions : numéros croissants")
        if avant.jusqu_au is None:
            raise ValueError(f"versions : la version {avant.numero} doit avoir une date de fin")
        if apres.depuis <= avant.jusqu_au:
            raise ValueError(f"versions : la version {apres.numero} chevauche la précédente")
