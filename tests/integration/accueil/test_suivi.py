"""Working a demande: claim with one winner, stale pages refused, the append-only journal,
and the purge that keeps anonymous counts. Run on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from portal.accueil import suivi
from portal.accueil.journal import journal_de
from portal.accueil.purge import purge_demandes
from portal.accueil.services import DemandeClose
from portal.models import (
    Action,
    Agent,
    Conversation,
    Demande,
    EntreeJournal,
    JournalModifie,
    StatutDemande,
)
from tests import factories

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    with app.app_context():
        s = app.extensions["database"].session()
        yield s
        s.close()  # make_agent may have swapped the scoped session: close this one itself


@pytest.fixture
def nouvelle(app: Flask, session: Session) -> Callable[..., Demande]:
    def _nouvelle(commune: str = "27229", avec_chat: bool = False) -> Demande:
        return factories.demande(session, app.extensions["catalogue"], now=NOW,
                                 commune=commune, avec_chat=avec_chat)

    return _nouvelle


def _agents(session: Session, make_agent: Callable[..., int], n: int) -> list[Agent]:
    """Call it first: make_agent ends its own app context, which closes the shared session."""
    ids = [make_agent(email=f"a{i}@exemple.fr") for i in range(n)]
    return [session.get(Agent, i) for i in ids]  # type: ignore[misc]


def test_two_agents_claiming_at_once_exactly_one_wins(
    app: Flask, session: Session, nouvelle: Callable[..., Demande], make_agent: Callable[..., int]
) -> None:
    agent_ids = [make_agent(email=f"a{i}@exemple.fr") for i in range(6)]
    demande_id = nouvelle().id
    depart = threading.Barrier(len(agent_ids))
    resultats: list[str] = []

    def reclamer(agent_id: int) -> None:
        with app.app_context():
            s = app.extensions["database"].session()
            demande, agent = s.get(Demande, demande_id), s.get(Agent, agent_id)
            depart.wait()
            try:
                suivi.prendre_en_charge(s, demande, agent, NOW)  # type: ignore[arg-type]
                resultats.append("gagne")
            except suivi.DejaPriseEnCharge as exc:
                resultats.append(f"perdu:{exc.agent_id}")
            finally:
                s.close()

    fils = [threading.Thread(target=reclamer, args=(i,)) for i in agent_ids]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join(timeout=30)
    assert sorted(resultats)[0] == "gagne" and resultats.count("gagne") == 1
    session.expire_all()
    demande = session.get(Demande, demande_id)
    assert demande is not None and demande.statut == StatutDemande.prise_en_charge
    # Every loser was told who won.
    assert {r for r in resultats if r != "gagne"} == {f"perdu:{demande.agent_id}"}
    actions = [e.action for e in journal_de(session, demande)]
    assert actions.count(Action.prise_en_charge) == 1


def test_a_stale_page_cannot_overwrite_a_newer_change(
    session: Session, nouvelle: Callable[..., Demande], make_agent: Callable[..., int]
) -> None:
    a, b = _agents(session, make_agent, 2)
    demande = nouvelle()
    vue = demande.version
    suivi.ajouter_note(session, demande, a, "Appelée ce matin.", now=NOW, version=vue)
    with pytest.raises(suivi.DemandeModifiee):
        suivi.changer_statut(session, demande, b, "en_attente", now=NOW, version=vue)
    session.refresh(demande)
    assert demande.statut == StatutDemande.prise_en_charge


def test_the_database_refuses_a_concurrent_change_from_the_same_version(
    app: Flask, session: Session, nouvelle: Callable[..., Demande], make_agent: Callable[..., int]
) -> None:
    """Both pages were fresh when loaded; the second write finds the version moved on."""
    (agent,) = _agents(session, make_agent, 1)
    demande = nouvelle()
    autre = Session(bind=app.extensions["database"].engine, expire_on_commit=False)
    copie = autre.get(Demande, demande.id)
    suivi.changer_statut(session, demande, agent, "en_attente", now=NOW)
    with pytest.raises(suivi.DemandeModifiee):
        suivi.changer_statut(autre, copie, agent, "prise_en_charge", now=NOW)  # type: ignore[arg-type]
    autre.close()
    session.refresh(demande)
    assert demande.statut == StatutDemande.en_attente


def test_full_path_is_journaled_with_codes_not_texts(
    app: Flask, session: Session, nouvelle: Callable[..., Demande], make_agent: Callable[..., int]
) -> None:
    catalogue = app.extensions["catalogue"]
    (agent,) = _agents(session, make_agent, 1)
    demande = nouvelle(avec_chat=True)
    suivi.lire(session, demande, agent)
    suivi.reply_demande(session, demande=demande, agent=agent, texte="Je vous appelle.", now=NOW)
    suivi.noter_appel(session, demande, agent, "joint", "Rappel fait", now=NOW)
    suivi.orienter(session, demande, agent, catalogue=catalogue, partenaire="caf-eure",
                   situation="Loyer impayé depuis 2 mois", besoin="Aide au logement",
                   consentement=True, now=NOW)
    suivi.marquer_non_recours(session, demande, agent, "meconnaissance")
    suivi.close_demande(session, demande=demande, agent=agent, issue="oriente", now=NOW,
                        message_fin="Fin")
    with pytest.raises(DemandeClose):
        suivi.noter_appel(session, demande, agent, "joint", now=NOW)
    suivi.ajouter_note(session, demande, agent, "Dossier envoyé à la CAF.", now=NOW)
    suivi.rouvrir(session, demande, agent, "La personne rappelle", now=NOW)
    actions = [e.action for e in journal_de(session, demande)]
    assert actions == [
        Action.creation, Action.lecture, Action.prise_en_charge, Action.reponse, Action.appel,
        Action.orientation, Action.non_recours, Action.close, Action.note, Action.reouverture,
    ]
    assert demande.statut == StatutDemande.prise_en_charge
    assert demande.premier_contact_at is not None
    details = str([e.detail for e in journal_de(session, demande)])
    for personnel in ("Samia", "0612", "Loyer impayé", "Je vous appelle", "Rappel fait"):
        assert personnel not in details


@pytest.mark.parametrize(
    ("action", "champ"),
    [
        (lambda s, d, a, c: suivi.ajouter_note(s, d, a, "   ", now=NOW), "texte"),
        (lambda s, d, a, c: suivi.ajouter_note(s, d, a, "x" * 2001, now=NOW), "texte"),
        (lambda s, d, a, c: suivi.noter_appel(s, d, a, "occupé", now=NOW), "resultat"),
        (lambda s, d, a, c: suivi.orienter(s, d, a, catalogue=c, partenaire="nasa",
                                           situation="s", besoin="b", consentement=True,
                                           now=NOW), "partenaire"),
        (lambda s, d, a, c: suivi.orienter(s, d, a, catalogue=c, partenaire="caf-eure",
                                           situation="", besoin="b", consentement=True,
                                           now=NOW), "situation"),
        (lambda s, d, a, c: suivi.changer_statut(s, d, a, "close", now=NOW), "statut"),
        (lambda s, d, a, c: suivi.marquer_non_recours(s, d, a, "flemme"), "non_recours"),
        (lambda s, d, a, c: suivi.reassigner(s, d, a, catalogue=c, territoire_id="lune",
                                             lieu_id=None, note="n", now=NOW), "territoire"),
        (lambda s, d, a, c: suivi.reassigner(s, d, a, catalogue=c, territoire_id="seine_normandie",
                                             lieu_id="msd-bernay", note="n", now=NOW), "lieu"),
        (lambda s, d, a, c: suivi.reassigner(s, d, a, catalogue=c, territoire_id="seine_normandie",
                                             lieu_id=None, note="", now=NOW), "note"),
        (lambda s, d, a, c: suivi.close_demande(s, demande=d, agent=a, issue=None, now=NOW,
                                                message_fin="f"), "issue"),
        (lambda s, d, a, c: suivi.rouvrir(s, d, a, "pas close", now=NOW), "raison"),
    ],
)
def test_bad_input_changes_nothing(
    app: Flask, session: Session, nouvelle: Callable[..., Demande],
    make_agent: Callable[..., int], action: Callable[..., object], champ: str,
) -> None:
    (agent,) = _agents(session, make_agent, 1)
    demande = nouvelle()
    avant = (demande.version, demande.statut, demande.territoire_id)
    with pytest.raises(suivi.SaisieInvalide) as erreur:
        action(session, demande, agent, app.extensions["catalogue"])
    assert erreur.value.champ == champ
    session.rollback()
    session.refresh(demande)
    assert (demande.version, demande.statut, demande.territoire_id) == avant
    assert demande.suivis == [] and demande.orientations == []


def test_reassigning_to_another_territory_puts_it_back_in_their_queue(
    app: Flask, session: Session, nouvelle: Callable[..., Demande], make_agent: Callable[..., int]
) -> None:
    (agent,) = _agents(session, make_agent, 1)
    demande = nouvelle()
    suivi.prendre_en_charge(session, demande, agent, NOW)
    suivi.reassigner(session, demande, agent, catalogue=app.extensions["catalogue"],
                     territoire_id=None, lieu_id="msd-vernon", note="Habite à Vernon", now=NOW)
    assert demande.territoire_id == app.extensions["catalogue"].lieux["msd-vernon"].territoire
    assert (demande.statut, demande.agent_id, demande.lieu_id) == ("nouvelle", None, "msd-vernon")


def test_the_journal_is_append_only_in_the_orm_and_in_the_database(
    app: Flask, session: Session, nouvelle: Callable[..., Demande]
) -> None:
    demande = nouvelle()
    entree = journal_de(session, demande)[0]
    entree.action = Action.lecture
    with pytest.raises(JournalModifie):
        session.commit()
    session.rollback()
    session.delete(session.get(EntreeJournal, entree.id))
    with pytest.raises(JournalModifie):
        session.commit()
    session.rollback()
    with pytest.raises(JournalModifie):
        session.execute(update(EntreeJournal).values(action="lecture"))
    session.rollback()
    # Below the ORM, the database itself refuses (a trigger on SQLite and on PostgreSQL).
    for sql in ("UPDATE journal_demandes SET action = 'lecture'", "DELETE FROM journal_demandes"):
        with app.extensions["database"].engine.connect() as conn, pytest.raises(DBAPIError):
            conn.execute(text(sql))
            conn.commit()
    assert session.scalar(select(EntreeJournal.action).where(EntreeJournal.id == entree.id)) \
        == Action.creation


def test_purge_empties_old_closed_demandes_and_keeps_the_counts(
    app: Flask, session: Session, nouvelle: Callable[..., Demande], make_agent: Callable[..., int]
) -> None:
    (agent,) = _agents(session, make_agent, 1)
    vieille, recente, ouverte = nouvelle(avec_chat=True), nouvelle(), nouvelle()
    suivi.ajouter_note(session, vieille, agent, "Mme a 3 enfants", now=NOW)
    suivi.orienter(session, vieille, agent, catalogue=app.extensions["catalogue"],
                   partenaire="caf-eure", situation="Dettes", besoin="Aide", consentement=True,
                   now=NOW)
    for demande, quand in ((vieille, NOW - timedelta(days=400)), (recente, NOW)):
        suivi.close_demande(session, demande=demande, agent=agent, issue="oriente", now=quand,
                            message_fin="fin")
    assert purge_demandes(session, avant=NOW - timedelta(days=365), now=NOW) == 1
    session.expire_all()
    vieille = session.get(Demande, vieille.id)
    assert vieille is not None
    assert (vieille.prenom, vieille.telephone, vieille.message, vieille.conversation_id) == (
        None, None, None, None)
    assert vieille.suivis[0].texte is None and vieille.orientations[0].situation is None
    assert (vieille.topic, vieille.orientation, vieille.territoire_id) == (
        "logement", "caf-eure", app.extensions["catalogue"].territoire_of("27229").id)
    assert session.scalar(select(Conversation)) is None
    assert [d.prenom for d in (recente, ouverte)] == ["Samia", "Samia"]
    assert journal_de(session, vieille)[-1].action == Action.purge
    # Running it again finds nothing more to purge.
    assert purge_demandes(session, avant=NOW - timedelta(days=365), now=NOW) == 0
