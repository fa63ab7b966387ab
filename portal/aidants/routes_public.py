"""The receipt's QR code opens this page: anyone can check the mandate is genuine and still
valid. It shows the scope, the dates and the status, never the person's data. The person may
revoke it here, with the first 3 letters of their name. A forged token: the 404 page."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.aidants import bp_public
from portal.aidants.commun import STATUTS, secret
from portal.aidants.forms import DEMARCHES, DUREES, VerificationForm
from portal.aidants.jetons import mandat_du_jeton
from portal.aidants.mandats import MandatError, lettres_ok, revoke, statut
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.models import Mandat


def _mandat(jeton: str) -> Mandat:
    mandat = mandat_du_jeton(db.session(), jeton, secret())
    if mandat is None:
        abort(404)
    return mandat


def _page(mandat: Mandat, form: VerificationForm, status: int = 200) -> tuple[str, int]:
    return render_template(
        "aidants/verifier.html", mandat=mandat, etat=statut(mandat, maintenant()),
        statuts=STATUTS, demarches=DEMARCHES, durees=DUREES, form=form,
        structure=current_catalogue().structures.get(mandat.structure_id),
    ), status


@bp_public.get("/verifier/<jeton>")
def verifier(jeton: str) -> tuple[str, int]:
    return _page(_mandat(jeton), VerificationForm())


@bp_public.post("/verifier/<jeton>")
@limiter.limit("10 per minute")
def revoquer(jeton: str) -> Response | tuple[str, int]:
    """The person revokes: the 3 letters checked, then a printable proof."""
    mandat = _mandat(jeton)
    form = VerificationForm()
    if not form.validate_on_submit():
        return _page(mandat, form, 400)
    if not lettres_ok(mandat, form.lettres.data or ""):
        form.lettres.errors = [_("Ces lettres ne correspondent pas. Vérifiez et réessayez.")]
        return _page(mandat, form, 400)
    try:
        revoke(db.session(), mandat, agent=None, now=maintenant())
    except MandatError as exc:
        form.form_errors.append(str(exc.message))
        return _page(mandat, form, 409)
    db.session().commit()
    return render_template(
        "aidants/preuve.html", mandat=mandat, demarches=DEMARCHES, public=True,
        structure=current_catalogue().structures.get(mandat.structure_id),
    ), 200
