"""`content/structures/<id>.yml`: the structures whose salaried conseillers numériques act
with a person under a mandate (France Services, MSD, CCAS, association).

The structure is the mandataire (as in Aidants Connect): a mandate belongs to it, not to one
conseiller, and no other structure sees it. The file name is the structure's id.
"""

from __future__ import annotations

from enum import StrEnum

from portal.catalogue.schemas.common import ContentModel, Slug, TexteCourt


class GenreStructure(StrEnum):
    france_services = "france_services"
    msd = "msd"  # maison des solidarités
    ccas = "ccas"
    association = "association"


class Structure(ContentModel):
    demo: bool = False
    nom: TexteCourt
    genre: GenreStructure
    territoire: Slug
    # The lieu (content/lieux) where it receives people, when it is one of them.
    lieu: Slug | None = None
