"""One validation for a new demande, shared by `POST /api/v1/demandes` and the `/demande` form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from flask_babel import gettext as _
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from portal import validation
from portal.catalogue import Catalogue
from portal.lieux.services import Statut, index_for
from portal.models import ModeContact, Urgence
from portal.models.demande import TOPICS
from portal.validation import ErreurChamp

URGENCES = tuple(Urgence)

Texte = Annotated[str, StringConstraints(strip_whitespace=True)]


class NouvelleDemande(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # First: the checks of the commune and of the agreement depend on it. Set by the form
    # (the person says so) or by a trusted caller (the action server, with the service token).
    urgence: str | None = None
    prenom: Annotated[Texte, Field(min_length=1, max_length=100)]  # or a pseudonym
    # Optional for an urgent demande only: calling back comes first; it is asked later.
    commune: Annotated[Texte, Field(max_length=100)] | None = Field(None, validate_default=True)
    contact: ModeContact
    telephone: Annotated[
        Texte | None, Field(max_length=30), AfterValidator(validation.telephone_fr)
    ] = None
    email: Annotated[Texte | None, Field(max_length=254), AfterValidator(validation.email)] = None
    topic: str = "autre"
    message: Annotated[Texte, Field(max_length=2000)] | None = None
    consentement: bool = Field(False, validate_default=True)
    # Only trusted callers (the action server, with the service token) may set it.
    session: Annotated[str, Field(max_length=64)] | None = None

    # What a person typed (a name or a postal code), when no INSEE code is given.
    commune_saisie: Annotated[Texte, Field(max_length=100)] | None = Field(None, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _saisie(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict):
            return data
        if not data.get("contact"):
            # Only a phone (or only an e-mail) given: that is how to answer.
            if data.get("telephone") and not data.get("email"):
                data = {**data, "contact": ModeContact.telephone.value}
            elif data.get("email") and not data.get("telephone"):
                data = {**data, "contact": ModeContact.email.value}
        saisie = data.get("commune_saisie")
        if saisie is not None:
            if not str(saisie).strip() and _urgente(data, info):
                return {**data, "commune": None}
            try:
                code = resolve_commune(str(saisie), info.context["catalogue"])
            except ValueError as exc:
                code = _Introuvable(str(exc))
            data = {**data, "commune": code}
        return data

    @field_validator("commune", mode="before")
    @classmethod
    def _commune(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            if _urgente(info.data, info):
                return None  # calling back first; the commune is asked on the phone
            raise ValueError(_("Écrivez le nom de votre commune."))
        if isinstance(value, _Introuvable):
            raise ValueError(value.message)
        if value not in info.context["catalogue"].communes:
            raise ValueError(_("Cette commune n'est pas dans le département."))
        return value

    @field_validator("topic")
    @classmethod
    def _topic(cls, value: str) -> str:
        if value not in TOPICS and value not in {"humain", "urgence"}:
            raise ValueError(_("Choisissez un sujet dans la liste."))
        return value

    @field_validator("urgence")
    @classmethod
    def _urgence(cls, value: str | None) -> str | None:
        if value is not None and value not in URGENCES:
            raise ValueError(_("Type d'urgence inconnu."))
        return value

    @field_validator("consentement")
    @classmethod
    def _consentement(cls, value: bool, info: ValidationInfo) -> bool:
        # Urgent: asking to be called back is the agreement; the person is told on the page.
        if not value and not _urgente(info.data, info):
            raise ValueError(
                _("Cochez la case pour accepter que nous gardions ces informations.")
            )
        return value

    @model_validator(mode="after")
    def _moyen_de_contact(self) -> NouvelleDemande:
        if self.contact == ModeContact.telephone and not self.telephone:
            raise _champ("telephone", _("Donnez un numéro de téléphone pour être rappelé."))
        if self.contact == ModeContact.email and not self.email:
            raise _champ("email", _("Donnez une adresse e-mail pour recevoir la réponse."))
        if self.contact == ModeContact.chat and not self.session:
            raise _champ("contact", _("Choisissez le téléphone ou l'e-mail."))
        return self


def _urgente(data: dict[str, Any], info: ValidationInfo) -> bool:
    """Urgent: the form or the service says so, or the conversation's triage did (context)."""
    return bool(data.get("urgence")) or bool((info.context or {}).get("urgent"))


def _champ(champ: str, message: str) -> ErreurChamp:
    return ErreurChamp(champ, message)


@dataclass(frozen=True)
class _Introuvable:
    message: str


def resolve_commune(texte: str, catalogue: Catalogue) -> str:
    """What a person types (a name, a postal code) → one commune's INSEE code, or why not."""
    recherche = index_for(catalogue).search(texte)
    if recherche.statut == Statut.trouvee:
        return recherche.communes[0].code
    if recherche.statut == Statut.vide:
        raise ValueError(_("Écrivez le nom de votre commune."))
    noms = ", ".join(f"{c.nom} ({c.codes_postaux[0]})" for c in recherche.communes[:5])
    if recherche.statut == Statut.plusieurs:
        raise ValueError(
            _("Plusieurs communes correspondent : %(noms)s. Écrivez le nom.", noms=noms)
        )
    if noms:
        raise ValueError(_("Commune introuvable. Vouliez-vous dire : %(noms)s ?", noms=noms))
    raise ValueError(_("Nous ne trouvons pas cette commune dans le département."))
