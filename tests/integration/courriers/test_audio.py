"""Listening without installed voices (issue #20): recordings made offline by espeak-ng in the
page's language, served with their transcript; made again only when the text changed; a
machine without espeak-ng still serves the pages, which say the recording is missing."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.courriers import audio

LANGUES = ("fr", "en", "ar")


def _dossier(app: Flask) -> Path:
    return Path(app.config["VAR_DIR"]) / "audio"


def _fais(app: Flask, *enregistrements: audio.Enregistrement) -> audio.Bilan:
    return audio.genere(enregistrements, _dossier(app))


def _court(texte: str, langue: str = "fr") -> audio.Enregistrement:
    return audio.Enregistrement("courrier-ESSAI", langue, (audio.Ligne(texte, texte),))


@pytest.mark.parametrize("langue", LANGUES)
def test_the_recorded_text_is_the_letter_in_the_pages_language(
    app: Flask, catalogue, langue: str  # type: ignore[no-untyped-def]
) -> None:
    courrier = catalogue.courriers["RSA-CTRL"]
    with app.test_request_context():
        enregistrement = audio.enregistrement_courrier(courrier, langue)
    texte = enregistrement.transcription
    assert texte[0] == courrier.titre.en_langue(langue)
    assert courrier.pourquoi.en_langue(langue) in texte
    assert f"1. {courrier.etapes[0].en_langue(langue)}" in texte
    assert enregistrement.nom.startswith(f"courrier-RSA-CTRL-{langue}-")
    assert audio.VOIX[langue] in {"fr": {"fr"}, "en": {"en-gb"}, "ar": {"ar"}}[langue]


def test_an_emergency_number_is_said_digit_by_digit_but_written_as_on_screen(
    app: Flask, catalogue  # type: ignore[no-untyped-def]
) -> None:
    with app.test_request_context():
        lignes = audio.lignes_urgence(catalogue.numeros_urgence, "fr")
    troisneuf = next(ligne for ligne in lignes if "3919" in ligne.ecrit)
    assert troisneuf.ecrit == "Appeler le 3919" and troisneuf.dit == "Appeler le 3 9 1 9"
    sms = next(ligne for ligne in lignes if "114" in ligne.ecrit)
    assert sms.ecrit == "Envoyer un SMS au 114"


def test_made_once_then_again_only_when_the_text_changed(app: Flask) -> None:
    premier = _court("Bonjour. Ceci est un essai.")
    bilan = _fais(app, premier)
    assert (bilan.faits, bilan.inchanges) == (1, 0)
    fichiers = sorted(p.name for p in _dossier(app).iterdir())
    assert f"{premier.nom}.ogg" in fichiers and f"{premier.nom}.mp3" in fichiers
    assert (_fais(app, premier).faits, _fais(app, premier).inchanges) == (0, 1)
    change = _court("Bonjour. Ceci est un autre essai.")
    assert change.nom != premier.nom
    bilan = _fais(app, change)
    assert (bilan.faits, bilan.effaces) == (1, 3)  # .ogg, .mp3 and .json of the old text
    assert not any(p.name.startswith(premier.nom) for p in _dossier(app).iterdir())


def test_the_duration_is_measured_from_the_speech(app: Flask) -> None:
    enregistrement = _court("Un. Deux. Trois. Quatre. Cinq. Six. Sept. Huit. Neuf. Dix.")
    _fais(app, enregistrement)
    trouve = audio.audio_de(enregistrement, _dossier(app))
    assert trouve is not None
    assert 2 < trouve.secondes < 20
    assert [s.type_mime for s in trouve.sources] == ["audio/ogg; codecs=opus", "audio/mpeg"]
    assert all(s.octets > 1000 for s in trouve.sources)


def test_without_an_encoder_the_wav_is_served(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audio, "FORMATS", (audio.Format("ogg", "audio/ogg", ("absent-xyz",)),))
    enregistrement = _court("Sans encodeur.")
    _fais(app, enregistrement)
    wav = _dossier(app) / f"{enregistrement.nom}.wav"
    with wave.open(str(wav), "rb") as lecture:
        assert lecture.getnframes() > 0
    assert audio.audio_de(enregistrement, _dossier(app)).sources[0].type_mime == "audio/wav"  # type: ignore[union-attr]


def test_the_page_serves_the_recording_of_its_language_with_its_transcript(
    app: Flask, client: FlaskClient, catalogue  # type: ignore[no-untyped-def]
) -> None:
    courrier = catalogue.courriers["RSA-CTRL"]
    with app.test_request_context():
        arabe = audio.enregistrement_courrier(courrier, "ar")
    _fais(app, arabe)
    html = client.get("/c/RSA-CTRL", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert f'src="/audio/{arabe.nom}.ogg" type="audio/ogg; codecs=opus"' in html
    assert f'src="/audio/{arabe.nom}.mp3"' in html
    assert 'data-lire-enregistrement="enregistrement"' in html
    assert courrier.pourquoi.en_langue("ar") in html.split('class="transcription"')[1]
    # French asked: the Arabic recording is not offered as the French one.
    francais = client.get("/c/RSA-CTRL", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "/audio/" not in francais
    assert "pas encore prêt sur ce site" in francais

    with client.get(f"/audio/{arabe.nom}.ogg") as reponse:
        assert reponse.status_code == 200
        assert reponse.mimetype == "audio/ogg"
        assert reponse.data[:4] == b"OggS"
        assert "immutable" in reponse.headers["Cache-Control"]
    with client.get(f"/audio/{arabe.nom}.ogg", headers={"Range": "bytes=0-99"}) as partie:
        assert partie.status_code == 206 and len(partie.data) == 100


def test_the_emergency_page_has_its_recording(
    app: Flask, client: FlaskClient, catalogue  # type: ignore[no-untyped-def]
) -> None:
    with app.test_request_context():
        anglais = audio.enregistrement_urgence(catalogue, "en")
    _fais(app, anglais)
    html = client.get("/urgence", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f"/audio/{anglais.nom}.ogg" in html
    assert html.index('class="numeros"') < html.index('class="ecoute"')  # the numbers first


@pytest.mark.parametrize(
    "nom", ["secret_key", "..%2Fsecret_key", "urgence-fr-0123456789abcdef.json",
            "urgence-fr-0123456789abcdef.ogg", "autre-fr-0123456789abcdef.ogg"]
)
def test_nothing_else_of_var_is_served(app: Flask, client: FlaskClient, nom: str) -> None:
    (Path(app.config["VAR_DIR"]) / "secret_key").write_text("x")
    assert client.get(f"/audio/{nom}").status_code == 404


def test_without_espeak_ng_the_command_says_so_and_the_pages_still_work(
    app: Flask, client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vide = tmp_path / "bin-vide"
    vide.mkdir()
    monkeypatch.setenv("PATH", str(vide))
    resultat = app.test_cli_runner().invoke(args=["courriers", "audio"])
    assert resultat.exit_code == 0
    assert "espeak-ng manque" in resultat.output
    assert not _dossier(app).exists()
    for url in ("/c/RSA-CTRL", "/urgence"):
        page = client.get(url)
        assert page.status_code == 200
        assert "pas encore prêt" in page.get_data(as_text=True)


def test_the_command_records_every_letter_and_the_emergency_page_in_three_languages(
    app: Flask, catalogue, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    faits: list[tuple[str, str]] = []
    monkeypatch.setattr(audio, "_enregistre",
                        lambda e, dossier: faits.append((e.sujet, e.langue)))
    resultat = app.test_cli_runner().invoke(args=["courriers", "audio"])
    assert resultat.exit_code == 0, resultat.output
    attendus = {(f"courrier-{code}", langue) for code in catalogue.courriers for langue in LANGUES}
    attendus |= {("urgence", langue) for langue in LANGUES}
    assert set(faits) == attendus and len(faits) == len(attendus)


def test_a_failing_engine_is_reported_and_the_page_stays_without_recording(
    app: Flask, client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    faux = tmp_path / "bin"
    faux.mkdir()
    moteur = faux / "espeak-ng"
    moteur.write_text("#!/bin/sh\necho 'voix introuvable' >&2\nexit 1\n")
    moteur.chmod(0o755)
    monkeypatch.setenv("PATH", f"{faux}:/usr/bin:/bin")
    monkeypatch.delenv("CI", raising=False)
    resultat = app.test_cli_runner().invoke(args=["courriers", "audio"])
    assert resultat.exit_code == 0
    assert "échec de courrier-" in resultat.output
    assert not list(_dossier(app).glob("*.json"))  # nothing half-made is taken as done
    assert "pas encore prêt" in client.get("/c/RSA-CTRL").get_data(as_text=True)
    monkeypatch.setenv("CI", "true")
    assert app.test_cli_runner().invoke(args=["courriers", "audio"]).exit_code == 1
