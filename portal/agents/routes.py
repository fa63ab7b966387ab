from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.agents import bp
from portal.agents.forms import ConnexionForm, DeverrouillerForm
from portal.agents.perms import (
    agent_verrouille,
    current_agent,
    deverrouiller,
    sign_in,
    sign_out,
)
from portal.agents.services import CompteBloque, IdentifiantsInvalides, authenticate
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.pages.routes import page_locale


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def connexion() -> str | Response | tuple[str, int]:
    form = ConnexionForm()
    suivant = page_locale(request.args.get("suivant", ""), defaut=url_for("agents.accueil"))
    if form.validate_on_submit():
        now = maintenant()
        try:
            agent = authenticate(
                db.session(), email=form.email.data, mot_de_passe=form.mot_de_passe.data, now=now
            )
        except CompteBloque as exc:
            form.form_errors.append(
                _(
                    "Trop d'essais. Le compte est bloqué jusqu'à %(heure)s.",
                    heure=format_datetime(exc.jusqu_a, "HH:mm"),
                )
            )
        except IdentifiantsInvalides:
            form.form_errors.append(_("Adresse e-mail ou mot de passe incorrect."))
        else:
            sign_in(agent, now=now)
            return redirect(suivant)
        return render_template("agents/connexion.html", form=form), 401
    status = 400 if form.errors else 200
    current_agent()  # notices an expired session, to say so on the page
    return render_template("agents/connexion.html", form=form), status


@bp.post("/deverrouiller")
@limiter.limit("10 per minute")
def deverrouiller_la_page() -> tuple[Response, int] | Response:
    """A locked page asks the password again, in place (the page is not left)."""
    form = DeverrouillerForm()
    agent = agent_verrouille()
    if agent is None:  # no locked session: nothing to unlock here
        return jsonify(erreur=_("Vous n'êtes plus connecté. Rechargez la page.")), 401
    if not form.validate_on_submit():
        return jsonify(erreur=_("Écrivez votre mot de passe.")), 400
    now = maintenant()
    try:
        authenticate(db.session(), email=agent.email, mot_de_passe=form.mot_de_passe.data,
                     now=now)
    except CompteBloque as exc:
        return jsonify(erreur=_("Trop d'essais. Le compte est bloqué jusqu'à %(heure)s.",
                                heure=format_datetime(exc.jusqu_a, "HH:mm"))), 401
    except IdentifiantsInvalides:
        return jsonify(erreur=_("Mot de passe incorrect.")), 401
    deverrouiller(agent, now=now)
    return jsonify(ok=True)


@bp.post("/deconnexion")
def deconnexion() -> Response:
    sign_out()
    flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("agents.connexion"))


@bp.get("/")
def accueil() -> str:
    return render_template("agents/accueil.html", agent=current_agent())
