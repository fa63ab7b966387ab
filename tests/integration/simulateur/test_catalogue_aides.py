"""Content of content/aides/: national aids point at variables the engine computes, with the
entity and period OpenFisca-France declares."""

from __future__ import annotations

from typing import Any

from portal.catalogue import Catalogue
from portal.simulateur.moteur.openfisca_adapter import VARIABLES_NATIONALES

PERIODES = {"month": "mois", "year": "annee"}
MOTIFS = {
    "premier_rendez_vous_ts",
    "rsa_orientation",
    "dossier_apa",
    "dossier_mdph",
    "aide_demarches_en_ligne",
    "pmi_consultation",
}


def test_national_aids_match_openfisca(catalogue: Catalogue, tbs: Any) -> None:
    for aide_id, aide in catalogue.aides.items():
        if aide.openfisca is None:
            continue
        variable = tbs.variables[aide.openfisca.variable]
        assert aide_id == aide.openfisca.variable
        assert aide.openfisca.variable in VARIABLES_NATIONALES
        assert variable.entity.key == aide.openfisca.entite
        assert PERIODES[str(variable.definition_period)] == aide.openfisca.periode
        if aide.openfisca.non_calculable:
            assert aide.openfisca.non_calculable in VARIABLES_NATIONALES


def test_local_aids_refer_to_known_things(catalogue: Catalogue) -> None:
    for aide in catalogue.aides.values():
        assert aide.demarche.motif is None or aide.demarche.motif in MOTIFS
        if aide.si_non_calculee:
            assert aide.si_non_calculee in catalogue.aides
        for condition in aide.conditions:
            if condition.type == "communes":
                assert set(condition.valeurs) <= set(catalogue.communes)
            if condition.type == "territoire":
                assert set(condition.valeurs) <= set(catalogue.territoires)
