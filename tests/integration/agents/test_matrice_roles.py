"""Roles × routes: every rule of the URL map, for every role, against objects of territory A.

The expectations are data (MATRICE): one row per route and method, one status per role. A
route added without its row makes `test_every_route_has_a_row` fail. Each role gets fresh
objects, and the rows run in table order (the ones that change something come last), so
every role sees the same state.

"connexion" means a redirect to the sign-in page (302 to /agent/connexion).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.accueil.references import new_reference
from portal.aidants.services import jeton_de
from portal.models import Demande, Demarche, Mandat, Orientation, Plage, RendezVous
from portal.rendez_vous.demo import create_demo_plages
from tests.conftest import LUNDI_10H, csrf_token, login
from tests.integration.rendez_vous.conftest import MOTIF, MSD, book

ROLES = (
    "anonyme",
    "usager",  # the person who booked, with her manage link, checked
    "conseiller_numerique",  # territory A, attached to the lieu of A
    "accueil_a",
    "accueil_b",
    "travailleur_social",  # territory A
    "responsable",
    "admin",
)
# Who each agent role is: (role, territory, lieux).
AGENTS = {
    "conseiller_numerique": ("conseiller_numerique", "evreux", (MSD,)),
    "accueil_a": ("accueil", "evreux", (MSD,)),
    "accueil_b": ("accueil", "seine_normandie", ("msd-vernon",)),
    "travailleur_social": ("travailleur_social", "evreux", (MSD,)),
    "responsable": ("responsable", "evreux", ()),
    "admin": ("admin", None, ()),
}
CNX = "connexion"
# Query strings added to a route's URL (its path arguments come from the objects of A).
AGENDA_A = {"lieu": MSD}
CRENEAU_A = {"lieu": MSD, "motif": MOTIF, "debut": "2026-11-24T09:45:00+01:00"}


@dataclass(frozen=True)
class Ligne:
    endpoint: str
    method: str
    statuts: tuple[int | str, ...]  # in the order of ROLES
    query: dict[str, str] | None = None


def L(  # noqa: N802 (short, to keep the table readable)
    endpoint: str, method: str, *statuts: int | str, query: dict[str, str] | None = None
) -> Ligne:
    assert len(statuts) == len(ROLES), endpoint
    return Ligne(endpoint, method, statuts, query)


# fmt: off
MATRICE: list[Ligne] = [
    #                                       anonyme usager  cnum  acc_a acc_b  ts   resp admin
    # --- Public pages: the same for everyone -------------------------------------------
    L("pages.accueil", "GET",                  200,  200,  200,  200,  200,  200,  200,  200),
    L("pages.accessibilite", "GET",            200,  200,  200,  200,  200,  200,  200,  200),
    L("pages.urgence", "GET",                  200,  200,  200,  200,  200,  200,  200,  200),
    L("pages.langue", "GET",                   302,  302,  302,  302,  302,  302,  302,  302),
    L("static", "GET",                         200,  200,  200,  200,  200,  200,  200,  200),
    L("lieux.recherche", "GET",                200,  200,  200,  200,  200,  200,  200,  200),
    L("assistant.page", "GET",                 200,  200,  200,  200,  200,  200,  200,  200),
    L("assistant.envoyer", "POST",             400,  400,  400,  400,  400,  400,  400,  400),
    L("assistant.relais", "POST",              302,  302,  302,  302,  302,  302,  302,  302),
    L("assistant.terminer", "POST",            302,  302,  302,  302,  302,  302,  302,  302),
    L("courriers.saisie", "GET",               200,  200,  200,  200,  200,  200,  200,  200),
    L("courriers.explication", "GET",          200,  200,  200,  200,  200,  200,  200,  200),
    L("courriers.explication_qr", "GET",       200,  200,  200,  200,  200,  200,  200,  200),
    L("courriers.avis", "POST",                400,  400,  400,  400,  400,  400,  400,  400),
    L("courriers.merci", "GET",                200,  200,  200,  200,  200,  200,  200,  200),
    # No recording in the tests' var/ (tests/integration/courriers/test_audio.py makes some).
    L("courriers.audio", "GET",                404,  404,  404,  404,  404,  404,  404,  404),
    L("accueil.demande", "GET",                200,  200,  200,  200,  200,  200,  200,  200),
    L("accueil.demande", "POST",               400,  400,  400,  400,  400,  400,  400,  400),
    L("accueil.demande_envoyee", "GET",        302,  302,  302,  302,  302,  302,  302,  302),
    L("simulateur.accueil", "GET",             200,  200,  200,  200,  200,  200,  200,  200),
    L("simulateur.question", "GET",            200,  200,  200,  200,  200,  200,  200,  200),
    L("simulateur.question", "POST",           400,  400,  400,  400,  400,  400,  400,  400),
    L("simulateur.resultats", "GET",           302,  302,  302,  302,  302,  302,  302,  302),
    L("simulateur.et_si", "GET",               302,  302,  302,  302,  302,  302,  302,  302),
    L("simulateur.effacer", "POST",            302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.accueil", "GET",            200,  200,  200,  200,  200,  200,  200,  200),
    L("rendez_vous.lieu", "GET",               302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.creneau", "GET",            302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.coordonnees", "GET",        302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.coordonnees", "POST",       302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.confirme", "GET",           302,  302,  302,  302,  302,  302,  302,  302),
    # --- The manage link: the link opens a check; only the person who passed it goes on --
    L("rendez_vous.lien_court", "GET",         302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.gerer", "GET",              200,  200,  200,  200,  200,  200,  200,  200),
    L("rendez_vous.gerer", "POST",             400,  200,  400,  400,  400,  400,  400,  400),
    L("rendez_vous.ics", "GET",                302,  200,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.deplacer", "GET",           302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.confirmer_deplacement", "GET",
                                               302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.confirmer_deplacement", "POST",
                                               302,  302,  302,  302,  302,  302,  302,  302),
    L("rendez_vous.annuler", "GET",            302,  200,  302,  302,  302,  302,  302,  302),
    # --- The JSON API: by token (service) or open to the widget, never by agent session --
    L("api.health", "GET",                     200,  200,  200,  200,  200,  200,  200,  200),
    L("api.openapi", "GET",                    200,  200,  200,  200,  200,  200,  200,  200),
    L("api.communes", "GET",                   200,  200,  200,  200,  200,  200,  200,  200,
      query={"nom": "Évreux"}),
    L("api.lieux", "GET",                      200,  200,  200,  200,  200,  200,  200,  200,
      query={"commune": "27229"}),
    L("api.motifs", "GET",                     200,  200,  200,  200,  200,  200,  200,  200),
    L("api.creneaux", "GET",                   200,  200,  200,  200,  200,  200,  200,  200,
      query={"lieu": MSD, "motif": MOTIF}),
    L("api.courrier", "GET",                   200,  200,  200,  200,  200,  200,  200,  200),
    # --- Kiosks and tickets (portal/borne) ------------------------------------------------
    L("borne.installer", "GET",                CNX,  CNX,  200,  200,  200,  200,  200,  200),
    L("borne.installer", "POST",               CNX,  CNX,  400,  400,  400,  400,  400,  400),
    L("borne.liste", "GET",                    CNX,  CNX,  403,  403,  403,  403,  403,  200),
    L("borne.revoquer", "POST",                CNX,  CNX,  403,  403,  403,  403,  403,  404),
    L("borne.lien", "GET",                     400,  400,  400,  400,  400,  400,  400,  400),
    L("borne.resume", "GET",                   404,  404,  404,  404,  404,  404,  404,  404),
    L("rendez_vous.ticket", "GET",             302,  302,  302,  302,  302,  302,  302,  302),
    L("accueil.ticket", "GET",                 302,  302,  302,  302,  302,  302,  302,  302),
    L("simulateur.ticket", "GET",              302,  302,  302,  302,  302,  302,  302,  302),
    L("simulateur.imprimer", "POST",           302,  302,  302,  302,  302,  302,  302,  302),
    L("api.chat", "POST",                      400,  400,  400,  400,  400,  400,  400,  400),
    L("api.nouveaux", "POST",                  400,  400,  400,  400,  400,  400,  400,  400),
    L("api.demandes", "POST",                  400,  400,  400,  400,  400,  400,  400,  400),
    L("api.rendez_vous", "POST",               400,  400,  400,  400,  400,  400,  400,  400),
    L("api.create_simulation", "POST",         400,  400,  400,  400,  400,  400,  400,  400),
    L("api.create_variantes", "POST",          400,  400,  400,  400,  400,  400,  400,  400),
    L("api.triage", "POST",                    400,  400,  400,  400,  400,  400,  400,  400),
    # --- Agents ---------------------------------------------------------------------------
    L("agents.connexion", "GET",               200,  200,  200,  200,  200,  200,  200,  200),
    L("agents.connexion", "POST",              400,  400,  400,  400,  400,  400,  400,  400),
    # Unlocking needs a locked session: none here (tests/integration/agents/test_verrou.py).
    L("agents.deverrouiller_la_page", "POST",  401,  401,  401,  401,  401,  401,  401,  401),
    L("agents.accueil", "GET",                 CNX,  CNX,  200,  200,  200,  200,  200,  200),
    # The queue of the premier accueil: not for conseillers numériques; another territory's
    # demande does not exist (404, never 403).
    L("accueil.file", "GET",                   CNX,  CNX,  403,  200,  200,  200,  200,  200),
    L("accueil.lignes", "GET",                 401,  401,  403,  200,  200,  200,  200,  200),
    L("accueil.nouvelle", "GET",               CNX,  CNX,  403,  200,  200,  200,  200,  200),
    L("accueil.nouvelle", "POST",              CNX,  CNX,  403,  400,  400,  400,  400,  400),
    L("accueil.detail", "GET",                 CNX,  CNX,  403,  200,  404,  200,  200,  200),
    L("accueil.messages", "GET",               401,  401,  403,  200,  404,  200,  200,  200),
    L("accueil.fiche", "GET",                  CNX,  CNX,  403,  200,  404,  200,  200,  200),
    L("accueil.fiche_export", "GET",           CNX,  CNX,  403,  200,  404,  200,  200,  200),
    L("accueil.repondre", "POST",              CNX,  CNX,  403,  400,  404,  400,  400,  400),
    L("accueil.note", "POST",                  CNX,  CNX,  403,  400,  404,  400,  400,  400),
    L("accueil.appel", "POST",                 CNX,  CNX,  403,  400,  404,  400,  400,  400),
    L("accueil.orienter", "POST",              CNX,  CNX,  403,  400,  404,  400,  400,  400),
    L("accueil.statut", "POST",                CNX,  CNX,  403,  400,  404,  400,  400,  400),
    L("accueil.non_recours", "POST",           CNX,  CNX,  403,  302,  404,  302,  302,  302),
    L("accueil.reassigner", "POST",            CNX,  CNX,  403,  400,  404,  400,  400,  400),
    L("accueil.prendre", "POST",               CNX,  CNX,  403,  302,  404,  302,  302,  302),
    L("accueil.rouvrir", "POST",               CNX,  CNX,  403,  400,  404,  400,  400,  400),
    L("accueil.clore", "POST",                 CNX,  CNX,  403,  400,  404,  400,  400,  400),
    # Steering and administration.
    L("indicateurs.indicateurs", "GET",            CNX,  CNX,  403,  403,  403,  403,  200,  200),
    L("indicateurs.indicateurs_csv", "GET",        CNX,  CNX,  403,  403,  403,  403,  200,  200),
    L("accueil.journal", "GET",                CNX,  CNX,  403,  403,  403,  403,  403,  200),
    L("courriers.admin_qr", "GET",             CNX,  CNX,  403,  403,  403,  403,  403,  200),
    L("courriers.admin_qr_fichier", "GET",     CNX,  CNX,  403,  403,  403,  403,  403,  200),
    # Rendez-vous: a conseiller numérique sees only those he made (none of these).
    L("rendez_vous_agent.agenda", "GET",       CNX,  CNX,  200,  200,  404,  200,  200,  200,
      query=AGENDA_A),
    L("rendez_vous_agent.absences", "GET",     CNX,  CNX,  200,  200,  200,  200,  200,  200),
    L("rendez_vous_agent.nouveau", "GET",      CNX,  CNX,  200,  200,  404,  200,  200,  200,
      query=AGENDA_A),
    L("rendez_vous_agent.coordonnees", "GET",  CNX,  CNX,  200,  200,  404,  200,  200,  200,
      query=CRENEAU_A),
    L("rendez_vous_agent.coordonnees", "POST", CNX,  CNX,  400,  400,  404,  400,  400,  400,
      query=CRENEAU_A),
    L("rendez_vous_agent.detail", "GET",       CNX,  CNX,  404,  200,  404,  200,  200,  200),
    L("rendez_vous_agent.deplacer", "GET",     CNX,  CNX,  404,  200,  404,  200,  200,  200),
    L("rendez_vous_agent.confirmer_deplacement", "GET",
                                               CNX,  CNX,  404,  302,  404,  302,  302,  302),
    L("rendez_vous_agent.confirmer_deplacement", "POST",
                                               CNX,  CNX,  404,  302,  404,  302,  302,  302),
    L("rendez_vous_agent.statut", "POST",      CNX,  CNX,  404,  302,  404,  302,  302,  302),
    L("rendez_vous_agent.annuler", "POST",     CNX,  CNX,  404,  302,  404,  302,  302,  302),
    # Conseillers numériques: the mandates of their structure (A's mandate is his structure's).
    L("aidants.accueil", "GET",                CNX,  CNX,  200,  403,  403,  403,  403,  403),
    L("aidants.nouveau", "GET",                CNX,  CNX,  200,  403,  403,  403,  403,  403),
    L("aidants.nouveau", "POST",               CNX,  CNX,  400,  403,  403,  403,  403,  403),
    L("aidants.detail", "GET",                 CNX,  CNX,  200,  403,  403,  403,  403,  403),
    L("aidants.recu", "GET",                   CNX,  CNX,  200,  403,  403,  403,  403,  403),
    L("aidants.preuve", "GET",                 CNX,  CNX,  302,  403,  403,  403,  403,  403),
    L("aidants.renouveler", "POST",            CNX,  CNX,  302,  403,  403,  403,  403,  403),
    L("aidants.simuler", "POST",               CNX,  CNX,  302,  403,  403,  403,  403,  403),
    L("aidants.courrier", "POST",              CNX,  CNX,  302,  403,  403,  403,  403,  403),
    L("aidants.rendez_vous", "GET",            CNX,  CNX,  200,  403,  403,  403,  403,  403),
    L("aidants.rendez_vous", "POST",           CNX,  CNX,  400,  403,  403,  403,  403,  403),
    # A rendez-vous he did not make: it does not exist for him.
    L("aidants.confirmation", "GET",           CNX,  CNX,  404,  403,  403,  403,  403,  403),
    L("aidants.demande", "GET",                CNX,  CNX,  200,  403,  403,  403,  403,  403),
    L("aidants.demande", "POST",               CNX,  CNX,  400,  403,  403,  403,  403,  403),
    # The receipt's check: public, never the person's data; revoking asks for the 3 letters.
    L("mandats.verifier", "GET",               200,  200,  200,  200,  200,  200,  200,  200),
    L("mandats.revoquer", "POST",              400,  400,  400,  400,  400,  400,  400,  400),
    # Workshops: a conseiller numérique manages the sessions he created (not the demo's).
    L("rendez_vous_agent.ateliers", "GET",     CNX,  CNX,  200,  200,  404,  200,  200,  200,
      query=AGENDA_A),
    L("rendez_vous_agent.ateliers", "POST",    CNX,  CNX,  400,  400,  404,  400,  400,  400,
      query=AGENDA_A),
    L("rendez_vous_agent.seance", "GET",       CNX,  CNX,  404,  200,  404,  200,  200,  200),
    L("rendez_vous_agent.presences", "POST",   CNX,  CNX,  404,  302,  404,  302,  302,  302),
    # Last: what cancels, revokes or ends the session.
    L("aidants.revoquer", "POST",              CNX,  CNX,  302,  403,  403,  403,  403,  403),
    L("rendez_vous_agent.annuler_seance", "POST",
                                               CNX,  CNX,  404,  302,  404,  302,  302,  302),
    L("rendez_vous.annuler", "POST",           302,  302,  302,  302,  302,  302,  302,  302),
    L("agents.deconnexion", "POST",            CNX,  CNX,  CNX,  CNX,  CNX,  CNX,  CNX,  CNX),
    # Last: it ends the visit (session, CSRF token, sign-in), as it should.
    L("pages.effacer", "POST",                 302,  302,  302,  302,  302,  302,  302,  302),
]
# fmt: on


def _methods(rule: Any) -> set[str]:
    return set(rule.methods) - {"HEAD", "OPTIONS"}


def test_every_route_has_a_row(app: Flask) -> None:
    """A route added later without its row in MATRICE makes this fail (and a stale row too)."""
    routes = {(r.endpoint, m) for r in app.url_map.iter_rules() for m in _methods(r)}
    lignes = [(ligne.endpoint, ligne.method) for ligne in MATRICE]
    assert len(lignes) == len(set(lignes)), "une route a deux lignes"
    assert sorted(routes - set(lignes)) == [], "routes sans ligne dans la matrice"
    assert sorted(set(lignes) - routes) == [], "lignes sans route"


@dataclass
class ObjetsA:
    demande: str  # references
    fiche: str
    rdv: RendezVous
    jeton: str  # the manage link's token
    mandat: str  # reference of a mandate of msd-evreux (the conseiller's structure)
    jeton_mandat: str  # its receipt's token
    seance: str  # the reference of a workshop session of the demo, at the lieu of A


def _objets_a(app: Flask) -> ObjetsA:
    """A demande (with a fiche de liaison) and a rendez-vous booked online, in territory A."""
    with app.app_context():
        session = app.extensions["database"].session()
        create_demo_plages(session, catalogue=app.extensions["catalogue"], today=LUNDI_10H.date())
        session.commit()
    usager = app.test_client()
    usager.environ_base["REMOTE_ADDR"] = "10.0.0.200"
    reponse = book(usager)
    assert reponse.status_code == 201, reponse.get_json()
    jeton = reponse.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        session = app.extensions["database"].session()
        demande = Demande(
            reference=new_reference(), statut="nouvelle", source="formulaire", topic="autre",
            langue="fr", commune_code="27229", territoire_id="evreux", prenom="Alex",
            contact="telephone", telephone="+33612345678", consentement_at=LUNDI_10H,
        )
        orientation = Orientation(demande=demande, partenaire="caf-eure", consentement=True)
        session.add_all([demande, orientation])
        session.commit()
        rdv = session.scalars(select(RendezVous)).one()
        mandat = Mandat(
            reference="mandat-a", cle="cle-du-mandat-a", structure_id="msd-evreux",
            demarches=[d.value for d in Demarche], duree="mois", debut=LUNDI_10H,
            fin=LUNDI_10H + timedelta(days=31), prenom="Rosa", nom="Lefèvre",
            consentement_at=LUNDI_10H,
        )
        session.add(mandat)
        session.commit()
        jeton_mandat = jeton_de(mandat, app.config["SECRET_KEY"])
        seance = session.scalars(
            select(Plage.reference).where(Plage.lieu_id == MSD, Plage.places.is_not(None))
        ).first()
        session.expunge_all()
    assert seance is not None
    return ObjetsA(demande.reference, orientation.reference, rdv, jeton, mandat.reference,
                   jeton_mandat, seance)


def _client(app: Flask, role: str, objets: ObjetsA, make_agent: Any) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.0.1.{ROLES.index(role)}"
    if role in AGENTS:
        nom, territoire, lieux = AGENTS[role]
        email = f"{role}@exemple.fr"
        make_agent(role=nom, email=email, territoire=territoire, lieux=lieux)
        assert login(client, email=email).status_code == 302
    if role == "usager":
        url = f"/rendez-vous/gerer/{objets.jeton}"
        verifie = client.post(url, data={"csrf_token": csrf_token(client, url), "lettres": "MAR"})
        assert verifie.status_code == 302  # the first 3 letters of "Martin": checked
    return client


def _valeurs(app: Flask, objets: ObjetsA) -> dict[str, dict[str, Any]]:
    """What fills a route's path arguments, by URL prefix then argument name."""
    catalogue = app.extensions["catalogue"]
    communs = {
        "jeton": objets.jeton,
        "code": sorted(catalogue.courriers)[0],
        "format_": "svg",
        "filename": "css/portail.css",
        "etape_id": "commune",
        "question": "demenagement",
        "nom": "urgence-fr-0123456789abcdef.ogg",
    }
    return {
        "/agent/rendez-vous/": {"reference": objets.rdv.reference, "seance_ref": objets.seance},
        "/agent/aidants/": {"reference": objets.mandat, "rdv": objets.rdv.reference},
        "/mandats/": {"jeton": objets.jeton_mandat},
        "/agent/accueil/": {"reference": objets.demande, "fiche_ref": objets.fiche},
        "/agent/bornes/": {"reference": "inconnue"},
        "/langue/": {"code": "en"},
        "/": communs,
    }


def _url(app: Flask, ligne: Ligne, valeurs: dict[str, dict[str, Any]]) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == ligne.endpoint)
    prefixe = next(p for p in valeurs if rule.rule.startswith(p))
    arguments = {nom: valeurs[prefixe][nom] for nom in rule.arguments}
    with app.test_request_context():
        return url_for(ligne.endpoint, **arguments, **(ligne.query or {}))


def _statut(reponse: Any) -> int | str:
    if reponse.status_code == 302 and reponse.headers["Location"].startswith("/agent/connexion"):
        return CNX
    return int(reponse.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_matrice(app: Flask, make_agent: Any, role: str) -> None:
    objets = _objets_a(app)
    client = _client(app, role, objets, make_agent)
    jeton_csrf = csrf_token(client, "/agent/connexion")
    valeurs = _valeurs(app, objets)
    ecarts = []
    for ligne in MATRICE:
        url = _url(app, ligne, valeurs)
        if ligne.method == "GET":
            reponse = client.get(url)
        else:
            reponse = client.post(url, data={"csrf_token": jeton_csrf})
        reponse.close()
        attendu = ligne.statuts[ROLES.index(role)]
        obtenu = _statut(reponse)
        if obtenu != attendu:
            ecarts.append(f"{ligne.method} {url} ({ligne.endpoint}): attendu {attendu}, "
                          f"obtenu {obtenu}")
    assert ecarts == [], f"{role} :\n" + "\n".join(ecarts)

