"""Browser helpers shared by the journeys that go through "Mes droits" (the kiosk, the
conseiller under a mandate): the given answers first, then the simplest answer to any other
question, until the results."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from playwright.sync_api import Page
from werkzeug.serving import make_server

from portal import create_app
from portal.agents.services import create_agent
from portal.migrations import alembic_config
from tests.conftest import MOT_DE_PASSE, make_config


@contextmanager
def serveur_chaud(tmp: Path, **agent: Any) -> Iterator[str]:
    """The portal with the demo data, one agent (`create_agent`'s fields) and a warm simulator
    (the shared live server keeps the warm-up off), on a free loopback port."""
    url = f"sqlite:///{tmp / 'e2e.db'}"
    command.upgrade(alembic_config(url), "head")
    app = create_app(make_config(url, tmp, NOW=None, SIMULATEUR_WARMUP=True))
    app.test_cli_runner().invoke(args=["demo", "load"])
    with app.app_context():
        session = app.extensions["database"].session()
        create_agent(session, prenom="Dominique", nom="Essai", mot_de_passe=MOT_DE_PASSE,
                     territoire_id="evreux", **agent)
        session.commit()
    assert app.extensions["simulateur"].wait_ready(timeout=600)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def simuler(page: Page, debut: str, reponses: list[tuple[str, dict[str, str]]]) -> None:
    """From the first question at `debut` (a URL) to the results page."""
    page.goto(debut)
    for _etape, champs in reponses:
        for selecteur, valeur in champs.items():
            if selecteur == "radio":
                page.locator(f"input[type=radio][value={valeur}]").check()
            else:
                page.locator(selecteur).fill(valeur)
        page.locator("button.bouton-continuer").click()
        page.wait_for_load_state()
    # The rest of the questions: the last choice, or a small number.
    for _ in range(25):
        if "/resultats" in page.url:
            return
        if page.locator("input[type=radio]").count():
            page.locator("input[type=radio]").last.check()
        elif page.locator("#reponse").count():
            page.locator("#reponse").fill("0")
        page.locator("button.bouton-continuer").click()
        page.wait_for_load_state()
    raise AssertionError(f"pas de résultats : {page.url}")
