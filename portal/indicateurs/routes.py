"""/agent/indicateurs: the figures per territoire and week, as charts and tables, and as CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask import Response, current_app, render_template, request
from flask_babel import gettext as _

from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.i18n import langue
from portal.indicateurs import bp
from portal.indicateurs.calcul import (
    SEMAINES_MAX,
    Indicateurs,
    Periode,
    PeriodeInvalide,
    build_periode,
    compute_indicateurs,
    periode_par_defaut,
    semaine_of,
)
from portal.indicateurs.graphiques import build_vues, svg


@dataclass(frozen=True)
class Filtres:
    """What the GET form asked for, kept as typed so that a wrong value can be corrected."""

    territoire: str
    du: str
    au: str
    periode: Periode | None
    erreurs: list[str]


def _read_filtres() -> Filtres:
    today = maintenant().date()
    defaut = periode_par_defaut(today)
    territoire = request.args.get("territoire", "").strip()[:64]
    du = request.args.get("du", "").strip()[:20] or semaine_of(defaut.du)
    au = request.args.get("au", "").strip()[:20] or semaine_of(defaut.au)
    erreurs = []
    if territoire and territoire not in current_catalogue().territoires:
        erreurs.append(_("Ce territoire n'existe pas. Choisissez un territoire dans la liste."))
    periode = None
    try:
        periode = build_periode(du, au, today=today)
    except PeriodeInvalide as erreur:
        if erreur.raison == "semaine":
            erreurs.append(
                _(
                    "La semaine « %(valeur)s » n'existe pas. Écrivez l'année, un W et le "
                    "numéro de la semaine, par exemple %(exemple)s.",
                    valeur=erreur.valeur,
                    exemple=semaine_of(today),
                )
            )
        elif erreur.raison == "ordre":
            erreurs.append(_("La première semaine doit venir avant la dernière."))
        else:
            erreurs.append(_("Choisissez au plus %(nombre)s semaines.", nombre=SEMAINES_MAX))
    return Filtres(territoire, du, au, periode, erreurs)


def _compute(filtres: Filtres) -> Indicateurs:
    assert filtres.periode is not None
    return compute_indicateurs(
        db.session(),
        catalogue=current_catalogue(),
        periode=filtres.periode,
        territoire=filtres.territoire or None,
        now=maintenant(),
        zone=ZoneInfo(current_app.config.get("TIMEZONE", "Europe/Paris")),
    )


@bp.get("/agent/indicateurs")
def indicateurs() -> str | tuple[str, int]:
    filtres = _read_filtres()
    catalogue = current_catalogue()
    territoires = sorted(
        ((t.id, t.nom.en_langue(langue())) for t in catalogue.territoires.values()),
        key=lambda paire: paire[1],
    )
    if filtres.erreurs:
        page = render_template(
            "indicateurs/indicateurs.html", filtres=filtres, territoires=territoires, vues=[]
        )
        return page, 400
    vues = build_vues(_compute(filtres), catalogue=catalogue, langue=langue())
    return render_template(
        "indicateurs/indicateurs.html", filtres=filtres, territoires=territoires, vues=vues, svg=svg
    )


def _csv_nombre(valeur: float | None) -> str:
    # A decimal comma: French spreadsheets read "12,5" as a number, "12.5" as text.
    if valeur is None:
        return ""
    if float(valeur).is_integer():
        return str(int(valeur))
    return str(valeur).replace(".", ",")


@bp.get("/agent/indicateurs.csv")
def indicateurs_csv() -> Response:
    filtres = _read_filtres()
    if filtres.erreurs:
        return Response("\n".join(filtres.erreurs) + "\n", status=400, mimetype="text/plain")
    resultat = _compute(filtres)
    tampon = io.StringIO()
    tampon.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(["territoire", "semaine", "indicateur", "cle", "mesure", "valeur"])
    for indicateur in resultat.liste:
        for ligne in indicateur.lignes:
            ecrivain.writerow(
                [
                    ligne.territoire,
                    ligne.semaine,
                    indicateur.code,
                    ligne.cle,
                    ligne.mesure,
                    _csv_nombre(ligne.valeur),
                ]
            )
    nom = f"indicateurs_{resultat.periode.etiquette}_{filtres.territoire or 'tous'}.csv"
    return Response(
        tampon.getvalue().encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{nom}"'},
    )
