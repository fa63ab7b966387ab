"""`flask courriers qr` and `qr-lot`: a real decoder reads the file, and the address it finds
opens the right explanation with its signed deadline."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from PIL import Image

from tests.integration.courriers.conftest import avis_stockes


def decode_png(path: Path) -> str:
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(path.read_bytes())))
    return code.text


def decode_svg(path: Path) -> str:
    sortie = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, check=True
    )
    return sortie.stdout.strip()


def _ouvrir(client: FlaskClient, url: str) -> str:
    """What a phone does with the decoded address: GET it (on our test server)."""
    parts = urlsplit(url)
    assert parts.netloc.lower() == "localhost"
    response = client.get(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(("format_", "decode", "taille"), [("png", decode_png, "20"),
                                                           ("svg", decode_svg, "100")])  # fmt: skip
def test_a_qr_code_opens_the_explanation_with_its_signed_deadline(
    runner: FlaskCliRunner, client: FlaskClient, tmp_path: Path, format_: str, decode, taille: str  # type: ignore[no-untyped-def]
) -> None:
    # The SVG is declared 100 mm wide only so that ImageMagick renders it large enough.
    fichier = tmp_path / f"qr.{format_}"
    result = runner.invoke(
        args=["courriers", "qr", "rsa-ctrl", "--echeance", "2026-12-15", "--lieu", "msd-louviers",
              "--format", format_, "--output", str(fichier), "--taille-mm", taille]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    url = decode(fichier)
    assert url.startswith("HTTP://LOCALHOST/C/RSA-CTRL?e=2026-12-15&l=msd-louviers&s=")
    assert url in result.output and "version" in result.output
    html = _ouvrir(client, url)
    assert "Contrôle du RSA : questionnaire sur votre situation" in html
    assert "Renvoyez le questionnaire avant le 15 décembre 2026." in html
    assert "Maison des solidarités de Louviers" in html


def test_a_template_qr_code_without_details(
    runner: FlaskCliRunner, client: FlaskClient, tmp_path: Path
) -> None:
    fichier = tmp_path / "apa.png"
    result = runner.invoke(
        args=["courriers", "qr", "APA-PLAN", "--format", "png", "--output", str(fichier)]
    )
    assert result.exit_code == 0, result.output
    url = decode_png(fichier)
    assert url == "HTTP://LOCALHOST/C/APA-PLAN"
    assert "APA à domicile" in _ouvrir(client, url)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["NOPE-XX"], "code de courrier inconnu"),
        (["RSA-CTRL", "--lieu", "atlantide"], "lieu inconnu"),
        (["RSA-CTRL", "--echeance", "demain"], "date 'demain'"),
        (["RSA-CTRL", "--taille-mm", "10"], "10"),
    ],
)
def test_bad_options_are_refused_without_a_file(
    runner: FlaskCliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    fichier = tmp_path / "qr.png"
    result = runner.invoke(
        args=["courriers", "qr", *args, "--format", "png", "--output", str(fichier)]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert not fichier.exists()


def test_batch_from_a_mail_merge_csv(
    runner: FlaskCliRunner, client: FlaskClient, tmp_path: Path
) -> None:
    # An export from a spreadsheet in French: semicolons, a BOM, French dates, extra columns.
    csv = tmp_path / "publipostage.csv"
    csv.write_text(
        "\ufeffnom;code;echeance;lieu;adresse\n"
        "Dupont;RSA-CTRL;15/12/2026;msd-evreux;1 rue X\n"
        "Martin;apa plan;2026-12-01;;2 rue Y\n"
        "Durand;PMI-BILAN;;;3 rue Z\n",
        encoding="utf-8",
    )
    dossier = tmp_path / "qr"
    result = runner.invoke(
        args=["courriers", "qr-lot", str(csv), "--dossier", str(dossier), "--format", "png"]
    )
    assert result.exit_code == 0, result.output
    fichiers = sorted(p.name for p in dossier.iterdir())
    assert fichiers == ["0001-RSA-CTRL.png", "0002-APA-PLAN.png", "0003-PMI-BILAN.png"]
    urls = [decode_png(dossier / nom) for nom in fichiers]
    for url in urls:  # nothing from the other columns ever enters a QR code
        for personnel in ("Dupont", "Martin", "Durand", "rue"):
            assert personnel not in url
    assert "Renvoyez le questionnaire avant le 15 décembre 2026." in _ouvrir(client, urls[0])
    assert "Répondez avant le 1 décembre 2026." in _ouvrir(client, urls[1])
    assert urls[2] == "HTTP://LOCALHOST/C/PMI-BILAN"


def test_batch_names_files_from_a_column_and_refuses_paths(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    csv = tmp_path / "lot.csv"
    csv.write_text("code,fichier\nRSA-CTRL,lettre-42\nAPA-PLAN,../../evil\n", encoding="utf-8")
    dossier = tmp_path / "qr"
    result = runner.invoke(
        args=["courriers", "qr-lot", str(csv), "--dossier", str(dossier), "--format", "svg"]
    )
    assert result.exit_code == 1
    assert "ligne 3 : nom de fichier '../../evil.svg'" in result.output
    assert not dossier.exists()  # nothing written while a line is wrong
    csv.write_text("code,fichier\nRSA-CTRL,lettre-42\n", encoding="utf-8")
    result = runner.invoke(
        args=["courriers", "qr-lot", str(csv), "--dossier", str(dossier), "--format", "svg"]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in dossier.iterdir()] == ["lettre-42.svg"]


def test_batch_lists_every_wrong_line(runner: FlaskCliRunner, tmp_path: Path) -> None:
    csv = tmp_path / "lot.csv"
    csv.write_text("code;echeance;lieu\nXX-YY;;\nRSA-CTRL;31/02/2026;\nRSA-CTRL;;nulle-part\n")
    result = runner.invoke(
        args=["courriers", "qr-lot", str(csv), "--dossier", str(tmp_path / "q"), "--format", "png"]
    )
    assert result.exit_code == 1
    for ligne in ("ligne 2 : code de courrier inconnu", "ligne 3 : date", "ligne 4 : lieu inconnu"):
        assert ligne in result.output
    csv.write_text("nom;adresse\nDupont;1 rue X\n")
    result = runner.invoke(
        args=["courriers", "qr-lot", str(csv), "--dossier", str(tmp_path / "q"), "--format", "png"]
    )
    assert result.exit_code == 2
    assert "il faut une colonne « code »" in result.output


def test_purge_empties_old_comments_and_keeps_the_answers(
    app: Flask, runner: FlaskCliRunner
) -> None:
    from portal.courriers.services import record_avis

    with app.app_context():
        session = app.extensions["database"].session()
        record_avis(session, code="RSA-CTRL", utile=False, commentaire="vieux",
                    langue="fr", jour=date(2025, 1, 2))  # fmt: skip
        record_avis(session, code="RSA-CTRL", utile=True, commentaire="récent",
                    langue="fr", jour=date(2026, 11, 1))  # fmt: skip
        session.commit()
    result = runner.invoke(args=["courriers", "purge-avis", "--jours", "365"])
    assert result.exit_code == 0, result.output
    assert "1 commentaire(s) effacé(s)." in result.output
    restants = [(a.utile, a.commentaire) for a in avis_stockes(app)]
    assert restants == [(False, None), (True, "récent")]
