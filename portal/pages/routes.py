from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.catalogue import current_catalogue
from portal.courriers.services import audio_urgence
from portal.errors import render_error
from portal.i18n import langue as langue_de_la_page
from portal.pages import bp
from portal.pages.portes import portes


@bp.get("/")
def accueil() -> str:
    return render_template("pages/accueil.html", portes=portes())


@bp.get("/urgence")
def urgence() -> str:
    catalogue = current_catalogue()
    return render_template("pages/urgence.html", numeros=catalogue.numeros_urgence,
                           audio=audio_urgence(catalogue, langue_de_la_page()))


@bp.get("/accessibilite")
def accessibilite() -> str:
    return render_template("pages/accessibilite.html")


@bp.get("/langue/<code>")
def langue(code: str) -> Response | tuple[Response | str, int]:
    """Remembers the chosen language for the session, then goes back to the same page."""
    if code not in current_app.config["LANGUES"]:
        return render_error(
            404, _("Cette langue n'est pas disponible. Choisissez-en une dans la liste.")
        )
    session["langue"] = code
    return redirect(page_locale(request.args.get("suivant", "")))


def page_locale(suivant: str, defaut: str | None = None) -> str:
    """Only a path of this site: never an outside address (open redirect)."""
    parts = urlsplit(suivant)
    if parts.scheme or parts.netloc or not suivant.startswith("/") or suivant.startswith("//"):
        return defaut or url_for("pages.accueil")
    return suivant
