"""Where a motif can be booked: the lieux of a commune that offer it, with opening plages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.catalogue.schemas.motif import Motif
from portal.catalogue.schemas.territoire import Commune
from portal.lieux.services import LieuProche, find_lieux
from portal.models.rendez_vous import Plage
from portal.rendez_vous.creneaux import PARIS


def lieux_offrant(motif: Motif, lieux: list[LieuProche]) -> list[LieuProche]:
    """The lieux of a commune's list that offer the motif: only its territory's unless the
    motif allows going out of sector (then its territory first, then the nearest others)."""
    return [
        item
        for item in lieux
        if motif.is_offered_at(item.lieu) and (motif.hors_secteur or item.dans_le_secteur)
    ]


def lieux_pour(
    session: Session, *, catalogue: Catalogue, commune: Commune, motif_id: str, now: datetime
) -> list[LieuProche]:
    """Lieux for the citizen's step 2: offering the motif, with opening plages, nearest first."""
    motif = catalogue.motifs[motif_id]
    resultat = find_lieux(
        commune, catalogue=catalogue, maintenant=now.astimezone(PARIS).replace(tzinfo=None)
    )
    offerts = {
        lieu_id
        for lieu_id, motifs in session.execute(
            select(Plage.lieu_id, Plage.motifs).where(Plage.actif.is_(True))
        )
        if motif_id in motifs
    }
    return [item for item in lieux_offrant(motif, resultat.tous) if item.id in offerts]
