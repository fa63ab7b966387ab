"""Every public page as a person sees it on a small phone, in French and in Arabic.

At 320×640 and 360×640, at 360×330 (a phone with its keyboard open, a field focused), and at
1280×720 (where the launcher floats in the margin):
no fixed or sticky element covers a control or the first heading (tests/e2e/recouvrement.py),
and there is exactly one "Poser une question" launcher outside the page's own content.
The pages are a list kept as data; a second test checks it against the URL map, so that a new
public page is either added here or excluded with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.support import Translations
from flask import Flask
from playwright.sync_api import Browser, Page

from portal import create_app
from tests.conftest import make_config
from tests.e2e.recouvrement import regarder

TRADUCTIONS = Path(__file__).resolve().parents[2] / "translations"
LANGUES = ["fr", "ar"]
# Phones, a phone with its keyboard open, and the smallest screen where the launcher floats.
ECRANS = [(320, 640), (360, 640), (360, 330), (1280, 720)]
CLAVIER_OUVERT = 400  # below this height, a focused field means the keyboard takes the rest


@dataclass(frozen=True)
class Vue:
    """One public page and how to reach it from the previous one.

    `chemin` is opened directly ("{lien}" is the address kept by `retenir`); otherwise `clic`
    is pressed on the previous page after `remplir` (selector, value; None ticks a box).
    `champ` is the field focused when the keyboard is open."""

    nom: str
    endpoint: str
    chemin: str | None = None
    clic: str | None = None
    remplir: tuple[tuple[str, str | None], ...] = ()
    champ: str | None = None
    lanceurs: int = 1
    oublier: bool = False  # another visit: the cookies are cleared first
    retenir: str | None = None  # a link of this page, opened later as "{lien}"


RDV = "code=27229&motif=dossier_apa"
SUIVANTE = ".semaines li:last-child a"
PAGES: list[Vue] = [
    Vue("accueil", "pages.accueil", "/"),
    Vue("urgence", "pages.urgence", "/urgence"),
    Vue("accessibilité", "pages.accessibilite", "/accessibilite"),
    Vue("page introuvable", "", "/nulle-part"),
    Vue("trouver un lieu", "lieux.recherche", "/lieux", champ="#commune"),
    Vue("lieux d'Évreux", "lieux.recherche", "/lieux?commune=Evreux"),
    Vue("mes droits", "simulateur.accueil", "/mes-droits"),
    Vue("mes droits : commune", "simulateur.question", "/mes-droits/commune", champ="#reponse"),
    Vue("mes droits : naissance", "simulateur.question", "/mes-droits/naissance",
        champ="#reponse-jour"),
    Vue("mes droits : enfants", "simulateur.question", "/mes-droits/enfants", champ="#reponse"),
    Vue("rendez-vous", "rendez_vous.accueil", "/rendez-vous", champ="#commune"),
    Vue("rendez-vous : lieu", "rendez_vous.lieu", f"/rendez-vous/lieu?{RDV}"),
    Vue("rendez-vous : créneau", "rendez_vous.creneau",
        f"/rendez-vous/creneau?{RDV}&lieu=msd-evreux"),
    # Two weeks ahead: far enough (48 h) for the time to be changed from the manage page.
    Vue("rendez-vous : semaine suivante", "rendez_vous.creneau", clic=SUIVANTE),
    Vue("rendez-vous : dans deux semaines", "rendez_vous.creneau", clic=SUIVANTE),
    Vue("rendez-vous : coordonnées", "rendez_vous.coordonnees", clic=".creneaux a",
        champ="#prenom"),
    Vue("rendez-vous : confirmé", "rendez_vous.confirme", clic="main form button[type=submit]",
        remplir=(("#prenom", "Camille"), ("#nom", "Martin"), ("#email", "c@exemple.fr")),
        retenir=".lien-gestion a"),
    Vue("rendez-vous : ticket", "rendez_vous.ticket", clic=".action-ticket a"),
    Vue("rendez-vous : gérer", "rendez_vous.gerer", "{lien}"),
    Vue("rendez-vous : changer l'horaire", "rendez_vous.deplacer", clic="a[href$='/deplacer']"),
    Vue("rendez-vous : confirmer le changement", "rendez_vous.confirmer_deplacement",
        clic=".creneaux a"),
    Vue("rendez-vous : annuler", "rendez_vous.annuler", "{lien}/annuler"),
    Vue("rendez-vous : vérifier", "rendez_vous.gerer", "{lien}", champ="#lettres",
        oublier=True),
    # A workshop: its sessions with their seats left (the demo's, in the coming weeks).
    Vue("atelier : séances", "rendez_vous.creneau",
        "/rendez-vous/creneau?code=27229&motif=atelier_messagerie&lieu=fs-pacy-sur-eure"),
    Vue("atelier : coordonnées", "rendez_vous.coordonnees", clic=".premier-creneau a",
        champ="#prenom"),
    Vue("comprendre un courrier", "courriers.saisie", "/courrier", champ="#code"),
    Vue("un courrier", "courriers.explication", "/c/APA-DEC"),
    Vue("un courrier : merci", "courriers.merci", "/c/APA-DEC/merci"),
    Vue("poser une question", "assistant.page", "/assistant", champ="#message", lanceurs=0),
    Vue("laisser une demande", "accueil.demande", "/demande", champ="#prenom"),
    Vue("demande envoyée", "accueil.demande_envoyee", clic="main form button[type=submit]",
        remplir=(("#prenom", "Samia"), ("#commune", "Évreux"), ("#contact-0", None),
                 ("#telephone", "06 12 34 56 78"), ("#topic", "logement"),
                 ("#consentement", None))),
    Vue("demande : ticket", "accueil.ticket", clic=".action-ticket a"),
    Vue("lien vers un autre site (borne)", "borne.lien",
        "/borne/lien?adresse=https%3A%2F%2Fwww.service-public.fr%2F"),
]

# Public GET pages the list leaves out, and why.
HORS_LISTE = {
    "pages.langue": "redirige vers la page d'où l'on vient",
    "rendez_vous.lien_court": "redirige vers rendez_vous.gerer",
    "rendez_vous.ics": "un fichier d'agenda, pas une page",
    "courriers.explication_qr": "la même page que courriers.explication (majuscules des QR)",
    "simulateur.resultats": "attend le calcul d'OpenFisca, que le serveur partagé ne chauffe "
    "pas ; vue par tests/e2e/test_mes_droits.py",
    "simulateur.et_si": "attend aussi OpenFisca ; vue par tests/e2e/test_mes_droits.py",
    "simulateur.ticket": "attend aussi OpenFisca ; vu par tests/e2e/test_borne.py (impression)",
    "borne.resume": "ouverte par le code QR d'un ticket (jeton haché en base) ; vue par "
    "tests/integration/borne/test_tickets.py",
    "static": "fichiers",
    "mandats.verifier": "demande un mandat enregistré par un conseiller ; vue à 320 et 360 en "
    "fr et ar, et par axe, par tests/e2e/test_mandats.py",
    "courriers.audio": "un enregistrement sonore, pas une page ; lu par tests/e2e/test_ecoute.py",
}


@pytest.fixture(scope="module")
def carte(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """An app only for its URL map (the live server's app is not reachable from here)."""
    tmp = tmp_path_factory.mktemp("carte")
    return create_app(make_config(f"sqlite:///{tmp / 'carte.db'}", tmp, NOW=None))


def test_the_list_covers_every_public_page(carte: Flask) -> None:
    publiques = {
        regle.endpoint
        for regle in carte.url_map.iter_rules()
        if "GET" in (regle.methods or set())
        and not regle.rule.startswith(("/agent", "/api/"))
    }
    vues = {vue.endpoint for vue in PAGES}
    assert publiques - vues - set(HORS_LISTE) == set()
    assert set(HORS_LISTE) <= publiques  # no stale exclusion


def _lanceur(langue: str) -> str:
    return Translations.load(str(TRADUCTIONS), [langue]).gettext("Poser une question")


def _remplir(page: Page, selecteur: str, valeur: str | None) -> None:
    champ = page.locator(selecteur)
    if valeur is None:
        champ.check()
    elif champ.evaluate("el => el.tagName") == "SELECT":
        champ.select_option(valeur)
    else:
        champ.fill(valeur)


def _aller(page: Page, base: str, vue: Vue, lien: str) -> None:
    if vue.oublier:
        page.context.clear_cookies()
    if vue.chemin is not None:
        page.goto(base + vue.chemin.replace("{lien}", lien))
        return
    for selecteur, valeur in vue.remplir:
        _remplir(page, selecteur, valeur)
    assert vue.clic is not None
    with page.expect_navigation():
        page.locator(vue.clic).first.click()


def _endpoint(carte: Flask, url: str) -> str:
    try:
        return str(carte.url_map.bind("portail").match(urlsplit(url).path)[0])
    except Exception:  # the 404 page
        return ""


@pytest.fixture(params=ECRANS, ids=lambda e: f"{e[0]}x{e[1]}")
def ecran(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def telephone(browser: Browser, ecran: tuple[int, int], langue: str) -> Iterator[Page]:
    """One context per screen size and language; its one page walks the whole list."""
    largeur, hauteur = ecran
    context = browser.new_context(
        locale=langue, viewport={"width": largeur, "height": hauteur}, has_touch=True
    )
    page = context.new_page()
    bloques: list[str] = []
    page.on("console", lambda msg: bloques.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    yield page
    context.close()
    assert bloques == [], f"La CSP a bloqué : {bloques}"


@pytest.mark.parametrize("langue", LANGUES)
def test_nothing_floats_over_what_a_person_reads_or_presses(
    telephone: Page, live_server: str, carte: Flask, ecran: tuple[int, int], langue: str
) -> None:
    page = telephone
    page.goto(f"{live_server}/langue/{langue}?suivant=/")
    lanceur, lien, problemes = _lanceur(langue), "", []
    for vue in PAGES:
        _aller(page, live_server, vue, lien)
        assert _endpoint(carte, page.url) == vue.endpoint, f"{vue.nom} : {page.url}"
        if vue.retenir:
            lien = urlsplit(page.locator(vue.retenir).get_attribute("href") or "").path
        etats = [("", regarder(page))]
        if vue.champ and ecran[1] < CLAVIER_OUVERT:
            page.locator(vue.champ).focus()
            etats.append((f", {vue.champ} au clavier", regarder(page)))
        for etat, vu in etats:
            problemes += [f"{vue.nom}{etat} : {p}" for p in vu.problemes]
            if vu.hors_contenu(lanceur) != vue.lanceurs:
                problemes.append(
                    f"{vue.nom}{etat} : {vu.hors_contenu(lanceur)} « {lanceur} » hors du contenu,"
                    f" {vue.lanceurs} attendu"
                )
    assert problemes == [], "\n".join(problemes)
