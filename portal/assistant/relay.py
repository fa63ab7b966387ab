"""The portal's side of Rasa's REST channel. The browser never talks to Rasa.

Rasa answers a message with a list of items: `text` (+ `buttons`) for the person, or
`custom` for the portal (`{"handoff": true, …}` asks for a human).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any


class AssistantIndisponible(Exception):
    """Rasa is down, slow or answered something unreadable: the portal carries on without it."""


@dataclass(frozen=True)
class Bouton:
    titre: str
    valeur: str


@dataclass
class ReponseRasa:
    textes: list[tuple[str, list[Bouton]]] = field(default_factory=list)
    relais: dict[str, Any] | None = None


@dataclass(frozen=True)
class RasaClient:
    base_url: str
    timeout: float = 5.0
    token: str | None = None

    def _post(self, path: str, payload: object) -> Any:
        url = self.base_url.rstrip("/") + path
        if self.token:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode({"token": self.token})
        request = urllib.request.Request(
            url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise AssistantIndisponible(str(exc)) from exc

    def send(self, *, sender: str, texte: str, langue: str) -> ReponseRasa:
        items = self._post(
            "/webhooks/rest/webhook",
            {"sender": sender, "message": texte, "metadata": {"langue": langue}},
        )
        if not isinstance(items, list):
            raise AssistantIndisponible("réponse inattendue")
        reponse = ReponseRasa()
        for item in items:
            custom = item.get("custom")
            if isinstance(custom, dict) and custom.get("handoff"):
                reponse.relais = custom
            elif item.get("text"):
                boutons = [
                    Bouton(str(b.get("title", "")), str(b.get("payload", "")))
                    for b in item.get("buttons") or []
                ]
                reponse.textes.append((str(item["text"]), boutons))
        return reponse

    def parse(self, *, texte: str) -> dict[str, float]:
        """The model's intents with their confidence, best first (needs Rasa's API, on
        loopback). Rasa gives the ten best; an answer without ranking gives its top intent."""
        resultat = self._post("/model/parse", {"text": texte})
        intent = resultat.get("intent") if isinstance(resultat, dict) else None
        if not isinstance(intent, dict) or not intent.get("name"):
            raise AssistantIndisponible("analyse illisible")
        classement = {
            str(i["name"]): float(i.get("confidence") or 0.0)
            for i in resultat.get("intent_ranking") or []
            if isinstance(i, dict) and i.get("name")
        }
        return classement or {str(intent["name"]): float(intent.get("confidence") or 0.0)}

    def resume(self, *, sender: str) -> None:
        """Wakes the bot after a human closed the demande (resume alone misfires: see research)."""
        self._post(
            f"/conversations/{urllib.parse.quote(sender)}/tracker/events",
            [{"event": "resume"}, {"event": "action", "name": "action_listen"}],
        )
