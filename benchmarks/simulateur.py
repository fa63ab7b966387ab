"""Simulator benchmark: prints ONE JSON object. Run from the repo root:

    .venv/bin/python benchmarks/simulateur.py [--foyers 8] [--concurrence 20]

- naive: a plain OpenFisca call per household (`calculate_naive`), in a separate clean
  process (no engine speed-up installed), warm (its first call is excluded);
- engine: the same households through `POST /api/v1/simulations` (Flask test client), warm;
- throughput: `--concurrence` client threads posting distinct households;
- identiques: engine values equal the naive ones (±0.01 €) on every benchmark household.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The portal's files (database, secrets) go to a throw-away folder, set before it is imported.
VAR_DIR = tempfile.mkdtemp(prefix="bench-simulateur-")
os.environ.setdefault("BONNE_PORTE_VAR", VAR_DIR)

from portal.simulateur.echantillon import random_household  # noqa: E402

SEED = 424242


def _households(n: int, seed: int, today: date) -> list[Any]:
    rng = random.Random(seed)
    mois = f"{today.year:04d}-{today.month:02d}"
    return [random_household(rng, mois, today) for _ in range(n)]


def _quantiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 4), "p95": round(p95, 4)}


def naive_worker(n: int, today: str) -> None:
    """In the child process: naive timings and values, as JSON on stdout."""
    from portal.simulateur.engine import load_tax_benefit_system
    from portal.simulateur.openfisca_adapter import calculate_naive

    foyers = _households(n, SEED, date.fromisoformat(today))
    tbs = load_tax_benefit_system()
    calculate_naive(tbs, foyers[0])  # the first call of a process pays lazy loading
    temps, valeurs = [], []
    for foyer in foyers:
        started = time.perf_counter()
        valeurs.append(calculate_naive(tbs, foyer))
        temps.append(time.perf_counter() - started)
    print(json.dumps({"temps": temps, "valeurs": valeurs}))


def _run_naive(n: int, today: date) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--naive-worker", str(n), "--today", today.isoformat()],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.keys() == b.keys() and all(
        abs(a[k] - b[k]) <= 0.01 if isinstance(a[k], float) else a[k] == b[k] for k in a
    )


def _app() -> Any:
    from portal import config, create_app

    return create_app(
        {
            **config.from_environment(),
            "TESTING": True,
            "RATELIMIT_ENABLED": False,  # 20 clients from one address are not an attack here
            "SIMULATEUR_WARMUP": True,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--foyers", type=int, default=8)
    parser.add_argument("--concurrence", type=int, default=20)
    parser.add_argument("--requetes", type=int, default=200)
    parser.add_argument("--naive-worker", type=int)
    parser.add_argument("--today")
    args = parser.parse_args()
    if args.naive_worker:
        naive_worker(args.naive_worker, args.today)
        return

    from portal.simulateur.engine import rss_bytes

    today = date.today()
    foyers = _households(args.foyers, SEED, today)
    naive = _run_naive(args.foyers, today)

    started = time.perf_counter()
    app = _app()
    engine = app.extensions["simulateur"]
    engine.wait_ready(timeout=600)
    warmup = time.perf_counter() - started

    client = app.test_client()
    corps = [f.model_dump(mode="json") for f in foyers]
    temps = []
    for _ in range(3):
        for body in corps:
            t0 = time.perf_counter()
            response = client.post("/api/v1/simulations", json=body)
            temps.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.get_data(as_text=True)

    identiques = all(
        _same(engine.simulate_one(f), v) for f, v in zip(foyers, naive["valeurs"], strict=True)
    )

    distincts = [f.model_dump(mode="json") for f in _households(args.requetes, SEED + 1, today)]
    erreurs: list[int] = []

    def client_thread(k: int) -> None:
        local = app.test_client()
        for body in distincts[k :: args.concurrence]:
            code = local.post("/api/v1/simulations", json=body).status_code
            if code != 200:
                erreurs.append(code)

    threads = [threading.Thread(target=client_thread, args=(k,)) for k in range(args.concurrence)]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    debit = len(distincts) / (time.perf_counter() - t0)
    shutil.rmtree(VAR_DIR, ignore_errors=True)

    naive_q = _quantiles(naive["temps"])
    engine_q = _quantiles(temps)
    print(
        json.dumps(
            {
                "foyers": args.foyers,
                "naive_s": naive_q,
                "engine_http_s": engine_q,
                "acceleration_p50": round(naive_q["p50"] / engine_q["p50"], 1),
                "acceleration_p95": round(naive_q["p95"] / engine_q["p95"], 1),
                "concurrence": args.concurrence,
                "simulations_par_seconde": round(debit, 1),
                "erreurs_http": len(erreurs),
                "warmup_s": round(warmup, 1),
                "rss_mo": round(rss_bytes() / 2**20),
                "identiques": identiques,
            }
        )
    )


if __name__ == "__main__":
    main()
