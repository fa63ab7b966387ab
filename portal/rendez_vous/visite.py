"""What this visit already knows, so that the booking door does not ask it twice: the commune
given to "Mes droits", and the rendez-vous booked a moment ago in this browser."""

from __future__ import annotations

from datetime import datetime

from flask import session

from portal.catalogue import Catalogue
from portal.catalogue.schemas.territoire import Commune
from portal.extensions import db
from portal.models import RendezVous
from portal.simulateur.services import commune_scellee

RDV_CONFIRME = "rdv_confirme"  # the id of the rendez-vous booked in this visit


def commune_du_simulateur(catalogue: Catalogue, *, secret: str, now: datetime) -> Commune | None:
    """The commune given to "Mes droits" in this visit (its sealed answers), if any."""
    code = commune_scellee(session, secret=secret, instant=now.timestamp())
    return catalogue.communes.get(code) if code else None


def rdv_deja_reserve(*, lieu_id: str, motif_id: str, debut: datetime) -> RendezVous | None:
    """The rendez-vous this visit booked at this very place, motif and time, still planned."""
    rdv_id = session.get(RDV_CONFIRME)
    rdv = db.session().get(RendezVous, rdv_id) if rdv_id else None
    if rdv is None or not rdv.est_actif:
        return None
    return rdv if (rdv.lieu_id, rdv.motif_id, rdv.debut) == (lieu_id, motif_id, debut) else None
