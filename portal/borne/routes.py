"""The kiosk's pages: an agent turns this device into a kiosk (`/agent/borne`), an admin lists
and revokes kiosks (`/agent/bornes`), an external link at a kiosk (`/borne/lien`), and the
summary a printed ticket's QR code opens (`/t/<jeton>`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.agents.services import current_agent
from portal.borne import bp
from portal.borne.appareil import create_borne, list_bornes, revoke_borne, set_cookie
from portal.borne.forms import BorneForm
from portal.borne.tickets import find_ticket, qr_data_url
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.models import Role


def _lieux_possibles() -> list[tuple[str, str]]:
    """An admin chooses any lieu; an agent, the lieux of his territory or his own."""
    agent = current_agent()
    lieux = current_catalogue().lieux
    if agent is None:
        return []
    siens = {lieu.id for lieu in agent.lieux}
    return sorted(
        ((lieu_id, lieu.nom) for lieu_id, lieu in lieux.items()
         if agent.has_role(Role.admin) or lieu_id in siens
         or lieu.territoire == agent.territoire_id),
        key=lambda choix: choix[1],
    )


@bp.route("/agent/borne", methods=["GET", "POST"])
def installer() -> str | Response | tuple[str, int]:
    agent = current_agent()
    assert agent is not None  # agents/acces.py lets only signed-in agents here
    form = BorneForm()
    form.lieu.choices = [("", _("Choisissez un lieu")), *_lieux_possibles()]
    if form.validate_on_submit():
        borne = create_borne(db.session(), lieu_id=form.lieu.data, nom=form.nom.data.strip(),
                             agent_id=agent.id)
        db.session().commit()
        langue = session.get("langue")
        session.clear()  # the agent's session ends: the kiosk is for the public
        if langue:
            session["langue"] = langue
        flash(_("Cet appareil est maintenant une borne. Votre session d'agent est fermée."))
        response = make_response(redirect(url_for("pages.accueil")))
        set_cookie(response, borne)
        return response
    status = 400 if form.is_submitted() else 200
    return render_template("borne/installer.html", form=form), status


@bp.get("/agent/bornes")
def liste() -> str:
    lieux = current_catalogue().lieux
    bornes = [(b, lieux[b.lieu_id].nom if b.lieu_id in lieux else b.lieu_id)
              for b in list_bornes(db.session())]
    return render_template("borne/liste.html", bornes=bornes)


@bp.post("/agent/bornes/<reference>/revoquer")
def revoquer(reference: str) -> Response:
    borne = revoke_borne(db.session(), reference, now=maintenant())
    if borne is None:
        abort(404)
    db.session().commit()
    flash(_("La borne « %(nom)s » est retirée. L'appareil redevient un navigateur ordinaire.",
            nom=borne.nom))
    return redirect(url_for(".liste"))


@bp.get("/borne/lien")
def lien() -> str | tuple[str, int]:
    """An external link at a kiosk: its address, and a QR code to open it on one's phone."""
    adresse = request.args.get("adresse", "").strip()
    if len(adresse) > 2000 or urlsplit(adresse).scheme not in {"http", "https"} \
            or not urlsplit(adresse).netloc:
        return render_template("borne/lien.html", adresse=None), 400
    return render_template("borne/lien.html", adresse=adresse, qr=qr_data_url(adresse))


@bp.get("/t/<jeton>")
@limiter.limit("30 per minute")
def resume(jeton: str) -> str:
    """What a printed ticket's QR code opens: the stored summary, until it expires."""
    ticket = find_ticket(db.session(), jeton, now=maintenant())
    if ticket is None:
        abort(404)
    return render_template("borne/resume.html", ticket=ticket, contenu=ticket.contenu)
