"""`make smoke`: the product started exactly as `make run` starts it, exercised over HTTP.

Run by `make smoke` (inside `make test`) with the Python of a fresh virtualenv that holds only
the runtime lock (requirements/runtime.txt): this script uses the standard library alone.
It starts `make run` on free ports with its own BONNE_PORTE_VAR, in a session of its own, then:
waits until /api/v1/health says ok for the database, the simulator and the assistant; asks
each door once; kills the Rasa server and the reminders process as an out-of-memory kill
would, checks that the portal still serves and that the chat falls back without losing the
message, and that Rasa answers again within 3 minutes; stops everything with SIGINT (what
Ctrl-C sends) and checks that no process of the run is left. The first failing step is named
and the exit status is 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEALTH_TIMEOUT = 420  # first start on 2 busy cores: OpenFisca warm-up in 2 workers, Rasa
RASA_BACK_TIMEOUT = 180  # the bar: Rasa answers again within 3 minutes
STOP_TIMEOUT = 60
SITUATION = {
    "mois": dt.date.today().strftime("%Y-%m"),
    "commune": "27229",
    "couple": False,
    "adultes": [{"date_naissance": "1985-04-02", "activite": "salarie",
                 "salaire_net_mensuel": 800, "chomage_net_mensuel": 0,
                 "retraite_brute_mensuelle": 0, "taux_incapacite": 0, "gir": None}],
    "enfants": [{"date_naissance": "2019-09-01"}],
    "logement": {"statut": "locataire", "loyer_mensuel": 500, "logement_social": False},
}


class Echec(Exception):
    """A step failed: its name and why."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Client:
    """A small HTTP client with cookies; never raises on an HTTP status, only on no answer."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )

    def request(self, method: str, path: str, body: Any = None, *, langue: str = "fr",
                timeout: float = 60) -> tuple[int, dict[str, str], str]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Accept-Language", langue)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with self.opener.open(req, timeout=timeout) as resp:
                return resp.status, dict(resp.headers), resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode()

    def json(self, method: str, path: str, body: Any = None, *, expect: int = 200) -> Any:
        status, _headers, text = self.request(method, path, body)
        if status != expect:
            raise Echec(f"{method} {path} : {status} au lieu de {expect} : {text[:300]}")
        return json.loads(text)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def session_processes(sid: int) -> list[tuple[int, str]]:
    """Every process of the run: all of them share the session `make run` was started in."""
    out = subprocess.run(["ps", "-eo", "pid=,sid=,args="], capture_output=True, text=True,
                         check=True).stdout
    found = []
    for line in out.splitlines():
        pid, psid, args = line.strip().split(None, 2)
        if int(psid) == sid and int(pid) != os.getpid():
            found.append((int(pid), args))
    return found


def wait_for(what: str, test: Callable[[], bool], timeout: float, every: float = 2) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if test():
                return time.monotonic() - start
        except (OSError, Echec, ValueError):
            pass
        time.sleep(every)
    raise Echec(f"{what} : pas atteint en {timeout:.0f} s")


class Smoke:
    def __init__(self, client: Client, port: int, sid: int) -> None:
        self.client, self.port, self.sid = client, port, sid

    # -- the doors ---------------------------------------------------------------------
    def health(self, want_assistant: bool = True) -> bool:
        status, _h, text = self.client.request("GET", "/api/v1/health", timeout=10)
        checks = json.loads(text)["checks"] if status == 200 else {}
        ok = checks.get("database") == "ok" and checks.get("simulateur") == "ok"
        return ok and (checks.get("assistant") == "ok" or not want_assistant)

    def home(self) -> None:
        marks = {"fr": ('lang="fr"', 'dir="ltr"'), "en": ('lang="en"', 'dir="ltr"'),
                 "ar": ('lang="ar"', 'dir="rtl"')}
        for langue, attendus in marks.items():
            status, _h, html = Client(self.client.base).request("GET", "/", langue=langue)
            if status != 200 or not all(a in html for a in attendus):
                raise Echec(f"accueil en {langue} : {status}, {attendus} absent")

    def simulation(self) -> None:
        result = self.client.json("POST", "/api/v1/simulations", SITUATION)
        ids = {a["id"] for a in result["aides"]}
        if not {"rsa", "ppa", "aide_logement"} <= ids:
            raise Echec(f"simulation : aides {sorted(ids)}")

    def booking(self, nom: str) -> str:
        motifs = self.client.json("GET", "/api/v1/motifs")
        du = dt.date.today() + dt.timedelta(days=1)
        au = du + dt.timedelta(days=27)
        for motif in motifs:
            if motif.get("collectif") or "usager" not in motif.get("reservable_par", ["usager"]):
                continue
            lieux = self.client.json(
                "GET", f"/api/v1/lieux?commune=27229&motif={motif['id']}")["lieux"]
            for lieu in lieux[:3]:
                creneaux = self.client.json(
                    "GET", f"/api/v1/creneaux?lieu={lieu['id']}&motif={motif['id']}"
                    f"&du={du.isoformat()}&au={au.isoformat()}")
                for creneau in creneaux[-3:]:
                    body = {"lieu": lieu["id"], "motif": motif["id"], "debut": creneau["debut"],
                            "usager": {"prenom": "Essai", "nom": nom,
                                       "telephone": "06 12 34 56 78"}}
                    status, _h, text = self.client.request("POST", "/api/v1/rendez-vous", body)
                    if status == 201:
                        return self._check_manage_link(json.loads(text))
                    if status != 409:
                        raise Echec(f"réservation : {status} {text[:300]}")
        raise Echec("réservation : aucun créneau libre trouvé")

    def _check_manage_link(self, reponse: dict[str, Any]) -> str:
        lien = reponse["gestion_url"]
        if not lien.startswith(f"http://127.0.0.1:{self.port}/"):
            raise Echec(f"réservation : le lien de gestion {lien!r} n'a pas le port {self.port}")
        status, _h, _t = Client(self.client.base).request("GET", lien.removeprefix(
            self.client.base))
        if status not in (200, 302, 303):
            raise Echec(f"réservation : le lien de gestion répond {status}")
        return str(reponse["reference"])

    def courrier(self) -> None:
        code = next(
            m.group(1) for f in sorted((ROOT / "content" / "courriers").glob("*.yml"))
            if (m := re.search(r"^code:\s*(\S+)", f.read_text(encoding="utf-8"), re.M))
        )
        status, headers, _t = self.client.request("GET", f"/courrier?code={code.lower()}")
        lieu = headers.get("Location", "")
        if status != 303 or f"/c/{code}" not in lieu:
            raise Echec(f"courrier : le code tapé {code} donne {status} {lieu!r}")
        status, _h, html = self.client.request("GET", lieu.removeprefix(self.client.base))
        if status != 200 or "<h1" not in html:
            raise Echec(f"courrier : la page {lieu} répond {status}")
        self._ecoute(lieu.removeprefix(self.client.base))

    def _ecoute(self, chemin: str) -> None:
        """The recording made by `make run` (flask courriers audio) in the page's language; or,
        without espeak-ng on this machine, the page saying it is missing."""
        status, _h, html = self.client.request("GET", chemin, langue="ar")
        sources = re.findall(r'<source src="(/audio/[^"]+-ar-[0-9a-f]{16}\.ogg)"', html)
        if shutil.which("espeak-ng") is None:
            if status != 200 or "<audio" in html or 'class="ecoute"' not in html:
                raise Echec(f"courrier : sans espeak-ng, {chemin} répond {status}")
            return
        if not sources:
            raise Echec(f"courrier : pas d'enregistrement en arabe sur {chemin}")
        status, headers, _t = self.client.request("HEAD", sources[0])
        if status != 200 or not headers.get("Content-Type", "").startswith("audio/ogg"):
            raise Echec(f"courrier : l'enregistrement {sources[0]} répond {status}")

    def chat(self, message: str, *, rasa: bool) -> str:
        """A new visit each time (no cookie): a conversation already handed over to the
        accueil would rightly go to the agent, not to Rasa."""
        self.client = Client(self.client.base)
        reponse = self.client.json("POST", "/api/v1/chat", {"message": message, "langue": "fr"})
        de = [m["de"] for m in reponse["messages"]]
        if rasa and (reponse["assistant"] != "ok" or "assistant" not in de):
            raise Echec(f"chat : pas de réponse de Rasa ({reponse})")
        if not rasa and (reponse["assistant"] != "unavailable" or not reponse["relais"]):
            raise Echec(f"chat sans Rasa : pas de repli vers le formulaire ({reponse})")
        return str(reponse["session"])

    def kept(self, session: str, message: str) -> None:
        conversation = self.client.json(
            "POST", "/api/v1/chat/nouveaux", {"session": session, "tous": True})
        if not any(m["texte"] == message for m in conversation["messages"]):
            raise Echec(f"chat : le message {message!r} est perdu")

    def hand_off(self, session: str) -> None:
        body = {"session": session, "prenom": "Essai", "commune": "27229",
                "contact": "telephone", "telephone": "06 12 34 56 78",
                "consentement": True, "topic": "rsa"}
        reponse = self.client.json("POST", "/api/v1/demandes", body, expect=201)
        if not reponse.get("reference"):
            raise Echec(f"relais : pas de référence ({reponse})")

    # -- processes -----------------------------------------------------------------------
    def kill(self, pattern: str) -> int:
        for pid, args in session_processes(self.sid):
            if re.search(pattern, args):
                os.kill(pid, signal.SIGKILL)
                return pid
        raise Echec(f"aucun processus {pattern!r} dans la session {self.sid}")

    def running(self, pattern: str, not_pid: int) -> bool:
        return any(re.search(pattern, a) and p != not_pid for p, a in session_processes(self.sid))


@contextmanager
def make_run(venv: Path, var: Path, ports: dict[str, int]) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "BONNE_PORTE_VAR": str(var)}
    env.pop("PUBLIC_BASE_URL", None)  # the default must follow PORT
    args = ["make", "--no-print-directory", "run", f"VENV={venv}",
            *(f"{k}={v}" for k, v in ports.items())]
    log = (var.parent / "run.log").open("wb")
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        yield proc
    finally:
        if proc.poll() is None and session_processes(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def stop_like_ctrl_c(proc: subprocess.Popen[bytes]) -> float:
    """SIGINT to the whole foreground group, as a terminal's Ctrl-C; then nothing may remain."""
    start = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    while time.monotonic() - start < STOP_TIMEOUT:
        if proc.poll() is not None and not session_processes(proc.pid):
            return time.monotonic() - start
        time.sleep(1)
    left = session_processes(proc.pid)
    raise Echec(f"arrêt : {len(left)} processus restent après {STOP_TIMEOUT} s : {left}")


def check_runtime_only() -> None:
    for test_only in ("playwright", "axe_playwright_python", "ruff", "aiosmtpd", "zxingcpp"):
        if importlib.util.find_spec(test_only) is not None:
            raise Echec(f"l'environnement de make run contient {test_only} (dépendance de test)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, required=True)
    venv = parser.parse_args().venv.resolve()
    ports = {"PORT": free_port(), "RASA_PORT": free_port(), "ACTIONS_PORT": free_port()}
    work = Path(tempfile.mkdtemp(prefix="bonne-porte-smoke-"))
    etape = "environnement d'exécution"
    t0 = time.monotonic()

    def step(nom: str) -> None:
        nonlocal etape
        etape = nom
        print(f"smoke [{time.monotonic() - t0:6.1f} s] {nom}", flush=True)

    try:
        check_runtime_only()
        with make_run(venv, work / "var", ports) as proc:
            smoke = Smoke(Client(f"http://127.0.0.1:{ports['PORT']}"), ports["PORT"], proc.pid)
            step("démarrage (santé : base, simulateur, assistant)")
            wait_for("santé ok", smoke.health, HEALTH_TIMEOUT, every=3)
            step("accueil en fr, en, ar")
            smoke.home()
            step("simulation")
            smoke.simulation()
            step("rendez-vous et lien de gestion")
            smoke.booking("Fumee")
            step("courrier par son code")
            smoke.courrier()
            step("chat répondu par Rasa")
            session = smoke.chat("Bonjour, comment demander le RSA ?", rasa=True)
            step("relais vers une demande")
            smoke.hand_off(session)
            step("Rasa et les rappels arrêtés brutalement")
            rasa_pid = smoke.kill(r"rasa_run\.py")
            rappels_pid = smoke.kill(r"rendez-vous envoyer")
            wait_for("Rasa arrêté", lambda: not smoke.health(), 30, every=1)
            step("sans Rasa : le chat passe au formulaire et garde le message")
            message = "Bonjour, ma question sur l'APA de ma mère"
            session = smoke.chat(message, rasa=False)
            smoke.kept(session, message)
            smoke.hand_off(session)
            step("sans Rasa : accueil, simulation, rendez-vous")
            smoke.home()
            smoke.simulation()
            smoke.booking("Sansrasa")
            step("les rappels redémarrés")
            wait_for("rappels redémarrés",
                     lambda: smoke.running(r"rendez-vous envoyer", rappels_pid), 60)
            step("Rasa répond de nouveau (3 minutes au plus)")
            duree = wait_for("Rasa de retour", lambda: smoke.running(r"rasa_run\.py", rasa_pid)
                             and smoke.health() and bool(smoke.chat("Bonjour", rasa=True)),
                             RASA_BACK_TIMEOUT, every=3)
            print(f"smoke : Rasa répond de nouveau après {duree:.0f} s", flush=True)
            step("arrêt comme Ctrl-C, aucun processus restant")
            duree = stop_like_ctrl_c(proc)
            print(f"smoke : tout est arrêté en {duree:.0f} s", flush=True)
    except (Echec, OSError, KeyError, ValueError, StopIteration) as exc:
        print(f"smoke : ÉCHEC à l'étape « {etape} » : {exc!r}", file=sys.stderr)
        log = work / "run.log"
        if log.exists():
            print("---- fin du journal de make run ----", file=sys.stderr)
            print("\n".join(log.read_text(errors="replace").splitlines()[-60:]), file=sys.stderr)
        return 1
    print(f"smoke : toutes les étapes passent en {time.monotonic() - t0:.0f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
