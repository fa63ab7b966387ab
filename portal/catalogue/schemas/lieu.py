"""A place where people are received. Field names follow the data·inclusion structure schema."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import opening_hours
import phonenumbers
from pydantic import AfterValidator, EmailStr, Field, HttpUrl

from portal.catalogue.schemas.common import CodeInsee, CodePostal, ContentModel, Slug, Texte


class TypeLieu(StrEnum):
    maison_des_solidarites = "maison_des_solidarites"
    france_services = "france_services"
    antenne = "antenne"
    permanence = "permanence"


def _horaires_osm(value: str) -> str:
    try:
        opening_hours.OpeningHours(value, country="FR")
    except Exception as exc:  # the parser raises its own error types
        raise ValueError(f"horaires au format OSM opening_hours invalides : {exc}") from None
    return value


def _e164(value: str) -> str:
    try:
        numero = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise ValueError("numéro de téléphone au format E.164 attendu (+33…)") from None
    if not phonenumbers.is_possible_number(numero) or value != phonenumbers.format_number(
        numero, phonenumbers.PhoneNumberFormat.E164
    ):
        raise ValueError("numéro de téléphone au format E.164 attendu (+33…)")
    return value


class Lieu(ContentModel):
    demo: bool = False
    nom: Annotated[str, Field(min_length=1, max_length=150)]
    type: TypeLieu
    reseaux_porteurs: list[Slug]
    territoire: Slug
    description: Texte
    adresse: Annotated[str, Field(min_length=1, max_length=200)]
    complement_adresse: str | None = None
    code_postal: CodePostal
    code_insee: CodeInsee
    commune: str
    latitude: Annotated[float, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)]
    telephone: Annotated[str, AfterValidator(_e164)]
    courriel: EmailStr | None = None
    horaires_accueil: Annotated[str, AfterValidator(_horaires_osm)]
    accessibilite: Texte
    accessibilite_lieu: HttpUrl | None = None
