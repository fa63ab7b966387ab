"""The doors of the portal as buttons in the chat: every answer that mentions a door carries
the link to it (« Prendre rendez-vous », « Mes droits », « Comprendre un courrier »,
« Trouver un lieu » for the person's commune when it is known). A link button's value is
`lien:<path>`: the widget and the page without JavaScript show it as a link, never send it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from unidecode import unidecode

from portal.assistant.relay import Bouton

LIEN = "lien:"


@dataclass(frozen=True)
class Porte:
    titre: object  # a lazy string, in the language of the conversation when rendered
    endpoint: str
    mentions: tuple[str, ...]  # lowercase, without accents


PORTES = {
    "rendez_vous": Porte(_l("Prendre rendez-vous"), "rendez_vous.accueil",
                         ("prendre rendez-vous", "prenez rendez-vous", "prendre un rendez-vous",
                          "book an appointment")),
    "mes_droits": Porte(_l("Mes droits"), "simulateur.accueil", ("mes droits",)),
    "courrier": Porte(_l("Comprendre un courrier"), "courriers.saisie",
                      ("comprendre un courrier", "code sous le qr code", "liste des courriers")),
    "lieux": Porte(_l("Trouver un lieu"), "lieux.recherche",
                   ("trouver un lieu", "france services", "pres de chez vous")),
}


def bouton(porte: str, commune: str | None = None) -> Bouton:
    cle = PORTES[porte]
    valeurs = {"code": commune} if porte == "lieux" and commune else {}
    return Bouton(str(cle.titre), LIEN + url_for(cle.endpoint, **valeurs))


def avec_portes(texte: str, boutons: list[Bouton], commune: str | None = None) -> list[Bouton]:
    """The buttons of an answer, with a link to each door the text mentions. A button of the
    same title that would only ask the bot again is replaced by the link."""
    lu = unidecode(texte).lower()
    liens = [bouton(p, commune) for p, cle in PORTES.items()
             if any(m in lu for m in cle.mentions)]
    titres = {b.titre.casefold() for b in liens}
    gardes = [b for b in boutons if b.titre.casefold() not in titres]
    return liens + gardes
