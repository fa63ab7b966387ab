"""The fiche de liaison of an orientation (to print, or as text for a secure e-mail) and the
journal of who read or changed which demande, for the admin. Who may open them:
portal.agents.acces (checked before every request under /agent)."""

from __future__ import annotations

from flask import Response, abort, render_template, request

from portal.accueil import bp, suivi
from portal.accueil.acces import agent_connecte, demande_visible
from portal.accueil.fiche import fiche_texte, nom_fichier
from portal.accueil.journal import journal_recent
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.models import Agent, Demande, Orientation


def _fiche(reference: str, fiche_ref: str) -> tuple[Demande, Orientation]:
    demande = demande_visible(reference)
    fiche = next((o for o in demande.orientations if o.reference == fiche_ref), None)
    if fiche is None:
        abort(404)
    return demande, fiche


@bp.get("/agent/accueil/<reference>/fiche/<fiche_ref>")
def fiche(reference: str, fiche_ref: str) -> str:
    """The fiche de liaison, laid out to be printed (or saved as PDF by the browser)."""
    demande, orientation = _fiche(reference, fiche_ref)
    suivi.lire(db.session(), demande, agent_connecte(), quoi="fiche")
    return render_template(
        "accueil/fiche.html", demande=demande, fiche=orientation,
        partenaire=current_catalogue().partenaires.get(orientation.partenaire),
        agent=db.session().get(Agent, orientation.agent_id) if orientation.agent_id else None,
    )


@bp.get("/agent/accueil/<reference>/fiche/<fiche_ref>.txt")
def fiche_export(reference: str, fiche_ref: str) -> Response:
    """The same fiche as plain text, to attach to a secure e-mail to the partner."""
    demande, orientation = _fiche(reference, fiche_ref)
    suivi.lire(db.session(), demande, agent_connecte(), quoi="export")
    agent = db.session().get(Agent, orientation.agent_id) if orientation.agent_id else None
    texte = fiche_texte(demande, orientation, catalogue=current_catalogue(), agent=agent)
    reponse = Response(texte, mimetype="text/plain; charset=utf-8")
    reponse.headers["Content-Disposition"] = f'attachment; filename="{nom_fichier(demande)}"'
    return reponse


@bp.get("/agent/journal")
def journal() -> str:
    reference = (request.args.get("reference") or "").strip().upper()[:16]
    return render_template(
        "accueil/journal.html", lignes=journal_recent(db.session(), reference=reference or None),
        reference=reference,
    )
