"""The fiche de liaison (FRIOS) as plain text: who, situation, request, orientation, consent.

Plain text opens anywhere and can be attached to a secure e-mail; the HTML page is the same
content laid out for printing.
"""

from __future__ import annotations

from flask_babel import gettext as _

from portal.catalogue import Catalogue
from portal.horloge import en_local
from portal.models import Agent, Demande, Orientation


def nom_fichier(demande: Demande) -> str:
    return f"fiche-de-liaison-{demande.reference}.txt"


def fiche_texte(
    demande: Demande, fiche: Orientation, *, catalogue: Catalogue, agent: Agent | None
) -> str:
    partenaire = catalogue.partenaires.get(fiche.partenaire)
    commune = catalogue.communes.get(demande.commune_code or "")
    lignes = [
        _("FICHE DE LIAISON — premier accueil social"),
        _("Référence : %(reference)s", reference=demande.reference),
        _("Date : %(date)s", date=en_local(fiche.created_at).strftime("%d/%m/%Y %H:%M")),
        "",
        _("1. La personne"),
        _("Prénom : %(prenom)s", prenom=demande.prenom or "—"),
        _("Commune : %(commune)s", commune=commune.nom if commune else "—"),
        _("Téléphone : %(telephone)s", telephone=demande.telephone or "—"),
        _("E-mail : %(email)s", email=demande.email or "—"),
        "",
        _("2. Situation"),
        fiche.situation or "—",
        "",
        _("3. Demande de la personne"),
        fiche.besoin or "—",
        "",
        _("4. Orientation"),
        _("Vers : %(partenaire)s", partenaire=partenaire.nom if partenaire else fiche.partenaire),
    ]
    if partenaire and partenaire.telephone:
        lignes.append(_("Téléphone du partenaire : %(telephone)s", telephone=partenaire.telephone))
    lignes += [
        _("Orientée par : %(agent)s", agent=agent.nom_complet if agent else "—"),
        "",
        _("5. Accord de la personne"),
        _("La personne est d'accord pour que cette fiche soit transmise.")
        if fiche.consentement
        else _("La personne n'a PAS donné son accord : ne pas transmettre cette fiche."),
    ]
    return "\n".join(lignes) + "\n"
