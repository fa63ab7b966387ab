"""The manage link of a rendez-vous: finding it by its token, and the check of the first
letters of the last name that opens its details (in the name's own script)."""

from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models.rendez_vous import RendezVous
from portal.rendez_vous.erreurs import RendezVousIntrouvable, VerificationRefusee
from portal.rendez_vous.liens import hash_jeton
from portal.rendez_vous.schemas import lettres, lettres_du_nom

ECHECS_VERIFICATION_MAX = 10


def find_by_jeton(session: Session, jeton: str) -> RendezVous:
    if not jeton or len(jeton) > 64:
        raise RendezVousIntrouvable()
    rdv = session.scalar(select(RendezVous).where(RendezVous.jeton_hash == hash_jeton(jeton)))
    if rdv is None:
        raise RendezVousIntrouvable()
    return rdv


def same_first_letters(nom: str, saisie: str) -> bool:
    """The first 3 letters (all of a shorter name) of both, in the name's own script; or, for a
    Latin letter that does not decompose (ø, ł…), the same 3 letters once both are transliterated
    (never for other scripts, whose transliteration loses letters: "بنع" and "بنا" give "bn")."""
    attendu, tape = lettres_du_nom(nom)[:3], lettres_du_nom(saisie)[:3]
    if tape == attendu:
        return True
    latin = all(c.isdigit() or "LATIN" in unicodedata.name(c, "") for c in attendu)
    return latin and len(tape) == len(attendu) and lettres(tape) == lettres(attendu) != ""


def verify_lettres(session: Session, *, rdv: RendezVous, saisie: str) -> None:
    """The first 3 letters of the last name (fewer if the name is shorter) open the details."""
    if rdv.echecs_verification >= ECHECS_VERIFICATION_MAX:
        raise VerificationRefusee(
            _l("Trop d'essais. Appelez le lieu du rendez-vous pour le modifier.")
        )
    if not same_first_letters(rdv.nom, saisie):
        rdv.echecs_verification += 1
        session.commit()
        raise VerificationRefusee(
            _l("Ces lettres ne correspondent pas. Écrivez les 3 premières lettres de votre nom "
               "de famille.")
        )
    if rdv.echecs_verification:
        rdv.echecs_verification = 0
        session.commit()


