"""What the conseiller's pages share: the signed-in conseiller, his structure's mandate (another
structure's is a 404), the receipt's address, and the labels of a mandate's states."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, url_for

from portal.agents.services import current_agent
from portal.aidants.jetons import jeton_de
from portal.aidants.mandats import get_mandat
from portal.extensions import db
from portal.models import Agent, EtatMandat, Mandat

STATUTS = EtatMandat.choix()


def detail_journal(detail: dict[str, Any] | None) -> str:
    """The codes of a journal line, readable: "rendez_vous : 96CG25WH, lieu : msd-evreux"."""
    def valeur(v: Any) -> str:
        return ", ".join(map(str, v)) if isinstance(v, list) else str(v)

    return " ; ".join(f"{cle} : {valeur(v)}" for cle, v in (detail or {}).items())


def agent() -> Agent:
    courant = current_agent()
    assert courant is not None  # portal.agents.acces ran
    return courant


def mandat_or_404(reference: str) -> Mandat:
    mandat = get_mandat(db.session(), reference, agent=agent())
    if mandat is None:
        abort(404)
    return mandat


def secret() -> str:
    return str(current_app.config["SECRET_KEY"])


def url_verification(mandat: Mandat) -> str:
    return url_for("mandats.verifier", jeton=jeton_de(mandat, secret()), _external=True)
