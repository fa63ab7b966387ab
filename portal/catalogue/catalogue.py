"""The validated content, indexed by id, read-only for the lifetime of the app."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from portal.catalogue.schemas.courrier import Courrier
from portal.catalogue.schemas.lexique import LexiqueFichier
from portal.catalogue.schemas.lieu import Lieu
from portal.catalogue.schemas.motif import Motif
from portal.catalogue.schemas.partenaire import Partenaire
from portal.catalogue.schemas.structure import Structure
from portal.catalogue.schemas.territoire import Commune, Departement, Epci, Territoire
from portal.catalogue.schemas.urgence import Numero


class Catalogue:
    def __init__(self, items: dict[str, Any]) -> None:
        self.items = items

    @cached_property
    def communes(self) -> dict[str, Commune]:
        return {c.code: c for c in self.items["communes"].communes}

    @cached_property
    def epci(self) -> dict[str, Epci]:
        return {e.code: e for e in self.items["communes"].epci}

    @cached_property
    def territoires(self) -> dict[str, Territoire]:
        return {t.id: t for t in self.items["territoires"].territoires}

    @property
    def departement(self) -> Departement:
        return self.items["territoires"].departement

    @property
    def territoires_demo(self) -> bool:
        return bool(self.items["territoires"].demo)

    @cached_property
    def territoire_par_epci(self) -> dict[str, str]:
        return {epci: t.id for t in self.territoires.values() for epci in t.epci}

    def territoire_of(self, code_insee: str) -> Territoire | None:
        commune = self.communes.get(code_insee)
        if commune is None or commune.epci is None:
            return None
        territoire_id = self.territoire_par_epci.get(commune.epci)
        return self.territoires.get(territoire_id) if territoire_id else None

    @property
    def lieux(self) -> dict[str, Lieu]:
        return self.items["lieux"]

    @cached_property
    def courriers(self) -> dict[str, Courrier]:
        """Letter templates by their printed code (files are named after it, in lower case)."""
        return {c.code: c for c in self.items.get("courriers", {}).values()}

    @property
    def motifs(self) -> dict[str, Motif]:
        return self.items.get("motifs", {})

    @property
    def numeros_urgence(self) -> list[Numero]:
        return list(self.items["urgences"].numeros)

    @property
    def lexique(self) -> LexiqueFichier:
        return self.items["lexique"]

    @property
    def partenaires(self) -> dict[str, Partenaire]:
        return self.items.get("partenaires", {})

    @property
    def structures(self) -> dict[str, Structure]:
        return self.items.get("structures", {})

    @property
    def aides(self) -> dict[str, Any]:
        return self.items.get("aides", {})
