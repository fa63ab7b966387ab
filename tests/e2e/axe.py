"""axe-core (shipped inside axe-playwright-python) run on a page, WCAG 2.1 A and AA rules."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def violations(page: Page) -> list[str]:
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
