"""Comprendre un courrier: find a letter from what people type, explain it, count, listen to them.

Plain functions: they never read the request; they take the catalogue and the day explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from rapidfuzz import fuzz
from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session
from unidecode import unidecode

from portal.catalogue import Catalogue
from portal.catalogue.schemas.courrier import Courrier, Theme, Version, normalise_code
from portal.catalogue.schemas.lieu import Lieu
from portal.courriers.audio import Audio, audio_urgence
from portal.courriers.presentation import lien_aide, phrase_echeance
from portal.courriers.signature import (
    Parametres,
    ParametresInvalides,
    read_parametres,
    sign_parametres,
    signing_keys,
)
from portal.indicateurs.services import count_event
from portal.models import AvisCourrier, Evenement, StatistiqueJour

SCORE_MIN = 65
COMMENTAIRE_MAX = 500
_COURRIEL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Six digits or more, maybe split by spaces, dots or dashes: a phone or a file number.
_NUMERO = re.compile(r"\+?\d(?:[\s.-]?\d){5,}")


class Source(StrEnum):
    """How someone reached an explanation: counted apart for the indicators."""

    scan = "scan"  # the QR code, or the address typed from the letter
    saisie = "saisie"  # the code typed in the /courrier form
    liste = "liste"  # chosen in the list by theme


@dataclass(frozen=True)
class Explication:
    courrier: Courrier
    version: Version
    echeance: date | None
    echeance_passee: bool
    lieu_id: str | None
    lieu: Lieu | None


def find_courrier(texte: str, *, catalogue: Catalogue) -> Courrier | None:
    """The letter whose code is what was typed, ignoring case, spaces and dashes."""
    cle = normalise_code(texte)
    if not cle:
        return None
    for courrier in catalogue.courriers.values():
        if normalise_code(courrier.code) == cle:
            return courrier
    return None


def _simple(texte: str) -> str:
    return unidecode(texte).lower()


def _score(saisie: str, courrier: Courrier, langue: str) -> float:
    cle, code = normalise_code(saisie), normalise_code(courrier.code)
    scores = [fuzz.ratio(cle, code)]
    if len(cle) >= 3:
        # "CTRL" or "INDU" alone: part of a code, slightly below a whole-code typo.
        scores.append(0.9 * fuzz.partial_ratio(cle, code))
    if len(saisie.strip()) >= 4:
        # Some people type the title's words ("contrôle RSA") instead of the code.
        for titre in {courrier.titre.fr, courrier.titre.en_langue(langue)}:
            scores.append(0.85 * fuzz.token_set_ratio(_simple(saisie), _simple(titre)))
    return max(scores)


def suggest_courriers(
    texte: str, *, catalogue: Catalogue, langue: str = "fr", limite: int = 3
) -> list[Courrier]:
    """The closest letters to what was typed, best first; none when nothing is close."""
    if not normalise_code(texte):
        return []
    notes = [(_score(texte, c, langue), c.code, c) for c in catalogue.courriers.values()]
    retenus = sorted((n for n in notes if n[0] >= SCORE_MIN), key=lambda n: (-n[0], n[1]))
    return [courrier for _score_, _code, courrier in retenus[:limite]]


def courriers_par_theme(*, catalogue: Catalogue) -> list[tuple[Theme, list[Courrier]]]:
    groupes: list[tuple[Theme, list[Courrier]]] = []
    for theme in Theme:
        courriers = sorted(
            (c for c in catalogue.courriers.values() if c.theme == theme), key=lambda c: c.code
        )
        if courriers:
            groupes.append((theme, courriers))
    return groupes


def explain_courrier(
    courrier: Courrier, parametres: Parametres, *, catalogue: Catalogue, today: date
) -> Explication:
    # A place removed from content/ since the letter was printed is simply not shown.
    lieu = catalogue.lieux.get(parametres.lieu) if parametres.lieu else None
    return Explication(
        courrier=courrier,
        version=courrier.version_du(today),
        echeance=parametres.echeance,
        echeance_passee=parametres.echeance is not None and parametres.echeance < today,
        lieu_id=parametres.lieu if lieu else None,
        lieu=lieu,
    )


def count_consultation(
    session: Session, *, code: str, source: Source, jour: date, territoire_id: str = ""
) -> None:
    """One more reading of this letter today; by territory when the QR code names a place."""
    count_event(
        session, jour=jour, evenement=Evenement(f"courrier_{source}"),
        territoire_id=territoire_id, cle=code,
    )


def redact_commentaire(texte: str) -> str:
    """People sometimes write their e-mail or file number: it is removed before storing."""
    texte = _COURRIEL.sub("[courriel retiré]", texte)
    return _NUMERO.sub("[numéro retiré]", texte).strip()[:COMMENTAIRE_MAX]


def record_avis(
    session: Session,
    *,
    code: str,
    utile: bool,
    commentaire: str | None,
    langue: str,
    jour: date,
) -> AvisCourrier:
    """Stores the answer (the caller commits before saying thank you)."""
    avis = AvisCourrier(
        code=code,
        utile=utile,
        commentaire=(redact_commentaire(commentaire) or None) if commentaire else None,
        langue=langue,
        jour=jour,
    )
    session.add(avis)
    return avis


def purge_commentaires(session: Session, *, today: date, jours: int) -> int:
    """Free text is kept `jours` days; the yes/no answer stays for the indicators."""
    limite = today - timedelta(days=jours)
    resultat = session.execute(
        update(AvisCourrier)
        .where(AvisCourrier.jour < limite, AvisCourrier.commentaire.is_not(None))
        .values(commentaire=None)
    )
    return int(resultat.rowcount or 0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Indicateurs:
    code: str
    scans: int
    saisies: int
    oui: int
    non: int


def indicateurs_courriers(
    session: Session, *, catalogue: Catalogue, depuis: date
) -> dict[str, Indicateurs]:
    """Readings and answers per letter since a day: which letters confuse people."""
    lectures = dict.fromkeys(catalogue.courriers, (0, 0))
    rows = session.execute(
        select(StatistiqueJour.cle, StatistiqueJour.evenement, func.sum(StatistiqueJour.nombre))
        .where(
            StatistiqueJour.jour >= depuis,
            StatistiqueJour.evenement.in_([Evenement(f"courrier_{s}") for s in Source]),
        )
        .group_by(StatistiqueJour.cle, StatistiqueJour.evenement)
    )
    for code, evenement, nombre in rows:
        if code in lectures:
            scans, saisies = lectures[code]
            if evenement == Evenement.courrier_scan:
                scans += int(nombre)
            else:
                saisies += int(nombre)
            lectures[code] = (scans, saisies)
    avis = {
        code: (int(oui or 0), int(non or 0))
        for code, oui, non in session.execute(
            select(
                AvisCourrier.code,
                func.sum(case((AvisCourrier.utile.is_(True), 1), else_=0)),
                func.sum(case((AvisCourrier.utile.is_(False), 1), else_=0)),
            )
            .where(AvisCourrier.jour >= depuis)
            .group_by(AvisCourrier.code)
        )
    }
    return {
        code: Indicateurs(code, *lectures[code], *avis.get(code, (0, 0)))
        for code in sorted(catalogue.courriers)
    }


# Re-exported: the door's public surface (other doors, the API and the CLI import only this).
__all__ = [
    "Audio",
    "Explication",
    "ParametresInvalides",
    "audio_urgence",
    "explain_courrier",
    "find_courrier",
    "lien_aide",
    "phrase_echeance",
    "read_parametres",
    "sign_parametres",
    "signing_keys",
    "suggest_courriers",
]
