"""The question flow of "Mes droits": a declarative list of steps, each with `applies(reponses)`.

Pure code (no Flask): the answers are a plain dict kept in the session, and
`build_corps` turns them into the body of `POST /api/v1/simulations`, so that the HTML flow
and the API share one schema (`schemas.SimulationRequest`) and one set of error messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.simulateur.conditions import age_at, premier_jour
from portal.simulateur.moteur import ages_legaux

Reponses = dict[str, Any]
Predicat = Callable[[Reponses], bool]

# "Do you need help to wash, dress…?" → a GIR, as aides-jeunes does (research §2): never → 6,
# sometimes → 5, often → 1. A rough guess: the Département's team sets the real GIR at home.
GIR_PAR_AIDE = {"jamais": 6, "parfois": 5, "souvent": 1}

# The incapacity rate is asked as a bracket (people rarely know the number): the lowest value
# of each bracket, so that an aid is never shown on a rate the MDPH has not given.
TAUX_PAR_TRANCHE = {"moins_50": 0, "50_79": 50, "80_plus": 80, "ne_sait_pas": 0}

REVENU_PAR_ACTIVITE = {
    "salarie": "salaire",
    "chomeur": "chomage",
    "retraite": "retraite",
}
CHAMP_REVENU = {
    "salaire": "salaire_net_mensuel",
    "chomage": "chomage_net_mensuel",
    "retraite": "retraite_brute_mensuelle",
}
CONJOINT = "conjoint_"
OUI_NON = {"oui": True, "non": False}
# OpenFisca-France (rsa.py, rsa_isolement_recent): a parent alone with a child under 3 has the
# raised RSA whatever the date of the separation.
AGE_ENFANT_MAJORATION = 3


def toujours(reponses: Reponses) -> bool:
    return True


def jour_of(reponses: Reponses) -> date | None:
    """The first day of the simulated month: ages are taken then, as the engine does."""
    mois = reponses.get("mois")
    if not isinstance(mois, str) or len(mois) != 7:
        return None
    return premier_jour(mois)


def age_of(reponses: Reponses, prefixe: str = "") -> int | None:
    naissance, jour = reponses.get(prefixe + "naissance"), jour_of(reponses)
    if not isinstance(naissance, str) or jour is None:
        return None
    try:
        return age_at(date.fromisoformat(naissance), jour)
    except ValueError:
        return None


def is_en_couple(reponses: Reponses) -> bool:
    return reponses.get("couple") == "oui"


def is_locataire(reponses: Reponses) -> bool:
    return reponses.get("logement") == "locataire"


def has_enfants(reponses: Reponses) -> bool:
    nombre = reponses.get("enfants")
    return isinstance(nombre, int) and nombre > 0


def _handicap(prefixe: str) -> Predicat:
    """The incapacity rate is asked only of someone said to have a handicap."""

    def applies(reponses: Reponses) -> bool:
        if prefixe and not is_en_couple(reponses):
            return False
        return reponses.get(prefixe + "handicap") == "oui"

    return applies


def _revenu(prefixe: str, revenu: str) -> Predicat:
    def applies(reponses: Reponses) -> bool:
        if prefixe and not is_en_couple(reponses):
            return False
        return REVENU_PAR_ACTIVITE.get(reponses.get(prefixe + "activite", "")) == revenu

    return applies


def _autonomie(prefixe: str) -> Predicat:
    def applies(reponses: Reponses) -> bool:
        if prefixe and not is_en_couple(reponses):
            return False
        age = age_of(reponses, prefixe)
        # The APA (and so the GIR question) opens at its legal age (OpenFisca's parameter).
        return age is not None and age >= ages_legaux().apa

    return applies


def is_parent_seul(reponses: Reponses) -> bool:
    return reponses.get("couple") == "non" and has_enfants(reponses)


def _plus_jeune_enfant(reponses: Reponses) -> int | None:
    naissances, jour = reponses.get("enfants_naissances"), jour_of(reponses)
    if not isinstance(naissances, list) or not naissances or jour is None:
        return None
    try:
        return min(age_at(date.fromisoformat(n), jour) for n in naissances)
    except (TypeError, ValueError):
        return None


def _separation_compte(reponses: Reponses) -> bool:
    """A separation less than 18 months ago raises the RSA of a parent alone; with a child
    under 3 OpenFisca-France already counts that raise, so the question is not asked."""
    if not is_parent_seul(reponses):
        return False
    age = _plus_jeune_enfant(reponses)
    return age is None or age >= AGE_ENFANT_MAJORATION


def _peut_etre_enceinte(reponses: Reponses) -> bool:
    """Pregnancy is asked of a person alone (it opens or raises her RSA), neither retired nor
    of the age the autonomy question is asked at."""
    if reponses.get("couple") != "non" or reponses.get("activite") == "retraite":
        return False
    age = age_of(reponses)
    return age is None or age < ages_legaux().apa


@dataclass(frozen=True)
class Etape:
    """One page, one question. `chemins`: the form field → the path in the request body,
    so that an error of the shared schema is shown under the right field."""

    id: str
    applies: Predicat = toujours
    chemins: dict[str, str] = field(default_factory=dict)


def _chemins_enfants(nombre: int = 15) -> dict[str, str]:
    return {f"naissances-{i}": f"enfants.{i}.date_naissance" for i in range(nombre)}


ETAPES: tuple[Etape, ...] = (
    Etape("commune", chemins={"reponse": "commune"}),
    Etape("naissance", chemins={"reponse": "adultes.0.date_naissance"}),
    Etape("activite", chemins={"reponse": "adultes.0.activite"}),
    Etape("salaire", _revenu("", "salaire"), {"reponse": "adultes.0.salaire_net_mensuel"}),
    Etape("chomage", _revenu("", "chomage"), {"reponse": "adultes.0.chomage_net_mensuel"}),
    Etape("retraite", _revenu("", "retraite"), {"reponse": "adultes.0.retraite_brute_mensuelle"}),
    Etape("handicap"),
    Etape("taux_incapacite", _handicap(""), {"reponse": "adultes.0.taux_incapacite"}),
    Etape("pension_invalidite", _handicap(""), {"reponse": "adultes.0.pension_invalidite"}),
    Etape("autonomie", _autonomie(""), {"reponse": "adultes.0.gir"}),
    Etape("couple", chemins={"reponse": "couple"}),
    Etape("conjoint_naissance", is_en_couple, {"reponse": "adultes.1.date_naissance"}),
    Etape("conjoint_activite", is_en_couple, {"reponse": "adultes.1.activite"}),
    Etape("conjoint_salaire", _revenu(CONJOINT, "salaire"),
          {"reponse": "adultes.1.salaire_net_mensuel"}),
    Etape("conjoint_chomage", _revenu(CONJOINT, "chomage"),
          {"reponse": "adultes.1.chomage_net_mensuel"}),
    Etape("conjoint_retraite", _revenu(CONJOINT, "retraite"),
          {"reponse": "adultes.1.retraite_brute_mensuelle"}),
    Etape("conjoint_handicap", is_en_couple),
    Etape("conjoint_taux_incapacite", _handicap(CONJOINT),
          {"reponse": "adultes.1.taux_incapacite"}),
    Etape("conjoint_autonomie", _autonomie(CONJOINT), {"reponse": "adultes.1.gir"}),
    Etape("enfants", chemins={"reponse": "enfants"}),
    Etape("enfants_naissances", has_enfants, _chemins_enfants()),
    Etape("garde_alternee", is_parent_seul, {"reponse": "garde_alternee"}),
    Etape("separation", _separation_compte, {"reponse": "separation_recente"}),
    Etape("grossesse", _peut_etre_enceinte, {"reponse": "adultes.0.enceinte"}),
    Etape("logement", chemins={"reponse": "logement.statut"}),
    Etape("loyer", is_locataire, {"reponse": "logement.loyer_mensuel"}),
    Etape("logement_social", is_locataire, {"reponse": "logement.logement_social"}),
    Etape("epargne", chemins={"reponse": "epargne"}),
    Etape("sejour", chemins={"reponse": "adultes.0.sejour"}),
)
PAR_ID: dict[str, Etape] = {etape.id: etape for etape in ETAPES}


def etapes_actives(reponses: Reponses) -> list[Etape]:
    return [etape for etape in ETAPES if etape.applies(reponses)]


def is_active(etape_id: str, reponses: Reponses) -> bool:
    return PAR_ID[etape_id].applies(reponses)


# The answers that open more questions, each with the value that opens the most. Until the
# person answers, the counter assumes that value: "sur M" is the most questions still
# possible, so it only goes down along the flow (never "sur 7", then "sur 11").
OUVRANTES: Reponses = {
    "naissance": "1900-01-01",  # 60 or more: the autonomy question (pregnancy instead below)
    "activite": "salarie",  # one income question (any activity opens at most one)
    "handicap": "oui",
    # six questions on the partner; alone, at most three (custody, separation, pregnancy)
    "couple": "oui",
    "conjoint_naissance": "1900-01-01",
    "conjoint_activite": "salarie",
    "conjoint_handicap": "oui",
    "enfants": 1,
    "logement": "locataire",
}


def position(etape: Etape, reponses: Reponses) -> tuple[int, int]:
    """("étape N sur M"): M counts the questions that may still be asked, at most."""
    actives = etapes_actives({**OUVRANTES, **reponses})
    numero = next((i for i, e in enumerate(actives, 1) if e.id == etape.id), len(actives))
    return numero, len(actives)


def is_total_exact(reponses: Reponses) -> bool:
    """No answer still to give can open or close a question: M is the exact count."""
    return len(etapes_actives({**OUVRANTES, **reponses})) == len(etapes_actives(reponses))


def suivante(etape: Etape, reponses: Reponses) -> Etape | None:
    """The next step that applies, or None when the results come next."""
    apres = ETAPES[ETAPES.index(etape) + 1:]
    return next((e for e in apres if e.applies(reponses)), None)


def precedente(etape: Etape, reponses: Reponses) -> Etape | None:
    avant = ETAPES[: ETAPES.index(etape)]
    return next((e for e in reversed(avant) if e.applies(reponses)), None)


def premiere_sans_reponse(reponses: Reponses) -> Etape | None:
    return next((e for e in etapes_actives(reponses) if e.id not in reponses), None)


def etape_of_chemin(chemin: str, reponses: Reponses) -> Etape | None:
    """The step that asks for this field of the body (to send a person back to it)."""
    return next(
        (e for e in etapes_actives(reponses) if chemin in e.chemins.values()), None
    )


# ----- answers → body of POST /api/v1/simulations -----


def _sans_vides(valeurs: dict[str, Any]) -> dict[str, Any]:
    """A missing answer is left out: the schema then says "obligatoire" for that field."""
    return {cle: valeur for cle, valeur in valeurs.items() if valeur is not None}


def _adulte(reponses: Reponses, prefixe: str) -> dict[str, Any]:
    valeurs: dict[str, Any] = {
        "date_naissance": reponses.get(prefixe + "naissance"),
        "activite": reponses.get(prefixe + "activite"),
    }
    for revenu, champ in CHAMP_REVENU.items():
        if is_active(prefixe + revenu, reponses):
            valeurs[champ] = reponses.get(prefixe + revenu)
    if is_active(prefixe + "taux_incapacite", reponses):
        tranche = reponses.get(prefixe + "taux_incapacite")
        valeurs["taux_incapacite"] = TAUX_PAR_TRANCHE.get(tranche, tranche)
    if not prefixe:  # asked of the person only
        if is_active("pension_invalidite", reponses):
            pension = reponses.get("pension_invalidite")
            valeurs["pension_invalidite"] = OUI_NON.get(pension, pension)
        if is_active("grossesse", reponses):
            valeurs["enceinte"] = OUI_NON.get(reponses.get("grossesse"), reponses.get("grossesse"))
        valeurs["sejour"] = reponses.get("sejour")
    if is_active(prefixe + "autonomie", reponses):
        aide = reponses.get(prefixe + "autonomie")
        valeurs["gir"] = GIR_PAR_AIDE.get(aide, aide)
    return _sans_vides(valeurs)


def _logement(reponses: Reponses) -> dict[str, Any]:
    valeurs: dict[str, Any] = {"statut": reponses.get("logement")}
    if is_locataire(reponses):
        valeurs["loyer_mensuel"] = reponses.get("loyer")
        social = reponses.get("logement_social")
        valeurs["logement_social"] = {"oui": True, "non": False}.get(social, social)
    return _sans_vides(valeurs)


def _enfants(reponses: Reponses) -> list[dict[str, Any]]:
    nombre = reponses.get("enfants")
    if not isinstance(nombre, int) or nombre <= 0:
        return []
    naissances = reponses.get("enfants_naissances") or []
    return [
        _sans_vides({"date_naissance": naissances[i] if i < len(naissances) else None})
        for i in range(nombre)
    ]


# Yes/no questions on the household: step → field of the body.
CHAMPS_FOYER = {
    "epargne": "epargne",
    "separation": "separation_recente",
    "garde_alternee": "garde_alternee",
}


def build_corps(reponses: Reponses) -> dict[str, Any]:
    """Only the answers of steps that apply are used: a rent typed before the person went
    back and said "propriétaire" is not sent."""
    adultes = [_adulte(reponses, "")]
    if is_en_couple(reponses):
        adultes.append(_adulte(reponses, CONJOINT))
    couple = OUI_NON.get(reponses.get("couple", ""), reponses.get("couple"))
    return _sans_vides(
        {
            "mois": reponses.get("mois"),
            **{
                champ: OUI_NON.get(reponses.get(etape_id, ""), reponses.get(etape_id))
                for etape_id, champ in CHAMPS_FOYER.items()
                if is_active(etape_id, reponses)
            },
            "commune": reponses.get("commune"),
            "couple": couple,
            "adultes": adultes,
            "enfants": _enfants(reponses),
            "logement": _logement(reponses) or None,
        }
    )
