"""The five doors of the home page. A door opens by itself once its page exists."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.templating import porte_ouverte


@dataclass(frozen=True)
class Porte:
    id: str
    titre: LazyString
    description: LazyString
    endpoint: str

    @property
    def disponible(self) -> bool:
        return porte_ouverte(self.endpoint)

    @property
    def url(self) -> str | None:
        return url_for(self.endpoint) if self.disponible else None


PORTES = [
    Porte(
        "mes_droits",
        _l("Mes droits"),
        _l("Savoir à quelles aides vous avez peut-être droit, et comment les demander."),
        "simulateur.accueil",
    ),
    Porte(
        "rendez_vous",
        _l("Prendre rendez-vous"),
        _l("Voir une personne dans une maison des solidarités ou une France Services."),
        "rendez_vous.accueil",
    ),
    Porte(
        "courrier",
        _l("Comprendre un courrier"),
        _l("Vous avez reçu une lettre du Département ? Nous l'expliquons avec des mots simples."),
        "courriers.saisie",
    ),
    Porte(
        "question",
        _l("Poser une question"),
        _l("Écrire votre question. Une personne de l'accueil peut prendre le relais."),
        "assistant.page",
    ),
    Porte(
        "lieu",
        _l("Trouver un lieu"),
        _l("Trouver un lieu d'accueil près de chez vous, avec ses horaires."),
        "lieux.recherche",
    ),
]


def portes() -> list[Porte]:
    return PORTES
