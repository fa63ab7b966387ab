"""The safety net and triage of a message: deterministic, fast, and working without Rasa.

`check_urgence` runs on every message of the chat, before and whatever the assistant answers.
It finds an urgence (violence, enfant_danger, sans_abri, suicide, danger_immediat) with the
numbers to call from `content/urgences/numeros.yml`, else the topic of the message, from the
expressions of `content/urgences/lexique.yml` (how a message is read: `lexique.py`).
`POST /api/v1/triage` returns the same result (DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from portal.assistant.lexique import LexiqueCompile, Occurrence, Role
from portal.assistant.normalisation import phrases
from portal.catalogue import Catalogue
from portal.catalogue.schemas.lexique import Topic
from portal.catalogue.schemas.urgence import Numero

TOPIC_URGENCE = "urgence"
CONFIANCE_SANS_SIGNE = 0.3
# A second topic this close to the first (share of its weight, and at least one decisive
# word) is offered too: "loyer impayé et pension alimentaire".
SECOND_TOPIC_PART = 0.75
SECOND_TOPIC_MIN = 2


@dataclass(frozen=True)
class NumeroAppel:
    numero: str
    libelle: str


@dataclass(frozen=True)
class Triage:
    """The answer of POST /api/v1/triage: `topic` is "urgence" exactly when `urgence` is set."""

    topic: str
    urgence: str | None
    intent: str
    confidence: float
    numeros: tuple[NumeroAppel, ...] = ()
    # The urgence types whose words the lexicon saw in a harmless use ("mourir de rire":
    # suicide): the model's second opinion is not asked to overrule that (second_avis.py).
    nuance: tuple[str, ...] = ()
    # A harmless context of the lexicon ("tous les jours", "mort de fatigue") was found, with
    # or without an emergency word under it: the model must be surer (second_avis.py).
    prudence: bool = False
    # An urgence found in a context of doubt (`doutes` of the lexicon): what the lexicon
    # would answer without it, for the model to choose (second_avis.py). None otherwise.
    sans_urgence: Triage | None = None
    # The alert comes from a context of doubt or from an unsure model: the reply gives the
    # numbers without saying that the person is in danger, then answers the question.
    incertaine: bool = False
    # A context of doubt (a calm past, a bereavement) with no word placing a danger now.
    doute: bool = False
    # Another topic nearly as strong as `topic` in the message: the reply offers both.
    second_topic: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "urgence": self.urgence,
            "intent": self.intent,
            "confidence": self.confidence,
            "numeros": [{"numero": n.numero, "libelle": n.libelle} for n in self.numeros],
        }


@dataclass(frozen=True)
class Regles:
    """What the triage needs from the catalogue, prepared once."""

    lexique: LexiqueCompile
    priorite: tuple[str, ...]  # urgence types, most serious first
    ordre_topics: tuple[str, ...]
    intents: dict[str, str]  # topic → its intent when no finer one is found
    numeros: dict[str, tuple[Numero, ...]]  # urgence type → its numbers, in file order


@lru_cache(maxsize=4)
def regles_for(catalogue: Catalogue) -> Regles:
    """Built once per catalogue (the catalogue never changes while the app runs)."""
    fichier = catalogue.lexique
    priorite = tuple(u.value for u in fichier.priorite)
    return Regles(
        lexique=LexiqueCompile(fichier),
        priorite=priorite,
        ordre_topics=tuple(t.value for t in fichier.topics),
        intents={t.value: signes.intent for t, signes in fichier.topics.items()},
        numeros={
            u: tuple(n for n in catalogue.numeros_urgence if u in n.urgences) for u in priorite
        },
    )


def analyse(texte: str, regles: Regles) -> list[Occurrence]:
    """Every expression of the lexicon found in the text: what a triage is decided from."""
    return regles.lexique.trouver(regles.lexique.jetons(texte))


def analyse_phrases(texte: str, regles: Regles) -> list[list[Occurrence]]:
    """The expressions found, sentence by sentence, placed in the words of the whole message
    (an expression never spans two sentences)."""
    resultat: list[list[Occurrence]] = []
    decalage = 0
    for phrase in phrases(texte):
        jetons = regles.lexique.jetons(phrase)
        resultat.append([replace(o, debut=o.debut + decalage, fin=o.fin + decalage)
                         for o in regles.lexique.trouver(jetons)])
        decalage += len(jetons) + 1
    return resultat


def check_urgence(texte: str, *, catalogue: Catalogue, langue: str) -> Triage:
    """The triage of one message: an urgence first (with its numbers), else its topic.

    Each sentence is checked on its own (an emergency told at the end of a long story
    counts); a sentence in a context of doubt (a past event, a film) or next to one gives a
    doubtful alert, unless it places the danger now (`presents`). The topic is chosen from
    the whole message."""
    regles = regles_for(catalogue)
    par_phrase = analyse_phrases(texte, regles)
    trouvees = [o for occurrences in par_phrase for o in occurrences]
    topic, confiance, second = choose_topic(trouvees, regles)
    sans_urgence = Triage(topic, None, _intent(topic, trouvees, regles), confiance,
                          nuance=usages_anodins(trouvees),
                          prudence=any(o.patron.role is Role.sauf for o in trouvees),
                          doute=_a_role(trouvees, Role.doute)
                          and not _a_role(trouvees, Role.present),
                          second_topic=second)
    sures, douteuses = urgences_par_phrase(par_phrase, regles)
    urgence, signes = choose_urgence(sures or douteuses, regles)
    if urgence is None:
        return sans_urgence
    triage = _triage_urgence(urgence, signes, regles, langue)
    if not sures:
        return replace(triage, sans_urgence=sans_urgence, incertaine=True)
    return triage


def urgences_par_phrase(
    par_phrase: list[list[Occurrence]], regles: Regles
) -> tuple[list[Occurrence], list[Occurrence]]:
    """The emergency expressions kept in each sentence (`sauf` of the sentence set aside),
    split between sentences read plainly and sentences in a context of doubt."""
    def a_role(rang: int, role: Role) -> bool:
        return 0 <= rang < len(par_phrase) and any(o.patron.role is role
                                                   for o in par_phrase[rang])

    sures: list[Occurrence] = []
    douteuses: list[Occurrence] = []
    for rang, occurrences in enumerate(par_phrase):
        _, signes = choose_urgence(occurrences, regles, toutes=True)
        doute = any(a_role(r, Role.doute) for r in (rang - 1, rang, rang + 1))
        if doute and not a_role(rang, Role.present):
            douteuses += signes
        else:
            sures += signes
    return sures, douteuses


def choose_urgence(
    trouvees: list[Occurrence], regles: Regles, *, toutes: bool = False
) -> tuple[str | None, list[Occurrence]]:
    """The urgence most expressions point to (between equals, the most serious), once the
    expressions overlapped by a `sauf` of the same type are set aside; `toutes`: the
    expressions of every type are returned."""
    sauf = [o for o in trouvees if o.patron.role is Role.sauf]
    signes = [
        o for o in trouvees
        if o.patron.role is Role.urgence
        and not any(s.patron.cible == o.patron.cible and s.chevauche(o) for s in sauf)
    ]  # fmt: skip
    expressions: dict[str, set[str]] = {}
    for o in signes:
        expressions.setdefault(o.patron.cible, set()).add(o.patron.expression)
    if not expressions:
        return None, []
    choisie = max(expressions, key=lambda u: (len(expressions[u]), -regles.priorite.index(u)))
    return choisie, [o for o in signes if toutes or o.patron.cible == choisie]


def usages_anodins(trouvees: list[Occurrence]) -> tuple[str, ...]:
    """The urgence types an expression `sauf` really set aside: it overlaps an expression of
    the same type that was found. A `sauf` alone ("tous les jours" with no emergency word
    under it) says nothing about the message and vetoes nothing."""
    sauf = [o for o in trouvees if o.patron.role is Role.sauf]
    return tuple(sorted({
        o.patron.cible for o in trouvees
        if o.patron.role is Role.urgence
        and any(s.patron.cible == o.patron.cible and s.chevauche(o) for s in sauf)
    }))  # fmt: skip


def topic_scores(trouvees: list[Occurrence]) -> dict[str, int]:
    """Weight per topic; an expression inside a longer one of the same topic ("reçu" in
    "reçu un courrier") does not count twice."""
    gardees: dict[str, list[Occurrence]] = {}
    for o in sorted(trouvees, key=lambda o: (o.debut - o.fin, -o.patron.poids)):
        if o.patron.role is not Role.topic:
            continue
        du_topic = gardees.setdefault(o.patron.cible, [])
        if not any(g.contient(o) for g in du_topic):
            du_topic.append(o)
    return {topic: sum(o.patron.poids for o in liste) for topic, liste in gardees.items()}


def choose_topic(
    trouvees: list[Occurrence], regles: Regles
) -> tuple[str, float, str | None]:
    """The heaviest topic (between equals, the first of the lexicon), how sure, and a second
    topic nearly as strong (`SECOND_TOPIC_PART`), if any."""
    scores = topic_scores(trouvees)
    if not scores:
        return Topic.autre.value, CONFIANCE_SANS_SIGNE, None
    classes = sorted(scores, key=lambda t: (-scores[t], regles.ordre_topics.index(t)))
    premier = scores[classes[0]]
    second = scores[classes[1]] if len(classes) > 1 else 0
    # Surer with more words for it, less sure when another topic comes close behind.
    confiance = min(0.9, 0.4 + 0.15 * premier) * (1 - second / (2 * premier))
    proche = second >= max(SECOND_TOPIC_MIN, SECOND_TOPIC_PART * premier)
    autre = classes[1] if proche and classes[1] != Topic.autre.value else None
    return classes[0], round(confiance, 2), autre


def _a_role(trouvees: list[Occurrence], role: Role) -> bool:
    return any(o.patron.role is role for o in trouvees)


def _intent(topic: str, trouvees: list[Occurrence], regles: Regles) -> str:
    for o in trouvees:
        if o.patron.role is Role.intention and o.patron.cible == topic:
            return o.patron.intent
    return regles.intents[topic]


def _triage_urgence(
    urgence: str, signes: list[Occurrence], regles: Regles, langue: str
) -> Triage:
    # Less sure when every sign came through a corrected typo; surer with several signs.
    exact = any(not o.approche for o in signes)
    expressions = len({o.patron.expression for o in signes})
    confiance = min(0.99, (0.95 if exact else 0.8) + 0.02 * (expressions - 1))
    numeros = tuple(
        NumeroAppel(n.numero, n.nom.en_langue(langue)) for n in regles.numeros[urgence]
    )
    return Triage(TOPIC_URGENCE, urgence, f"urgence_{urgence}", round(confiance, 2), numeros)
