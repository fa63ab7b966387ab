"""The results' view: at most three next steps, urgent first then by amount; what one would
pay is kept apart and never in the total of aids."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.catalogue import load_catalogue
from portal.simulateur.resultats import Lien, present_resultat
from portal.simulateur.services import AideResultat, Demarche, Resultat

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def aides():  # type: ignore[no-untyped-def]
    return load_catalogue(ROOT / "content").aides


def _aide(aide_id: str, montant: float | None, nature: str = "aide") -> AideResultat:
    return AideResultat(
        id=aide_id, nom=aide_id, statut="eligible", montant_mensuel=montant,
        explication="", demarche=Demarche(texte="", motif=None, url=None), documents=[],
        nature=nature,
    )


def _liens(aide: AideResultat) -> list[Lien]:
    return [Lien("En ligne", "https://exemple.fr", True, "en_ligne"),
            Lien("Rendez-vous", "/rendez-vous", False, "rendez_vous")]


def test_three_steps_urgent_first_and_the_cost_apart(aides) -> None:  # type: ignore[no-untyped-def]
    resultat = Resultat(mois="2026-11", aides=[
        _aide("af", 153.0), _aide("ars", 71.5), _aide("ppa", 288.2), _aide("rsa", 120.0),
        _aide("aide_logement", 421.0), _aide("css_participation_forfaitaire", 30.0, "a_payer"),
    ])
    bilan = present_resultat(resultat, aides=aides, liens_of=_liens)
    assert [p.aide.id for p in bilan.premiers_pas] == ["aide_logement", "ppa", "rsa"]
    assert [a.id for a in bilan.eligibles] == ["af", "ars"]
    assert [a.id for a in bilan.a_payer] == ["css_participation_forfaitaire"]
    assert bilan.total_aides == 420 + 280 + 120 + 150 + 70  # without the 30 € to pay
    # One button each, the one the content names: the RSA is booked, the PPA asked online.
    boutons = {p.aide.id: p.lien.genre for p in bilan.premiers_pas}
    assert boutons == {"aide_logement": "en_ligne", "ppa": "en_ligne", "rsa": "rendez_vous"}
    assert bilan.premiers_pas[1].texte == "Demandez la prime d'activité en ligne (10 min)"


def test_what_one_would_pay_is_never_a_step(aides) -> None:  # type: ignore[no-untyped-def]
    resultat = Resultat(mois="2026-11", aides=[
        _aide("css_participation_forfaitaire", 30.0, "a_payer"),
    ])
    bilan = present_resultat(resultat, aides=aides, liens_of=_liens, langue="ar")
    assert bilan.premiers_pas == [] and bilan.eligibles == []
    assert bilan.total_aides == 0
