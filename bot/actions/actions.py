"""Custom actions of the Bonne Porte assistant.

The action server never reads content/ nor the database: answers about a letter or a
place come from the portal's /api/v1 with a service token (DESIGN.md, "Contracts").
When the portal cannot answer, the action sets `reponse_portail` and a rule says so in
plain words. Nothing personal (message text, commune) is written to the logs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

logger = logging.getLogger(__name__)

URGENCES = ("violence", "enfant_danger", "sans_abri", "suicide", "danger_immediat")

# Letter families known to the NLU regex (data/nlu/courrier.yml); here the separator may
# also be a space ("rsa ctrl"), which the NLU regex refuses to keep false positives out.
CODE_PATTERN = re.compile(
    r"\b(RSA|APA|PCH|ASE|FSL|MDPH|AAH|AEEH|ASH|PMI|CMI|FAJ|MDA|ACTP)[\s_.-]*([A-Z]{2,6}\d{0,3})\b",
    re.IGNORECASE,
)

MAX_LIEUX = 3


class PortalUnavailable(Exception):
    """The portal did not answer usefully (down, slow, 5xx, bad token)."""


def _portal_url() -> str:
    return os.environ.get("PORTAL_API_URL", "http://127.0.0.1:5000").rstrip("/")


async def call_portal(
    method: str, path: str, *, params: dict[str, str] | None = None, body: Any = None
) -> tuple[int, Any]:
    """Calls /api/v1 and returns (status, json). 4xx are answers; the rest raise."""
    headers = {
        "Authorization": f"Bearer {os.environ.get('PORTAL_SERVICE_TOKEN', '')}",
        "Accept": "application/json",
    }
    # Short timeout: the person is waiting in the chat and gets a plain message instead.
    timeout = aiohttp.ClientTimeout(total=float(os.environ.get("PORTAL_API_TIMEOUT", "3")))
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.request(
                method, _portal_url() + path, params=params, json=body, headers=headers
            ) as response,
        ):
            raw = await response.text()
            status = response.status
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        logger.warning(
            "portal %s %s unreachable: %s", method, path.split("?")[0], type(exc).__name__
        )
        raise PortalUnavailable from exc
    if status >= 500 or status in (401, 403):
        logger.warning("portal %s %s answered %s", method, path.split("?")[0], status)
        raise PortalUnavailable
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, None  # e.g. an HTML 404 page: still an answer


def _text(value: Any) -> str:
    """A content text may be a string, a {"fr": …} mapping or a list of lines."""
    if isinstance(value, dict):
        # A text in several languages, or one who helps ({"texte", "url", "motif", "type"}):
        # what a person reads, never a code of the content (« premier_rendez_vous_ts »).
        return _text(value.get("fr") or value.get("texte") or value.get("nom"))
    if isinstance(value, list):
        return "\n".join(f"- {_text(item)}" for item in value if item)
    return str(value).strip() if value else ""


def _first(data: dict[str, Any], *keys: str) -> str:
    for key in keys:
        if data.get(key):
            return _text(data[key])
    return ""


def normalise_code(raw: str) -> str | None:
    match = CODE_PATTERN.search(raw)
    return f"{match.group(1)}-{match.group(2)}".upper() if match else None


def format_courrier(data: dict[str, Any]) -> str:
    """Why, what to do, by when, otherwise, who helps: one short paragraph each."""
    parts = [
        _first(data, "titre", "nom"),
        _labelled("Pourquoi cette lettre", _first(data, "pourquoi", "resume", "explication")),
        _labelled("Ce que vous devez faire", _first(data, "que_faire", "quoi_faire", "a_faire")),
        _labelled("Avant quand", _first(data, "delai", "date_limite", "quand")),
        _labelled("Si vous ne faites rien", _first(data, "sinon", "si_rien")),
        _labelled("Qui peut vous aider", _first(data, "qui_aide", "aide", "contact")),
    ]
    return "\n\n".join(part for part in parts if part)


def boutons_courrier(data: dict[str, Any]) -> list[dict[str, str]]:
    """A link to each page that helps with this letter (`lien:/…`: the portal shows a link,
    never sends it back), then a person."""
    boutons = []
    for aide in data.get("qui_aide") or []:
        url = aide.get("url") if isinstance(aide, dict) else None
        titre = _text(aide.get("texte")) if isinstance(aide, dict) else ""
        if isinstance(url, str) and url and titre:
            partie = urlsplit(url)
            boutons.append({"title": titre,
                            "payload": "lien:" + partie.path + (f"?{partie.query}" if partie.query
                                                                else "")})
    if not boutons:
        boutons.append({"title": "Prendre rendez-vous", "payload": "lien:/rendez-vous"})
    return [*boutons, {"title": "Parler à une personne", "payload": "/demander_humain"}]


def _labelled(label: str, text: str) -> str:
    return f"{label} :\n{text}" if text else ""


def pres_de(nom: str) -> str:
    """« Près d'Évreux », « Près des Andelys », « Près du Neubourg », « Près de Vernon »."""
    for article, contracte in (("Les ", "des "), ("Le ", "du ")):
        if nom.startswith(article):
            return f"Près {contracte}{nom[len(article):]}"
    initiale = unicodedata.normalize("NFD", nom[:1])[:1].lower()
    return f"Près d'{nom}" if initiale and initiale in "aeiouyh" else f"Près de {nom}"


def telephone_lisible(numero: str) -> str:
    """« +33232000000 » as people write it: « 02 32 00 00 00 »; anything else unchanged."""
    trouve = re.fullmatch(r"\+33\s*([1-9](?:\s*\d){8})", numero.strip())
    if not trouve:
        return numero
    chiffres = "0" + re.sub(r"\s", "", trouve.group(1))
    return " ".join(chiffres[i:i + 2] for i in range(0, 10, 2))


def format_lieu(lieu: dict[str, Any]) -> str:
    adresse = lieu.get("adresse")
    if isinstance(adresse, dict):
        adresse = " ".join(
            str(adresse[k]) for k in ("ligne", "voie", "code_postal", "commune") if adresse.get(k)
        )
    lines = [
        _first(lieu, "nom", "titre"),
        _text(adresse),
        f"Téléphone : {telephone_lisible(str(lieu['telephone']))}"
        if lieu.get("telephone") else "",
        _labelled("Horaires", _first(lieu, "horaires", "horaires_texte")),
    ]
    return "\n".join(line for line in lines if line)


def _previous_turn_not_understood(tracker: Tracker) -> bool:
    """Whether the turn before this message also ended in action_secours.

    Looks at actions, not at the intent: a commune typed into lieu_form is often an
    nlu_fallback too, and must not count as a misunderstanding.
    """
    users_seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:
                return False
        elif users_seen == 1 and event.get("name") == "action_secours":
            return True
    return False


class ActionHandoff(Action):
    """Asks the portal to open a premier accueil request, then keeps the bot silent."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        urgence = tracker.get_slot("urgence")
        topic = "urgence" if urgence else (tracker.get_slot("topic") or "humain")
        # The portal intercepts this message; it is never shown to the person.
        dispatcher.utter_message(json_message={"handoff": True, "urgence": urgence, "topic": topic})
        # The listen lets the next handled message (/restart from the portal when the
        # request is closed, or a resume) start from a clean state: without it Rasa
        # answers with a fallback, rewinds and hands off again.
        return [ConversationPaused(), ActionExecuted("action_listen")]


class ActionSecours(Action):
    """A message the model did not understand: check the portal's emergency lexicon first.

    Then tell the rules whether it is an emergency, a first or a repeated misunderstanding
    (two in a row lead to the offer of a person).
    """

    def name(self) -> str:
        return "action_secours"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        urgence = await self._triage(tracker.latest_message.get("text") or "")
        if urgence:
            dispatcher.utter_message(response=f"utter_urgence_{urgence}")
            return [SlotSet("urgence", urgence), SlotSet("incomprehension", "urgence")]
        repeated = _previous_turn_not_understood(tracker)
        return [SlotSet("incomprehension", "repetee" if repeated else "premiere")]

    @staticmethod
    async def _triage(text: str) -> str | None:
        if not text.strip() or text.startswith("/"):
            return None
        try:
            status, data = await call_portal("POST", "/api/v1/triage", body={"text": text})
        except PortalUnavailable:
            return None  # the portal's own safety net still runs on this message
        urgence = data.get("urgence") if status == 200 and isinstance(data, dict) else None
        return urgence if urgence in URGENCES else None


class ActionCourrier(Action):
    """Explains a letter from its code, with the text kept in content/courriers/."""

    def name(self) -> str:
        return "action_courrier"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        raw = next(tracker.get_latest_entity_values("code"), None)
        code = normalise_code(raw or tracker.latest_message.get("text") or "")
        if not code:
            return [SlotSet("reponse_portail", "manquant")]
        # A code found only loosely ("une lettre rsa de la caf" → RSA-DE) that the portal
        # does not know means "no code yet": ask for it rather than say it is wrong.
        typed_as_code = raw is not None or tracker.get_intent_of_latest_message() == "code_courrier"
        try:
            status, data = await call_portal("GET", f"/api/v1/courriers/{code}")
        except PortalUnavailable:
            return [SlotSet("reponse_portail", "indisponible")]
        if status != 200 or not isinstance(data, dict):
            return [SlotSet("reponse_portail", "inconnu" if typed_as_code else "manquant")]
        dispatcher.utter_message(
            text=format_courrier(data) or f"Lettre {code}.",
            buttons=boutons_courrier(data),
        )
        return [SlotSet("reponse_portail", "ok")]


async def find_commune_code(texte: str) -> str | None:
    """The INSEE code of the commune a person typed ("evreux", "St-André", "27000"), through
    the portal's /api/v1/communes; None when no commune matches. A name or postal code
    shared by several communes gives the first (the places answer names the commune)."""
    status, data = await call_portal("GET", "/api/v1/communes", params={"nom": texte})
    if status != 200 or not isinstance(data, dict):
        return None
    communes = data.get("communes")
    if data.get("statut") not in ("trouvee", "plusieurs") or not isinstance(communes, list):
        return None
    premiere = communes[0] if communes and isinstance(communes[0], dict) else {}
    code = premiere.get("code")
    return str(code) if code else None


class ActionLieux(Action):
    """Lists the nearest places for the commune asked by lieu_form."""

    def name(self) -> str:
        return "action_lieux"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        commune = (tracker.get_slot("commune") or "").strip()
        # The commune is asked each time (never kept): forget it whatever the outcome.
        try:
            code = await find_commune_code(commune) if commune else None
            if code is None:
                return [SlotSet("reponse_portail", "inconnu"), SlotSet("commune", None)]
            status, data = await call_portal("GET", "/api/v1/lieux", params={"commune": code})
        except PortalUnavailable:
            return [SlotSet("reponse_portail", "indisponible"), SlotSet("commune", None)]
        lieux = data.get("lieux") if isinstance(data, dict) else None
        if status != 200 or not isinstance(lieux, list) or not lieux:
            return [SlotSet("reponse_portail", "inconnu"), SlotSet("commune", None)]
        nom = _text((data.get("commune") or {}).get("nom")) or commune
        blocks = [format_lieu(lieu) for lieu in lieux[:MAX_LIEUX] if isinstance(lieu, dict)]
        dispatcher.utter_message(
            text=f"{pres_de(nom)} :\n\n" + "\n\n".join(blocks),
            buttons=[
                {"title": "Prendre rendez-vous", "payload": "/prendre_rendez_vous"},
                {"title": "Parler à une personne", "payload": "/demander_humain"},
            ],
        )
        return [SlotSet("reponse_portail", "ok"), SlotSet("commune", None)]
