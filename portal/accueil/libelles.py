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

URGENCES = Urgence.choix()
AUTRES_TOPICS = Topic.choix(Topic.humain, Topic.urgence)


def _nom_commune(code: str | None) -> str:
    commune = current_catalogue().communes.get(code or "")
    return commune.nom if commune else "—"


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        libelle_urgence=Urgence.libelle_de,
        libelle_statut=StatutDemande.libelle_de,
        libelle_topic=Topic.libelle_de,
        libelle_contact=ModeContact.libelle_de,
        libelle_source=SourceDemande.libelle_de,
        libelle_suivi=GenreSuivi.libelle_de,
        libelle_action=Action.libelle_de,
        libelle_appel=ResultatAppel.libelle_de,
        libelle_issue=Issue.libelle_de,
        libelle_auteur=Auteur.libelle_de,
        nom_commune=_nom_commune,
        en_local=en_local,
    )
