"""Places for a commune: its territory's places first, then the nearest France Services."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.catalogue.schemas.lieu import Lieu, TypeLieu
from portal.catalogue.schemas.territoire import Commune, Territoire
from portal.lieux.communes import Statut, index_for
from portal.lieux.forms import RechercheLieuForm
from portal.lieux.horaires import Horaires, horaires, parse_horaires
from portal.models import LieuRef, TerritoireRef

RAYON_TERRE_KM = 6371.0


@dataclass(frozen=True)
class LieuProche:
    id: str
    lieu: Lieu
    dans_le_secteur: bool
    distance_km: float | None
    horaires: Horaires


@dataclass(frozen=True)
class LieuxDeLaCommune:
    commune: Commune
    territoire: Territoire
    secteur: list[LieuProche]
    france_services: list[LieuProche]

    @property
    def tous(self) -> list[LieuProche]:
        return self.secteur + self.france_services


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); a few hundred metres of error is fine here."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * RAYON_TERRE_KM * math.asin(math.sqrt(a))


def _position(commune: Commune, catalogue: Catalogue) -> tuple[float, float] | None:
    if commune.centre is not None:
        return commune.centre.latitude, commune.centre.longitude
    # Without a centre, a place in the commune itself is the best estimate we have.
    for lieu in catalogue.lieux.values():
        if lieu.code_insee == commune.code:
            return lieu.latitude, lieu.longitude
    return None


def find_lieux(
    commune: Commune,
    *,
    catalogue: Catalogue,
    maintenant: datetime,
    france_services_max: int = 5,
) -> LieuxDeLaCommune:
    territoire = catalogue.territoire_of(commune.code)
    if territoire is None:  # the catalogue check guarantees one; kept for type narrowing
        raise LookupError(commune.code)
    position = _position(commune, catalogue)

    def proche(lieu_id: str, lieu: Lieu) -> LieuProche:
        distance = (
            round(distance_km(*position, lieu.latitude, lieu.longitude), 1) if position else None
        )
        return LieuProche(
            id=lieu_id,
            lieu=lieu,
            dans_le_secteur=lieu.territoire == territoire.id,
            distance_km=distance,
            horaires=horaires(lieu.horaires_accueil, maintenant),
        )

    def ordre(item: LieuProche) -> tuple[float, str]:
        return (item.distance_km if item.distance_km is not None else math.inf, item.lieu.nom)

    secteur = sorted(
        (
            proche(i, lieu)
            for i, lieu in catalogue.lieux.items()
            if lieu.territoire == territoire.id and lieu.type != TypeLieu.france_services
        ),
        key=ordre,
    )
    france_services = sorted(
        (
            proche(i, lieu)
            for i, lieu in catalogue.lieux.items()
            if lieu.type == TypeLieu.france_services
        ),
        key=ordre,
    )[:france_services_max]
    return LieuxDeLaCommune(commune, territoire, secteur, france_services)


def sync_referentiel(session: Session, catalogue: Catalogue) -> str:
    """Mirrors territories and places into the database; idempotent."""
    territoires = {t.id: t for t in session.scalars(select(TerritoireRef))}
    for territoire in catalogue.territoires.values():
        row = territoires.pop(territoire.id, None) or TerritoireRef(id=territoire.id)
        row.nom, row.actif = territoire.nom.fr, True
        session.add(row)
    for row in territoires.values():
        row.actif = False
    session.flush()
    lieux = {lieu.id: lieu for lieu in session.scalars(select(LieuRef))}
    for lieu_id, lieu in catalogue.lieux.items():
        row = lieux.pop(lieu_id, None) or LieuRef(id=lieu_id)
        row.territoire_id, row.nom, row.type = lieu.territoire, lieu.nom, lieu.type.value
        row.code_insee, row.actif = lieu.code_insee, True
        session.add(row)
    for row in lieux.values():
        row.actif = False
    return f"{len(catalogue.territoires)} territoires, {len(catalogue.lieux)} lieux"


# Re-exported: the door's public surface (other doors, the API and the CLI import only this).
__all__ = [
    "LieuProche",
    "RechercheLieuForm",
    "Statut",
    "find_lieux",
    "index_for",
    "parse_horaires",
    "sync_referentiel",
]
