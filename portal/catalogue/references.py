"""Checks across files: every id a file names must exist, every commune has one territory."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterator

from portal.catalogue.catalogue import Catalogue
from portal.catalogue.schemas.courrier import normalise_code

Reference = tuple[str, str, str]  # (file, field, reason)
TERRITOIRES = "territoire/territoires.yml"


def _inconnu(
    fichier: str, champ: str, nom: str, valeur: str, connus: Container[str]
) -> Iterator[Reference]:
    """The one problem of an id that names nothing known (`territoire X inconnu`)."""
    if valeur not in connus:
        yield fichier, champ, f"{nom} {valeur} inconnu"


def _territoires(catalogue: Catalogue) -> Iterator[Reference]:
    counts = Counter(epci for t in catalogue.territoires.values() for epci in t.epci)
    for i, territoire in enumerate(catalogue.items["territoires"].territoires):
        for j, epci in enumerate(territoire.epci):
            if epci not in catalogue.epci:
                yield TERRITOIRES, f"territoires.{i}.epci.{j}", f"EPCI {epci} inconnu"
            elif counts[epci] > 1:
                yield TERRITOIRES, f"territoires.{i}.epci.{j}", f"EPCI {epci} dans 2 territoires"
    ids = Counter(t.id for t in catalogue.items["territoires"].territoires)
    for territoire_id, n in ids.items():
        if n > 1:
            yield TERRITOIRES, "territoires", f"identifiant {territoire_id} en double"
    for commune in catalogue.communes.values():
        if catalogue.territoire_of(commune.code) is None:
            yield (
                "territoire/communes.json",
                f"communes.{commune.code}",
                f"la commune {commune.nom} n'appartient à aucun territoire",
            )


def _lieux(catalogue: Catalogue) -> Iterator[Reference]:
    for lieu_id, lieu in catalogue.lieux.items():
        fichier = f"lieux/{lieu_id}.yml"
        yield from _inconnu(fichier, "territoire", "territoire", lieu.territoire,
                            catalogue.territoires)
        commune = catalogue.communes.get(lieu.code_insee)
        if commune is None:
            yield fichier, "code_insee", f"commune {lieu.code_insee} inconnue dans le département"
        elif lieu.code_postal not in commune.codes_postaux:
            yield fichier, "code_postal", f"{lieu.code_postal} n'est pas un code de {commune.nom}"


def _courriers(catalogue: Catalogue) -> Iterator[Reference]:
    """A file is named after its code, and two codes never read the same once typed."""
    vus: dict[str, str] = {}
    for courrier_id, courrier in catalogue.items.get("courriers", {}).items():
        fichier = f"courriers/{courrier_id}.yml"
        if courrier_id != courrier.code.lower():
            yield fichier, "code", f"le fichier doit s'appeler {courrier.code.lower()}.yml"
        cle = normalise_code(courrier.code)
        if cle in vus:
            yield fichier, "code", f"{courrier.code} se confond avec {vus[cle]} une fois tapé"
        vus[cle] = courrier.code


def _partenaires(catalogue: Catalogue) -> Iterator[Reference]:
    for partenaire_id, partenaire in catalogue.partenaires.items():
        for i, territoire in enumerate(partenaire.territoires):
            yield from _inconnu(f"partenaires/{partenaire_id}.yml", f"territoires.{i}",
                                "territoire", territoire, catalogue.territoires)


def _structures(catalogue: Catalogue) -> Iterator[Reference]:
    for structure_id, structure in catalogue.structures.items():
        fichier = f"structures/{structure_id}.yml"
        yield from _inconnu(fichier, "territoire", "territoire", structure.territoire,
                            catalogue.territoires)
        if structure.lieu is not None:
            yield from _inconnu(fichier, "lieu", "lieu", structure.lieu, catalogue.lieux)


CHECKS: list[Callable[[Catalogue], Iterator[Reference]]] = [
    _territoires,
    _lieux,
    _courriers,
    _partenaires,
    _structures,
]


def check_references(catalogue: Catalogue) -> list[Reference]:
    return [problem for check in CHECKS for problem in check(catalogue)]
