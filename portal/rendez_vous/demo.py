"""Demo plages d'ouverture for the demo lieux (`flask demo load` calls `create_demo_plages`),
and sessions of the collective motifs (workshops, information meetings) in the coming weeks."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.catalogue.schemas.lieu import TypeLieu
from portal.models import Plage
from portal.rendez_vous.creneaux import is_jour_ferie

# (week days, from, to, motifs) per type of lieu; a motif is kept only where it is offered.
ACCUEIL_SOCIAL = ["premier_rendez_vous_ts", "rsa_orientation", "dossier_apa", "dossier_mdph"]
MODELES: dict[TypeLieu, list[tuple[list[int], time, time, list[str]]]] = {
    TypeLieu.maison_des_solidarites: [
        ([1, 2, 4, 5], time(9), time(12), ACCUEIL_SOCIAL),
        ([2, 4], time(13, 30), time(16, 30), ACCUEIL_SOCIAL),
        ([3], time(9), time(12), ["pmi_consultation"]),
    ],
    TypeLieu.antenne: [([2, 4], time(9), time(12), ACCUEIL_SOCIAL)],
    TypeLieu.permanence: [([4], time(9), time(12), ["premier_rendez_vous_ts"])],
    TypeLieu.france_services: [
        ([1, 2, 3, 4, 5], time(9), time(12), ["aide_demarches_en_ligne"]),
        ([1, 2, 4], time(14), time(17), ["aide_demarches_en_ligne"]),
    ],
}

# (motif, type of lieu, week day (1 = Monday), start): days with no individual plage there.
SEANCES: list[tuple[str, TypeLieu, int, time]] = [
    ("atelier_messagerie", TypeLieu.france_services, 3, time(14)),
    ("reunion_information_rsa", TypeLieu.maison_des_solidarites, 1, time(14)),
]
SEMAINES_DE_SEANCES = 6


def _seances(catalogue: Catalogue, lundi: date) -> list[Plage]:
    """One session a week for six weeks, per lieu offering the motif, with the motif's seats."""
    seances = []
    for motif_id, type_lieu, jour_semaine, debut in SEANCES:
        motif = catalogue.motifs.get(motif_id)
        if motif is None or not motif.collectif:
            continue
        fin = (datetime.combine(lundi, debut) + timedelta(minutes=motif.duree_minutes)).time()
        for lieu_id, lieu in sorted(catalogue.lieux.items()):
            if lieu.type != type_lieu or not motif.is_offered_at(lieu):
                continue
            for semaine in range(1, SEMAINES_DE_SEANCES + 1):
                jour = lundi + timedelta(weeks=semaine, days=jour_semaine - 1)
                if not is_jour_ferie(jour):
                    seances.append(Plage(
                        lieu_id=lieu_id, motifs=[motif_id], jours=[jour.isoweekday()],
                        heure_debut=debut, heure_fin=fin, date_debut=jour, date_fin=jour,
                        places=motif.places, reference=secrets.token_urlsafe(9),
                    ))
    return seances


def create_demo_plages(session: Session, *, catalogue: Catalogue, today: date) -> int:
    """Creates the demo plages once (the lieux must be synced first); returns how many."""
    if session.scalar(select(func.count()).select_from(Plage)):
        return 0
    lundi = today - timedelta(days=today.weekday())
    nombre = 0
    for lieu_id, lieu in sorted(catalogue.lieux.items()):
        for jours, debut, fin, motifs in MODELES.get(lieu.type, []):
            offerts = [
                m for m in motifs
                if m in catalogue.motifs and catalogue.motifs[m].is_offered_at(lieu)
            ]
            if offerts:
                session.add(Plage(lieu_id=lieu_id, motifs=offerts, jours=jours,
                                  heure_debut=debut, heure_fin=fin, date_debut=lundi))
                nombre += 1
    seances = _seances(catalogue, lundi)
    session.add_all(seances)
    session.flush()
    nombre += len(seances)
    return nombre
