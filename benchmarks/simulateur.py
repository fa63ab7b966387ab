"""Simulator benchmark: prints ONE JSON object. Run from the repo root:

    .venv/bin/python benchmarks/simulateur.py [--foyers 12] [--tours 3] [--concurrence 20]

The targets of issue #3, measured in one run on the same households:
- naive: a plain OpenFisca call per household (`calculate_naive`), in a separate clean
  process (no engine speed-up installed), warm (its first call is excluded);
- api: the same households, one at a time, through `POST /api/v1/simulations` on a real HTTP
  server (werkzeug, threaded) in this process, warm; `moteur` is the engine alone;
- debit: `--concurrence` client threads, in another process, posting distinct households
  over HTTP; `lots` says how many requests each OpenFisca simulation merged;
- identiques: engine values equal the naive ones (±0.01 €) on every benchmark household;
- warm-up (legislation load + warm runs, in the background thread), RSS of this process with
  the legislation loaded, and the load average of the machine (2 cores shared).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The portal's files (database, secrets) go to a throw-away folder, set before it is imported.
VAR_DIR = tempfile.mkdtemp(prefix="bench-simulateur-")
os.environ.setdefault("BONNE_PORTE_VAR", VAR_DIR)

from portal.simulateur.moteur.echantillon import random_household  # noqa: E402

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
    from portal.simulateur.moteur.engine import load_tax_benefit_system
    from portal.simulateur.moteur.openfisca_adapter import calculate_naive

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


def clients_worker(url: str, concurrence: int, requetes: int, today: str) -> None:
    """In the child process: `concurrence` client threads post distinct households; the
    throughput as JSON on stdout. Clients run in their own process, as real clients do, so
    that their own work does not share the server's interpreter lock."""
    corps = [
        f.model_dump(mode="json")
        for f in _households(requetes, SEED + 1, date.fromisoformat(today))
    ]
    erreurs: list[str] = []

    def client_thread(k: int) -> None:
        for body in corps[k::concurrence]:
            try:
                code = _post(url, body)
            except OSError as exc:
                erreurs.append(repr(exc))
                continue
            if code != 200:
                erreurs.append(str(code))

    threads = [threading.Thread(target=client_thread, args=(k,)) for k in range(concurrence)]
    t0 = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    debit = len(corps) / (time.perf_counter() - t0)
    print(json.dumps({"debit": debit, "erreurs": erreurs}))


def _run_clients(url: str, concurrence: int, requetes: int, today: date) -> dict[str, Any]:
    commande = [sys.executable, __file__, "--clients-worker", url, "--concurrence"]
    commande += [str(concurrence), "--requetes", str(requetes), "--today", today.isoformat()]
    out = subprocess.run(commande, check=True, capture_output=True, text=True, cwd=ROOT).stdout
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


def _post(url: str, body: dict[str, Any]) -> int:
    data = json.dumps(body).encode()
    requete = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(requete, timeout=120) as reponse:
        reponse.read()
        return int(reponse.status)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--foyers", type=int, default=12)
    parser.add_argument("--tours", type=int, default=3)
    parser.add_argument("--concurrence", type=int, default=20)
    parser.add_argument("--requetes", type=int, default=200)
    parser.add_argument("--naive-worker", type=int)
    parser.add_argument("--clients-worker")
    parser.add_argument("--today")
    args = parser.parse_args()
    if args.naive_worker:
        naive_worker(args.naive_worker, args.today)
        return
    if args.clients_worker:
        clients_worker(args.clients_worker, args.concurrence, args.requetes, args.today)
        return

    from werkzeug.serving import make_server

    from portal.simulateur.moteur.engine import rss_bytes

    charge_avant = os.getloadavg()
    today = date.today()
    foyers = _households(args.foyers, SEED, today)
    naive = _run_naive(args.foyers, today)

    app = _app()
    engine = app.extensions["simulateur"]
    engine.wait_ready(timeout=600)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line of JSON on stdout
    serveur = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{serveur.server_port}/api/v1/simulations"

    corps = [f.model_dump(mode="json") for f in foyers]
    api: list[float] = []
    moteur: list[float] = []
    for tour in range(args.tours + 1):  # tour 0 warms the HTTP path up, not counted
        for foyer, body in zip(foyers, corps, strict=True):
            t0 = time.perf_counter()
            code = _post(url, body)
            t1 = time.perf_counter()
            engine.simulate_one(foyer)
            t2 = time.perf_counter()
            assert code == 200, code
            if tour:
                api.append(t1 - t0)
                moteur.append(t2 - t1)

    identiques = all(
        _same(engine.simulate_one(f), v) for f, v in zip(foyers, naive["valeurs"], strict=True)
    )

    deja = len(engine.tailles_lots)
    charge = _run_clients(url, args.concurrence, args.requetes, today)
    debit, erreurs = charge["debit"], charge["erreurs"]
    lots = list(engine.tailles_lots)[deja:]
    charge_apres = os.getloadavg()
    serveur.shutdown()
    shutil.rmtree(VAR_DIR, ignore_errors=True)

    naive_q = _quantiles(naive["temps"])
    api_q = _quantiles(api)
    print(
        json.dumps(
            {
                "foyers": args.foyers,
                "mesures_par_foyer": args.tours,
                "naive_s": naive_q,
                "api_http_s": api_q,
                "moteur_s": _quantiles(moteur),
                "acceleration_p50": round(naive_q["p50"] / api_q["p50"], 1),
                "acceleration_p95": round(naive_q["p95"] / api_q["p95"], 1),
                "concurrence": args.concurrence,
                "requetes": args.requetes,
                "simulations_par_seconde": round(debit, 1),
                "lots": {
                    "simulations_openfisca": len(lots),
                    "taille_moyenne": round(statistics.mean(lots), 1) if lots else None,
                    "taille_max": max(lots, default=None),
                    "tailles": lots,
                },
                "erreurs_http": len(erreurs),
                "warmup_s": round(engine.warmup_seconds or 0.0, 1),
                "rss_mo": round(rss_bytes() / 2**20),
                "identiques": identiques,
                "charge_machine": {
                    "coeurs": os.cpu_count(),
                    "avant": [round(x, 2) for x in charge_avant],
                    "apres": [round(x, 2) for x in charge_apres],
                },
                "objectifs": {
                    "api_p95_300ms": api_q["p95"] <= 0.300,
                    "acceleration_10x": naive_q["p95"] / api_q["p95"] >= 10,
                    "debit_50_par_s": debit >= 50,
                    "identiques": identiques,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
