"""The chat's first reply to an emergency: prints ONE JSON object. Run from the repo root
(needs a trained model):

    .venv/bin/python benchmarks/urgence.py [--messages 60] [--tours 3]

Issue 16: the first reply to an emergency comes in ≤ 300 ms p95, whatever the routing does
(the lexicon alone, or the lexicon then the model's second opinion through /model/parse).
The real Rasa server and action server (bot/.venv, bot/models/bot.tar.gz) are started on free
loopback ports; the portal (app on a throw-away SQLite database migrated with Alembic, as in
the tests) is served on loopback by werkzeug in a thread. Emergencies of the tuning parts
(tests/data/triage/dev*.yml: every k-th, `--messages` of them, so that the short, the long,
the English and the Arabic ones are all there) are sent warm (one pass first, then `--tours`
measured passes), each as the first message of a new conversation, through
`POST /api/v1/chat`, what the widget does. Timed: from the request to the whole answer, whose
first message carries the numbers as `tel:` buttons. Given apart: the answers that gave the
numbers (the emergency was seen), and the p95 of those the lexicon alone answered (the model
was not asked) and of those where the model was asked. Without a trained model: a JSON error,
exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mesures import banc  # noqa: E402

# The portal's files (database, secrets) go to a throw-away folder, set before it is imported.
VAR_DIR = banc.dossier_jetable("bench-urgence-")

from mesures.evaluation import lire_reglage  # noqa: E402
from mesures.rasa_reel import RasaAbsent  # noqa: E402

CIBLE_P95_MS = 300.0
SERVICE_TOKEN = "service-bench-" + "u" * 30


def _numeros_d_abord(reponse: dict[str, Any]) -> bool:
    messages = reponse.get("messages") or []
    return bool(messages) and "tel:" in json.dumps(messages[0].get("boutons"))


def _mesurer(app: Any, portail: str, textes: list[str], tours: int) -> dict[str, Any]:
    from portal.assistant.triage import check_urgence

    catalogue = app.extensions["catalogue"]
    # The lexicon alone sees it plainly: the model is not asked (second_avis.with_model).
    lexique_seul = {t for t in textes
                    if (tr := check_urgence(t, catalogue=catalogue, langue="fr")).urgence
                    and tr.sans_urgence is None}
    durees: dict[str, list[float]] = {"lexique_seul": [], "avec_le_modele": []}
    vues = 0
    for tour in range(tours + 1):  # tour 0 warms up
        for texte in textes:
            duree, reponse = banc.chronometre(f"{portail}/api/v1/chat",
                                          {"message": texte, "langue": "fr"})
            if tour:
                durees["lexique_seul" if texte in lexique_seul else "avec_le_modele"].append(duree)
                vues += _numeros_d_abord(reponse)
    toutes = durees["lexique_seul"] + durees["avec_le_modele"]
    return {"toutes": banc.quantiles_ms(toutes),
            **{nom: banc.quantiles_ms(liste) for nom, liste in durees.items()},
            "numeros_en_premier": vues, "requetes_mesurees": len(toutes)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=60)
    parser.add_argument("--tours", type=int, default=3)
    args = parser.parse_args()

    urgences = [c.texte for c in lire_reglage() if c.urgence]
    pas = max(1, len(urgences) // args.messages)
    textes = urgences[::pas][: args.messages]
    app = banc.app_de_banc(VAR_DIR, SERVICE_TOKEN)
    try:
        with banc.portail_et_rasa(app, VAR_DIR, SERVICE_TOKEN) as (portail, _rasa):
            charge_avant = banc.charge()
            figures = _mesurer(app, portail, textes, args.tours)
            charge_apres = banc.charge()
    except RasaAbsent as exc:
        print(json.dumps({"erreur": str(exc)}, ensure_ascii=False))
        return 1

    p95 = figures["toutes"]["p95"]
    return banc.imprimer({
        "messages": len(textes),
        "tours": args.tours,
        "premiere_reponse_ms": figures,
        "cible_p95_ms": CIBLE_P95_MS,
        "cible_atteinte": p95 <= CIBLE_P95_MS,
    }, charge_avant, charge_apres)


if __name__ == "__main__":
    sys.exit(main())
