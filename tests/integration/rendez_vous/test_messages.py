"""Every SMS fits one 160-character GSM-7 segment, for every template, language and lieu,
with the longest reference and a real-length public address; the .ics keeps its UID."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask import Flask

from portal.models.rendez_vous import Canal, Modele, RendezVous, StatutRendezVous
from portal.rendez_vous.messages import (
    SMS_MAX,
    Contexte,
    longueur_gsm7,
    render_email,
    render_sms,
    vers_gsm7,
)
from tests.conftest import LUNDI_10H

BASE_URL = "https://rendez-vous.solidarites.eure.fr"  # longer than the real one will be
# A Wednesday in December: the longest French day and month names in dd/MM are all the same.
DEBUT = datetime(2026, 12, 23, 16, 45, tzinfo=LUNDI_10H.tzinfo)


def _rdv(lieu_id: str, motif_id: str, langue: str, **champs: object) -> RendezVous:
    valeurs = {
        "reference": "WWWWWWWW", "uid": "7f1c2e0a-1111-4222-8333-944455556666",
        "lieu_id": lieu_id, "motif_id": motif_id, "debut": DEBUT,
        "fin": DEBUT + timedelta(minutes=60), "prenom": "Marie-Éléonore", "nom": "Ÿ" * 100,
        "telephone": "+33612345678", "email": "m@exemple.fr", "langue": langue,
        "statut": StatutRendezVous.prevu, "sequence": 0, "message_usager": "x" * 500,
    }
    valeurs.update(champs)
    return RendezVous(**valeurs)


@pytest.mark.parametrize("langue", ["fr", "en", "ar"])
@pytest.mark.parametrize("modele", list(Modele))
def test_every_sms_fits_one_gsm7_segment(app: Flask, modele: Modele, langue: str) -> None:
    catalogue = app.extensions["catalogue"]
    with app.app_context():
        for lieu_id, lieu in catalogue.lieux.items():
            for motif_id, motif in catalogue.motifs.items():
                if not motif.is_offered_at(lieu):
                    continue
                contexte = Contexte(_rdv(lieu_id, motif_id, langue), catalogue, BASE_URL, "s")
                texte = render_sms(contexte, modele).texte
                longueur = longueur_gsm7(texte)
                assert longueur is not None, f"hors GSM-7 : {texte!r}"
                assert longueur <= SMS_MAX, f"{longueur} > 160 : {texte!r}"
                assert "WWWWWWWW" in texte or modele == Modele.rappel
                assert f"{BASE_URL}/r/" in texte


def test_a_short_place_name_is_kept_whole(app: Flask) -> None:
    catalogue = app.extensions["catalogue"]
    with app.app_context():
        contexte = Contexte(_rdv("msd-evreux", "premier_rendez_vous_ts", "fr"), catalogue,
                            BASE_URL, "s")
        texte = render_sms(contexte, Modele.confirmation).texte
    assert texte.startswith("RDV confirmé le 23/12 à 16:45, Maison des solidarités d'Évreux.")


def test_gsm7_helpers() -> None:
    assert longueur_gsm7("é à ù") == 5
    assert longueur_gsm7("€") == 2
    assert longueur_gsm7("ê") is None
    assert vers_gsm7("Fenêtre « façade » – l’été…") == 'Fenetre " facade " - l\'été...'


def test_email_is_in_the_usagers_language_with_a_calendar(app: Flask) -> None:
    catalogue = app.extensions["catalogue"]
    with app.app_context():
        rdv = _rdv("msd-evreux", "premier_rendez_vous_ts", "ar", message_usager=None)
        message = render_email(Contexte(rdv, catalogue, BASE_URL, "s"), Modele.confirmation,
                               now=LUNDI_10H)
    assert message.canal == Canal.email
    assert catalogue.motifs["premier_rendez_vous_ts"].nom.ar in message.texte
    assert message.ics is not None and b"UID:7f1c2e0a-1111-4222-8333-944455556666@bonne-porte" \
        in message.ics


def test_ics_uid_is_stable_and_sequence_rises(app: Flask) -> None:
    from portal.rendez_vous.ics import calendrier

    catalogue = app.extensions["catalogue"]
    motif, lieu = catalogue.motifs["premier_rendez_vous_ts"], catalogue.lieux["msd-evreux"]
    rdv = _rdv("msd-evreux", "premier_rendez_vous_ts", "fr")
    premier = calendrier(rdv, motif=motif, lieu=lieu, langue="fr", lien="l", now=LUNDI_10H)
    rdv.debut, rdv.fin, rdv.sequence = rdv.debut + timedelta(days=1), rdv.fin + timedelta(days=1), 1
    deplace = calendrier(rdv, motif=motif, lieu=lieu, langue="fr", lien="l", now=LUNDI_10H)
    rdv.statut, rdv.sequence = StatutRendezVous.annule, 2
    annule = calendrier(rdv, motif=motif, lieu=lieu, langue="fr", lien="l", now=LUNDI_10H)
    uid = b"UID:7f1c2e0a-1111-4222-8333-944455556666@bonne-porte"
    assert uid in premier and uid in deplace and uid in annule
    assert b"SEQUENCE:1" in deplace and b"STATUS:CANCELLED" in annule and b"METHOD:CANCEL" in annule
