"""What the chat benchmarks share (benchmarks/chat.py, benchmarks/urgence.py): the portal on a
throw-away SQLite database served on loopback beside a real Rasa, a timed JSON POST, and the
quantiles of the durations.

The portal is imported inside `app_de_banc`, once `dossier_jetable` has set BONNE_PORTE_VAR:
the portal reads its folder when it is imported.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

from mesures.rasa_reel import RasaReel, rasa_reel


def dossier_jetable(prefixe: str) -> Path:
    """A throw-away folder for the portal's files (database, secrets), set before it is
    imported."""
    dossier = Path(tempfile.mkdtemp(prefix=prefixe))
    os.environ.setdefault("BONNE_PORTE_VAR", str(dossier))
    return dossier


def quantiles_ms(secondes: list[float]) -> dict[str, float] | None:
    """Count, median, p95 and max in milliseconds; None when nothing was measured."""
    if not secondes:
        return None
    ordre = sorted(secondes)
    p95 = ordre[min(len(ordre) - 1, round(0.95 * (len(ordre) - 1)))]
    return {"n": len(ordre), "p50": round(statistics.median(ordre) * 1000, 1),
            "p95": round(p95 * 1000, 1), "max": round(ordre[-1] * 1000, 1)}


def app_de_banc(dossier: Path, service_token: str) -> Any:
    """The portal on a SQLite database migrated with Alembic (as in the tests), demo data
    loaded, no rate limit, the real clock."""
    from alembic import command

    from mesures.configuration import make_config
    from portal import create_app
    from portal.migrations import alembic_config

    url = f"sqlite:///{dossier / 'bench.db'}"
    command.upgrade(alembic_config(url), "head")
    app = create_app(make_config(url, dossier, RATELIMIT_ENABLED=False, NOW=None,
                                 SERVICE_TOKEN=service_token, RASA_TIMEOUT_SECONDS=5))
    app.test_cli_runner().invoke(args=["demo", "load"])
    return app


def chronometre(url: str, corps: object) -> tuple[float, Any]:
    """POST `corps` as JSON: the seconds until the whole answer was read, and the answer."""
    requete = urllib.request.Request(
        url, data=json.dumps(corps).encode(), headers={"Content-Type": "application/json"}
    )
    debut = time.perf_counter()
    with urllib.request.urlopen(requete, timeout=30) as reponse:
        contenu = json.loads(reponse.read())
    return time.perf_counter() - debut, contenu


@contextmanager
def portail_et_rasa(app: Any, dossier: Path, service_token: str) -> Iterator[tuple[str, RasaReel]]:
    """Serve `app` on a free loopback port, start the real Rasa pointed at it, and yield the
    portal's URL and Rasa; afterwards stop the server and remove `dossier`. Raises RasaAbsent
    without a trained model."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line of JSON on stdout, no log
    serveur = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    portail = f"http://127.0.0.1:{serveur.server_port}"
    try:
        with rasa_reel(dossier / "rasa", portail_url=portail,
                       service_token=service_token) as rasa:
            app.config["RASA_URL"] = rasa.url
            app.config["RASA_TOKEN"] = rasa.token
            yield portail, rasa
    finally:
        serveur.shutdown()
        shutil.rmtree(dossier, ignore_errors=True)


def charge() -> list[float]:
    """The machine's load over 1, 5 and 15 minutes, rounded."""
    return [round(x, 2) for x in os.getloadavg()]


def imprimer(figures: dict[str, Any], avant: list[float], apres: list[float]) -> int:
    """Print the benchmark's ONE JSON object, with the machine's load before and after the
    measure and its cores (the figures depend on them); return the exit code 0."""
    print(json.dumps({**figures, "charge_1_5_15_min": {"avant": avant, "apres": apres},
                      "coeurs": os.cpu_count()}, ensure_ascii=False))
    return 0
