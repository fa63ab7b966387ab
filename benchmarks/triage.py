"""Triage benchmark: prints ONE JSON object. Run from the repo root:

    .venv/bin/python benchmarks/triage.py [--tours 3] [--naif 100]

Every message of tests/data/triage/heldout_h.yml goes through `POST /api/v1/triage` (Flask test
client, app on a throw-away SQLite database migrated with Alembic, as in the tests), warm: one
pass first, then `--tours` measured passes. For comparison, through the same route:
- sans_precompilation: the lexicon compiled anew for every message (same answers);
- rapidfuzz_naif: no compilation at all, `fuzz.partial_ratio` of every expression of the
  lexicon against the message, as a first naive safety net would do (its recall and false
  alarms on the same messages are given too).
Both naive runs use the first `--naif` messages (they are slow).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The portal's files (database, secrets) go to a throw-away folder, set before it is imported.
VAR_DIR = Path(tempfile.mkdtemp(prefix="bench-triage-"))
os.environ.setdefault("BONNE_PORTE_VAR", str(VAR_DIR))

from rapidfuzz import fuzz  # noqa: E402
from unidecode import unidecode  # noqa: E402

from mesures.evaluation import DONNEES, HELDOUT_H, Cas, lire_cas  # noqa: E402
from portal.assistant import triage as triage_module  # noqa: E402
from portal.assistant.triage import Triage  # noqa: E402
from portal.catalogue import Catalogue  # noqa: E402

CIBLE_P95_MS = 100.0
SEUIL_NAIF = 90  # partial_ratio from which the naive net raises an alarm


def _quantiles(secondes: list[float]) -> dict[str, float]:
    ordre = sorted(secondes)
    p95 = ordre[min(len(ordre) - 1, round(0.95 * (len(ordre) - 1)))]
    return {"p50": round(statistics.median(ordre) * 1000, 3), "p95": round(p95 * 1000, 3)}


def _app() -> Any:
    from alembic import command

    from mesures.configuration import make_config
    from portal import create_app
    from portal.migrations import alembic_config

    url = f"sqlite:///{VAR_DIR / 'bench.db'}"
    command.upgrade(alembic_config(url), "head")
    return create_app(make_config(url, VAR_DIR, RATELIMIT_ENABLED=False))


def _mesurer(client: Any, textes: list[str], tours: int) -> list[float]:
    temps = []
    for _ in range(tours):
        for texte in textes:
            debut = time.perf_counter()
            response = client.post("/api/v1/triage", json={"text": texte})
            temps.append(time.perf_counter() - debut)
            assert response.status_code == 200, response.get_data(as_text=True)
    return temps


def triage_naif(texte: str, *, catalogue: Catalogue, langue: str) -> Triage:
    """No compilation: every expression, cleaned at each call, against the whole message."""
    message = unidecode(texte).lower()
    for urgence, signes in catalogue.lexique.urgences.items():
        for expression in signes.expressions:
            phrase = " ".join(e.split("|")[0].rstrip("*") for e in expression.split() if e != "*")
            if fuzz.partial_ratio(unidecode(phrase).lower(), message) >= SEUIL_NAIF:
                return Triage("urgence", urgence.value, f"urgence_{urgence.value}", 0.5)
    return Triage("autre", None, "out_of_scope", 0.3)


def _qualite(cas: list[Cas], trier: Callable[..., Triage], catalogue: Catalogue) -> dict[str, Any]:
    urgences = [c for c in cas if c.urgence]
    autres = [c for c in cas if not c.urgence]
    vues = sum(trier(c.texte, catalogue=catalogue, langue="fr").urgence is not None
               for c in urgences)
    fausses = sum(trier(c.texte, catalogue=catalogue, langue="fr").urgence is not None
                  for c in autres)
    return {"rappel_urgence": round(vues / len(urgences), 4),
            "fausses_alertes": round(fausses / len(autres), 4)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tours", type=int, default=3)
    parser.add_argument("--naif", type=int, default=100)
    args = parser.parse_args()

    cas = lire_cas(DONNEES / HELDOUT_H)
    textes = [c.texte for c in cas]
    app = _app()
    catalogue = app.extensions["catalogue"]
    client = app.test_client()

    debut = time.perf_counter()
    triage_module.regles_for.__wrapped__(catalogue)  # what the first message of a worker pays
    compilation_ms = (time.perf_counter() - debut) * 1000

    _mesurer(client, textes, 1)  # warm: compiled lexicon, word cache, Flask
    api = _quantiles(_mesurer(client, textes, args.tours))
    fonction = []
    for texte in textes * args.tours:
        debut = time.perf_counter()
        triage_module.check_urgence(texte, catalogue=catalogue, langue="fr")
        fonction.append(time.perf_counter() - debut)

    echantillon = textes[: args.naif]
    import portal.assistant.second_avis as route  # where the routing calls the lexicon

    original, en_cache = route.check_urgence, triage_module.regles_for
    triage_module.regles_for = en_cache.__wrapped__  # the lexicon compiled at every call
    sans_precompilation = _quantiles(_mesurer(client, echantillon, 1))
    triage_module.regles_for = en_cache
    route.check_urgence = triage_naif
    naif = _quantiles(_mesurer(client, echantillon, 1))
    route.check_urgence = original

    print(json.dumps({
        "messages": len(textes),
        "tours": args.tours,
        "api_ms": api,
        "fonction_ms": _quantiles(fonction),
        "compilation_du_lexique_ms": round(compilation_ms, 1),
        "cible_p95_ms": CIBLE_P95_MS,
        "cible_atteinte": api["p95"] <= CIBLE_P95_MS,
        "messages_naifs": len(echantillon),
        "sans_precompilation_api_ms": sans_precompilation,
        "rapidfuzz_naif_api_ms": naif,
        "ratio_sans_precompilation": {
            "p50": round(sans_precompilation["p50"] / api["p50"], 1),
            "p95": round(sans_precompilation["p95"] / api["p95"], 1),
        },
        "ratio_rapidfuzz_naif": {
            "p50": round(naif["p50"] / api["p50"], 1),
            "p95": round(naif["p95"] / api["p95"], 1),
        },
        "qualite": {
            "lexique_compile": _qualite(cas, original, catalogue),
            "rapidfuzz_naif": _qualite(cas, triage_naif, catalogue),
        },
    }))
    shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
