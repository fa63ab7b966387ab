"""Labels of the stable codes of the premier accueil, for the pages: each read from its enum
(portal/models, `.libelle`), where it is written once."""

from __future__ import annotations

from flask import Flask

from portal.catalogue import current_catalogue
from portal.horloge import en_local
from portal.models import (
    Action,
    Auteur,
    GenreSuivi,
    Issue,
    ModeContact,
    ResultatAppel,
    SourceDemande,
    StatutDemande,
    Topic,
    Urgence,
)
from portal.models.choix import Choix

URGENCES = Urgence.choix()
AUTRES_TOPICS = Topic.choix(Topic.humain, Topic.urgence)


def _nom_commune(code: str | None) -> str:
    commune = current_catalogue().communes.get(code or "")
    return commune.nom if commune else "—"


# Each page reads `libelle_<name>(code)`: the label of the code on its enum.
ENUMS: dict[str, type[Choix]] = {
    "urgence": Urgence, "statut": StatutDemande, "topic": Topic, "contact": ModeContact,
    "source": SourceDemande, "suivi": GenreSuivi, "action": Action, "appel": ResultatAppel,
    "issue": Issue, "auteur": Auteur,
}


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        {f"libelle_{nom}": enum.libelle_de for nom, enum in ENUMS.items()},
        nom_commune=_nom_commune, en_local=en_local,
    )
