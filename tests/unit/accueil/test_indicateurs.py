"""The indicators' computations, on hand-built rows whose figures are worked out here by hand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.indicateurs.calcul import (
    NORMALES,
    TOUS,
    URGENTES,
    Indicateurs,
    Periode,
    PeriodeInvalide,
    build_periode,
    compute_indicateurs,
    lundi_of,
    median,
    percentile_90,
    periode_par_defaut,
)
from portal.indicateurs.compteur import count_event
from portal.indicateurs.graphiques import Barre, Graphique, svg
from portal.models import AvisCourrier, Demande, Plage, RendezVous

PARIS = ZoneInfo("Europe/Paris")
# Now, as the tests freeze it: Monday 23 November 2026, 10:00 in Paris (week 48).
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
# Monday of week 47, 9:00 UTC: the demandes of the seeded week.
W47 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
PERIODE = Periode(du=date(2026, 11, 16), au=date(2026, 11, 23))  # weeks 47 and 48
LIEU_EVREUX = "antenne-evreux-la-madeleine"
LIEU_GAILLON = "antenne-gaillon"  # territoire seine_eure
_numeros = count(1)


# --- pure functions ------------------------------------------------------------------------


def test_median_and_90th_percentile_interpolate_between_ranks() -> None:
    valeurs = [float(v) for v in range(1, 11)]
    assert median(valeurs) == 5.5
    # Rank (10 - 1) × 0.9 = 8.1, between the 9th (9) and the 10th (10) value: 9 + 0.1 × 1.
    assert percentile_90(valeurs) == pytest.approx(9.1)
    assert percentile_90([2.0, 4.0, 10.0, 30.0]) == pytest.approx(10 + 0.7 * 20)
    assert percentile_90([7.0]) == 7.0
    assert median([]) is None and percentile_90([]) is None


def test_the_default_period_is_the_last_8_iso_weeks_up_to_today() -> None:
    periode = periode_par_defaut(date(2026, 11, 25))  # a Wednesday of week 48
    assert periode.semaines == [f"2026-W{n}" for n in range(41, 49)]
    assert periode.du == date(2026, 10, 5) and periode.fin == date(2026, 11, 30)


@pytest.mark.parametrize("texte", ["2026-W99", "2025-W53", "2026-W00", "garbage", "2026-47", ""])
def test_a_week_that_does_not_exist_is_refused(texte: str) -> None:
    with pytest.raises(PeriodeInvalide) as erreur:
        lundi_of(texte)
    assert erreur.value.raison == "semaine"


def test_weeks_read_across_a_year_with_53_weeks() -> None:
    assert lundi_of("2026-W53") == date(2026, 12, 28)
    periode = build_periode("2026-W52", "2027-W01", today=date(2027, 1, 5))
    assert periode.semaines == ["2026-W52", "2026-W53", "2027-W01"]


@pytest.mark.parametrize(
    ("du", "au", "raison"),
    [("2026-W48", "2026-W40", "ordre"), ("2020-W01", "2026-W48", "longueur")],
)
def test_a_period_backwards_or_too_long_is_refused(du: str, au: str, raison: str) -> None:
    with pytest.raises(PeriodeInvalide) as erreur:
        build_periode(du, au, today=date(2026, 11, 23))
    assert erreur.value.raison == raison


# --- seeded rows ---------------------------------------------------------------------------


def add_demande(
    session: Session,
    *,
    created_at: datetime,
    contact_apres: timedelta | None = None,
    delai: timedelta = timedelta(hours=24),
    source: str = "assistant",
    topic: str = "rsa",
    urgence: str | None = None,
    territoire: str | None = "evreux",
    orientation: str | None = None,
    non_recours: str | None = None,
) -> Demande:
    demande = Demande(
        reference=f"IND{next(_numeros):05d}",
        source=source,
        topic=topic,
        urgence=urgence,
        territoire_id=territoire,
        contact="telephone",
        consentement_at=created_at,
        created_at=created_at,
        echeance_at=created_at + delai,
        premier_contact_at=created_at + contact_apres if contact_apres is not None else None,
        orientation=orientation,
        non_recours=non_recours,
    )
    session.add(demande)
    return demande


def add_rendez_vous(
    session: Session, plage: Plage, *, motif: str, statut: str, debut: datetime
) -> None:
    numero = next(_numeros)
    session.add(
        RendezVous(
            reference=f"R{numero:07d}",
            uid=f"uid-{numero}",
            jeton_hash=f"{numero:064d}",
            plage_id=plage.id,
            lieu_id=plage.lieu_id,
            motif_id=motif,
            debut=debut,
            fin=debut + timedelta(minutes=30),
            creneau_tenu=debut if statut == "prevu" else None,
            statut=statut,
            prenom="Camille",
            nom="Essai",
            telephone="+33612345678",
        )
    )


def seed_indicateurs(session: Session) -> None:
    """Week 47 in Évreux, worked out by hand:

    - 4 normal demandes contacted after 2, 4, 10 and 30 hours, due within 24 hours: median 7 h,
      90th percentile 10 + 0.7 × (30 - 10) = 24 h, 3 of 4 (75 %) within the service level;
    - 1 normal demande never contacted, due long ago: waiting 1, late 1;
    - 1 urgent demande contacted after 30 minutes, due within 60: 100 %, median 30 min;
    - sources: assistant 3, formulaire 2, telephone 1; topics: rsa 3, logement 2, urgence 1;
    - oriented: caf-eure 2, ccas-commune 1, so 3 of 6 (50 %); non-recours: meconnaissance 2,
      unknown 4.
    Around it: one demande in Gaillon's territoire (seine_eure) and one before the period.
    """
    heure = timedelta(hours=1)
    add_demande(
        session,
        created_at=W47,
        contact_apres=2 * heure,
        orientation="caf-eure",
        non_recours="meconnaissance",
    )
    add_demande(session, created_at=W47, contact_apres=4 * heure, orientation="caf-eure")
    add_demande(
        session,
        created_at=W47,
        contact_apres=10 * heure,
        source="formulaire",
        topic="logement",
        non_recours="meconnaissance",
    )
    add_demande(
        session,
        created_at=W47,
        contact_apres=30 * heure,
        source="formulaire",
        topic="logement",
        orientation="ccas-commune",
    )
    add_demande(session, created_at=W47, contact_apres=None, delai=48 * heure)
    add_demande(
        session,
        created_at=W47 + 2 * heure,
        contact_apres=timedelta(minutes=30),
        delai=heure,
        source="telephone",
        topic="urgence",
        urgence="violence",
    )
    add_demande(session, created_at=W47, territoire="seine_eure", topic="logement")
    add_demande(session, created_at=W47 - timedelta(weeks=3), contact_apres=heure)

    plage_evreux = Plage(
        lieu_id=LIEU_EVREUX,
        motifs=["rsa_orientation"],
        jours=[1],
        heure_debut=time(9),
        heure_fin=time(12),
        date_debut=date(2026, 1, 5),
    )
    plage_gaillon = Plage(
        lieu_id=LIEU_GAILLON,
        motifs=["dossier_apa"],
        jours=[1],
        heure_debut=time(9),
        heure_fin=time(12),
        date_debut=date(2026, 1, 5),
    )
    session.add_all([plage_evreux, plage_gaillon])
    session.flush()
    # rsa_orientation in Évreux: 1 absent of 4 counted (25 %); excused, cancelled and still
    # planned ones are not counted. dossier_apa in Gaillon: 2 absent of 2 (100 %).
    for statut in ("absent", "present", "present", "present", "excuse", "annule", "prevu"):
        add_rendez_vous(
            session,
            plage_evreux,
            motif="rsa_orientation",
            statut=statut,
            debut=W47 + timedelta(minutes=30 * next(_numeros)),
        )
    for statut in ("absent", "absent"):
        add_rendez_vous(
            session,
            plage_gaillon,
            motif="dossier_apa",
            statut=statut,
            debut=W47 + timedelta(minutes=30 * next(_numeros)),
        )

    mardi = date(2026, 11, 17)
    for _ in range(3):
        count_event(session, jour=mardi, evenement="simulation", territoire_id="evreux")
    for _ in range(2):
        count_event(
            session, jour=mardi, evenement="simulation_eligible", territoire_id="evreux", cle="rsa"
        )
    count_event(
        session, jour=mardi, evenement="simulation_a_verifier", territoire_id="evreux", cle="ppa"
    )
    count_event(session, jour=mardi, evenement="simulation", territoire_id="seine_eure")
    for _ in range(4):
        count_event(session, jour=mardi, evenement="courrier_scan", cle="APA-DEC")
    count_event(session, jour=mardi, evenement="courrier_saisie", cle="APA-DEC")
    for utile in (True, True, False):
        session.add(AvisCourrier(code="APA-DEC", utile=utile, langue="fr", jour=mardi))
    session.commit()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    with app.app_context():
        session = app.extensions["database"].session()
        yield session
        session.rollback()


def _compute(session: Session, catalogue: Catalogue, territoire: str | None = None) -> Indicateurs:
    return compute_indicateurs(
        session, catalogue=catalogue, periode=PERIODE, territoire=territoire, now=NOW, zone=PARIS
    )


def test_demandes_are_counted_by_source_topic_and_urgence(
    session: Session, catalogue: Catalogue
) -> None:
    seed_indicateurs(session)
    resultat = _compute(session, catalogue, "evreux")
    source = resultat["demandes_source"]
    assert {c: source.total(c) for c in source.cles} == {
        "assistant": 3,
        "formulaire": 2,
        "telephone": 1,
    }
    assert source.cles == ["assistant", "formulaire", "telephone"]  # biggest first
    topic = resultat["demandes_topic"]
    assert {c: topic.total(c) for c in topic.cles} == {"rsa": 3, "logement": 2, "urgence": 1}
    urgence = resultat["demandes_urgence"]
    assert {c: urgence.total(c) for c in urgence.cles} == {"non_urgente": 5, "violence": 1}
    # The detail rows are per territoire and week.
    assert {(ligne.territoire, ligne.semaine) for ligne in source.lignes} == {
        ("evreux", "2026-W47")
    }


def test_all_territoires_include_the_others_and_the_period_excludes_older_demandes(
    session: Session, catalogue: Catalogue
) -> None:
    seed_indicateurs(session)
    topic = _compute(session, catalogue)["demandes_topic"]
    assert topic.total("logement") == 3  # Évreux's 2 and Gaillon's 1
    assert topic.total("rsa") == 3  # the demande of week 44 is outside the period
    assert {ligne.territoire for ligne in topic.lignes} == {"evreux", "seine_eure"}


def test_time_to_first_contact_against_the_service_level(
    session: Session, catalogue: Catalogue
) -> None:
    seed_indicateurs(session)
    contact = _compute(session, catalogue, "evreux")["premier_contact"]
    assert contact.total(NORMALES, "demandes") == 5
    assert contact.total(NORMALES, "contactees") == 4
    assert contact.total(NORMALES, "mediane") == 7.0
    assert contact.total(NORMALES, "p90") == 24.0
    assert contact.total(NORMALES, "dans_delai") == 3
    assert contact.total(NORMALES, "part_dans_delai_pct") == 75.0
    assert contact.total(NORMALES, "pas_encore_contactees") == 1
    assert contact.total(NORMALES, "en_retard") == 1
    assert contact.total(URGENTES, "mediane") == 30.0  # minutes for urgent demandes
    assert contact.total(URGENTES, "part_dans_delai_pct") == 100.0
    detail = {
        (ligne.semaine, ligne.cle, ligne.mesure): ligne.valeur
        for ligne in contact.lignes
        if ligne.territoire == "evreux"
    }
    assert detail[("2026-W47", NORMALES, "mediane")] == 7.0
    assert all(ligne.territoire != TOUS for ligne in contact.lignes)


def test_a_demande_not_yet_due_is_waiting_but_not_late(
    session: Session, catalogue: Catalogue
) -> None:
    add_demande(session, created_at=NOW.astimezone(UTC) - timedelta(hours=1))
    session.commit()
    contact = _compute(session, catalogue)["premier_contact"]
    assert contact.total(NORMALES, "pas_encore_contactees") == 1
    assert contact.total(NORMALES, "en_retard") == 0
    assert contact.total(NORMALES, "mediane") is None  # nothing to take a median of


def test_orientation_share_partners_and_non_recours(session: Session, catalogue: Catalogue) -> None:
    seed_indicateurs(session)
    resultat = _compute(session, catalogue, "evreux")
    assert resultat["orientation"].total("toutes", "orientees") == 3
    assert resultat["orientation"].total("toutes", "part_orientees_pct") == 50.0
    partenaires = resultat["orientation_partenaire"]
    assert {c: partenaires.total(c) for c in partenaires.cles} == {"caf-eure": 2, "ccas-commune": 1}
    causes = resultat["non_recours"]
    assert {c: causes.total(c) for c in causes.cles} == {"inconnu": 4, "meconnaissance": 2}


def test_no_show_rate_per_motif_and_lieu_counts_only_absent_and_present(
    session: Session, catalogue: Catalogue
) -> None:
    seed_indicateurs(session)
    resultat = _compute(session, catalogue)
    motifs = resultat["rendez_vous_motif"]
    assert motifs.total("rsa_orientation", "absents") == 1
    assert motifs.total("rsa_orientation", "presents") == 3
    assert motifs.total("rsa_orientation", "taux_absence_pct") == 25.0
    assert motifs.total("dossier_apa", "taux_absence_pct") == 100.0
    lieux = resultat["rendez_vous_lieu"]
    assert lieux.total(LIEU_GAILLON, "absents") == 2
    # The lieu's territoire comes from the catalogue: Gaillon is not in Évreux's figures.
    evreux = _compute(session, catalogue, "evreux")["rendez_vous_lieu"]
    assert evreux.cles == [LIEU_EVREUX]
    assert {ligne.territoire for ligne in lieux.lignes} == {"evreux", "seine_eure"}


def test_anonymous_counters_and_letter_answers(session: Session, catalogue: Catalogue) -> None:
    seed_indicateurs(session)
    tous = _compute(session, catalogue)
    assert tous["simulations"].total("simulations") == 4
    assert tous["aides_eligibles"].total("rsa") == 2
    assert tous["aides_a_verifier"].total("ppa") == 1
    assert tous["courriers_scans"].total("APA-DEC") == 4
    assert tous["courriers_autres_lectures"].total("APA-DEC") == 1
    avis = tous["courriers_avis"]
    assert (avis.total("APA-DEC", "oui"), avis.total("APA-DEC", "non")) == (2, 1)
    assert avis.total("APA-DEC", "part_oui_pct") == pytest.approx(66.7)
    evreux = _compute(session, catalogue, "evreux")
    assert evreux["simulations"].total("simulations") == 3
    # Scans without a place are the département's: not in one territoire's figures.
    assert evreux["courriers_scans"].lignes == []


def test_the_week_is_the_local_one(session: Session, catalogue: Catalogue) -> None:
    # Sunday 22 November, 23:30 UTC is already Monday 00:30 in Paris: week 48.
    add_demande(session, created_at=datetime(2026, 11, 22, 23, 30, tzinfo=UTC))
    add_demande(session, created_at=datetime(2026, 11, 22, 22, 30, tzinfo=UTC))
    session.commit()
    source = _compute(session, catalogue)["demandes_source"]
    assert {ligne.semaine: ligne.valeur for ligne in source.lignes} == {
        "2026-W47": 1,
        "2026-W48": 1,
    }


def test_purged_demandes_are_still_counted(session: Session, catalogue: Catalogue) -> None:
    demande = add_demande(session, created_at=W47, contact_apres=timedelta(hours=3))
    demande.prenom = demande.telephone = None
    demande.purgee_at = W47 + timedelta(days=30)
    session.commit()
    resultat = _compute(session, catalogue)
    assert resultat["demandes_source"].total("assistant") == 1
    assert resultat["premier_contact"].total(NORMALES, "mediane") == 3.0


def test_an_unknown_territoire_is_refused(session: Session, catalogue: Catalogue) -> None:
    with pytest.raises(ValueError):
        _compute(session, catalogue, "atlantide")


# --- the chart ------------------------------------------------------------------------------


def test_the_svg_chart_says_its_figures_and_needs_no_inline_style() -> None:
    dessin = svg(
        Graphique(
            ident="graphique-essai",
            titre="Demandes <par> canal",
            description="Assistant : 3; Téléphone : 1.",
            barres=[Barre("Assistant", 3, "3"), Barre("Téléphone", 1, "1")],
        )
    )
    assert 'role="img"' in dessin
    assert 'aria-labelledby="graphique-essai-titre graphique-essai-description"' in dessin
    assert '<title id="graphique-essai-titre">Demandes &lt;par&gt; canal</title>' in dessin
    assert "Assistant : 3; Téléphone : 1." in dessin
    assert ">3</text>" in dessin and ">1</text>" in dessin  # values written, not colour only
    assert "style" not in dessin  # the CSP refuses inline styles
    # The longest bar takes the whole length, the other a third of it.
    largeurs = [
        float(w)
        for w in re.findall(r'class="graphique-barre" x="\d+" y="\d+" width="([\d.]+)"', dessin)
    ]
    assert largeurs[1] == pytest.approx(largeurs[0] / 3, abs=0.1)
