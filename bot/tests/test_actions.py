"""Custom actions against a loopback stand-in for the portal's /api/v1 (run by make bot-test
with the bot's venv: `.venv/bin/python -m unittest discover -s tests -p 'test_*.py'`)."""

from __future__ import annotations

import json
import os
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actions.actions import ActionLieux, boutons_courrier, format_courrier  # noqa: E402
from rasa_sdk.executor import CollectingDispatcher  # noqa: E402

# What the portal answers: /communes resolves names (accents and case ignored there; here
# only the few the tests send), /lieux accepts only INSEE codes, as the real one does.
COMMUNES = {
    "evreux": {"statut": "trouvee", "communes": [{"code": "27229", "nom": "Évreux"}]},
    "27700": {"statut": "plusieurs", "communes": [{"code": "27016", "nom": "Les Andelys"},
                                                  {"code": "27999", "nom": "Autre"}]},
}
LIEUX = {"27229": "Évreux", "27016": "Les Andelys"}


class _Portail(BaseHTTPRequestHandler):
    server: _Serveur

    def do_GET(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.server.calls.append((url.path, query))
        if url.path == "/api/v1/communes":
            self._reply(200, COMMUNES.get(query.get("nom", "").lower(),
                                          {"statut": "inconnue", "communes": []}))
        elif url.path == "/api/v1/lieux" and query.get("commune") in LIEUX:
            code = query["commune"]
            self._reply(200, {"commune": {"code": code, "nom": LIEUX[code]}, "lieux": [
                {"nom": f"MSD de {LIEUX[code]}", "telephone": "+33232000000",
                 "adresse": "1 rue de la Paix", "code_postal": "27000", "commune": LIEUX[code]}
            ]})
        else:
            self._reply(400, {"erreurs": {"commune": "Donnez le code INSEE"}})

    def _reply(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


class _Serveur(ThreadingHTTPServer):
    calls: list[tuple[str, dict[str, str]]]


class _Tracker:
    def __init__(self, **slots: str) -> None:
        self.slots = slots

    def get_slot(self, name: str) -> str | None:
        return self.slots.get(name)


class ActionLieuxTest(unittest.IsolatedAsyncioTestCase):
    def setUp(self) -> None:
        self.portail = _Serveur(("127.0.0.1", 0), _Portail)
        self.portail.calls = []
        threading.Thread(target=self.portail.serve_forever, daemon=True).start()
        self.env = dict(os.environ)
        os.environ["PORTAL_API_URL"] = f"http://127.0.0.1:{self.portail.server_port}"

    def tearDown(self) -> None:
        self.portail.shutdown()
        self.portail.server_close()
        os.environ.clear()
        os.environ.update(self.env)

    async def _run(self, commune: str) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
        dispatcher = CollectingDispatcher()
        events = await ActionLieux().run(dispatcher, _Tracker(commune=commune), {})  # type: ignore[arg-type]
        return events, dispatcher

    def _slot(self, events: list[dict[str, Any]], name: str) -> Any:
        return next(e["value"] for e in events if e.get("name") == name)

    async def test_a_typed_name_is_resolved_to_its_insee_code(self) -> None:
        events, dispatcher = await self._run("Evreux")
        self.assertEqual(self._slot(events, "reponse_portail"), "ok")
        self.assertIsNone(self._slot(events, "commune"))  # never kept
        self.assertEqual(
            self.portail.calls,
            [("/api/v1/communes", {"nom": "Evreux"}), ("/api/v1/lieux", {"commune": "27229"})],
        )
        self.assertIn("Près d'Évreux :", dispatcher.messages[0]["text"])
        self.assertIn("Téléphone : 02 32 00 00 00", dispatcher.messages[0]["text"])
        self.assertNotIn("+33", dispatcher.messages[0]["text"])
        self.assertIn("MSD de Évreux", dispatcher.messages[0]["text"])

    async def test_a_shared_postal_code_takes_the_first_commune_and_names_it(self) -> None:
        events, dispatcher = await self._run("27700")
        self.assertEqual(self._slot(events, "reponse_portail"), "ok")
        self.assertIn("Près des Andelys :", dispatcher.messages[0]["text"])

    async def test_an_unknown_commune_never_reaches_lieux(self) -> None:
        events, dispatcher = await self._run("Marseille")
        self.assertEqual(self._slot(events, "reponse_portail"), "inconnu")
        self.assertEqual([c[0] for c in self.portail.calls], ["/api/v1/communes"])
        self.assertEqual(dispatcher.messages, [])

    async def test_the_portal_down_is_said_plainly(self) -> None:
        os.environ["PORTAL_API_URL"] = "http://127.0.0.1:9"  # nothing listens there
        events, _ = await self._run("Evreux")
        self.assertEqual(self._slot(events, "reponse_portail"), "indisponible")


if __name__ == "__main__":
    unittest.main()


class FormatCourrierTest(unittest.TestCase):
    LETTRE = {
        "titre": "Contrôle du RSA",
        "qui_aide": [{"type": "rendez_vous", "texte": "Un rendez-vous avec un travailleur social",
                      "motif": "premier_rendez_vous_ts",
                      "url": "http://localhost/rendez-vous?motif=premier_rendez_vous_ts"},
                     {"type": "telephone", "texte": "La CAF au 3230", "motif": None,
                      "url": None}],
    }

    def test_who_helps_is_read_as_text_never_as_a_code(self) -> None:
        texte = format_courrier(self.LETTRE)
        self.assertIn("Qui peut vous aider :\n- Un rendez-vous avec un travailleur social\n"
                      "- La CAF au 3230", texte)
        self.assertNotIn("premier_rendez_vous_ts", texte)
        self.assertNotIn(" - -", texte)

    def test_each_help_with_a_page_is_a_link_button(self) -> None:
        self.assertEqual(boutons_courrier(self.LETTRE), [
            {"title": "Un rendez-vous avec un travailleur social",
             "payload": "lien:/rendez-vous?motif=premier_rendez_vous_ts"},
            {"title": "Parler à une personne", "payload": "/demander_humain"},
        ])
        self.assertEqual(boutons_courrier({})[0]["payload"], "lien:/rendez-vous")
