"""Labels of the stable codes of the premier accueil, for the pages."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.accueil.forms import ISSUES, RESULTATS_APPEL
from portal.accueil.schemas import TOPICS
from portal.catalogue import current_catalogue
from portal.horloge import en_local
from portal.models import SourceDemande

URGENCES = {
    "violence": _l("Violences"),
    "enfant_danger": _l("Enfant en danger"),
    "sans_abri": _l("Sans abri ce soir"),
    "suicide": _l("Idées suicidaires"),
    "danger_immediat": _l("Danger immédiat"),
}
STATUTS = {
    "nouvelle": _l("Nouvelle"),
    "prise_en_charge": _l("Prise en charge"),
    "rendez_vous_pris": _l("Rendez-vous pris"),
    "orientee": _l("Orientée"),
    "en_attente": _l("En attente de la personne"),
    "close": _l("Close"),
}
CONTACTS = {
    "telephone": _l("Par téléphone"),
    "email": _l("Par e-mail"),
    "chat": _l("Sur le chat"),
}
AUTEURS = {
    "usager": _l("La personne"),
    "assistant": _l("Assistant automatique"),
    "agent": _l("Agent d'accueil"),
    "systeme": _l("Message du service"),
}
SOURCES = {source.value: source.libelle for source in SourceDemande}  # labels on the enum
SUIVIS = {
    "note": _l("Note"),
    "appel": _l("Appel"),
    "reassignation": _l("Transmission"),
    "reouverture": _l("Réouverture"),
}
ACTIONS = {
    "creation": _l("Demande reçue"),
    "lecture": _l("Lecture"),
    "prise_en_charge": _l("Prise en charge"),
    "reponse": _l("Réponse sur le chat"),
    "note": _l("Note ajoutée"),
    "appel": _l("Appel"),
    "rendez_vous": _l("Rendez-vous pris"),
    "orientation": _l("Orientation"),
    "fiche": _l("Fiche de liaison"),
    "statut": _l("Statut changé"),
    "non_recours": _l("Cause du non-recours"),
    "reassignation": _l("Transmission"),
    "close": _l("Close"),
    "reouverture": _l("Rouverte"),
    "purge": _l("Données personnelles effacées"),
}
AUTRES_TOPICS = {"humain": _l("Demande à parler à une personne"), "urgence": _l("Urgence")}


def _nom_commune(code: str | None) -> str:
    commune = current_catalogue().communes.get(code or "")
    return commune.nom if commune else "—"


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        libelle_urgence=lambda code: URGENCES.get(code, code),
        libelle_statut=lambda code: STATUTS.get(code, code),
        libelle_topic=lambda code: TOPICS.get(code) or AUTRES_TOPICS.get(code, code),
        libelle_contact=lambda code: CONTACTS.get(code, code),
        libelle_source=lambda code: SOURCES.get(code, code),
        libelle_suivi=lambda code: SUIVIS.get(code, code),
        libelle_action=lambda code: ACTIONS.get(code, code),
        libelle_appel=lambda code: RESULTATS_APPEL.get(code, code),
        libelle_issue=lambda code: ISSUES.get(code, code),
        libelle_auteur=lambda code: AUTEURS.get(code, code),
        nom_commune=_nom_commune,
        en_local=en_local,
    )
