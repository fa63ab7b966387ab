"""Finding a commune from what a person types: a name or a postal code, accents and case ignored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz, process
from unidecode import unidecode

from portal.catalogue import Catalogue
from portal.catalogue.schemas.territoire import Commune

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# People write "St", "Ste", "s/" for saint, sainte, sur: one spelling for all.
_ABREVIATIONS = {"st": "saint", "ste": "sainte", "s": "sur"}


def normalise(text: str) -> str:
    words = _NON_ALNUM.sub(" ", unidecode(text).lower()).split()
    return " ".join(_ABREVIATIONS.get(w, w) for w in words)


class Statut(StrEnum):
    vide = "vide"
    trouvee = "trouvee"
    plusieurs = "plusieurs"
    inconnue = "inconnue"


@dataclass(frozen=True)
class RechercheCommune:
    statut: Statut
    communes: list[Commune] = field(default_factory=list)


class CommuneIndex:
    def __init__(self, communes: list[Commune]) -> None:
        self.par_code_postal: dict[str, list[Commune]] = {}
        self.par_nom: dict[str, list[Commune]] = {}
        for commune in sorted(communes, key=lambda c: (-(c.population or 0), c.nom)):
            for code_postal in commune.codes_postaux:
                self.par_code_postal.setdefault(code_postal, []).append(commune)
            self.par_nom.setdefault(normalise(commune.nom), []).append(commune)
        self._noms = list(self.par_nom)

    def search(self, query: str, *, limite: int = 8) -> RechercheCommune:
        texte = normalise(query)
        if not texte:
            return RechercheCommune(Statut.vide)
        compact = texte.replace(" ", "")
        if compact.isdigit():
            found = self.par_code_postal.get(compact, [])
            if len(compact) == 5 and found:
                return _resultat(found)
            prefix = [c for cp, cs in self.par_code_postal.items() if cp.startswith(compact)
                      for c in cs]
            return RechercheCommune(Statut.inconnue, _unique(prefix)[:limite])
        if texte in self.par_nom:
            return _resultat(self.par_nom[texte])
        debut = [c for nom, cs in self.par_nom.items() if nom.startswith(texte) for c in cs]
        if len(debut) == 1:
            return _resultat(debut)
        proches = process.extract(texte, self._noms, scorer=fuzz.WRatio, limit=limite,
                                  score_cutoff=70)
        suggestions = debut + [c for nom, _score, _i in proches for c in self.par_nom[nom]]
        return RechercheCommune(Statut.inconnue, _unique(suggestions)[:limite])


def _resultat(communes: list[Commune]) -> RechercheCommune:
    if len(communes) == 1:
        return RechercheCommune(Statut.trouvee, communes)
    return RechercheCommune(Statut.plusieurs, sorted(communes, key=lambda c: normalise(c.nom)))


def _unique(communes: list[Commune]) -> list[Commune]:
    return list({c.code: c for c in communes}.values())


@lru_cache(maxsize=4)
def index_for(catalogue: Catalogue) -> CommuneIndex:
    """Built once per catalogue (the catalogue never changes while the app runs)."""
    return CommuneIndex(list(catalogue.communes.values()))
