"""Emergency numbers shown on every page's Urgence link and by the assistant."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from portal.catalogue.schemas.common import ContentModel, Texte


class Canal(StrEnum):
    appel = "appel"
    sms = "sms"


class Numero(ContentModel):
    numero: Annotated[str, Field(pattern=r"^\d{2,10}$")]
    canal: Canal
    nom: Texte
    pour: Texte
    disponibilite: Texte
    urgences: list[str] = []


class NumerosFichier(ContentModel):
    numeros: Annotated[list[Numero], Field(min_length=1)]
