"""What people type, as comparable words: no accents, no case, no punctuation, elisions settled.

Only language facts live here; the words that matter (SMS spellings, the lexicon) are content,
applied by `portal.assistant.triage`.
"""

from __future__ import annotations

import re

from unidecode import unidecode

_SEPARATEUR = re.compile(r"[^a-z0-9]+")
# "aideeez", "nonnn", "trooop": a letter typed three times or more counts once.
_REPETITION = re.compile(r"([a-z])\1{2,}")

# An elided word stands for its full form: "l'enfant" is "le enfant", "qu'il" is "que il".
ELISIONS = {
    "j": "je", "m": "me", "t": "te", "s": "se", "l": "le", "d": "de", "n": "ne", "qu": "que",
}  # fmt: skip
# Before an auxiliary, people write it glued ("jai", "ma frappe", "cest"): glue it here too,
# so that "j'ai", "j ai" and "jai" are one word.
_COLLES = frozenset(
    {"ai", "a", "as", "avais", "avait", "es", "est", "etait", "etais", "en", "y", "ont"}
)
_ELIDES_COLLES = frozenset({"j", "m", "t", "s", "l", "n", "c", "qu"})
ELIDES = frozenset(ELISIONS) | {"c"}


# The end of a sentence: . ! ? ; or a new line (not the dot of "3.5" or of "M.").
_FIN_PHRASE = re.compile(r"(?<!\d)[.!?;…]+(?!\d)|\n+")
PHRASE_MIN = 3  # words: a shorter piece ("Bonjour.", "Merci !") stays with the next one


def phrases(texte: str) -> list[str]:
    """The sentences of a message, each read on its own: a past event told in one sentence
    does not hide a danger told in the next one. Pieces of fewer than `PHRASE_MIN` words are
    joined to the following sentence."""
    resultat: list[str] = []
    en_cours = ""
    for morceau in _FIN_PHRASE.split(texte):
        en_cours = f"{en_cours} {morceau}".strip()
        if len(mots(en_cours)) >= PHRASE_MIN:
            resultat.append(en_cours)
            en_cours = ""
    if en_cours:
        if resultat:
            resultat[-1] = f"{resultat[-1]} {en_cours}"
        else:
            resultat.append(en_cours)
    return resultat


def mots(texte: str) -> list[str]:
    """Lowercase ASCII words of a text, elisions resolved; abbreviations and typos are not."""
    brut = _REPETITION.sub(r"\1", unidecode(texte).lower())
    return _elisions([mot for mot in _SEPARATEUR.split(brut) if mot])


def _elisions(bruts: list[str]) -> list[str]:
    resultat: list[str] = []
    i = 0
    while i < len(bruts):
        mot = bruts[i]
        suivant = bruts[i + 1] if i + 1 < len(bruts) else None
        if mot in _ELIDES_COLLES and suivant in _COLLES:
            resultat.append(mot + suivant)
            i += 2
            continue
        # Alone, "c" is SMS for "c'est" (the lexicon's abbreviations say so): kept as typed.
        resultat.append(ELISIONS.get(mot, mot) if suivant is not None else mot)
        i += 1
    return resultat


# French spellings of one sound, from the longest: "couteau" and "couto" sound the same.
_SONS = {
    "eaux": "o", "eau": "o", "aux": "o", "au": "o", "ph": "f", "qu": "k", "ce": "se",
    "ci": "si", "cy": "si", "ss": "s", "ain": "in", "ein": "in", "en": "an", "em": "an",
    "ai": "e", "ei": "e", "c": "k", "y": "i", "h": "",
}  # fmt: skip
_SON = re.compile("|".join(sorted(_SONS, key=len, reverse=True)))
_FIN = re.compile(r"(?:er|ez|et)$")
_DOUBLE = re.compile(r"(.)\1+")
_FIN_MUETTE = re.compile(r"(?<=...)(?:ent|es|ts|ds|e|s|t|x|d|p)$")


def son(mot: str) -> str:
    """A rough key of how a word sounds, to recognise words written as heard ("couto")."""
    remplace = _SON.sub(lambda m: _SONS[m.group(0)], _FIN.sub("e", mot))
    return _FIN_MUETTE.sub("", _DOUBLE.sub(r"\1", remplace))
