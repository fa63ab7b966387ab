"""What the page and the API both show: the next-step links and the signed deadline sentence."""

from __future__ import annotations

from datetime import date

from flask import current_app, url_for
from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from portal.catalogue.schemas.courrier import DATE, Courrier, QuiAide, Theme, TypeAide
from portal.templating import porte_ouverte


def lien_aide(aide: QuiAide, *, externe: bool = False) -> str:
    """Where a "who helps" button leads; a door not open yet falls back to Trouver un lieu."""
    if aide.type == TypeAide.lien:
        return str(aide.url)
    if aide.type == TypeAide.rendez_vous and porte_ouverte("rendez_vous.accueil"):
        cible = ("rendez_vous.accueil", {"motif": aide.motif})
    elif aide.type == TypeAide.question and porte_ouverte("assistant.page"):
        cible = ("assistant.page", {})
    elif aide.type == TypeAide.question and porte_ouverte("accueil.demande"):
        cible = ("accueil.demande", {})
    else:
        cible = ("lieux.recherche", {})
    endpoint, valeurs = cible
    chemin = url_for(endpoint, **{k: v for k, v in valeurs.items() if v})
    if externe:  # the API's readers are not on our site
        return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + chemin
    return chemin


def phrase_echeance(courrier: Courrier, echeance: date, langue: str) -> str:
    """"Renvoyez le questionnaire avant le 15 décembre 2026.", in the page's language."""
    return courrier.echeance.en_langue(langue).replace(DATE, format_date(echeance, "long"))


THEMES = {
    Theme.rsa: _l("RSA (revenu de solidarité active)"),
    Theme.autonomie: _l("Personnes âgées : APA, aide sociale à l'hébergement"),
    Theme.handicap: _l("Handicap : PCH, MDPH"),
    Theme.logement: _l("Logement : Fonds de solidarité habitat (FSH)"),
    Theme.enfance_famille: _l("Enfants et familles : PMI"),
}
