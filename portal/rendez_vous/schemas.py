"""One validation for the API and the forms: `POST /api/v1/rendez-vous` and the contact step
both parse into `DemandeRendezVous`, and errors are keyed the same way (`usager.telephone`)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from flask_babel import gettext as _
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from unidecode import unidecode

from portal import validation
from portal.catalogue import Catalogue
from portal.validation import DonneesInvalides, ErreurChamp, validation_errors

_CONTROLE = re.compile(r"[\x00-\x1f\x7f]")


def _vide_est_absent(value: Any) -> Any:
    """A form sends "" for an empty field: that is "not given"."""
    return None if isinstance(value, str) and not value.strip() else value


Optionnel = BeforeValidator(_vide_est_absent)


def normalise_telephone(value: str) -> str:
    """A French or international number, written any usual way, as E.164 (+33612345678)."""
    return validation.telephone_fr(value) or ""


def is_mobile(e164: str) -> bool:
    """An SMS can reach it (portal/validation.py decides, for the forms and the API alike)."""
    return validation.est_portable(e164)


class CanalReservation(StrEnum):
    """Where a booking is made: who is there to tell the person the date when no message can."""

    en_ligne = "en_ligne"  # the person alone, on her own device or through the API
    agent = "agent"  # an agent books for her, on the phone or at the desk
    borne = "borne"  # a kiosk of a lieu: she leaves with the printed ticket


def contact_obligatoire(canal: str) -> bool:
    """A phone or an e-mail is required online only: with an agent or at a kiosk, a person who
    has neither still books, with a warning, and leaves with the date told or printed."""
    return CanalReservation(canal) == CanalReservation.en_ligne


def lettres(texte: str) -> str:
    """Latin letters only, accents removed, lower case (a name in another script transliterated)."""
    return re.sub(r"[^a-z0-9]", "", unidecode(texte).lower())


def lettres_du_nom(texte: str) -> str:
    """Letters of any script, marks (accents, harakat) removed, case folded: "Lefèvre" → "lefevre",
    "بنعلي" → "بنعلي". The 3-letter check cuts both sides after this same normalisation."""
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if c.isalnum()).casefold()


def _catalogue(info: ValidationInfo) -> Catalogue:
    return info.context["catalogue"]  # type: ignore[index]


def _lieu_du_catalogue(value: str, info: ValidationInfo) -> str:
    if value not in _catalogue(info).lieux:
        raise ValueError(_("Ce lieu n'existe pas."))
    return value


def _motif_du_catalogue(value: str, info: ValidationInfo) -> str:
    if value not in _catalogue(info).motifs:
        raise ValueError(_("Ce motif de rendez-vous n'existe pas."))
    return value


# An id of the catalogue (the validation context); put after the length limits, it runs last.
LieuConnu = AfterValidator(_lieu_du_catalogue)
MotifConnu = AfterValidator(_motif_du_catalogue)


class Usager(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    prenom: Annotated[str, Field(min_length=1, max_length=100)]
    nom: Annotated[str, Field(min_length=1, max_length=100)]
    telephone: Annotated[Annotated[str, Field(max_length=30)] | None, Optionnel] = None
    # What the person said the number is: "portable" (the field promises an SMS, a landline is
    # refused) or "fixe" (accepted, no SMS). Absent: read from the number. Once valid, it is
    # the number's real kind, and it is null without a number.
    telephone_type: Annotated[Literal["portable", "fixe"] | None, Optionnel] = None
    email: Annotated[Annotated[str, Field(max_length=254)] | None, Optionnel] = None

    @field_validator("prenom", "nom")
    @classmethod
    def _nom(cls, value: str) -> str:
        if _CONTROLE.search(value) or not lettres(value):
            raise ValueError(_("Écrivez des lettres."))
        return value

    @field_validator("telephone")
    @classmethod
    def _telephone(cls, value: str | None) -> str | None:
        return None if value is None else normalise_telephone(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return validation.email(value)

    @model_validator(mode="after")
    def _type_telephone(self) -> Usager:
        if self.telephone is None:
            self.telephone_type = None
            return self
        if self.telephone_type == "portable":
            try:
                validation.telephone_portable(self.telephone)
            except ValueError as exc:
                raise ErreurChamp("telephone", str(exc)) from None
        self.telephone_type = validation.type_telephone(self.telephone)
        return self


class DemandeRendezVous(BaseModel):
    """What it takes to book: context `catalogue` (a Catalogue) is required."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    lieu: Annotated[str, Field(min_length=1, max_length=64), LieuConnu]
    motif: Annotated[str, Field(min_length=1, max_length=64), MotifConnu]
    debut: Annotated[AwareDatetime, Field(
        description="ISO 8601 avec le décalage horaire, un créneau de GET /creneaux")]
    commune: Annotated[Annotated[str, Field(max_length=5)] | None, Optionnel, Field(
        description="Code INSEE de la commune de l'usager ; s'il est donné, le secteur est vérifié"
    )] = None
    usager: Usager

    @field_validator("commune")
    @classmethod
    def _commune(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and value.upper() not in _catalogue(info).communes:
            raise ValueError(_("Cette commune n'est pas dans le département."))
        return None if value is None else value.upper()

    @model_validator(mode="after")
    def _contact(self, info: ValidationInfo) -> DemandeRendezVous:
        sans_contact = self.usager.telephone is None and self.usager.email is None
        if sans_contact and (info.context or {}).get("contact_obligatoire", True):
            raise ValueError("contact")  # placed on the right field by `parse_demande`
        return self


class CreneauxQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lieu: Annotated[str, Field(max_length=64), LieuConnu]
    motif: Annotated[str, Field(max_length=64), MotifConnu]
    du: date | None = None
    au: date | None = None


def parse_demande(
    data: dict[str, Any], *, catalogue: Catalogue, canal: str = CanalReservation.en_ligne
) -> DemandeRendezVous:
    """A valid request, or DonneesInvalides with one translated message per field."""
    contexte = {"catalogue": catalogue, "contact_obligatoire": contact_obligatoire(canal)}
    try:
        return DemandeRendezVous.model_validate(data, context=contexte)
    except ValidationError as exc:
        erreurs = validation_errors(exc)
    if erreurs.get("_") == "contact":
        del erreurs["_"]
        erreurs["usager.telephone"] = _("Donnez un numéro de téléphone ou une adresse e-mail.")
    if "debut" in erreurs:
        erreurs["debut"] = _(
            "Écrivez la date et l'heure avec le fuseau, par exemple 2026-11-24T09:00:00+01:00."
        )
    raise DonneesInvalides(erreurs)


def parse_creneaux_query(data: dict[str, Any], *, catalogue: Catalogue) -> CreneauxQuery:
    try:
        return CreneauxQuery.model_validate(data, context={"catalogue": catalogue})
    except ValidationError as exc:
        raise DonneesInvalides(validation_errors(exc)) from None


def debut_iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
