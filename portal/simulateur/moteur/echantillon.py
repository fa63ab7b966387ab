"""Households built in code: the warm-up set, and random valid households for the
equivalence test and the benchmark (seeded, so a failure can be replayed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from portal.simulateur.schemas import Activite, SimulationRequest, StatutLogement

COMMUNES_EURE = ("27229", "27681", "27056", "27375", "27467", "27284")


def _mois_courant(today: date) -> str:
    return f"{today.year:04d}-{today.month:02d}"


def warmup_households(today: date | None = None) -> list[SimulationRequest]:
    """One household per pruning profile: every formula path gets loaded once."""
    today = today or date.today()
    mois = _mois_courant(today)

    def adulte(naissance: str, activite: str, **montants: object) -> dict[str, object]:
        return {"date_naissance": naissance, "activite": activite, **montants}

    logement = {"statut": "locataire", "loyer_mensuel": 450, "logement_social": False}
    corps = [
        {"couple": False, "adultes": [adulte("1990-05-01", "inactif")], "enfants": []},
        {
            "couple": True,
            "adultes": [
                adulte("1985-01-01", "salarie", salaire_net_mensuel=1400),
                adulte("1987-01-01", "chomeur", chomage_net_mensuel=700),
            ],
            "enfants": [{"date_naissance": "2015-03-01"}, {"date_naissance": "2020-03-01"}],
        },
        {"couple": False, "adultes": [adulte("1980-01-01", "inactif", taux_incapacite=80)]},
        {
            "couple": False,
            "adultes": [adulte("1950-01-01", "retraite", retraite_brute_mensuelle=700, gir=2)],
        },
    ]
    return [
        SimulationRequest.model_validate(
            {"mois": mois, "commune": "27229", "logement": logement, "enfants": [], **c},
            context={"today": today},
        )
        for c in corps
    ]


def random_household(rng: random.Random, mois: str, today: date) -> SimulationRequest:
    """A plausible household: every field of the API, across its whole range."""
    couple = rng.random() < 0.4

    def adulte() -> dict[str, object]:
        age = rng.choice([rng.randint(18, 24), rng.randint(25, 59), rng.randint(60, 95)])
        activite = rng.choice(list(Activite))
        montant = round(rng.choice([0, 0, rng.uniform(100, 3500)]), 2)
        return {
            "date_naissance": date(today.year - age, rng.randint(1, 12), rng.randint(1, 28)),
            "activite": activite.value,
            "salaire_net_mensuel": montant if activite in {"salarie", "independant"} else 0,
            "chomage_net_mensuel": round(rng.uniform(300, 1800), 2) if activite == "chomeur" else 0,
            "retraite_brute_mensuelle": round(rng.uniform(200, 2500), 2) if age >= 60 else 0,
            "taux_incapacite": rng.choice([0, 0, 0, 30, 60, 80]),
            "gir": rng.choice([None, rng.randint(1, 6)]) if age >= 60 else None,
        }

    statut = rng.choice(list(StatutLogement))
    data = {
        "mois": mois,
        "commune": rng.choice(COMMUNES_EURE),
        "couple": couple,
        "adultes": [adulte() for _ in range(2 if couple else 1)],
        "enfants": [
            {"date_naissance": today - timedelta(days=rng.randint(30, 20 * 365))}
            for _ in range(rng.choice([0, 0, 1, 2, 3]))
        ],
        "logement": {
            "statut": statut.value,
            "loyer_mensuel": round(rng.uniform(250, 900), 2)
            if statut == StatutLogement.locataire
            else 0,
            "logement_social": rng.random() < 0.3,
        },
    }
    return SimulationRequest.model_validate(data, context={"today": today})
