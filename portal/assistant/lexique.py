"""The lexicon of `content/urgences/lexique.yml` compiled, and a message read against it.

A message is read word by word (`LexiqueCompile.jetons`): without accents or case, SMS
spellings written in full ("jsui" → "je suis"), an elided word glued to the next split off
("jdors" → "je dors"). A word the lexicon does not know, and that is not a real French word
either, is compared with the lexicon's words to forgive a typo: same sound ("couto"), close
spelling (rapidfuzz, "frape"), or a close start for the `debut*` words ("frapait").

Each expression is compiled into places (`Case`) matched in order, reached through its first
word; everything is computed once per catalogue and then only read.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from portal.assistant.normalisation import ELIDES, ELISIONS, mots, son
from portal.catalogue.schemas.lexique import LexiqueFichier

ECART = 1  # words that may come between two words of an expression ("il m'a encore frappée")
ECART_TROU = 4  # … where the expression has a "*"
PREFIXE_APPROCHE = 5  # a typo is forgiven in the start of a word from this many letters on
MARGE_MOT_REEL = 5.0  # a real word this much closer than the lexicon's: the typo was of it
CACHE_MOTS = 50_000  # words read once are remembered; people reuse the same words
MOTS_FRANCAIS = Path(__file__).with_name("mots_francais.txt")


def seuil(longueur: int) -> float | None:
    """Least rapidfuzz ratio for a word of this length to be a typo of a lexicon word.

    Measured on tests/data/triage/dev.yml: below 4 letters a typo is another word ("tue",
    "rue"); at 4 letters only a missing or extra letter is forgiven ("tuer" is not "tuez").
    """
    if longueur < 4:
        return None
    return 86.0 if longueur == 4 else 80.0


def ecart_longueur(longueur: int) -> int:
    """How much shorter or longer a correction may be ("coute" is not "couteau")."""
    return 1 if longueur <= 6 else 2


@cache
def mots_francais() -> frozenset[str]:
    """Real French words (scripts/build_mots_francais.py): never taken for a typo."""
    lignes = MOTS_FRANCAIS.read_text(encoding="utf-8").splitlines()
    return frozenset(ligne for ligne in lignes if ligne and not ligne.startswith("#"))


class Role(StrEnum):
    urgence = "urgence"
    sauf = "sauf"
    doute = "doute"
    present = "present"
    topic = "topic"
    intention = "intention"


@dataclass(frozen=True)
class Case:
    """One place of an expression: the words (or "debut*" prefixes) accepted there."""

    cles: frozenset[str]
    ecart: int  # how many other words may come just before it


@dataclass(frozen=True)
class Patron:
    """An expression of the lexicon, compiled."""

    expression: str  # as written in the lexicon, to explain a match
    role: Role
    cible: str  # the urgence type, or the topic
    cases: tuple[Case, ...]
    poids: int = 1
    intent: str = ""


@dataclass(frozen=True)
class Jeton:
    """A word of the message and every key it matches (itself, corrections, prefixes)."""

    cles: frozenset[str]
    approche: bool = False  # read through a typo correction


@dataclass(frozen=True)
class Occurrence:
    """Where a patron was found in the message, from word `debut` to word `fin`."""

    patron: Patron
    debut: int
    fin: int
    approche: bool

    def chevauche(self, autre: Occurrence) -> bool:
        return self.debut <= autre.fin and autre.debut <= self.fin

    def contient(self, autre: Occurrence) -> bool:
        return self.debut <= autre.debut and autre.fin <= self.fin


class LexiqueCompile:
    """Built once per catalogue, then only read (the word cache aside): safe across threads."""

    def __init__(self, lexique: LexiqueFichier) -> None:
        self.abreviations = {cle: tuple(mots(texte)) for cle, texte in lexique.abreviations.items()}
        self.patrons = list(_patrons(lexique, self._ecrit))
        self.premiers: dict[str, list[Patron]] = {}
        for patron in self.patrons:
            for cle in patron.cases[0].cles:
                self.premiers.setdefault(cle, []).append(patron)
        cles = {cle for patron in self.patrons for case in patron.cases for cle in case.cles}
        self.prefixes = frozenset(cle[:-1] for cle in cles if cle.endswith("*"))
        self.vocabulaire = frozenset(cle for cle in cles if not cle.endswith("*"))
        self.connus = mots_francais() | frozenset(lexique.mots_courants)
        self._prefixes_longs = [p for p in self.prefixes if len(p) >= PREFIXE_APPROCHE]
        self._cibles = _par_initiale_et_longueur(self.vocabulaire)
        self._cibles_connues = _par_initiale_et_longueur(self.connus - self.vocabulaire)
        self._par_son: dict[str, set[str]] = {}
        for mot in self.vocabulaire:
            if len(mot) >= 4 and not mot.isdigit():
                self._par_son.setdefault(son(mot), set()).add(mot)
        self._memo: dict[str, tuple[Jeton, ...]] = {}

    def jetons(self, texte: str) -> list[Jeton]:
        return [jeton for mot in self._ecrit(texte) for jeton in self._lire(mot)]

    def trouver(self, jetons: list[Jeton]) -> list[Occurrence]:
        """Every patron found, through the patrons that start with each word."""
        trouvees: list[Occurrence] = []
        for debut, jeton in enumerate(jetons):
            candidats = {id(p): p for cle in jeton.cles for p in self.premiers.get(cle, ())}
            for patron in candidats.values():
                fin = _fin(patron.cases, 1, debut, jetons)
                if fin is not None:
                    approche = any(j.approche for j in jetons[debut : fin + 1])
                    trouvees.append(Occurrence(patron, debut, fin, approche))
        return trouvees

    def _ecrit(self, texte: str) -> list[str]:
        return [m for mot in mots(texte) for m in self.abreviations.get(mot, (mot,))]

    def _lire(self, mot: str) -> tuple[Jeton, ...]:
        jetons = self._memo.get(mot)
        if jetons is None:
            jetons = self._reconnaitre(mot)
            if len(self._memo) >= CACHE_MOTS:
                self._memo.clear()  # bounded: a flood of new words cannot grow it forever
            self._memo[mot] = jetons
        return jetons

    def _reconnaitre(self, mot: str) -> tuple[Jeton, ...]:
        if mot in self.vocabulaire or mot in self.connus or len(mot) < 4 or sans_voyelle(mot):
            return (Jeton(self._cles(mot)),)
        reste = mot[1:]
        if mot[0] in ELISIONS and reste in self.vocabulaire and len(reste) >= 3:
            # "jdors", "mfrappe", "lenfant": an elided word glued without its apostrophe.
            return Jeton(frozenset({ELISIONS[mot[0]]})), Jeton(self._cles(reste))
        propres = self._cles(mot)
        approchees = {cle for corrige in self._corriger(mot) for cle in self._cles(corrige)}
        approchees |= {p + "*" for p in self._prefixes_longs if _debut_proche(mot, p)}
        return (Jeton(propres | approchees, approche=not approchees <= propres),)

    def _cles(self, mot: str) -> frozenset[str]:
        debuts = (mot[:n] for n in range(3, len(mot) + 1))
        return frozenset({mot} | {debut + "*" for debut in debuts if debut in self.prefixes})

    def _corriger(self, mot: str) -> frozenset[str]:
        """The lexicon words this one is a typo of: those that sound the same ("couto"), and
        the closest in spelling, unless a real word is clearly closer."""
        memes_sons = frozenset(self._par_son.get(son(mot), ()))
        minimum = seuil(len(mot))
        proches = _plus_proches(mot, self._cibles, minimum) if minimum else {}
        if not proches:
            return memes_sons
        meilleur = max(proches.values())
        if _plus_proches(mot, self._cibles_connues, min(100.0, meilleur + MARGE_MOT_REEL)):
            return memes_sons
        return memes_sons | {m for m, score in proches.items() if score == meilleur}


# The same reading of words for the lexicon and for the messages.
Ecrire = Callable[[str], list[str]]


def _patrons(lexique: LexiqueFichier, ecrire: Ecrire) -> Iterable[Patron]:
    for urgence, signes in lexique.urgences.items():
        yield from _compiler(signes.expressions, ecrire, Role.urgence, urgence.value)
        yield from _compiler(signes.sauf, ecrire, Role.sauf, urgence.value)
    yield from _compiler(lexique.doutes, ecrire, Role.doute, Role.doute.value)
    yield from _compiler(lexique.presents, ecrire, Role.present, Role.present.value)
    for topic, signes in lexique.topics.items():
        yield from _compiler(signes.mots, ecrire, Role.topic, topic.value, poids=2)
        yield from _compiler(signes.indices, ecrire, Role.topic, topic.value, poids=1)
        for intent, expressions in signes.intentions.items():
            yield from _compiler(expressions, ecrire, Role.intention, topic.value, intent=intent)


def _compiler(
    expressions: list[str], ecrire: Ecrire, role: Role, cible: str, **extra: Any
) -> Iterable[Patron]:
    for expression in expressions:
        for cases in _variantes(expression, ecrire):
            yield Patron(expression, role, cible, cases, **extra)


def _variantes(expression: str, ecrire: Ecrire) -> list[tuple[Case, ...]]:
    """The cases of an expression; a choice of several words makes one variant each."""
    options: list[list[list[Case]]] = []
    ecart = ECART
    for element in _elisions_ecrites(expression.split()):
        if element == "*":  # "* *" lets more words come between
            ecart = ECART_TROU if ecart == ECART else ecart + ECART_TROU
            continue
        options.append(_choix(element, ecart, ecrire))
        ecart = ECART
    return [tuple(itertools.chain.from_iterable(suite)) for suite in itertools.product(*options)]


def _choix(element: str, ecart: int, ecrire: Ecrire) -> list[list[Case]]:
    suites = [
        ["".join(mots(choix[:-1])) + "*"] if choix.endswith("*") else ecrire(choix)
        for choix in element.split("|")
    ]
    simples = frozenset(suite[0] for suite in suites if len(suite) == 1)
    choix = [[Case(simples, ecart)]] if simples else []
    for suite in suites:
        if len(suite) > 1:  # the words of "ce_soir", "aujourd'hui" or "rdv" come together
            choix.append(
                [Case(frozenset({mot}), ecart if i == 0 else 0) for i, mot in enumerate(suite)]
            )
    return choix


def _elisions_ecrites(elements: list[str]) -> list[str]:
    """ "d urgence" written apart in the lexicon is read "d'urgence", as in a message."""
    resultat: list[str] = []
    for element in elements:
        precedent = resultat[-1] if resultat else None
        if precedent in ELIDES and element != "*":
            resultat[-1] = "|".join(
                choix if choix.endswith("*") else f"{precedent}'{choix}"
                for choix in element.split("|")
            )
        else:
            resultat.append(element)
    return resultat


def _fin(cases: tuple[Case, ...], rang: int, position: int, jetons: list[Jeton]) -> int | None:
    """Where the expression ends if its cases from `rang` on follow `position`, else None."""
    if rang == len(cases):
        return position
    case = cases[rang]
    for suivant in range(position + 1, min(position + 2 + case.ecart, len(jetons))):
        if not case.cles.isdisjoint(jetons[suivant].cles):
            fin = _fin(cases, rang + 1, suivant, jetons)
            if fin is not None:
                return fin
    return None


def _par_initiale_et_longueur(mots_: Iterable[str]) -> dict[tuple[str, int], list[str]]:
    groupes: dict[tuple[str, int], list[str]] = {}
    for mot in sorted(mots_):
        if len(mot) >= 3 and not mot.isdigit():
            groupes.setdefault((mot[0], len(mot)), []).append(mot)
    return groupes


def _plus_proches(
    mot: str, groupes: dict[tuple[str, int], list[str]], minimum: float
) -> dict[str, float]:
    """Close words with the same first letter and about the same length, with their score."""
    ecart = ecart_longueur(len(mot))
    cibles = [
        cible
        for longueur in range(len(mot) - ecart, len(mot) + ecart + 1)
        for cible in groupes.get((mot[0], longueur), ())
    ]
    trouves = process.extract(mot, cibles, scorer=fuzz.ratio, score_cutoff=minimum, limit=5)
    return {cible: score for cible, score, _ in trouves}


def sans_voyelle(mot: str) -> bool:
    """Arabic letters are read without their vowels (كيضربني → kydrbny): in such a word one
    letter more or less is another word (كيضروني, "they hurt me", is not كيضربني, "he hits
    me"), so it is never read as a typo of a lexicon word."""
    return not any(lettre in "aeiou" for lettre in mot)


def _debut_proche(mot: str, prefixe: str) -> bool:
    """One typo in the start of the word: "frapait" for frapp*, "sucider" for suicid*."""
    if len(mot) < len(prefixe) - 1 or mot[0] != prefixe[0]:
        return False
    return any(
        Levenshtein.distance(mot[:n], prefixe, score_cutoff=1) <= 1
        for n in (len(prefixe) - 1, len(prefixe), len(prefixe) + 1)
    )
