"""The « Et si… ? » questions a person can ask on the results page: which answer each one
changes, over which values, and how the page says it. Labels live here, once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.simulateur.schemas import SimulationRequest
from portal.simulateur.variantes import Champ

Reponses = dict[str, Any]


@dataclass(frozen=True)
class QuestionEtSi:
    id: str
    champ: Champ
    valeurs: tuple[float, ...]
    titre: Any  # lazy strings: read in the person's language when the page is drawn
    change: Any  # "votre salaire", what the page says it changes
    axe: Any  # the x axis and the table's first column
    unite: str  # "€" or "" (years are written in the sentence)
    reste: Any  # the last column
    legende: Any  # what the full line is, under the chart
    en_bas: Any  # what the x axis is, under the chart
    applicable: Callable[[Reponses, SimulationRequest], bool]
    retire_valeur: bool = False  # the rent is paid from what is left

    def actuelle(self, requete: SimulationRequest) -> float:
        if self.champ == "loyer_mensuel":
            return requete.logement.loyer_mensuel
        if self.champ == "age_enfant":
            return float(age_du_plus_jeune(requete))
        return getattr(requete.adultes[0], self.champ)

    def enfant(self, requete: SimulationRequest) -> int:
        """Which child changes: the youngest (the one "mon enfant" most often means)."""
        if not requete.enfants:
            return 0
        return max(range(len(requete.enfants)), key=lambda i: requete.enfants[i].date_naissance)


def age_du_plus_jeune(requete: SimulationRequest) -> int:
    """Full years on the first day of the simulated month, as OpenFisca counts them."""
    plus_jeune = max(e.date_naissance for e in requete.enfants)
    debut = date.fromisoformat(f"{requete.mois}-01")
    avant_anniversaire = (debut.month, debut.day) < (plus_jeune.month, plus_jeune.day)
    return max(0, debut.year - plus_jeune.year - avant_anniversaire)


QUESTIONS_ET_SI: dict[str, QuestionEtSi] = {
    q.id: q
    for q in (
        QuestionEtSi(
            id="travail", champ="salaire_net_mensuel",
            valeurs=tuple(float(v) for v in range(0, 2001, 100)),
            titre=_l("Et si je travaillais plus ?"), change=_l("votre salaire"),
            axe=_l("Votre salaire"), unite="€", reste=_l("Ce qui vous reste"),
            legende=_l("Trait plein : ce qui vous reste pour vivre (salaire et aides)"),
            en_bas=_l("En bas : votre salaire en euros par mois."),
            applicable=lambda reponses, _requete: reponses.get("activite") == "salarie",
        ),
        QuestionEtSi(
            id="demenagement", champ="loyer_mensuel",
            valeurs=tuple(float(v) for v in range(0, 1001, 50)),
            titre=_l("Et si je déménageais ?"), change=_l("votre loyer"),
            axe=_l("Votre loyer"), unite="€", reste=_l("Ce qui vous reste après le loyer"),
            legende=_l("Trait plein : ce qui vous reste pour vivre, une fois le loyer payé"),
            en_bas=_l("En bas : votre loyer en euros par mois."),
            applicable=lambda _reponses, requete: requete.logement.statut.value == "locataire",
            retire_valeur=True,
        ),
        QuestionEtSi(
            id="enfant", champ="age_enfant",
            valeurs=tuple(float(v) for v in range(0, 21)),
            titre=_l("Et si mon enfant avait un autre âge ?"),
            change=_l("l'âge de votre plus jeune enfant"),
            axe=_l("L'âge de votre plus jeune enfant"), unite="", reste=_l("Ce qui vous reste"),
            legende=_l("Trait plein : ce qui vous reste pour vivre (revenus et aides)"),
            en_bas=_l("En bas : l'âge de votre plus jeune enfant, en années."),
            applicable=lambda _reponses, requete: bool(requete.enfants),
        ),
    )
}


def questions_pour(reponses: Reponses, requete: SimulationRequest) -> list[QuestionEtSi]:
    return [q for q in QUESTIONS_ET_SI.values() if q.applicable(reponses, requete)]
