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
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mesures import banc  # noqa: E402

# The portal's files (database, secrets) go to a throw-away folder, set before it is imported.
VAR_DIR = banc.dossier_jetable("bench-chat-")

from mesures.evaluation import lire_reglage  # noqa: E402
from mesures.rasa_reel import RasaAbsent  # noqa: E402

CIBLE_P95_MS = 300.0
SERVICE_TOKEN = "service-bench-" + "z" * 30


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=60)
    parser.add_argument("--tours", type=int, default=3)
    args = parser.parse_args()

    textes = [c.texte for c in lire_reglage() if not c.urgence][:: 7][: args.messages]
    app = banc.app_de_banc(VAR_DIR, SERVICE_TOKEN)
    try:
        debut = time.perf_counter()
        with banc.portail_et_rasa(app, VAR_DIR, SERVICE_TOKEN) as (portail, rasa):
            demarrage_s = time.perf_counter() - debut
            webhook = f"{rasa.url}/webhooks/rest/webhook?token={rasa.token}"
            relais: list[float] = []
            direct: list[float] = []
            sans_rasa = 0  # answered by the safety net alone (the model saw an emergency)
            charge_avant = banc.charge()
            for tour in range(args.tours + 1):  # tour 0 warms both sides up
                for texte in textes:
                    duree_r, reponse = banc.chronometre(
                        f"{portail}/api/v1/chat", {"message": texte, "langue": "fr"})
                    duree_d, _ = banc.chronometre(
                        webhook, {"sender": uuid.uuid4().hex, "message": texte})
                    if reponse.get("assistant") != "ok":
                        raise RuntimeError(f"le relais n'a pas joint Rasa : {reponse}")
                    if tour:
                        relais.append(duree_r)
                        direct.append(duree_d)
                        sans_rasa += any("danger" in m["texte"] for m in reponse["messages"][:1])
            charge_apres = banc.charge()
    except RasaAbsent as exc:
        print(json.dumps({"erreur": str(exc)}, ensure_ascii=False))
        return 1

    r, d = banc.quantiles_ms(relais), banc.quantiles_ms(direct)
    assert r is not None and d is not None
    return banc.imprimer({
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
    }, charge_avant, charge_apres)


if __name__ == "__main__":
    sys.exit(main())
