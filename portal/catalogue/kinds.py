"""The kinds of content in content/: where their files are and which schema validates them.

A kind with `one_per_file=True` reads every file matching `pattern`; the file name (without
extension) is the item's id. Otherwise `pattern` names one file holding the whole kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from portal.catalogue.schemas.aide import Aide
from portal.catalogue.schemas.courrier import Courrier
from portal.catalogue.schemas.lexique import LexiqueFichier
from portal.catalogue.schemas.lieu import Lieu
from portal.catalogue.schemas.motif import Motif
from portal.catalogue.schemas.partenaire import Partenaire
from portal.catalogue.schemas.structure import Structure
from portal.catalogue.schemas.territoire import CommunesFichier, TerritoiresFichier
from portal.catalogue.schemas.urgence import NumerosFichier


@dataclass(frozen=True)
class Kind:
    name: str
    pattern: str
    model: type[BaseModel]
    one_per_file: bool = True


KINDS: list[Kind] = [
    Kind("communes", "territoire/communes.json", CommunesFichier, one_per_file=False),
    Kind("territoires", "territoire/territoires.yml", TerritoiresFichier, one_per_file=False),
    Kind("lieux", "lieux/*.yml", Lieu),
    Kind("motifs", "motifs/*.yml", Motif),
    Kind("urgences", "urgences/numeros.yml", NumerosFichier, one_per_file=False),
    Kind("lexique", "urgences/lexique.yml", LexiqueFichier, one_per_file=False),
    Kind("courriers", "courriers/*.yml", Courrier),
    Kind("aides", "aides/*.yml", Aide),
    Kind("partenaires", "partenaires/*.yml", Partenaire),
    Kind("structures", "structures/*.yml", Structure),
]
