"""The "who helps" buttons lead to the right door, or to Trouver un lieu until it opens."""

from __future__ import annotations

from flask import Flask

from portal.catalogue.schemas.courrier import QuiAide

TEXTE = {"fr": "Aide", "en": "Help", "ar": "مساعدة"}
RDV = QuiAide(type="rendez_vous", motif="dossier_apa", texte=TEXTE)
QUESTION = QuiAide(type="question", texte=TEXTE)
LIEU = QuiAide(type="lieu", texte=TEXTE)
LIEN = QuiAide(type="lien", url="https://mdphenligne.cnsa.fr/", texte=TEXTE)


CHEMINS = {
    "lieux.recherche": "/lieux",
    "rendez_vous.accueil": "/rendez-vous",
    "assistant.page": "/assistant",
    "accueil.demande": "/demande",
}


def _app(*endpoints: str) -> Flask:
    app = Flask(__name__)
    app.config["PUBLIC_BASE_URL"] = "https://bonneporte.eure.fr"
    for endpoint in ("lieux.recherche", *endpoints):
        app.add_url_rule(CHEMINS[endpoint], endpoint=endpoint, view_func=lambda: "")
    return app


def test_open_doors_get_the_links() -> None:
    from portal.courriers.presentation import lien_aide

    with _app("rendez_vous.accueil", "assistant.page").test_request_context():
        assert lien_aide(RDV) == "/rendez-vous?motif=dossier_apa"
        assert lien_aide(QUESTION) == "/assistant"
        assert lien_aide(LIEU) == "/lieux"
        assert lien_aide(LIEN) == "https://mdphenligne.cnsa.fr/"
        assert lien_aide(RDV, externe=True) == (
            "https://bonneporte.eure.fr/rendez-vous?motif=dossier_apa"
        )


def test_closed_doors_fall_back_to_a_place_or_the_request_form() -> None:
    from portal.courriers.presentation import lien_aide

    with _app().test_request_context():
        assert lien_aide(RDV) == "/lieux"
        assert lien_aide(QUESTION) == "/lieux"
    with _app("accueil.demande").test_request_context():
        assert lien_aide(QUESTION) == "/demande"
