"""What every browser test shows to a person, checked for internal codes (issue 15).

Each context of the browser tests records the HTML pages of the portal (outside /agent), the
chat's replies (/api/v1/chat, /api/v1/chat/nouveaux) and the conversation on an agent's page
of a demande, as text a person reads; a snake_case
code, a bot payload (« /demander_humain ») or a phone number written « +33232000101 » in it
makes the test that produced it fail."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlparse

from playwright.sync_api import Response

MOTIFS = {
    "code interne": re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),
    "commande du robot": re.compile(r"(?:^|\s)/[a-z][a-z_]+\b"),
    "numéro non formaté": re.compile(r"\+33\d{9}\b"),
}
CHAT = ("/api/v1/chat", "/api/v1/chat/nouveaux")
# An agent's page of a demande: the conversation, as the agent reads it (and its new messages).
DEMANDE = re.compile(r"^/agent/accueil/[0-9A-Z]{6,16}(/messages)?$")
TRANSCRIPTION = re.compile(r'<ol class="transcription".*?</ol>', re.S)


class _Texte(HTMLParser):
    """The text nodes of a page, as a person reads them (no script, style, attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.morceaux: list[str] = []
        self._cache = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._cache += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._cache:
            self._cache -= 1

    def handle_data(self, data: str) -> None:
        if not self._cache and data.strip():
            self.morceaux.append(data.strip())


def texte_de_page(html: str) -> list[str]:
    lecteur = _Texte()
    lecteur.feed(html)
    return lecteur.morceaux


def textes_du_chat(corps: str) -> list[str]:
    donnees = json.loads(corps)
    messages = list(donnees.get("messages") or [])
    if donnees.get("envoye"):
        messages.append(donnees["envoye"])
    textes = []
    for message in messages:
        textes.append(str(message.get("texte", "")))
        textes += [str(b.get("titre", "")) for b in message.get("boutons") or []]
    return textes


def textes_de_la_demande(corps: str, *, json_: bool) -> list[str]:
    """The transcript on an agent's page of a demande (the rest of it holds codes for agents,
    in the journal, on purpose)."""
    if json_:
        messages = json.loads(corps).get("messages") or []
        return [t for m in messages for t in texte_de_page(m["html"])]
    return [t for bloc in TRANSCRIPTION.findall(corps) for t in texte_de_page(bloc)]


def fautes(textes: list[str]) -> list[str]:
    return [f"{nom} : {t!r}" for t in textes for nom, motif in MOTIFS.items() if motif.search(t)]


class Releve:
    def __init__(self) -> None:
        self.trouvees: list[str] = []
        self.lus = 0

    def lire(self, reponse: Response) -> None:
        chemin = urlparse(reponse.url).path
        type_ = reponse.headers.get("content-type", "")
        try:
            if chemin in CHAT and reponse.request.method == "POST" and reponse.ok:
                textes = textes_du_chat(reponse.text())
            elif DEMANDE.match(chemin) and reponse.ok:
                textes = textes_de_la_demande(reponse.text(), json_=chemin.endswith("/messages"))
            elif "text/html" in type_ and not chemin.startswith("/agent") and reponse.ok:
                textes = texte_de_page(reponse.text())
            else:
                return
        except Exception:  # noqa: BLE001 (a page gone with its closed context: nothing to read)
            return
        self.lus += 1
        self.trouvees += [f"{chemin} — {f}" for f in fautes(textes)]
