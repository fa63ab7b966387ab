"""Benchmark of the booking door; prints one JSON object.

1. `GET /api/v1/creneaux` for one lieu and a 4-week window, with 6 months of bookings in the
   database: p50/p95 over repeated calls, against a naive strategy (one query per candidate
   slot, filtered on lieu and status instead of the `(plage_id, creneau_tenu)` index).
2. 100 bookings on distinct créneaux from 20 concurrent clients: none lost.

`BENCH_DATABASE_URL` (e.g. a PostgreSQL URL) replaces the temporary SQLite file.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from mesures.configuration import make_config  # noqa: E402
from portal import create_app  # noqa: E402
from portal.lieux.services import sync_referentiel  # noqa: E402
from portal.migrations import alembic_config  # noqa: E402
from portal.models import Base, Plage, RendezVous  # noqa: E402
from portal.rendez_vous.creneaux import PARIS, candidats, fenetre, find_creneaux  # noqa: E402
from portal.rendez_vous.demo import create_demo_plages  # noqa: E402

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
LIEU, MOTIF = "msd-evreux", "premier_rendez_vous_ts"
MOIS_PASSES = 6
REPETITIONS = 200


def _percentile(valeurs: list[float], p: float) -> float:
    valeurs = sorted(valeurs)
    return valeurs[min(len(valeurs) - 1, int(round(p / 100 * (len(valeurs) - 1))))]


def _fill(session, catalogue) -> int:  # type: ignore[no-untyped-def]
    """Six months of past bookings on every plage (3 slots in 4 taken), plus the coming weeks."""
    debut = (NOW - timedelta(days=31 * MOIS_PASSES)).date()
    for plage in session.scalars(select(Plage)):
        plage.date_debut = debut
    session.flush()
    lignes = []
    for plage in session.scalars(select(Plage)):
        motif = catalogue.motifs[plage.motifs[0]]
        duree = timedelta(minutes=motif.duree_minutes)
        slots = candidats([plage], duree=duree, du=debut, au=(NOW + timedelta(days=27)).date())
        for i, slot in enumerate(slots):
            if i % 4 == 3:
                continue
            annule = i % 17 == 0
            lignes.append({
                "reference": uuid.uuid4().hex[:12].upper(), "uid": str(uuid.uuid4()),
                "jeton_hash": uuid.uuid4().hex + uuid.uuid4().hex, "plage_id": plage.id,
                "lieu_id": plage.lieu_id, "motif_id": plage.motifs[0], "debut": slot.debut,
                "fin": slot.fin, "creneau_tenu": None if annule else slot.debut,
                "statut": "annule" if annule else ("present" if slot.debut < NOW else "prevu"),
                "sequence": 0, "prenom": "Bench", "nom": "Mark", "telephone": "+33612345678",
                "email": None, "commune": "27229", "langue": "fr", "cree_par": "usager",
                "echecs_verification": 0, "created_at": NOW, "updated_at": NOW,
            })
    for i in range(0, len(lignes), 5000):
        session.execute(insert(RendezVous), lignes[i : i + 5000])
    session.commit()
    return len(lignes)


def naive_creneaux(session, catalogue, *, du, au):  # type: ignore[no-untyped-def]
    """What one writes first: for every candidate slot, ask the database if it is taken."""
    motif = catalogue.motifs[MOTIF]
    plages = [p for p in session.scalars(select(Plage).where(Plage.lieu_id == LIEU))
              if MOTIF in p.motifs]
    plus_tot, plus_tard = fenetre(motif, NOW)
    libres = []
    for slot in candidats(plages, duree=timedelta(minutes=motif.duree_minutes), du=du, au=au):
        if not plus_tot <= slot.debut <= plus_tard:
            continue
        pris = session.scalar(
            select(func.count()).select_from(RendezVous).where(
                RendezVous.lieu_id == LIEU, RendezVous.statut != "annule",
                RendezVous.plage_id == slot.plage_id,
                RendezVous.debut < slot.fin, RendezVous.fin > slot.debut,
            )
        )
        if not pris:
            libres.append(slot)
    return libres


def _time(fonction, repetitions: int) -> list[float]:  # type: ignore[no-untyped-def]
    durees = []
    for _ in range(repetitions):
        depart = time.perf_counter()
        fonction()
        durees.append((time.perf_counter() - depart) * 1000)
    return durees


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-rdv-"))
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'bench.db'}"
    command.upgrade(alembic_config(url), "head")
    app = create_app(make_config(url, tmp, NOW=lambda: NOW,
                                 RENDEZ_VOUS_LIMITE="100000 per minute",
                                 RENDEZ_VOUS_ENVOI_IMMEDIAT="false"))
    catalogue = app.extensions["catalogue"]
    with app.app_context():
        session = app.extensions["database"].session()
        sync_referentiel(session, catalogue)
        create_demo_plages(session, catalogue=catalogue, today=NOW.date())
        session.commit()
        lignes = _fill(session, catalogue)
        du, au = NOW.date(), NOW.date() + timedelta(days=27)
        attendu = [c.debut for c in find_creneaux(session, motif_id=MOTIF,
                                                  motif=catalogue.motifs[MOTIF], lieu_id=LIEU,
                                                  du=du, au=au, now=NOW)]
        assert attendu == [c.debut for c in naive_creneaux(session, catalogue, du=du, au=au)]
        index = _time(lambda: find_creneaux(session, motif_id=MOTIF,
                                            motif=catalogue.motifs[MOTIF], lieu_id=LIEU,
                                            du=du, au=au, now=NOW), REPETITIONS)
        naif = _time(lambda: naive_creneaux(session, catalogue, du=du, au=au), 30)
        session.close()

    client = app.test_client()
    chemin = f"/api/v1/creneaux?lieu={LIEU}&motif={MOTIF}&du={du}&au={au}"
    assert client.get(chemin).status_code == 200
    http = _time(lambda: client.get(chemin), REPETITIONS)

    # 100 bookings on distinct free créneaux, 20 clients at once.
    demandes = []
    for lieu_id in ("fs-val-de-reuil", "fs-pacy-sur-eure", "fs-beuzeville"):
        for c in client.get(f"/api/v1/creneaux?lieu={lieu_id}&motif=aide_demarches_en_ligne"
                            f"&du={du}&au={au}").get_json():
            demandes.append({"lieu": lieu_id, "motif": "aide_demarches_en_ligne",
                             "debut": c["debut"],
                             "usager": {"prenom": "Bench", "nom": "Concurrent",
                                        "telephone": "06 12 34 56 78"}})
    demandes = demandes[:100]
    statuts: list[int] = []
    verrou = threading.Lock()
    file = list(demandes)

    def travailleur() -> None:
        with app.test_client() as c:
            while True:
                with verrou:
                    if not file:
                        return
                    corps = file.pop()
                code = c.post("/api/v1/rendez-vous", json=corps).status_code
                with verrou:
                    statuts.append(code)

    depart = time.perf_counter()
    threads = [threading.Thread(target=travailleur) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    duree = time.perf_counter() - depart
    with app.app_context():
        session = app.extensions["database"].session()
        enregistres = session.scalar(select(func.count()).select_from(RendezVous).where(
            RendezVous.lieu_id.in_(["fs-val-de-reuil", "fs-pacy-sur-eure", "fs-beuzeville"]),
            RendezVous.nom == "Concurrent",
            RendezVous.statut == "prevu", RendezVous.debut >= NOW))
        session.close()
    app.extensions["database"].engine.dispose()
    if not os.environ.get("BENCH_DATABASE_URL"):
        Base.metadata  # noqa: B018  (the temporary SQLite file is left in /tmp for inspection)
    print(json.dumps({
        "base": url.split(":")[0],
        "rendez_vous_en_base": lignes,
        "creneaux_4_semaines": {
            "creneaux_libres": len(attendu),
            "http_p50_ms": round(statistics.median(http), 2),
            "http_p95_ms": round(_percentile(http, 95), 2),
            "service_p95_ms": round(_percentile(index, 95), 2),
            "naif_p95_ms": round(_percentile(naif, 95), 2),
            "rapport_naif_sur_index": round(_percentile(naif, 95) / _percentile(index, 95), 1),
            "objectif_p95_ms": 50,
        },
        "reservations_concurrentes": {
            "demandes": len(demandes), "clients": 20, "reponses_201": statuts.count(201),
            "autres_reponses": sorted(s for s in statuts if s != 201),
            "enregistrees_en_base": enregistres, "perdues": len(demandes) - statuts.count(201),
            "duree_s": round(duree, 2),
        },
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
