"""The rounds the agents' pages make by themselves (every ACCUEIL_RAFRAICHISSEMENT_SECONDES):
the queue's rows and counts, a demande's new messages. Neither keeps an idle agent active.
A locked session (15 minutes idle) gets the counts only, never a row or a message."""

from __future__ import annotations

from flask import Response, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import generate_csrf

from portal.accueil import bp, suivi
from portal.accueil.acces import agent_connecte, demande_visible
from portal.accueil.direct import marquer_lu, messages_apres
from portal.accueil.file import File, compter_file, lire_file, parse_filtres
from portal.agents.services import agent_verrouille, current_agent
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.models import Auteur


def compteurs(la_file: File) -> dict[str, str]:
    return {
        "nouvelles": ngettext("%(num)d nouvelle demande", "%(num)d nouvelles demandes",
                              la_file.nouvelles),
        "retard": ngettext("%(num)d en retard", "%(num)d en retard", la_file.en_retard),
        "total": ngettext("%(num)d demande en tout", "%(num)d demandes en tout", la_file.total),
        "urgentes": ngettext("%(num)d urgente ouverte", "%(num)d urgentes ouvertes",
                             la_file.urgentes),
    }


def _chiffres(la_file: File) -> dict[str, object]:
    return {"jeton": generate_csrf(), "total": la_file.total, "nouvelles": la_file.nouvelles,
            "en_retard": la_file.en_retard, "urgentes": la_file.urgentes,
            "textes": compteurs(la_file)}


@bp.get("/agent/accueil/lignes")
def lignes() -> Response:
    """The queue's rows and counts; locked, the counts only (urgent ones included)."""
    filtres = parse_filtres(request.args, current_catalogue())
    session, now = db.session(), maintenant()
    if current_agent() is None:
        verrouille = agent_verrouille()
        assert verrouille is not None  # portal.agents.acces let only a locked session through
        la_file = compter_file(session, agent=verrouille, filtres=filtres, now=now)
        return jsonify(verrouillee=True, **_chiffres(la_file))
    la_file = lire_file(session, agent=agent_connecte(), filtres=filtres, now=now)
    return jsonify(verrouillee=False, lignes=render_template("accueil/_lignes.html", file=la_file),
                   **_chiffres(la_file))


@bp.get("/agent/accueil/<reference>/messages")
def messages(reference: str) -> Response:
    """The messages after `apres` (a message id), each as the page shows it, and the state
    of the demande. Reading the person's new words is journaled and marks them as read."""
    if current_agent() is None:
        return jsonify(verrouillee=True)
    apres = request.args.get("apres", "0")
    demande = demande_visible(reference)
    session = db.session()
    nouveaux = messages_apres(session, demande, int(apres) if apres.isdigit() else 0)
    de_la_personne = any(m.de == Auteur.usager for m in nouveaux)
    if de_la_personne:
        suivi.lire(session, demande, agent_connecte(), quoi="messages")
        marquer_lu(session, demande)
    return jsonify(
        verrouillee=False,
        messages=[{"id": m.id, "de": m.de,
                   "html": render_template("accueil/_message.html", message=m)}
                  for m in nouveaux],
        etat=render_template("accueil/_etat.html", demande=demande,
                             agents={demande.agent_id: demande.agent.nom_complet}
                             if demande.agent else {}),
        annonce=_("Nouveau message de la personne.") if de_la_personne else "",
    )
