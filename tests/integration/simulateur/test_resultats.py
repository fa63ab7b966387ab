"""The results of the issue's persona (a single mother of two, 800 € a month, HLM in Évreux):
at most three next steps first, the CSS participation as a cost (API: "a_payer"), the ASF
"à vérifier" with its reason; an aid whose amount depends on the order of computation is
"à vérifier" too."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.simulateur import services
from portal.simulateur.moteur import Engine
from portal.simulateur.schemas import SimulationRequest
from tests.integration.simulateur.test_mes_droits import _set_reponses, _texte
from tests.integration.simulateur.test_ordre import FOYER

PERSONA: dict[str, Any] = {
    "commune": "27229", "naissance": "1990-05-12", "activite": "salarie", "salaire": 800.0,
    "handicap": "non", "couple": "non", "enfants": 2,
    "enfants_naissances": ["2016-03-04", "2019-09-20"], "garde_alternee": "non",
    "separation": "non", "grossesse": "non",
    "logement": "locataire", "loyer": 450.0, "logement_social": "oui", "epargne": "non",
    "sejour": "francaise_ue",
}
CORPS: dict[str, Any] = {
    "mois": "2026-11", "commune": "27229", "couple": False,
    "adultes": [{"date_naissance": "1990-05-12", "activite": "salarie",
                 "salaire_net_mensuel": 800}],
    "enfants": [{"date_naissance": "2016-03-04"}, {"date_naissance": "2019-09-20"}],
    "logement": {"statut": "locataire", "loyer_mensuel": 450, "logement_social": True},
}


@pytest.fixture
def warm(app: Flask, engine: Engine) -> Engine:
    app.extensions["simulateur"] = engine
    return engine


def test_every_entry_has_a_nature_and_the_css_participation_is_a_cost(
    client: FlaskClient, warm: Engine
) -> None:
    aides = client.post("/api/v1/simulations", json=CORPS).get_json()["aides"]
    natures = {a["id"]: a["nature"] for a in aides}
    assert natures.pop("css_participation_forfaitaire") == "a_payer"
    assert set(natures.values()) == {"aide"}


def test_the_persona_sees_three_steps_first(client: FlaskClient, warm: Engine) -> None:
    _set_reponses(client, PERSONA)
    html = client.get("/mes-droits/resultats").get_data(as_text=True)
    debut = html.index("Par où commencer")
    pas = re.findall(r'<li class="premier-pas" id="pas-(\w+)">', html)
    assert 1 <= len(pas) <= 3
    assert "css_participation_forfaitaire" not in pas and "asf" not in pas
    # Each step is one button, and the steps come before every collapsed group.
    for aide_id in pas:
        bloc = html[html.index(f'id="pas-{aide_id}"'):]
        bloc = bloc[: bloc.index("</li>")]
        assert bloc.count('class="bouton"') == 1
    assert html.index("<details") > html.index("</ol>", debut)
    # The ASF is to check, with the reason in one sentence.
    texte = unescape(_texte(html))
    assert "dépend de la pension alimentaire que l'autre parent verse" in texte


def test_the_css_participation_is_never_an_aid(client: FlaskClient, warm: Engine) -> None:
    """The persona would pay about 30 € a month: shown apart as a cost, not in the total."""
    api = client.post("/api/v1/simulations", json=CORPS).get_json()["aides"]
    css = next(a for a in api if a["id"] == "css_participation_forfaitaire")
    assert css["statut"] == "eligible" and css["montant_mensuel"] > 0
    _set_reponses(client, PERSONA)
    html = client.get("/mes-droits/resultats").get_data(as_text=True)
    section = html[html.index('class="a-payer"'):]
    section = section[: section.index("</section>")]
    assert "Ce que vous paieriez" in section and "vous paieriez environ 30 € par mois" in section
    # In the detail too, never the aids' green.
    ligne_css = html[html.index('<strong>Complémentaire santé solidaire avec participation'):]
    ligne_css = ligne_css[: ligne_css.index("</summary>")]
    assert "montant-aide" not in ligne_css and "vous paieriez" in ligne_css
    total = re.search(r"En tout, environ ([\d\s\u202f\xa0]+) €", _texte(html))
    assert total is not None
    aides = [a["montant_mensuel"] // 10 * 10 for a in api
             if a["statut"] == "eligible" and a["nature"] == "aide" and a["montant_mensuel"]]
    assert int(re.sub(r"\D", "", total.group(1))) == sum(aides)


def test_an_amount_that_depends_on_the_order_is_to_check(engine: Engine, app: Flask) -> None:
    requete = SimulationRequest.model_validate(FOYER, context={"today": date(2026, 11, 23)})
    with app.app_context():
        resultat = services.simulate(
            requete, catalogue=app.extensions["catalogue"], engine=engine,
            today=date(2026, 11, 23),
        )
    cf = next(a for a in resultat.aides if a.id == "cf")
    assert cf.statut == "a_verifier"
    assert cf.montant_mensuel == pytest.approx(298.75, abs=0.01)
    assert "ordre" in cf.explication


def test_et_si_shows_the_curve_and_the_same_figures(client: FlaskClient, warm: Engine) -> None:
    _set_reponses(client, PERSONA)
    assert 'href="/mes-droits/et-si"' in client.get("/mes-droits/resultats").get_data(as_text=True)
    html = client.get("/mes-droits/et-si").get_data(as_text=True)
    assert html.count("<polyline") == 2 and 'role="img"' in html
    lignes = re.findall(r'<tr><th scope="row">([^<]+) €</th><td>([^<]+) €</td>', html)
    assert len(lignes) == 21
    # The row at 800 € is the persona's own total of aids (rounded to the euro).
    api = client.post("/api/v1/simulations", json=CORPS).get_json()["aides"]
    total = sum(a["montant_mensuel"] for a in api
                if a["statut"] == "eligible" and a["nature"] == "aide" and a["montant_mensuel"])
    ligne = next(aides for salaire, aides in lignes if re.sub(r"\D", "", salaire) == "800")
    assert int(re.sub(r"\D", "", ligne)) == round(total)


def test_et_si_is_only_for_a_salaried_person(client: FlaskClient, warm: Engine) -> None:
    _set_reponses(client, {**PERSONA, "activite": "inactif"})
    assert client.get("/mes-droits/et-si").headers["Location"] == "/mes-droits/resultats"
