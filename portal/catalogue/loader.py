"""Loads content/, validates every file, and refuses to half-load.

Every problem is collected as (file, field, reason) before anything is returned, so the person
editing content sees all the mistakes at once, not the first one only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from portal.catalogue.catalogue import Catalogue
from portal.catalogue.kinds import KINDS, Kind
from portal.catalogue.references import check_references

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Probleme:
    fichier: str
    champ: str
    raison: str

    def __str__(self) -> str:
        return f"{self.fichier} → {self.champ or '(fichier)'} → {self.raison}"


class CatalogueError(Exception):
    def __init__(self, problemes: list[Probleme]) -> None:
        self.problemes = problemes
        lignes = "\n".join(f"  {p}" for p in problemes)
        super().__init__(f"{len(problemes)} problème(s) dans le contenu :\n{lignes}")


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    # libyaml's safe loader when present: the same result, several times faster.
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _champ(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _validate(
    kind: Kind, path: Path, relative: str, problemes: list[Probleme]
) -> BaseModel | None:
    try:
        data = _read(path)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        problemes.append(Probleme(relative, "", f"illisible : {exc}".replace("\n", " ")))
        return None
    if data is None:
        problemes.append(Probleme(relative, "", "fichier vide"))
        return None
    try:
        return kind.model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problemes.append(Probleme(relative, _champ(error["loc"]), error["msg"]))
        return None


def load_catalogue(content_dir: str | Path) -> Catalogue:
    """Returns a fully valid catalogue, or raises CatalogueError listing every problem."""
    root = Path(content_dir)
    problemes: list[Probleme] = []
    items: dict[str, Any] = {}
    if not root.is_dir():
        raise CatalogueError([Probleme(str(root), "", "dossier de contenu introuvable")])
    for kind in KINDS:
        if kind.one_per_file:
            found: dict[str, BaseModel] = {}
            for path in sorted(root.glob(kind.pattern)):
                relative = str(path.relative_to(root))
                if not _ID.match(path.stem):
                    problemes.append(
                        Probleme(relative, "", "nom de fichier : minuscules, chiffres, - et _")
                    )
                    continue
                model = _validate(kind, path, relative, problemes)
                if model is not None:
                    found[path.stem] = model
            items[kind.name] = found
        else:
            path = root / kind.pattern
            if not path.exists():
                problemes.append(Probleme(kind.pattern, "", "fichier manquant"))
                continue
            items[kind.name] = _validate(kind, path, kind.pattern, problemes)
    if problemes:
        raise CatalogueError(problemes)
    catalogue = Catalogue(items)
    problemes = [Probleme(*p) for p in check_references(catalogue)]
    if problemes:
        raise CatalogueError(problemes)
    return catalogue
