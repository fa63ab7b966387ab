"""A loopback stand-in for Rasa's REST channel, answering in Rasa's own JSON shape.

The portal's integration tests use it to drive each branch of the relay (an answer, a
hand-off, a resume, a timeout) deterministically; the browser test talks to the real Rasa.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

INTENTS = {"A": "urgence_suicide", "B": "urgence_inventee", "C": "greet"}
# Answers of bot/domain.yml that name a door of the portal (utter_rsa, utter_prendre_rendez_vous).
REPONSES = {
    "c'est quoi le rsa": (
        "Le RSA est une aide. Faites le test sur la page « Mes droits ». Pour une question sur "
        "votre dossier, prenez rendez-vous ou parlez à une personne.",
        [("Prendre rendez-vous", "/prendre_rendez_vous"),
         ("Parler à une personne", "/demander_humain")]),
    "je veux un rendez-vous": (
        "Pour prendre rendez-vous, allez sur la page « Prendre rendez-vous ».",
        [("Trouver un lieu d'accueil", "/trouver_lieu"),
         ("Parler à une personne", "/demander_humain")]),
}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:  # noqa: N802
        self._reply(200, "Hello from Rasa: 3.6.21")

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"null")
        self.server.calls.append((self.path, body))
        if self.path.startswith("/conversations/"):
            self._reply(200, {"events": body})
            return
        if self.path.startswith("/model/parse"):
            # "bonjour <code> <confiance>": the test says what the model should answer, with
            # a code rather than the intent's name (the lexicon would read "suicide" itself).
            mots = body["text"].split()
            intent, confiance = (
                (INTENTS[mots[1]], float(mots[2])) if len(mots) == 3 else ("greet", 0.9)
            )
            self._reply(200, {"text": body["text"],
                              "intent": {"name": intent, "confidence": confiance}})
            return
        message = body["message"]
        if message == "lent":
            time.sleep(3)
        if message in REPONSES:
            texte, boutons = REPONSES[message]
            self._reply(200, [{"recipient_id": body["sender"], "text": texte,
                               "buttons": [{"title": t, "payload": p} for t, p in boutons]}])
            return
        if message == "humain":
            self._reply(200, [
                {"recipient_id": body["sender"], "text": "Je vous passe une personne."},
                {"recipient_id": body["sender"],
                 "custom": {"handoff": True, "topic": "logement", "urgence": None}},
            ])
            return
        self._reply(200, [{
            "recipient_id": body["sender"],
            "text": "Bonjour. Que voulez-vous faire ?",
            "buttons": [{"title": "Prendre rendez-vous", "payload": "/prendre_rendez_vous"}],
        }])

    def _reply(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode() if not isinstance(payload, str) else payload.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    calls: list[tuple[str, Any]]


@contextmanager
def fake_rasa() -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.calls = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
