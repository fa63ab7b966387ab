"""The real Rasa server and action server (bot/.venv, trained model), on free loopback ports.

Used by the tests marked `rasa` (run by `make bot-test` after training) and by
benchmarks/chat.py. Both processes get their own session (process group), so that stopping
them stops exactly them; the tracker store is a throw-away SQLite file.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
RASA = BOT / ".venv" / "bin" / "rasa"
MODELE = BOT / "models" / "bot.tar.gz"
DEMARRAGE_MAX_S = 240.0  # loading TensorFlow and the model takes 15 to 60 s on a busy machine


class RasaAbsent(RuntimeError):
    """No bot venv or no trained model: `make bot-train` first."""


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RasaReel:
    url: str
    token: str
    actions_url: str
    processus: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def parse(self, texte: str) -> dict[str, object]:
        return _post(f"{self.url}/model/parse?token={self.token}", {"text": texte})

    def arreter(self) -> None:
        """Stops Rasa and its action server (their process groups only), and waits."""
        for p in self.processus:
            if p.poll() is None:
                with suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGTERM)
        for p in self.processus:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)


def _post(url: str, corps: object, timeout: float = 10.0) -> dict[str, object]:
    requete = urllib.request.Request(
        url, data=json.dumps(corps).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(requete, timeout=timeout) as reponse:
        return json.loads(reponse.read())  # type: ignore[no-any-return]


def _attendre(reel: RasaReel, journal: Path) -> None:
    fin = time.monotonic() + DEMARRAGE_MAX_S
    while time.monotonic() < fin:
        for p in reel.processus:
            if p.poll() is not None:
                raise RuntimeError(f"Rasa s'est arrêté au démarrage : voir {journal}")
        try:
            reel.parse("bonjour")  # answers only once the model is loaded
            urllib.request.urlopen(reel.actions_url.removesuffix("/webhook") + "/health",
                                   timeout=2).close()
            return
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(1)
    reel.arreter()
    raise RuntimeError(f"Rasa n'a pas démarré en {DEMARRAGE_MAX_S:.0f} s : voir {journal}")


@contextmanager
def rasa_reel(dossier: Path, *, portail_url: str, service_token: str) -> Iterator[RasaReel]:
    """Starts both servers, bound to 127.0.0.1, and stops them on exit whatever happens."""
    if not RASA.exists() or not MODELE.exists():
        raise RasaAbsent("Pas de modèle entraîné : lancez `make bot-train`.")
    dossier.mkdir(parents=True, exist_ok=True)
    port, port_actions = port_libre(), port_libre()
    reel = RasaReel(
        url=f"http://127.0.0.1:{port}",
        token="rasa-test-" + os.urandom(12).hex(),
        actions_url=f"http://127.0.0.1:{port_actions}/webhook",
    )
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TQDM_DISABLE": "1",
        "PYTHONWARNINGS": "ignore",
        "ACTION_ENDPOINT_URL": reel.actions_url,
        "RASA_TRACKER_URL": f"sqlite:///{dossier / 'rasa_tracker.db'}",
        "SANIC_HOST": "127.0.0.1",
        "PORTAL_API_URL": portail_url,
        "PORTAL_SERVICE_TOKEN": service_token,
    }
    journal = dossier / "rasa.log"
    with open(journal, "ab") as sortie:
        reel.processus.append(subprocess.Popen(
            [str(RASA), "run", "actions", "--actions", "actions", "--port", str(port_actions)],
            cwd=BOT, env=env, stdout=sortie, stderr=subprocess.STDOUT, start_new_session=True,
        ))
        # As deploy/supervisord.conf: the token from a 0600 file, never on a command line (ps).
        jeton = dossier / "rasa_token"
        jeton.touch(mode=0o600)
        jeton.write_text(reel.token, encoding="utf-8")
        reel.processus.append(subprocess.Popen(
            [str(RASA.parent / "python"), "scripts/rasa_run.py", "--model", str(MODELE),
             "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
             "--interface", "127.0.0.1", "--port", str(port), "--enable-api",
             "--auth-token-file", str(jeton)],
            cwd=BOT, env=env, stdout=sortie, stderr=subprocess.STDOUT, start_new_session=True,
        ))
    try:
        _attendre(reel, journal)
        yield reel
    finally:
        reel.arreter()
