"""Every supported language is complete: no empty, fuzzy or broken translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGUES = ["en", "ar"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _catalogue(langue: str):  # type: ignore[no-untyped-def]
    path = ROOT / "translations" / langue / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return read_po(f, locale=langue)


@pytest.mark.parametrize("langue", LANGUES)
def test_no_missing_or_fuzzy_translation(langue: str) -> None:
    catalogue = _catalogue(langue)
    manquantes = [
        m.id
        for m in catalogue
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    floues = [m.id for m in catalogue if m.id and m.fuzzy]
    assert manquantes == [], f"{len(manquantes)} à traduire en {langue}"
    assert floues == [], f"{len(floues)} à relire en {langue}"


@pytest.mark.parametrize("langue", LANGUES)
def test_placeholders_are_kept(langue: str) -> None:
    for message in _catalogue(langue):
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        textes = message.string if isinstance(message.string, tuple) else (message.string,)
        attendus = set().union(*(PLACEHOLDER.findall(str(t)) for t in sources if t))
        for texte in textes:
            if texte:
                trouves = set(PLACEHOLDER.findall(texte))
                # A plural form may drop %(num)s ("one month"), never add an unknown name.
                assert trouves <= attendus, message.id


def test_the_catalogues_hold_every_string_of_the_code() -> None:
    """`make translations` was run: the template has no string the catalogues lack."""
    from babel.messages.extract import extract_from_dir

    method_map = [("portal/**.py", "python"), ("portal/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found = {
        (msgid if isinstance(msgid, str) else msgid[0])
        for _f, _l, msgid, _c, _ctx in extract_from_dir(
            ROOT, method_map=method_map, keywords=keywords
        )
    }
    connus = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalogue("en") if m.id}
    assert sorted(found - connus) == []
