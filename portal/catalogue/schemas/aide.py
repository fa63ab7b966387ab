"""`content/aides/<id>.yml`: one aid, national (computed by OpenFisca-France) or the
département's own (typed conditions evaluated by `portal/simulateur/conditions.py`)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from portal.catalogue.schemas.common import CodeInsee, ContentModel, Slug, Texte

Url = Annotated[str, Field(pattern=r"^https://\S+$", max_length=500)]
VariableOpenfisca = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)]


class Operateur(StrEnum):
    inferieur = "<"
    inferieur_ou_egal = "<="
    superieur = ">"
    superieur_ou_egal = ">="
    egal = "=="


class Nature(StrEnum):
    """What the amount is for the person: money they may get, or money they would pay."""

    aide = "aide"
    a_payer = "a_payer"  # e.g. the CSS participation: never shown or summed as an aid


class Statut(StrEnum):
    eligible = "eligible"
    a_verifier = "a_verifier"
    non_eligible = "non_eligible"


class PremierPas(ContentModel):
    """The next step as one sentence and one button, for "Par où commencer" on the results."""

    texte: Texte  # e.g. "Demandez la prime d'activité en ligne (10 min)"
    bouton: Literal["en_ligne", "rendez_vous"]


class Demarche(ContentModel):
    texte: Texte
    motif: Slug | None = None  # a motif of content/motifs/ to book with
    url: Url | None = None  # the official online service
    premier_pas: PremierPas | None = None
    # Not paid for the months before the request: each month without asking is lost.
    urgente: bool = False


class Source(ContentModel):
    titre: str
    url: Url


class Explications(ContentModel):
    """One plain sentence per status: why the person sees the aid in that list."""

    eligible: Texte
    a_verifier: Texte
    non_eligible: Texte


class AVerifierSi(ContentModel):
    """A condition of the law the engine is not given, from the person's answers; every key
    given must hold (e.g. `sejour` and `epargne`). `car` is the one
    sentence the person reads; `meme_si_non_eligible` also turns a "probablement pas" into
    "à vérifier" (the ASI needs a pension the engine is not given; a pregnancy opens the RSA).

    - `sejour`: the answer about residence is one of these;
    - `pension_invalidite`: the person said they receive an invalidity pension;
    - `epargne`: the household said it has savings or property that brings income;
    - `enceinte`: the person said she is pregnant;
    - `separation_recente`: a parent alone since a separation less than 18 months ago;
    - `garde_alternee`: the children also live with their other parent;
    - `enfant_d_au_moins`: a child is at least this old (years) on the first day of the month
      (e.g. 16: the law then asks about the child's schooling or pay, which we do not)."""

    sejour: tuple[
        Literal["titre_5_ans_plus", "titre_moins_5_ans", "sans_titre", "ne_dit_pas"], ...
    ] = ()
    pension_invalidite: bool = False
    epargne: bool = False
    enceinte: bool = False
    separation_recente: bool = False
    garde_alternee: bool = False
    enfant_d_au_moins: Annotated[int, Field(ge=0, le=25)] | None = None
    meme_si_non_eligible: bool = False
    car: Texte

    @model_validator(mode="after")
    def _une_condition(self) -> AVerifierSi:
        conditions = (
            self.sejour, self.pension_invalidite, self.epargne, self.enceinte,
            self.separation_recente, self.garde_alternee, self.enfant_d_au_moins is not None,
        )
        if not any(conditions):
            raise ValueError(
                "a_verifier_si : indiquez au moins une condition (sejour, pension_invalidite, "
                "epargne, enceinte, separation_recente, garde_alternee, enfant_d_au_moins)"
            )
        return self


class Openfisca(ContentModel):
    variable: VariableOpenfisca
    entite: Literal["individu", "famille", "foyer_fiscal", "menage"]
    periode: Literal["mois", "annee"]
    # An OpenFisca enum saying "cannot compute" (e.g. aide_logement_non_calculable): any value
    # other than `calculable` makes the aid "à vérifier", never 0 €.
    non_calculable: VariableOpenfisca | None = None
    # Activities OpenFisca cannot judge for this aid from what we ask (e.g. the self-employed
    # for the RSA: their income is not monthly pay).
    a_verifier_si_activite: tuple[
        Literal["salarie", "chomeur", "etudiant", "retraite", "inactif", "independant"], ...
    ] = ()
    # A hypothesis the computation makes (e.g. AAH at 50-79 %: the "restriction durable"
    # is for the MDPH to decide): above this incapacity rate, the aid is "à vérifier".
    a_verifier_si_taux_incapacite_entre: tuple[int, int] | None = None
    # A condition of the law the simulator does not ask (e.g. ASF: whether the other parent
    # pays support): a positive answer becomes "à vérifier", with this sentence as the reason.
    a_verifier_car: Texte | None = None
    # Conditions of the law the simulator asks about but does not compute (the residence
    # permit), or cannot know (an invalidity pension): when one holds, "à vérifier" and why.
    a_verifier_si: tuple[AVerifierSi, ...] = ()
    # OpenFisca-France may give another amount when this aid is computed alone (its spirals
    # are cut where the order of computation puts them): checked, and "à vérifier" if so.
    sensible_a_l_ordre: Texte | None = None


class MontantDate(ContentModel):
    montant: Annotated[float, Field(ge=0)]
    date_effet: date
    reference: Url


# ----- conditions of the département's own aids (a union keyed on `type`) -----


class ConditionAge(ContentModel):
    type: Literal["age"]
    operateur: Operateur
    valeur: Annotated[int, Field(ge=0, le=120)]


class ConditionGir(ContentModel):
    type: Literal["gir"]
    valeurs: Annotated[tuple[Annotated[int, Field(ge=1, le=6)], ...], Field(min_length=1)]


class ConditionTauxIncapacite(ContentModel):
    type: Literal["taux_incapacite"]
    operateur: Operateur
    valeur: Annotated[int, Field(ge=0, le=100)]


class ConditionRessourcesPlafond(ContentModel):
    """Monthly net resources of the household (pay, unemployment, pension) at most `montant`."""

    type: Literal["ressources_plafond"]
    montant: Annotated[float, Field(gt=0)]
    date_effet: date
    reference: Url


class ConditionStatutLogement(ContentModel):
    type: Literal["statut_logement"]
    valeurs: Annotated[
        tuple[Literal["locataire", "proprietaire", "heberge", "sans_domicile"], ...],
        Field(min_length=1),
    ]


class ConditionTerritoire(ContentModel):
    type: Literal["territoire"]
    valeurs: Annotated[tuple[Slug, ...], Field(min_length=1)]


class ConditionCommunes(ContentModel):
    type: Literal["communes"]
    valeurs: Annotated[tuple[CodeInsee, ...], Field(min_length=1)]


class ConditionEnfants(ContentModel):
    """At least `minimum` children (under `age_max` when given)."""

    type: Literal["enfants"]
    minimum: Annotated[int, Field(ge=1)] = 1
    age_max: Annotated[int, Field(ge=0, le=25)] | None = None


class ConditionTexte(ContentModel):
    """A condition the simulator cannot check: shown to the person as "à vérifier"."""

    type: Literal["texte"]
    texte: Texte


Condition = Annotated[
    ConditionAge
    | ConditionGir
    | ConditionTauxIncapacite
    | ConditionRessourcesPlafond
    | ConditionStatutLogement
    | ConditionTerritoire
    | ConditionCommunes
    | ConditionEnfants
    | ConditionTexte,
    Field(discriminator="type"),
]


class Aide(ContentModel):
    nom: Texte
    description: Texte  # one plain sentence: what it is
    explications: Explications
    demarche: Demarche
    documents: tuple[Texte, ...] = ()
    openfisca: Openfisca | None = None  # national aids: the file is named after the variable
    # When set, this local aid only shows if that national aid is not "eligible"
    # (e.g. the APA as the département's aid when OpenFisca could not compute it).
    si_non_calculee: VariableOpenfisca | None = None
    conditions: tuple[Condition, ...] = ()
    montant: MontantDate | None = None  # a fixed monthly amount, dated
    nature: Nature = Nature.aide
    ordre: Annotated[int, Field(ge=0)] = 100  # display order among aids of the same status
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]
    relu_le: date

    @model_validator(mode="after")
    def _nationale_ou_locale(self) -> Aide:
        if self.openfisca is None and not self.conditions:
            raise ValueError("une aide locale a au moins une condition")
        if self.openfisca is not None and self.conditions:
            raise ValueError("une aide nationale est calculée par OpenFisca, sans conditions")
        return self

    @property
    def est_nationale(self) -> bool:
        return self.openfisca is not None
