from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from portal.catalogue import current_catalogue
from portal.catalogue.schemas.territoire import Commune
from portal.extensions import db
from portal.horloge import maintenant, maintenant_local
from portal.indicateurs.services import count_event
from portal.lieux import bp
from portal.lieux.communes import Statut, index_for
from portal.lieux.forms import RechercheLieuForm
from portal.lieux.services import find_lieux
from portal.models import Evenement


@bp.get("/lieux")
def recherche() -> tuple[str, int] | str:
    catalogue = current_catalogue()
    form = RechercheLieuForm(request.args)
    code = request.args.get("code", "")
    if code:
        # A choice among several communes sharing a postal code.
        commune = catalogue.communes.get(code)
        if commune is None:
            form.commune.errors = [
                _("Cette commune n'est pas dans le département. Écrivez son nom.")
            ]
            return render_template("lieux/recherche.html", form=form, recherche=None), 400
        return _resultats(form, commune)
    if "commune" not in request.args:
        return render_template("lieux/recherche.html", form=form, recherche=None)
    if not form.validate():
        return render_template("lieux/recherche.html", form=form, recherche=None), 400
    recherche = index_for(catalogue).search(form.commune.data)
    if recherche.statut == Statut.trouvee:
        return _resultats(form, recherche.communes[0])
    status = 200 if recherche.statut == Statut.plusieurs else 404
    return render_template("lieux/recherche.html", form=form, recherche=recherche), status


def _resultats(form: RechercheLieuForm, commune: Commune) -> str:
    catalogue = current_catalogue()
    lieux = find_lieux(commune, catalogue=catalogue, maintenant=maintenant_local())
    session = db.session()
    count_event(
        session,
        jour=maintenant().date(),
        evenement=Evenement.recherche_lieu,
        territoire_id=lieux.territoire.id,
    )
    session.commit()
    form.commune.data = commune.nom
    return render_template("lieux/resultats.html", form=form, lieux=lieux)

