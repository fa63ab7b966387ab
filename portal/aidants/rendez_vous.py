"""Booking under a mandate: the lieux of the person's commune (sectorisation applies), their
next free créneaux, then the booking through the booking door (created by an "aidant")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from portal.catalogue import Catalogue
from portal.catalogue.schemas.lieu import Lieu
from portal.extensions import db
from portal.lieux.services import Statut, index_for
from portal.models.rendez_vous import CreePar
from portal.rendez_vous.services import (
    PARIS,
    Creneau,
    Reservation,
    book,
    find_creneaux,
    lieux_pour,
)

PAR_LIEU = 4  # créneaux shown for each lieu
SEMAINES = 4


@dataclass(frozen=True)
class Offre:
    lieu_id: str
    lieu: Lieu
    creneaux: list[Creneau]


def commune_de(texte: str, catalogue: Catalogue) -> str | None:
    """An INSEE code, a name or a postal code → one commune's code, or None."""
    texte = texte.strip()
    if texte.upper() in catalogue.communes:
        return texte.upper()
    recherche = index_for(catalogue).search(texte) if texte else None
    if recherche is not None and recherche.statut == Statut.trouvee:
        return str(recherche.communes[0].code)
    return None


def motifs_aidant(catalogue: Catalogue) -> dict[str, Any]:
    return {i: m for i, m in catalogue.motifs.items() if m.is_bookable_by(CreePar.aidant)}


def offres(catalogue: Catalogue, *, commune: str, motif_id: str, now: datetime) -> list[Offre]:
    """Each lieu of the commune's sector offering the motif, with its next free créneaux."""
    motif = catalogue.motifs[motif_id]
    du = now.astimezone(PARIS).date()
    resultat = []
    for item in lieux_pour(db.session(), catalogue=catalogue, commune=catalogue.communes[commune],
                           motif_id=motif_id, now=now):
        creneaux = find_creneaux(
            db.session(), motif_id=motif_id, motif=motif, lieu_id=item.id, du=du,
            au=du + timedelta(weeks=SEMAINES), now=now,
        )
        if creneaux:
            resultat.append(Offre(item.id, item.lieu, creneaux[:PAR_LIEU]))
    return resultat


def reserver(
    catalogue: Catalogue, *, choix: str, commune: str, motif_id: str, prenom: str, nom: str,
    telephone: str | None, email: str | None, agent_id: int,
) -> Reservation:
    """`choix` is "<lieu>|<début ISO>"; raises DonneesInvalides or RendezVousError."""
    lieu_id, _sep, debut = choix.partition("|")
    data = {
        "lieu": lieu_id, "motif": motif_id, "debut": debut, "commune": commune,
        "usager": {"prenom": prenom, "nom": nom, "telephone": telephone or None,
                   "email": email or None},
    }
    return book(data, catalogue=catalogue, cree_par=CreePar.aidant, agent_id=agent_id)
