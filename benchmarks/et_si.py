"""« Et si… ? » benchmark: a curve of 21 points against one household, same run. Prints ONE
JSON object. Run from the repo root:

    .venv/bin/python benchmarks/et_si.py [--foyers 10] [--tours 3] [--points 21]

Both through the app (Flask test client, warm engine, same process, alternated so that the
machine's load weighs on both alike): `POST /api/v1/simulations` for one household, and
`POST /api/v1/simulations/variantes` for the same household with the pay of its first adult
from 0 to 2 000 € (21 values), which the engine computes as one simulation of 21 households.
`ratio` = median curve time / median one-household time (issue #18 asks for at most 2).
The API's one household includes the order check of a few aids (services.check_ordre), the
curve does not need it; `moteur` compares the engine alone (one household against the 21).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BONNE_PORTE_VAR", tempfile.mkdtemp(prefix="bench-et-si-"))

from benchmarks.simulateur import SEED, _app, _households  # noqa: E402
from portal.simulateur.variantes import VariantesRequest  # noqa: E402


def _corps(foyer: Any) -> dict[str, Any]:
    return json.loads(foyer.model_dump_json())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--foyers", type=int, default=10)
    parser.add_argument("--tours", type=int, default=3)
    parser.add_argument("--points", type=int, default=21)
    args = parser.parse_args()
    today = date.today()
    app = _app()
    engine = app.extensions["simulateur"]
    assert engine.wait_ready(timeout=600)
    client = app.test_client()
    foyers = _households(args.foyers, SEED + 18, today)
    valeurs = [round(2000 * i / (args.points - 1), 2) for i in range(args.points)]
    un, courbe, moteur_un, moteur_courbe = [], [], [], []
    rng = random.Random(SEED)
    for _ in range(args.tours):
        for foyer in rng.sample(foyers, len(foyers)):
            corps = _corps(foyer)
            started = time.perf_counter()
            assert client.post("/api/v1/simulations", json=corps).status_code == 200
            un.append(time.perf_counter() - started)
            started = time.perf_counter()
            reponse = client.post("/api/v1/simulations/variantes", json={
                "situation": corps, "adulte": 0, "champ": "salaire_net_mensuel",
                "valeurs": valeurs,
            })
            courbe.append(time.perf_counter() - started)
            assert reponse.status_code == 200, reponse.get_json()
            assert engine.tailles_lots[-1] == len(valeurs)  # one simulation for the curve
            started = time.perf_counter()
            engine.simulate_one(foyer)
            moteur_un.append(time.perf_counter() - started)
            variantes = VariantesRequest.model_validate({
                "situation": corps, "champ": "salaire_net_mensuel", "valeurs": valeurs,
            }).requetes()
            started = time.perf_counter()
            engine.simulate(variantes)
            moteur_courbe.append(time.perf_counter() - started)
    median_un, median_courbe = statistics.median(un), statistics.median(courbe)
    print(json.dumps({
        "benchmark": "et_si",
        "foyers": args.foyers,
        "tours": args.tours,
        "points": len(valeurs),
        "un_foyer_s": {"p50": round(median_un, 4), "max": round(max(un), 4)},
        "courbe_s": {"p50": round(median_courbe, 4), "max": round(max(courbe), 4)},
        "ratio_p50": round(median_courbe / median_un, 2),
        "moteur": {
            "un_foyer_p50_s": round(statistics.median(moteur_un), 4),
            "courbe_p50_s": round(statistics.median(moteur_courbe), 4),
            "ratio_p50": round(statistics.median(moteur_courbe) / statistics.median(moteur_un), 2),
        },
        "objectif_ratio": 2,
        "charge": [round(x, 2) for x in os.getloadavg()],
    }))


if __name__ == "__main__":
    main()
