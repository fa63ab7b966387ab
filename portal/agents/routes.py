from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.agents import bp
from portal.agents.forms import ConnexionForm
from portal.agents.perms import current_agent, sign_in, sign_out
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


@bp.post("/deconnexion")
def deconnexion() -> Response:
    sign_out()
    flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("agents.connexion"))


@bp.get("/")
def accueil() -> str:
    return render_template("agents/accueil.html", agent=current_agent())
