"""GET /api/v1/motifs, GET /api/v1/creneaux, POST /api/v1/rendez-vous (DESIGN.md contracts).

Bad input is a 4xx with one message per field in the request language; a time taken in the
meantime is a 409 that offers the next free créneaux.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from portal.api import bp
from portal.api.errors import DonneesInvalides, parse_body
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.i18n import langue
from portal.rendez_vous.services import (
    PARIS,
    Creneau,
    CreneauPris,
    RendezVousError,
    book,
    debut_iso,
    find_creneaux,
    lien_gestion,
    limite_publique,
    parse_creneaux_query,
    send_now,
)

FENETRE_MAX = timedelta(days=62)


def _creneau_json(creneau: Creneau) -> dict[str, str | int]:
    corps: dict[str, str | int] = {
        "debut": debut_iso(creneau.debut.astimezone(PARIS)),
        "fin": debut_iso(creneau.fin.astimezone(PARIS)),
    }
    if creneau.places_restantes is not None:  # a session of a collective motif
        corps["places_restantes"] = creneau.places_restantes
    return corps


@bp.get("/motifs")
def motifs() -> Response:
    langue_demande = langue()
    return jsonify(
        [
            {
                "id": motif_id,
                "nom": motif.nom.en_langue(langue_demande),
                "description": motif.description.en_langue(langue_demande),
                "duree_minutes": motif.duree_minutes,
                "modalite": motif.modalite.value,
                "reservable_par": [r.value for r in motif.reservable_par],
                "types_lieux": [t.value for t in motif.types_lieux],
                "hors_secteur": motif.hors_secteur,
                "telephone_obligatoire": motif.telephone_obligatoire,
                "a_apporter": [o.en_langue(langue_demande) for o in motif.a_apporter],
                "collectif": motif.collectif,
                "places": motif.places,
            }
            for motif_id, motif in sorted(current_catalogue().motifs.items())
        ]
    )


@bp.get("/creneaux")
def creneaux() -> Response:
    catalogue = current_catalogue()
    query = parse_creneaux_query(request.args.to_dict(), catalogue=catalogue)
    now = maintenant()
    du = query.du or now.astimezone(PARIS).date()
    au = query.au or du + timedelta(days=27)
    if au < du:
        raise DonneesInvalides({"au": _("La date de fin doit suivre la date de début.")})
    if au - du > FENETRE_MAX:
        raise DonneesInvalides({"au": _("Demandez 62 jours au plus.")})
    trouves = find_creneaux(
        db.session(), motif_id=query.motif, motif=catalogue.motifs[query.motif],
        lieu_id=query.lieu, du=du, au=au, now=now,
    )
    return jsonify([_creneau_json(c) for c in trouves])


@bp.post("/rendez-vous")
@limiter.limit(limite_publique)
def rendez_vous() -> tuple[Response, int]:
    catalogue = current_catalogue()
    data = parse_body(dict)
    try:
        reservation = book(data, catalogue=catalogue)
    except CreneauPris as exc:
        suivants = [_creneau_json(c) for c in exc.suivants]
        raise DonneesInvalides(exc.erreurs, exc.status, creneaux=suivants) from None
    except RendezVousError as exc:
        raise DonneesInvalides(exc.erreurs, exc.status) from None
    rdv = reservation.rendez_vous
    send_now(rdv.id)
    corps = {
        "reference": rdv.reference,
        "gestion_url": lien_gestion(current_app.config["PUBLIC_BASE_URL"], reservation.jeton),
        "debut": debut_iso(rdv.debut.astimezone(PARIS)),
        "lieu": rdv.lieu_id,
        "telephone_type": rdv.type_telephone,
        "sms": rdv.type_telephone == "portable",
    }
    response = jsonify(corps)
    response.headers["Location"] = url_for("rendez_vous.gerer", jeton=reservation.jeton)
    return response, 201
