"""Chat benchmark: prints ONE JSON object. Run from the repo root (needs a trained model):

    .venv/bin/python benchmarks/chat.py [--messages 60] [--tours 3]

The real Rasa server and action server (bot/.venv, bot/models/bot.tar.gz) are started on
free loopback ports; the portal (app on a throw-away SQLite database migrated with Alembic,
as in the tests) is served on loopback by werkzeug in a thread. Each message without an
emergency from the tuning files (tests/data/triage/dev*.yml) is sent, warm (one pass first,
then `--tours` measured passes), over HTTP:
- relais: `POST /api/v1/chat`, what the widget does (safety net, the model's second opinion
  through /model/parse, then Rasa's REST channel, everything stored in the database);
- direct: straight to Rasa's REST channel, the naive baseline with no safety net and no
  storage.
Each request starts a new conversation on both sides, alternately, so that both see the same
machine load (given with the figures). Without a trained model: a JSON error, exit code 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The portal's files (database, secrets) go to a throw-away folder, set before it is imported.
VAR_DIR = Path(tempfile.mkdtemp(prefix="bench-chat-"))
os.environ.setdefault("BONNE_PORTE_VAR", str(VAR_DIR))

from werkzeug.serving import make_server  # noqa: E402

from mesures.evaluation import lire_reglage  # noqa: E402
from mesures.rasa_reel import RasaAbsent, rasa_reel  # noqa: E402

CIBLE_P95_MS = 300.0
SERVICE_TOKEN = "service-bench-" + "z" * 30


def _quantiles(secondes: list[float]) -> dict[str, float]:
    ordre = sorted(secondes)
    p95 = ordre[min(len(ordre) - 1, round(0.95 * (len(ordre) - 1)))]
    return {"p50": round(statistics.median(ordre) * 1000, 1), "p95": round(p95 * 1000, 1),
            "max": round(ordre[-1] * 1000, 1)}


def _app() -> Any:
    from alembic import command

    from mesures.configuration import make_config
    from portal import create_app
    from portal.migrations import alembic_config

    url = f"sqlite:///{VAR_DIR / 'bench.db'}"
    command.upgrade(alembic_config(url), "head")
    app = create_app(make_config(url, VAR_DIR, RATELIMIT_ENABLED=False, NOW=None,
                                 SERVICE_TOKEN=SERVICE_TOKEN, RASA_TIMEOUT_SECONDS=5))
    app.test_cli_runner().invoke(args=["demo", "load"])
    return app


def _post(url: str, corps: object) -> Any:
    requete = urllib.request.Request(
        url, data=json.dumps(corps).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(requete, timeout=30) as reponse:
        return json.loads(reponse.read())


def _chronometre(url: str, corps: object) -> tuple[float, Any]:
    debut = time.perf_counter()
    reponse = _post(url, corps)
    return time.perf_counter() - debut, reponse


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=60)
    parser.add_argument("--tours", type=int, default=3)
    args = parser.parse_args()

    textes = [c.texte for c in lire_reglage() if not c.urgence][:: 7][: args.messages]
    app = _app()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line of JSON on stdout, no log
    serveur = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    portail = f"http://127.0.0.1:{serveur.server_port}"
    try:
        debut = time.perf_counter()
        with rasa_reel(VAR_DIR / "rasa", portail_url=portail,
                       service_token=SERVICE_TOKEN) as rasa:
            demarrage_s = time.perf_counter() - debut
            app.config["RASA_URL"] = rasa.url
            app.config["RASA_TOKEN"] = rasa.token
            webhook = f"{rasa.url}/webhooks/rest/webhook?token={rasa.token}"
            relais: list[float] = []
            direct: list[float] = []
            sans_rasa = 0  # answered by the safety net alone (the model saw an emergency)
            charge_avant = os.getloadavg()
            for tour in range(args.tours + 1):  # tour 0 warms both sides up
                for texte in textes:
                    duree_r, reponse = _chronometre(
                        f"{portail}/api/v1/chat", {"message": texte, "langue": "fr"})
                    duree_d, _ = _chronometre(
                        webhook, {"sender": uuid.uuid4().hex, "message": texte})
                    if reponse.get("assistant") != "ok":
                        raise RuntimeError(f"le relais n'a pas joint Rasa : {reponse}")
                    if tour:
                        relais.append(duree_r)
                        direct.append(duree_d)
                        sans_rasa += any("danger" in m["texte"] for m in reponse["messages"][:1])
            charge_apres = os.getloadavg()
    except RasaAbsent as exc:
        print(json.dumps({"erreur": str(exc)}, ensure_ascii=False))
        return 1
    finally:
        serveur.shutdown()
        shutil.rmtree(VAR_DIR, ignore_errors=True)

    r, d = _quantiles(relais), _quantiles(direct)
    print(json.dumps({
        "messages": len(textes),
        "tours": args.tours,
        "requetes_mesurees": len(relais),
        "relais_api_chat_ms": r,
        "direct_rasa_ms": d,
        "surcout_du_relais_p95_ms": round(r["p95"] - d["p95"], 1),
        "reponses_du_seul_filet": sans_rasa,
        "cible_p95_ms": CIBLE_P95_MS,
        "cible_atteinte": r["p95"] <= CIBLE_P95_MS,
        "demarrage_rasa_s": round(demarrage_s, 1),
        "charge_1_5_15_min": {"avant": [round(x, 2) for x in charge_avant],
                              "apres": [round(x, 2) for x in charge_apres]},
        "coeurs": os.cpu_count(),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
