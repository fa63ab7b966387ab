"""The words of the assistant's safety net and triage (`urgences/lexique.yml`).

An expression is written as people type it; accents and case do not matter. Its syntax:
- words separated by spaces, in this order; by default one extra word may come between two;
- `*` alone: up to four words of any kind here (`* *`: up to eight);
- `frapp*`: any word that starts with `frapp` (at least 3 letters before the `*`);
- `mari|conjoint|copain`: any of these words (or `debut*`) at this place; a choice of several
  words joins them with `_` (`ce_soir|cette_nuit`).
An elided word may be written apart ("d urgence" is "d'urgence").
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from portal.catalogue.schemas.common import ContentModel, Slug


class TypeUrgence(StrEnum):
    violence = "violence"
    enfant_danger = "enfant_danger"
    sans_abri = "sans_abri"
    suicide = "suicide"
    danger_immediat = "danger_immediat"


class Topic(StrEnum):
    """The triage topics of DESIGN.md, except `urgence` (set only when an urgence is)."""

    rsa = "rsa"
    autonomie = "autonomie"
    handicap = "handicap"
    logement = "logement"
    enfance_famille = "enfance_famille"
    budget = "budget"
    sante = "sante"
    numerique = "numerique"
    courrier = "courrier"
    rendez_vous = "rendez_vous"
    humain = "humain"
    autre = "autre"


_MOT = r"[^\W_]+(?:[-'’_][^\W_]+)*"
_CHOIX = rf"(?:{_MOT}|[^\W_]{{3,}}\*)"
_ELEMENT = re.compile(rf"^(?:\*|{_CHOIX}(?:\|{_CHOIX})*)$")


def _expression(value: str) -> str:
    elements = value.split()
    if not elements:
        raise ValueError("expression vide")
    for element in elements:
        if not _ELEMENT.match(element):
            raise ValueError(
                f"« {element} » : écrivez des mots, « a|b » pour un choix, « * » pour un trou, "
                "ou « debut* » (3 lettres au moins) pour un début de mot"
            )
    if elements[0] == "*" or elements[-1] == "*":
        raise ValueError("une expression ne commence ni ne finit par « * »")
    return value


def _nombre_en_texte(value: object) -> object:
    # A number alone (3919) is read by YAML as an integer: it is a word here.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Expression = Annotated[str, BeforeValidator(_nombre_en_texte), AfterValidator(_expression)]
Expressions = Annotated[list[Expression], Field(min_length=1)]
MotSimple = Annotated[str, Field(pattern=r"^[a-z0-9]+$")]


class SignesUrgence(ContentModel):
    """What signals one type of urgence, and the contexts where the same words do not."""

    expressions: Expressions
    # A match is dropped when one of these overlaps it ("plainte contre la caf").
    sauf: list[Expression] = []


class SignesTopic(ContentModel):
    intent: Slug
    mots: list[Expression] = []  # decisive words: weight 2
    indices: list[Expression] = []  # clues that other topics share: weight 1
    # Finer intents inside the topic; the first that matches wins, else `intent`.
    intentions: dict[Slug, Expressions] = {}


class LexiqueFichier(ContentModel):
    # SMS spellings and abbreviations, as typed → as written in full ("jsui": "je suis").
    abreviations: dict[MotSimple, Annotated[str, Field(min_length=1)]]
    # Real words that must never be taken for a typo of a word of the lexicon.
    mots_courants: list[MotSimple] = []
    urgences: dict[TypeUrgence, SignesUrgence]
    # Contexts that make an emergency found doubtful (a past event, a school project, a
    # figure of speech): the assistant's model then confirms or lifts the alert; when the
    # model does not answer, the alert stands (assistant/second_avis.py).
    doutes: list[Expression] = []
    # Words that put a danger in the present ("ce soir", "en ce moment", "dépêchez-vous"):
    # in their sentence, they outweigh a doubt (a past told, then a danger now).
    presents: list[Expression] = []
    # Which urgence wins when a message matches several, most serious first.
    priorite: list[TypeUrgence]
    topics: dict[Topic, SignesTopic]

    @model_validator(mode="after")
    def _complet(self) -> LexiqueFichier:
        manquants = [t.value for t in TypeUrgence if t not in self.urgences]
        if manquants:
            raise ValueError(f"types d'urgence sans expressions : {', '.join(manquants)}")
        if sorted(self.priorite) != sorted(TypeUrgence):
            raise ValueError("priorite doit lister chaque type d'urgence une fois")
        manquants = [t.value for t in Topic if t not in self.topics]
        if manquants:
            raise ValueError(f"topics absents : {', '.join(manquants)}")
        return self
