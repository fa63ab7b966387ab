"""GET /api/v1/courriers/<code>: a letter's explanation, for the assistant when a code is typed.

The page for people is GET /c/<code>. Same optional signed parameters (e, l, s); here a bad
signature is an error (400), because the caller should know its link is wrong.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from portal.api import bp
from portal.api.errors import DonneesInvalides
from portal.catalogue import current_catalogue
from portal.catalogue.schemas.courrier import Courrier
from portal.courriers.services import (
    Explication,
    ParametresInvalides,
    explain_courrier,
    find_courrier,
    lien_aide,
    phrase_echeance,
    read_parametres,
    sign_parametres,
    signing_keys,
    suggest_courriers,
)
from portal.horloge import maintenant
from portal.i18n import langue

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$")


def _absolue(chemin: str) -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + chemin


def _erreur_parametre(exc: ParametresInvalides) -> str:
    if exc.champ == "e":
        return _("Écrivez une date au format AAAA-MM-JJ.")
    if exc.champ == "l":
        return _("Cet identifiant de lieu n'est pas valide.")
    if exc.raison == "manquante":
        return _("La signature manque : ces paramètres doivent venir d'un QR code.")
    return _("La signature ne correspond pas : le lien a été modifié ou recopié avec une erreur.")


def _resume(courrier: Courrier, langue_: str) -> dict[str, str]:
    return {
        "code": courrier.code,
        "titre": courrier.titre.en_langue(langue_),
        "url": _absolue(url_for("courriers.explication", code=courrier.code)),
    }


def _explication_json(explication: Explication, query: dict[str, str]) -> dict[str, Any]:
    courrier, version, lieu, recours = (
        explication.courrier,
        explication.version,
        explication.lieu,
        explication.courrier.recours,
    )
    l_ = langue()
    return {
        **_resume(courrier, l_),
        "url": _absolue(url_for("courriers.explication", code=courrier.code, **query)),
        "langue": l_,
        "theme": courrier.theme.value,
        "relu_par_usagers": courrier.relu_par_usagers,
        "service": courrier.service.en_langue(l_),
        "resume": courrier.resume.en_langue(l_),
        "version": {
            "numero": version.numero,
            "depuis": version.depuis.isoformat(),
            "reference": version.reference,
        },
        "pourquoi": courrier.pourquoi.en_langue(l_),
        "etapes": [etape.en_langue(l_) for etape in courrier.etapes],
        "delai": courrier.delai.en_langue(l_),
        "echeance": {
            "date": explication.echeance.isoformat(),
            "texte": phrase_echeance(courrier, explication.echeance, l_),
            "passee": explication.echeance_passee,
        }
        if explication.echeance
        else None,
        "lieu": {
            "id": explication.lieu_id,
            "nom": lieu.nom,
            "adresse": lieu.adresse,
            "code_postal": lieu.code_postal,
            "commune": lieu.commune,
            "telephone": lieu.telephone,
        }
        if lieu
        else None,
        "sinon": courrier.sinon.en_langue(l_),
        "documents": [document.en_langue(l_) for document in courrier.documents],
        "recours": {
            "delai_mois": recours.delai_mois,
            "aupres_de": recours.aupres_de.en_langue(l_),
            "comment": recours.comment.en_langue(l_),
        }
        if recours
        else None,
        "qui_aide": _qui_aide_json(courrier, l_),
    }


def _qui_aide_json(courrier: Courrier, l_: str) -> list[dict[str, Any]]:
    return [
        {
            "type": aide.type.value,
            "texte": aide.texte.en_langue(l_),
            "motif": aide.motif,
            "url": lien_aide(aide, externe=True),
        }
        for aide in courrier.qui_aide
    ]


@bp.get("/courriers/<code>")
def courrier(code: str) -> tuple[Response, int]:
    if not _CODE.match(code):
        raise DonneesInvalides(
            {"code": _("Un code de courrier a des lettres, des chiffres et des tirets.")}
        )
    catalogue = current_catalogue()
    trouve = find_courrier(code, catalogue=catalogue)
    if trouve is None:
        suggestions = suggest_courriers(code, catalogue=catalogue, langue=langue())
        raise DonneesInvalides(
            {"code": _("Nous ne trouvons pas ce code de courrier.")},
            404,
            suggestions=[_resume(c, langue()) for c in suggestions],
        )
    keys = signing_keys(current_app.config)
    try:
        parametres = read_parametres(trouve.code, request.args, keys=keys)
    except ParametresInvalides as exc:
        raise DonneesInvalides({exc.champ: _erreur_parametre(exc)}) from None
    explication = explain_courrier(
        trouve, parametres, catalogue=catalogue, today=maintenant().date()
    )
    query = sign_parametres(trouve.code, parametres, keys=keys)
    return jsonify(_explication_json(explication, query)), 200
