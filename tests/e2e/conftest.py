"""A real Chromium (Debian's package) driving the portal served on loopback.

The browser tests never skip: when Chromium is missing they fail and say how to install it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from werkzeug.serving import make_server

from portal import create_app
from portal.agents.services import create_agent
from portal.migrations import alembic_config
from tests.conftest import MOT_DE_PASSE, make_config
from tests.e2e.releve import Releve

RELEVE = Releve()

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


class Horloge:
    """The served portal's clock: the real time, unless a test sets it (`fixe`) or moves it
    (`decalage`). The `horloge` fixture puts it back after the test."""

    def __init__(self) -> None:
        self.fixe: datetime | None = None
        self.decalage = timedelta()

    def __call__(self) -> datetime:
        return (self.fixe or datetime.now(ZoneInfo("Europe/Paris"))) + self.decalage


_HORLOGE = Horloge()


@pytest.fixture
def horloge() -> Iterator[Horloge]:
    yield _HORLOGE
    _HORLOGE.fixe = None
    _HORLOGE.decalage = timedelta()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The portal, migrated and loaded with the demo data, on a free loopback port."""
    tmp = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    command.upgrade(alembic_config(url), "head")
    app = create_app(make_config(url, tmp, NOW=_HORLOGE, ACCUEIL_RAFRAICHISSEMENT_SECONDES=1))
    app.test_cli_runner().invoke(args=["demo", "load"])
    with app.app_context():
        session = app.extensions["database"].session()
        for role in ("accueil", "admin", "conseiller_numerique"):
            conseiller = role == "conseiller_numerique"
            create_agent(
                session,
                email=f"e2e.{role}@exemple.fr",
                prenom="Dominique",
                nom="Essai",
                role=role,
                mot_de_passe=MOT_DE_PASSE,
                territoire_id="evreux",
                structure_id="msd-evreux" if conseiller else None,
                salarie=conseiller,
            )
        session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium manquant : `make test` l'installe (paquet Debian chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        nouveau = browser.new_context

        def new_context(*args: object, **kwargs: object) -> BrowserContext:
            # Every context records what it shows a person (tests/e2e/releve.py).
            context = nouveau(*args, **kwargs)  # type: ignore[arg-type]
            context.on("response", RELEVE.lire)
            return context

        browser.new_context = new_context  # type: ignore[method-assign]
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def aucun_code_montre() -> Iterator[None]:
    """No internal code, bot payload or unformatted +33 number reaches a person."""
    RELEVE.trouvees.clear()
    yield
    trouvees, RELEVE.trouvees[:] = list(RELEVE.trouvees), []
    assert trouvees == [], "montré à une personne :\n" + "\n".join(sorted(set(trouvees)))


@pytest.fixture
def context(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    locale = getattr(request, "param", "fr")
    context = browser.new_context(locale=locale, viewport={"width": 1024, "height": 800})
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text)
        if msg.type == "error" and "Content Security Policy" in msg.text
        else None,
    )
    yield page
    assert violations == [], f"La CSP a bloqué : {violations}"


def sign_in_agent(page: Page, live_server: str, role: str = "accueil") -> None:
    """Signs in with the keyboard only, as an agent at a front desk would."""
    page.goto(live_server + "/agent/connexion")
    page.get_by_label("Adresse e-mail professionnelle").fill(f"e2e.{role}@exemple.fr")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.keyboard.press("Enter")
    page.wait_for_url("**/agent/")
