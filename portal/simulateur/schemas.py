"""The body of `POST /api/v1/simulations`, validated once for the API and the HTML flow.

Validation needs a context: `{"communes": set of INSEE codes, "today": date}`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from portal.simulateur.montants import read_montant

# Upper bounds catch typing slips (an extra zero), not real situations.
MONTANT_MAX = 100_000
LOYER_MAX = 10_000
ENFANTS_MAX = 15
MOIS_ECART_MAX = 12  # a simulation is for a month close to today


class Activite(StrEnum):
    salarie = "salarie"
    chomeur = "chomeur"
    etudiant = "etudiant"
    retraite = "retraite"
    inactif = "inactif"
    independant = "independant"


class StatutLogement(StrEnum):
    locataire = "locataire"
    proprietaire = "proprietaire"
    heberge = "heberge"
    sans_domicile = "sans_domicile"


class Sejour(StrEnum):
    """Nationality and residence permit, as far as the aids need them. Not asked, OpenFisca
    assumes the first; any other answer makes some aids "à vérifier" (content: a_verifier_si)."""

    francaise_ue = "francaise_ue"
    titre_5_ans_plus = "titre_5_ans_plus"
    titre_moins_5_ans = "titre_moins_5_ans"
    sans_titre = "sans_titre"
    ne_dit_pas = "ne_dit_pas"

    @property
    def label(self) -> str:
        return str(LIBELLES_SEJOUR[self])


LIBELLES_SEJOUR = {
    Sejour.francaise_ue: _l("Oui"),
    Sejour.titre_5_ans_plus: _l("Non, et j'ai un titre de séjour depuis 5 ans ou plus"),
    Sejour.titre_moins_5_ans: _l("Non, et j'ai un titre de séjour depuis moins de 5 ans"),
    Sejour.sans_titre: _l("Non, et je n'ai pas de titre de séjour"),
    Sejour.ne_dit_pas: _l("Je préfère ne pas répondre"),
}




def _montant_ecrit(value: Any) -> Any:
    """A number as JSON, or a text read as the form reads it ("1 200,50 €"); a text that could
    mean two amounts ("1.200") is refused: the API cannot ask back."""
    if not isinstance(value, str):
        return value
    lecture = read_montant(value)
    if lecture.valeur is None:
        raise ValueError(gettext("Écrivez un nombre."))
    if lecture.ambigu:
        raise ValueError(gettext("Ce montant peut se lire de deux façons : écrivez un nombre."))
    return lecture.valeur


def _montant_json(maximum: int) -> WithJsonSchema:
    """What the OpenAPI document says of an amount: a number, or a text as people write it."""
    return WithJsonSchema({
        "anyOf": [
            {"type": "number", "minimum": 0, "maximum": maximum},
            {"type": "string", "description": "Un montant écrit, comme « 1 200,50 € »"},
        ],
        "description": "Un nombre, ou un texte ; « 1.200 » (deux lectures possibles) est refusé",
    })


# strict once read: 800, 800.5 and "1 200 €" are accepted; "1.200" (1 200 or 1,2?) is not.
Montant = Annotated[
    float, BeforeValidator(_montant_ecrit), Field(ge=0, le=MONTANT_MAX, strict=True),
    _montant_json(MONTANT_MAX),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _today(info: ValidationInfo) -> date:
    context = info.context or {}
    return context.get("today") or date.today()


def _check_naissance(value: date, info: ValidationInfo) -> date:
    if value > _today(info):
        raise ValueError(gettext("La date de naissance ne peut pas être dans le futur."))
    if value.year < 1900:
        raise ValueError(gettext("Vérifiez l'année de naissance."))
    return value


class Adulte(Strict):
    date_naissance: date
    activite: Activite
    salaire_net_mensuel: Montant = 0
    chomage_net_mensuel: Montant = 0
    retraite_brute_mensuelle: Montant = 0
    taux_incapacite: Annotated[float, Field(ge=0, le=100, strict=True)] = 0
    gir: Annotated[int, Field(ge=1, le=6, strict=True)] | None = None
    sejour: Sejour = Sejour.francaise_ue
    pension_invalidite: Annotated[bool, Field(strict=True)] = False
    # Not given to the engine: "oui" makes some aids "à vérifier" (content: a_verifier_si).
    enceinte: Annotated[bool, Field(strict=True)] = False

    _naissance = field_validator("date_naissance")(_check_naissance)


class Enfant(Strict):
    date_naissance: date

    _naissance = field_validator("date_naissance")(_check_naissance)


class Logement(Strict):
    statut: StatutLogement
    loyer_mensuel: Annotated[
        float, BeforeValidator(_montant_ecrit), Field(ge=0, le=LOYER_MAX, strict=True),
        _montant_json(LOYER_MAX),
    ] = 0
    logement_social: Annotated[bool, Field(strict=True)] = False


class SimulationRequest(Strict):
    mois: Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
    commune: Annotated[str, Field(max_length=10)]
    couple: Annotated[bool, Field(strict=True)]
    adultes: Annotated[list[Adulte], Field(min_length=1, max_length=2)]
    enfants: Annotated[list[Enfant], Field(max_length=ENFANTS_MAX)] = []
    logement: Logement
    # Conditions of the law not given to the engine: "oui" makes some aids "à vérifier"
    # (content: a_verifier_si). Savings or property that brings income; a parent alone since
    # a separation less than 18 months ago; children who also live with their other parent.
    epargne: Annotated[bool, Field(strict=True)] = False
    separation_recente: Annotated[bool, Field(strict=True)] = False
    garde_alternee: Annotated[bool, Field(strict=True)] = False

    @field_validator("mois")
    @classmethod
    def _mois_proche(cls, value: str, info: ValidationInfo) -> str:
        today = _today(info)
        annee, mois = (int(part) for part in value.split("-"))
        if abs((annee - today.year) * 12 + mois - today.month) > MOIS_ECART_MAX:
            raise ValueError(gettext("Choisissez un mois proche d'aujourd'hui."))
        return value

    @field_validator("commune")
    @classmethod
    def _commune_connue(cls, value: str, info: ValidationInfo) -> str:
        communes = (info.context or {}).get("communes")
        if communes is not None and value not in communes:
            raise ValueError(gettext("Cette commune n'est pas dans le département."))
        return value

    @field_validator("adultes")
    @classmethod
    def _couple_deux_adultes(cls, value: list[Adulte], info: ValidationInfo) -> list[Adulte]:
        couple = info.data.get("couple")  # absent when `couple` itself is invalid
        if couple is not None and couple != (len(value) == 2):
            raise ValueError(gettext("En couple, indiquez 2 adultes ; seul, indiquez 1 adulte."))
        return value

    @classmethod
    def parse(
        cls, data: Any, *, communes: Collection[str] | None, today: date
    ) -> SimulationRequest:
        return cls.model_validate(data, context={"communes": communes, "today": today})
