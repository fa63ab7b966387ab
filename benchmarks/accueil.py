"""Benchmark of the premier accueil queue (issue #7); prints ONE JSON object, one part per base.

Target: `GET /agent/accueil` answers in ≤ 150 ms (server time, p95) with 10,000 demandes in the
database. Run from the repo root:

    .venv/bin/python benchmarks/accueil.py

For every base (a throw-away SQLite file, then PostgreSQL when `scripts/postgres.sh` can start
one, or `BENCH_DATABASE_URL` when set): Alembic migrations to head, the referentiel mirrored,
an `accueil` agent of Évreux and an `admin`, 10,000 demandes bulk-inserted over 12 months.
Each agent signs in through the real form; every URL gets 5 warm-up requests then 50 timed ones
through the Flask test client (the whole request, no network = server time).

For comparison, in the same run and through the same template: a naive view that loads every
visible demande with the ORM, then filters, counts and sorts in Python and renders 50 of them.
Exit code 1 when a target is missed.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from flask import Flask, render_template, request  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402
from sqlalchemy.orm import joinedload  # noqa: E402

from mesures.configuration import LUNDI_10H, make_config  # noqa: E402
from portal import create_app  # noqa: E402
from portal.accueil.file import (  # noqa: E402
    OUVERTES,
    PAR_PAGE,
    SUJETS,
    File,
    Ligne,
    parse_filtres,
)
from portal.accueil.routes_agent import compteurs  # noqa: E402
from portal.accueil.schemas import TOPICS, URGENCES  # noqa: E402
from portal.accueil.services import visible_par  # noqa: E402
from portal.agents.perms import current_agent  # noqa: E402
from portal.agents.services import create_agent  # noqa: E402
from portal.catalogue import current_catalogue  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.horloge import maintenant  # noqa: E402
from portal.lieux.services import sync_referentiel  # noqa: E402
from portal.migrations import alembic_config  # noqa: E402
from portal.models import Demande, SourceDemande, StatutDemande  # noqa: E402

NOW = LUNDI_10H.astimezone(UTC)
N_DEMANDES = 10_000
OBJECTIF_P95_MS = 150.0
ECHAUFFEMENT, MESURES = 5, 50
MOT_DE_PASSE = "un mot de passe solide pour le banc"
AGENTS = {"accueil": ("accueil@bench.fr", "accueil", "evreux"),
          "admin": ("admin@bench.fr", "admin", None)}
# (agent, URL) measured; the naive view is measured on the same query strings.
URLS = [
    ("accueil", "/agent/accueil"),
    ("admin", "/agent/accueil"),
    ("accueil", "/agent/accueil?topic=logement&statut=toutes"),
    ("accueil", "/agent/accueil/lignes"),
]
URL_NAIVE = "/agent/accueil/banc-naif"  # under /agent/accueil: the same permission check
# The open statuses and their weights (the rest of the 10,000 is closed).
OUVERTS = {StatutDemande.nouvelle: 0.4, StatutDemande.prise_en_charge: 0.25,
           StatutDemande.en_attente: 0.15, StatutDemande.orientee: 0.1,
           StatutDemande.rendez_vous_pris: 0.1}
PART_OUVERTES, PART_URGENTES = 0.04, 0.03


def _percentile(valeurs: list[float], p: float) -> float:
    ordre = sorted(valeurs)
    return ordre[min(len(ordre) - 1, round(p / 100 * (len(ordre) - 1)))]


def _stats(durees: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(durees), 1),
            "p95_ms": round(_percentile(durees, 95), 1), "max_ms": round(max(durees), 1)}


def _demandes(territoires: list[str], lieux: dict[str, list[str]],
              agent_id: int) -> list[dict[str, Any]]:
    """10,000 demandes over 12 months: most closed, a few hundred open (recent), ~3 % urgent."""
    hasard = random.Random(7)
    sujets = [t for t in TOPICS if t != "autre"] + ["autre", "humain"]
    lignes = []
    for i in range(N_DEMANDES):
        ouverte = hasard.random() < PART_OUVERTES
        statut = (hasard.choices(list(OUVERTS), weights=list(OUVERTS.values()))[0]
                  if ouverte else StatutDemande.close)
        # New ones are days old, those being worked weeks, closed ones up to a year.
        jours = 365 if not ouverte else (4 if statut == StatutDemande.nouvelle else 21)
        cree = NOW - timedelta(minutes=hasard.randint(10, 60 * 24 * jours))
        urgence = hasard.choice(URGENCES) if hasard.random() < PART_URGENTES else None
        echeance = cree + timedelta(hours=4 if urgence else 48)
        # Closed ones and those taken were answered; new ones past their deadline are overdue.
        contacte = statut != StatutDemande.nouvelle and (hasard.random() < 0.9)
        territoire = hasard.choice(territoires)
        telephone = hasard.random() < 0.7
        lignes.append({
            "reference": uuid.uuid4().hex[:10].upper(), "statut": statut,
            "source": hasard.choice(list(SourceDemande)),
            "topic": "urgence" if urgence else hasard.choice(sujets), "urgence": urgence,
            "langue": "fr" if hasard.random() < 0.93 else "en",
            "commune_code": "27229", "territoire_id": territoire, "prenom": f"Usager {i}",
            "contact": "telephone" if telephone else "email",
            "telephone": "+33612345678" if telephone else None,
            "email": None if telephone else f"usager{i}@exemple.fr",
            "message": "J'aimerais savoir à quelles aides j'ai droit. " * 3,
            "consentement_at": cree, "conversation_id": None,
            "agent_id": agent_id if statut != StatutDemande.nouvelle else None,
            "echeance_at": echeance,
            "premier_contact_at": echeance - timedelta(hours=1) if contacte else None,
            "close_at": cree + timedelta(days=5) if statut == StatutDemande.close else None,
            "issue": "orientee" if statut == StatutDemande.close else None,
            "lieu_id": (hasard.choice(lieux[territoire])
                        if lieux.get(territoire) and hasard.random() < 0.3 else None),
            "version": 0, "created_at": cree, "updated_at": cree,
        })
    return lignes


def _naive_view() -> str:
    """What a first version does: every visible demande through the ORM, the rest in Python."""
    catalogue = current_catalogue()
    filtres = parse_filtres(request.args, catalogue)
    agent = current_agent()
    assert agent is not None
    now = maintenant()
    toutes = db.session().scalars(
        select(Demande).options(joinedload(Demande.agent)).where(*visible_par(agent))
    ).all()

    def garde(d: Demande) -> bool:
        return ((not filtres.territoire or d.territoire_id == filtres.territoire)
                and (not filtres.lieu or d.lieu_id == filtres.lieu)
                and (not filtres.topic or d.topic == filtres.topic)
                and (not filtres.source or d.source == filtres.source)
                and (d.statut != StatutDemande.close if filtres.statut == OUVERTES
                     else filtres.statut == "toutes" or d.statut == filtres.statut))

    def retard(d: Demande) -> bool:
        return (d.statut != StatutDemande.close and d.premier_contact_at is None
                and d.echeance_at is not None and d.echeance_at < now)

    choisies = sorted((d for d in toutes if garde(d)),
                      key=lambda d: (d.urgence is None, d.created_at, d.id))
    debut = (filtres.page - 1) * PAR_PAGE
    la_file = File(
        lignes=[Ligne(d, retard(d)) for d in choisies[debut : debut + PAR_PAGE]],
        total=len(choisies), nouvelles=sum(d.statut == StatutDemande.nouvelle for d in choisies),
        en_retard=sum(retard(d) for d in choisies), filtres=filtres,
    )
    return render_template(
        "accueil/file.html", file=la_file, filtres=filtres, catalogue=catalogue,
        textes=compteurs(la_file), sujets=SUJETS, sources=[s.value for s in SourceDemande],
        statuts=[s.value for s in StatutDemande], rafraichir=30,
    )


def _prepare(url: str, tmp: Path) -> tuple[Flask, dict[str, int]]:
    tmp.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), "head")
    app = create_app(make_config(url, tmp, NOW=lambda: NOW))
    # Registered before the first request; portal.agents.acces checks it as the queue.
    app.add_url_rule(URL_NAIVE, "bench_naif", _naive_view)
    catalogue = app.extensions["catalogue"]
    with app.app_context():
        session = app.extensions["database"].session()
        sync_referentiel(session, catalogue)
        ids = {nom: create_agent(session, email=email, prenom="Banc", nom=nom.title(),
                                 role=role, mot_de_passe=MOT_DE_PASSE, territoire_id=t).id
               for nom, (email, role, t) in AGENTS.items()}
        session.commit()
        lieux: dict[str, list[str]] = {}
        for lid, lieu in catalogue.lieux.items():
            lieux.setdefault(lieu.territoire, []).append(lid)
        lignes = _demandes(sorted(catalogue.territoires), lieux, ids["accueil"])
        for i in range(0, len(lignes), 2000):
            session.execute(insert(Demande.__table__), lignes[i : i + 2000])
        session.commit()
        session.close()
    return app, ids


def _sign_in(app: Flask, email: str) -> FlaskClient:
    """Through the real sign-in form, CSRF token included."""
    client = app.test_client()
    html = client.get("/agent/connexion").get_data(as_text=True)
    jeton = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert jeton, "pas de jeton CSRF sur /agent/connexion"
    reponse = client.post("/agent/connexion", data={
        "email": email, "mot_de_passe": MOT_DE_PASSE, "csrf_token": jeton.group(1)})
    assert reponse.status_code == 302, reponse.status_code
    return client


def _time(client: FlaskClient, url: str) -> tuple[list[float], str]:
    for _ in range(ECHAUFFEMENT):
        reponse = client.get(url)
        assert reponse.status_code == 200, (url, reponse.status_code)
    durees = []
    for _ in range(MESURES):
        depart = time.perf_counter()
        reponse = client.get(url)
        durees.append((time.perf_counter() - depart) * 1000)
        assert reponse.status_code == 200, (url, reponse.status_code)
    return durees, reponse.get_data(as_text=True)


def _references(html: str) -> list[str]:
    return re.findall(r'data-reference=\\?"([A-Z0-9]+)', html)


def bench(url: str, tmp: Path) -> dict[str, Any]:
    depart = time.perf_counter()
    app, _ids = _prepare(url, tmp)
    with app.app_context():
        session = app.extensions["database"].session()
        compte = dict(session.execute(
            select(Demande.territoire_id, func.count()).group_by(Demande.territoire_id)).all())
        ouvertes = session.scalar(select(func.count()).select_from(Demande).where(
            Demande.statut != StatutDemande.close))
        urgentes = session.scalar(select(func.count()).select_from(Demande).where(
            Demande.urgence.is_not(None)))
        retard = session.scalar(select(func.count()).select_from(Demande).where(
            Demande.statut != StatutDemande.close, Demande.premier_contact_at.is_(None),
            Demande.echeance_at < NOW))
        session.close()
    clients = {nom: _sign_in(app, email) for nom, (email, _r, _t) in AGENTS.items()}
    preparation = time.perf_counter() - depart
    mesures = []
    for nom, chemin in URLS:
        durees, html = _time(clients[nom], chemin)
        figure: dict[str, Any] = {"agent": nom, "url": chemin, **_stats(durees),
                                  "ok": _percentile(durees, 95) <= OBJECTIF_P95_MS}
        if "/lignes" not in chemin:
            naif_url = URL_NAIVE + chemin.removeprefix("/agent/accueil")
            naif, html_naif = _time(clients[nom], naif_url)
            # Same rows in the same order, or the comparison means nothing.
            assert _references(html) == _references(html_naif), chemin
            figure["lignes_affichees"] = len(_references(html))
            figure["naif"] = _stats(naif)
            figure["rapport_naif_sur_sql_p95"] = round(
                _percentile(naif, 95) / _percentile(durees, 95), 1)
        mesures.append(figure)
    app.extensions["database"].engine.dispose()
    return {
        "demandes": sum(compte.values()), "demandes_evreux": compte.get("evreux", 0),
        "territoires": len(compte), "ouvertes": ouvertes, "urgentes": urgentes,
        "en_retard": retard, "preparation_s": round(preparation, 1),
        "objectif_p95_ms": OBJECTIF_P95_MS, "mesures": mesures,
        "ok": all(m["ok"] for m in mesures),
    }


def _postgres(dossier: Path) -> tuple[str | None, str]:
    """A throw-away server from scripts/postgres.sh (its URL), or None and why not."""
    try:
        sortie = subprocess.run([str(ROOT / "scripts" / "postgres.sh"), "start", str(dossier)],
                                capture_output=True, text=True, timeout=120, check=False)
    except (subprocess.SubprocessError, OSError) as exc:
        return None, str(exc)
    if sortie.returncode != 0 or not sortie.stdout.strip():
        return None, (sortie.stderr.strip() or f"code {sortie.returncode}")[-300:]
    return sortie.stdout.strip().splitlines()[-1], ""


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-accueil-"))
    resultat: dict[str, Any] = {"charge_avant": [round(x, 2) for x in os.getloadavg()],
                                "coeurs": os.cpu_count()}
    resultat["sqlite"] = bench(f"sqlite:///{tmp / 'bench.db'}", tmp / "sqlite")
    url_pg, pourquoi = os.environ.get("BENCH_DATABASE_URL"), ""
    # Its own folder: as root the script hands it to the `postgres` user, who cannot enter tmp.
    dossier_pg = Path(tempfile.mkdtemp(prefix="bench-accueil-pg-"))
    demarre = False
    if not url_pg:
        url_pg, pourquoi = _postgres(dossier_pg)
        demarre = url_pg is not None
    try:
        resultat["postgresql"] = (bench(url_pg, tmp / "pg") if url_pg
                                  else {"ignore": f"PostgreSQL n'a pas pu démarrer : {pourquoi}"})
    finally:
        if demarre:
            subprocess.run([str(ROOT / "scripts" / "postgres.sh"), "stop", str(dossier_pg)],
                           capture_output=True, timeout=120, check=False)
    resultat["charge_apres"] = [round(x, 2) for x in os.getloadavg()]
    resultat["ok"] = all(resultat[b].get("ok", True) for b in ("sqlite", "postgresql"))
    print(json.dumps(resultat, ensure_ascii=False))
    return 0 if resultat["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
