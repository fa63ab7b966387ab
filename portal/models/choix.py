"""Stable codes with the one label people read, like Django's TextChoices.

    class StatutDemande(Choix):
        nouvelle = "nouvelle", _l("Nouvelle")

The database, the API and the URLs keep the code (`StatutDemande.nouvelle == "nouvelle"`);
forms, charts, CSV exports and templates all read `.libelle`, so that a code is worded once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from flask_babel import LazyString


class Choix(StrEnum):
    _libelle: LazyString

    def __new__(cls, code: str, libelle: LazyString) -> Choix:
        membre = str.__new__(cls, code)
        membre._value_ = code
        membre._libelle = libelle
        return membre

    def __str__(self) -> str:
        return str(self.value)

    @property
    def libelle(self) -> LazyString:
        return self._libelle

    @classmethod
    def choix(cls, *membres: Any) -> dict[str, LazyString]:
        """{code: label} of every member (or of those given), in their order, for a form."""
        return {m.value: m.libelle for m in (membres or tuple(cls))}

    @classmethod
    def libelle_de(cls, code: str | None) -> str:
        """The label of a stored code; an unknown code is shown as it is."""
        try:
            return str(cls(code).libelle)
        except ValueError:
            return code or ""
