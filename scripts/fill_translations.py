"""Fills translations from a YAML file {msgid: {en: …, ar: …}} and clears their fuzzy flag.

Used after `make translations` to bring in a batch of translations written elsewhere:
    .venv/bin/python scripts/fill_translations.py batch.yml
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]


def fill(batch: dict[str, dict[str, str]]) -> None:
    for langue in ("en", "ar"):
        path = ROOT / "translations" / langue / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as f:
            catalogue = read_po(f, locale=langue)
        for message in catalogue:
            cle = message.id if isinstance(message.id, str) else message.id[0]
            if cle in batch and langue in batch[cle]:
                valeur = batch[cle][langue]
                # A plural entry takes a list: one text per plural form of the language.
                message.string = tuple(valeur) if isinstance(valeur, list) else valeur
                message.flags.discard("fuzzy")
        with path.open("wb") as f:
            write_po(f, catalogue, width=0, include_previous=False)


if __name__ == "__main__":
    fill(yaml.safe_load(Path(sys.argv[1]).read_text(encoding="utf-8")))
