"""Writing the e-mails and SMS from their templates, in the usager's language.

Every SMS fits one 160-character GSM-7 segment (RDV-Solidarités cut its texts for cost,
#4846). Characters outside GSM-7 (ê, ç, ’) are replaced by their nearest GSM-7 letter; a
language written in another script (Arabic) gets its SMS in French, since one UCS-2 segment
holds only 70 characters; its e-mail and the manage page stay in that language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel import dates
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from unidecode import unidecode

from portal.catalogue import Catalogue
from portal.models.rendez_vous import Canal, Modele, RendezVous
from portal.rendez_vous.creneaux import PARIS
from portal.rendez_vous.envoi import Message
from portal.rendez_vous.ics import calendrier
from portal.rendez_vous.liens import jeton_pour, lien_gestion

SMS_MAX = 160
SMS_LANGUES = frozenset({"fr", "en"})
GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # two septets each
_PROCHES = {"’": "'", "‘": "'", "«": '"', "»": '"', "–": "-", "—": "-", "…": "...",
            "\u00a0": " ", "\u202f": " ", "œ": "oe", "Œ": "OE"}


def longueur_gsm7(texte: str) -> int | None:
    """Septets the text takes in GSM-7, or None if it cannot be written in GSM-7."""
    total = 0
    for caractere in texte:
        if caractere in GSM7:
            total += 1
        elif caractere in GSM7_EXTENSION:
            total += 2
        else:
            return None
    return total


def vers_gsm7(texte: str) -> str:
    sortie = []
    for caractere in texte:
        if caractere in GSM7 or caractere in GSM7_EXTENSION:
            sortie.append(caractere)
            continue
        proche = _PROCHES.get(caractere) or unidecode(caractere)
        sortie.append("".join(c for c in proche if c in GSM7))
    return "".join(sortie)


@dataclass(frozen=True)
class Contexte:
    rdv: RendezVous
    catalogue: Catalogue
    base_url: str
    secret: str

    def valeurs(self, langue: str) -> dict[str, Any]:
        rdv = self.rdv
        debut = rdv.debut.astimezone(PARIS)
        motif = self.catalogue.motifs[rdv.motif_id]
        lieu = self.catalogue.lieux[rdv.lieu_id]
        return {
            "rdv": rdv,
            "motif": motif,
            "lieu": lieu,
            "langue": langue,
            "date_longue": dates.format_date(debut, "full", locale=langue),
            "date_courte": dates.format_date(debut, "dd/MM", locale=langue),
            "heure": dates.format_time(debut, "HH:mm", tzinfo=PARIS, locale=langue),
            "lien": lien_gestion(self.base_url, jeton_pour(rdv.uid, self.secret)),
        }


def _sujet(modele: Modele, valeurs: dict[str, Any]) -> str:
    date = valeurs["date_longue"]
    return {
        Modele.confirmation: _("Rendez-vous confirmé le %(date)s", date=date),
        Modele.rappel: _("Rappel : rendez-vous le %(date)s", date=date),
        Modele.deplacement: _("Nouvel horaire : rendez-vous le %(date)s", date=date),
        Modele.annulation: _("Rendez-vous annulé"),
    }[modele]


def render_email(contexte: Contexte, modele: Modele, *, now: datetime) -> Message:
    langue = contexte.rdv.langue
    with force_locale(langue):
        valeurs = contexte.valeurs(langue)
        texte = render_template(f"rendez_vous/messages/email_{modele.value}.html", **valeurs)
        sujet = _sujet(modele, valeurs)
        ics = calendrier(
            contexte.rdv,
            motif=valeurs["motif"],
            lieu=valeurs["lieu"],
            langue=langue,
            lien=valeurs["lien"],
            now=now,
        )
    texte = re.sub(r"\n{3,}", "\n\n", "\n".join(ligne.rstrip() for ligne in texte.splitlines()))
    return Message(Canal.email, contexte.rdv.email or "", sujet, texte.strip() + "\n", ics)


def render_sms(contexte: Contexte, modele: Modele) -> Message:
    langue = contexte.rdv.langue if contexte.rdv.langue in SMS_LANGUES else "fr"
    with force_locale(langue):
        valeurs = contexte.valeurs(langue)
        nom_lieu = valeurs["lieu"].nom
        # A long place name is shortened rather than paying for a second SMS.
        for longueur in (len(nom_lieu), 34, 24, 0):
            valeurs["nom_lieu"] = _abrege(nom_lieu, longueur)
            brut = render_template(f"rendez_vous/messages/sms_{modele.value}.html", **valeurs)
            texte = vers_gsm7(" ".join(brut.split()))
            if (longueur_gsm7(texte) or SMS_MAX + 1) <= SMS_MAX:
                break
    return Message(Canal.sms, contexte.rdv.telephone or "", "", texte)


def _abrege(nom: str, longueur: int) -> str:
    if len(nom) <= longueur:
        return nom
    return nom[:longueur].rsplit(" ", 1)[0].rstrip(" -–,") if longueur else ""


def render(
    contexte: Contexte, modele: Modele, canal: Canal, *, now: datetime
) -> Message:
    if canal == Canal.email:
        return render_email(contexte, modele, now=now)
    return render_sms(contexte, modele)
