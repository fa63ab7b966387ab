"""GET /api/v1/lieux?commune=<INSEE>[&motif=<id>]: places for a commune, its territory first.

GET /api/v1/communes?nom=<texte>: the commune(s) a typed name or postal code stands for
(accents, case, hyphens and "St" ignored), so that a client holding only what a person typed
(the assistant's action server) can then ask /lieux with the INSEE code.
"""

from __future__ import annotations

from typing import Annotated, Any

from flask import Response, jsonify
from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from portal.api import bp
from portal.api.errors import parse_query
from portal.catalogue import current_catalogue
from portal.catalogue.schemas.territoire import Commune
from portal.horloge import maintenant_local
from portal.lieux.services import LieuProche, find_lieux, index_for
from portal.rendez_vous.services import lieux_offrant


class LieuxQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    commune: Annotated[str, Field(max_length=10)]
    motif: Annotated[str | None, Field(max_length=64)] = None

    @field_validator("commune")
    @classmethod
    def _commune(cls, value: str, info: ValidationInfo) -> str:
        value = value.strip().upper()
        if len(value) != 5 or not value.replace("A", "").replace("B", "").isdigit():
            raise ValueError(
                _("Donnez le code INSEE de la commune : 5 caractères, par exemple 27229.")
            )
        if value not in info.context["communes"]:
            raise ValueError(_("Cette commune n'est pas dans le département."))
        return value

    @field_validator("motif")
    @classmethod
    def _motif(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and value not in info.context["motifs"]:
            raise ValueError(_("Ce motif de rendez-vous n'existe pas."))
        return value


def _lieu_json(item: LieuProche) -> dict[str, Any]:
    lieu = item.lieu
    return {
        "id": item.id,
        "nom": lieu.nom,
        "type": lieu.type.value,
        "territoire": lieu.territoire,
        "dans_le_secteur": item.dans_le_secteur,
        "distance_km": item.distance_km,
        "adresse": lieu.adresse,
        "complement_adresse": lieu.complement_adresse,
        "code_postal": lieu.code_postal,
        "commune": lieu.commune,
        "code_insee": lieu.code_insee,
        "latitude": lieu.latitude,
        "longitude": lieu.longitude,
        "telephone": lieu.telephone,
        "courriel": lieu.courriel,
        "horaires_accueil": lieu.horaires_accueil,
        "ouvert_maintenant": item.horaires.ouvert_maintenant,
        "demo": lieu.demo,
    }


@bp.get("/lieux")
def lieux() -> Response:
    catalogue = current_catalogue()
    motifs = getattr(catalogue, "motifs", {}) or {}
    query = parse_query(
        lambda data: LieuxQuery.model_validate(
            data, context={"communes": catalogue.communes, "motifs": motifs}
        )
    )
    commune = catalogue.communes[query.commune]
    resultat = find_lieux(commune, catalogue=catalogue, maintenant=maintenant_local())
    lieux = resultat.tous
    if query.motif is not None:  # the lieux that offer it (its territory's, unless hors secteur)
        lieux = lieux_offrant(motifs[query.motif], lieux)
    return jsonify(
        {
            "commune": {"code": commune.code, "nom": commune.nom},
            "territoire": {"id": resultat.territoire.id, "nom": resultat.territoire.nom.fr},
            "lieux": [_lieu_json(item) for item in lieux],
        }
    )


class CommunesQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nom: Annotated[str, Field(max_length=100)]

    @field_validator("nom")
    @classmethod
    def _nom(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(_("Écrivez le nom de votre commune ou son code postal."))
        return value


def _commune_json(commune: Commune) -> dict[str, Any]:
    return {"code": commune.code, "nom": commune.nom, "codes_postaux": commune.codes_postaux}


@bp.get("/communes")
def communes() -> Response:
    query = parse_query(CommunesQuery.model_validate)
    recherche = index_for(current_catalogue()).search(query.nom)
    # `trouvee`: one commune; `plusieurs`: a name or postal code shared by several (choose);
    # `inconnue`: none, with close names as suggestions.
    return jsonify(
        {
            "statut": recherche.statut.value,
            "communes": [_commune_json(c) for c in recherche.communes],
        }
    )
