"""The mandate: recorded after consent, a receipt whose QR opens a check page without personal
data, revoked by the person or the conseiller, renewed, expired; bad input changes nothing."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.models import EntreeJournalMandat, JournalMandatModifie, Mandat
from tests.conftest import LUNDI_10H, csrf_token, login
from tests.integration.aidants.conftest import NOUVEAU, conseiller, record, reference


def _count(app: Flask, model: Any) -> int:
    return int(app.extensions["database"].session().scalar(select(func.count()).select_from(model)))


def _jeton(client: FlaskClient, ref: str) -> str:
    html = client.get(f"/agent/aidants/mandats/{ref}/recu").get_data(as_text=True)
    match = re.search(r"/mandats/verifier/([A-Za-z0-9_.\-]+)", html)
    assert match
    return match.group(1)


def test_a_mandate_is_recorded_and_journalled_without_personal_data(
    client: FlaskClient, make_agent: Any, app: Flask
) -> None:
    conseiller(client, make_agent)
    ref = reference(record(client))
    mandat = app.extensions["database"].session().scalars(select(Mandat)).one()
    assert mandat.structure_id == "msd-evreux"
    assert mandat.demarches == ["simulation", "rendez_vous"]
    assert mandat.fin - mandat.debut == timedelta(days=31)
    page = client.get(f"/agent/aidants/mandats/{ref}").get_data(as_text=True)
    assert "valide" in page and "Rosa Lefèvre" in page
    lignes = app.extensions["database"].session().scalars(select(EntreeJournalMandat)).all()
    assert [ligne.action for ligne in lignes] == ["creation"]
    assert "Rosa" not in str(lignes[0].detail) and "Lef" not in str(lignes[0].detail)


def test_bad_mandates_are_refused_and_nothing_is_recorded(
    client: FlaskClient, make_agent: Any, app: Flask
) -> None:
    conseiller(client, make_agent)
    sans = record(client, demarches=[])
    assert sans.status_code == 400
    assert "Cochez au moins une démarche" in sans.get_data(as_text=True)
    assert record(client, duree="10_ans").status_code == 400
    assert record(client, demarches=["impots"]).status_code == 400
    assert record(client, texte_lu="").status_code == 400
    assert _count(app, Mandat) == 0


def test_the_receipt_qr_decodes_to_a_page_saying_valide_then_revoque(
    client: FlaskClient, make_agent: Any, tmp_path: Path
) -> None:
    conseiller(client, make_agent)
    ref = reference(record(client))
    html = client.get(f"/agent/aidants/mandats/{ref}/recu").get_data(as_text=True)
    svg = html[html.index("<svg"):html.index("</svg>") + 6]
    (tmp_path / "qr.svg").write_text(svg)
    url = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "qr.svg")],
                         capture_output=True, text=True, check=True).stdout.strip()
    chemin = url.removeprefix("http://localhost")
    assert chemin.startswith("/mandats/verifier/")
    public = client.application.test_client()
    page = public.get(chemin).get_data(as_text=True)
    assert "Ce mandat est valide." in page
    assert "Rosa" not in page and "Lefèvre" not in page
    faux = public.post(chemin, data={"csrf_token": csrf_token(public, chemin), "lettres": "XYZ"})
    assert faux.status_code == 400 and "ne correspondent pas" in faux.get_data(as_text=True)
    bon = public.post(chemin, data={"csrf_token": csrf_token(public, chemin), "lettres": "lef"})
    assert bon.status_code == 200 and "Mandat révoqué" in bon.get_data(as_text=True)
    assert "Ce mandat est révoqué." in public.get(chemin).get_data(as_text=True)


def test_a_forged_or_altered_token_is_a_404_page(client: FlaskClient, make_agent: Any) -> None:
    conseiller(client, make_agent)
    jeton = _jeton(client, reference(record(client)))
    altere = jeton[:-2] + ("AA" if not jeton.endswith("AA") else "BB")
    for mauvais in (altere, "abc", "eyJ4IjoxfQ.xyz", jeton.split(".")[0]):
        reponse = client.get(f"/mandats/verifier/{mauvais}")
        assert reponse.status_code == 404, mauvais
        assert "existe pas" in reponse.get_data(as_text=True)


def test_acting_after_revocation_or_outside_the_scope_is_refused(
    client: FlaskClient, make_agent: Any, app: Flask
) -> None:
    conseiller(client, make_agent)
    ref = reference(record(client))
    url = f"/agent/aidants/mandats/{ref}"
    jeton = csrf_token(client, url)
    hors = client.post(f"{url}/courrier", data={"csrf_token": jeton})
    assert hors.status_code == 403
    assert "pas donné son accord" in hors.get_data(as_text=True)
    assert client.post(f"{url}/simuler", data={"csrf_token": jeton}).status_code == 302
    assert client.post(f"{url}/revoquer", data={"csrf_token": jeton}).status_code == 302
    preuve = client.get(f"{url}/revocation").get_data(as_text=True)
    assert "Mandat révoqué" in preuve
    refus = client.post(f"{url}/simuler", data={"csrf_token": jeton})
    assert refus.status_code == 403 and "révoqué" in refus.get_data(as_text=True)
    assert client.get(f"{url}/rendez-vous").status_code == 403
    session = app.extensions["database"].session()
    actions = [e.action for e in session.scalars(select(EntreeJournalMandat))]
    assert actions == ["creation", "refus", "simulation", "revocation", "refus", "refus"]


def test_an_expired_mandate_refuses_and_can_be_renewed(
    client: FlaskClient, make_agent: Any, app: Flask
) -> None:
    conseiller(client, make_agent)
    ref = reference(record(client, duree="visite"))
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(hours=4)
    assert login(client, email="conseiller@exemple.fr").status_code == 302
    url = f"/agent/aidants/mandats/{ref}"
    assert "expiré" in client.get(url).get_data(as_text=True)
    jeton = csrf_token(client, url)
    refus = client.post(f"{url}/simuler", data={"csrf_token": jeton})
    assert refus.status_code == 403 and "expiré" in refus.get_data(as_text=True)
    sans_accord = client.post(f"{url}/renouveler", data={"csrf_token": jeton, "duree": "an"})
    assert sans_accord.status_code == 302 and _count(app, Mandat) == 1
    nouveau = client.post(f"{url}/renouveler",
                          data={"csrf_token": jeton, "duree": "an", "texte_lu": "y"})
    ref2 = reference(nouveau)
    assert ref2 != ref
    assert client.post(f"/agent/aidants/mandats/{ref2}/simuler",
                       data={"csrf_token": jeton}).status_code == 302


def test_another_structures_mandate_does_not_exist(
    client: FlaskClient, make_agent: Any, app: Flask
) -> None:
    conseiller(client, make_agent)
    ref = reference(record(client))
    autre = app.test_client()
    autre.environ_base["REMOTE_ADDR"] = "10.0.0.7"
    conseiller(autre, make_agent, structure="fs-val-de-reuil", email="autre@exemple.fr")
    jeton = csrf_token(autre, NOUVEAU)
    for suffixe in ("", "/recu", "/rendez-vous", "/demande", "/revocation"):
        assert autre.get(f"/agent/aidants/mandats/{ref}{suffixe}").status_code == 404, suffixe
    for suffixe in ("/simuler", "/revoquer", "/renouveler", "/courrier"):
        reponse = autre.post(f"/agent/aidants/mandats/{ref}{suffixe}", data={"csrf_token": jeton})
        assert reponse.status_code == 404, suffixe
    assert "Rosa" not in autre.get("/agent/aidants/").get_data(as_text=True)
    assert "Rosa" in client.get("/agent/aidants/").get_data(as_text=True)
    assert app.extensions["database"].session().scalars(select(Mandat)).one().revoque_at is None


def test_the_journal_refuses_changes(client: FlaskClient, make_agent: Any, app: Flask) -> None:
    conseiller(client, make_agent)
    record(client)
    session = app.extensions["database"].session()
    ligne = session.scalars(select(EntreeJournalMandat)).one()
    ligne.action = "revocation"  # type: ignore[assignment]
    try:
        session.flush()
    except JournalMandatModifie:
        session.rollback()
    else:
        raise AssertionError("le journal a été modifié")
