"""content/motifs/: every file validates, the ids other doors use exist, limits are coherent."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from portal.catalogue import Catalogue
from portal.catalogue.schemas.motif import Motif

MOTIFS = sorted((Path(__file__).resolve().parents[3] / "content" / "motifs").glob("*.yml"))


@pytest.mark.parametrize("fichier", MOTIFS, ids=lambda p: p.stem)
def test_each_motif_file_is_valid(fichier: Path) -> None:
    motif = Motif.model_validate(yaml.safe_load(fichier.read_text(encoding="utf-8")))
    assert motif.deplacement.heures_avant >= motif.annulation.heures_avant


def test_the_ids_other_doors_reference_exist(catalogue: Catalogue) -> None:
    assert {"premier_rendez_vous_ts", "rsa_orientation", "dossier_apa", "dossier_mdph",
            "aide_demarches_en_ligne", "pmi_consultation"} <= set(catalogue.motifs)
    cites = {a.demarche.motif for a in catalogue.aides.values() if a.demarche.motif}
    assert cites <= set(catalogue.motifs)


def test_every_motif_is_offered_somewhere(catalogue: Catalogue) -> None:
    for motif_id, motif in catalogue.motifs.items():
        assert any(motif.is_offered_at(lieu) for lieu in catalogue.lieux.values()), motif_id


def test_a_minimum_delay_beyond_the_maximum_is_refused() -> None:
    data = yaml.safe_load(MOTIFS[0].read_text(encoding="utf-8"))
    data.update(delai_min_heures=24 * 40, delai_max_jours=30)
    with pytest.raises(ValidationError, match="delai_min_heures"):
        Motif.model_validate(data)
