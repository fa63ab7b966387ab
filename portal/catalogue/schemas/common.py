"""Pieces shared by every content schema."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
CodeInsee = Annotated[str, StringConstraints(pattern=r"^(\d{5}|2[AB]\d{3})$")]
CodePostal = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
TexteCourt = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ContentModel(BaseModel):
    """Strict by default: an unknown or misspelt key is an error, and content is read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Texte(ContentModel):
    """A text in every supported language; French is the source."""

    fr: TexteCourt
    en: TexteCourt
    ar: TexteCourt

    def en_langue(self, langue: str) -> str:
        return getattr(self, langue, None) or self.fr


class Coordonnees(ContentModel):
    latitude: Annotated[float, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)]
