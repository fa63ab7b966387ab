"""The routing of a message, shared by `POST /api/v1/triage` and the chat: the lexicon first,
then a second opinion from Rasa's model.

The lexicon alone misses emergencies written in ways nobody listed (figures in the README);
the model catches many of those. Either one is enough to give the numbers. When Rasa is down
or slow, the lexicon's answer stands, its alerts included.

The lexicon found an emergency:
- in a plain message, it stands; the model is not asked;
- in a context of doubt (lexique.yml, `doutes`: a past event now settled, a school project,
  "overdose de paperasse"), the model decides: the alert stays unless its emergency intents
  add up to less than `Seuils.confirmation`. That is where most of the lexicon's false alarms
  were (part G: 20 of 24).
The lexicon found none: how sure the model must be depends on what the lexicon understood
(thresholds chosen by training the model without a part, F or T1, and measuring that part;
never on heldout_h.yml):
- emergency words in a harmless use ("mourir de rire": suicide): the model's intents of
  that type are left out, it raises most of its false alarms there; the other types count;
- a harmless context without an emergency word under it ("tous les jours", "mort de
  fatigue") vetoes nothing, but the model must be as sure as on an ordinary topic;
- an ordinary topic (rent, RSA…): `Seuils.sujet`;
- nothing the lexicon knows: a lower bar (`Seuils.inconnu`), since that is where the
  emergencies written in unlisted words end up.
The model's score is the sum of its emergency intents: a message torn between "violence" and
"danger immédiat" is still an emergency. The type shown is its best emergency intent.

How sure the reply sounds (issue 16): an alert the lexicon found in a context of doubt, or
that the model alone raised, stays unsure (`Triage.incertaine`: the numbers, without saying
the person is in danger, then the answer to the question) unless the model's emergency
intents reach `MODELE_SUR`. A calm past or a bereavement the lexicon read (`Triage.doute`,
"mon mari est mort le mois dernier") with no emergency word: the model must reach
`SEUIL_PASSE` to raise one.

Without an emergency, the topic is the model's when it is fairly sure of it (`SUJET_SUR`),
else the lexicon's: on M, with a model that never learnt it, the model's first topic was right
on 84.7 % of the messages without emergency, the lexicon's on 67.1 %.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from portal.assistant.relay import AssistantIndisponible, RasaClient
from portal.assistant.triage import TOPIC_URGENCE, NumeroAppel, Triage, check_urgence
from portal.catalogue import Catalogue
from portal.catalogue.schemas.lexique import Topic

PREFIXE = "urgence_"
# Chosen on 07/12 for the TF-IDF classifier, trained without the blind parts K, L and M and
# measured on them (bot/reports/pipeline_comparison.md):
MODELE_SUR = 0.5  # a sure alert: 90 % of the emergencies it caught, 3 of its 18 false alarms
SEUIL_PASSE = 0.6  # a calm past, no emergency word: the model alone must be this sure
SUJET_SUR = 0.3  # the model's topic from this (else the lexicon's): 85.3 % right, 0.7: 79 %
# The model's intents that are not topics themselves (bot/domain.yml) → their triage topic.
TOPIC_DE_L_INTENT = {
    "code_courrier": Topic.courrier, "prendre_rendez_vous": Topic.rendez_vous,
    "annuler_rendez_vous": Topic.rendez_vous, "trouver_lieu": Topic.rendez_vous,
    "demander_humain": Topic.humain, "bot_challenge": Topic.humain,
}  # fmt: skip


@dataclass(frozen=True)
class Seuils:
    sujet: float  # the lexicon found an ordinary topic
    inconnu: float  # the lexicon found nothing it knows
    confirmation: float = 0.3  # an urgence found in a context of doubt: kept from this score


@dataclass(frozen=True)
class Routeur:
    """Everything the routing of one message needs; `rasa` None: the lexicon alone."""

    catalogue: Catalogue
    seuils: Seuils
    rasa: RasaClient | None = None

    def trier(self, texte: str, langue: str) -> Triage:
        triage = check_urgence(texte, catalogue=self.catalogue, langue=langue)
        if self.rasa is None:
            return triage
        return with_model(triage, texte, rasa=self.rasa, catalogue=self.catalogue,
                          langue=langue, seuils=self.seuils)


def with_model(
    triage: Triage,
    texte: str,
    *,
    rasa: RasaClient,
    catalogue: Catalogue,
    langue: str,
    seuils: Seuils,
) -> Triage:
    if triage.urgence is not None and triage.sans_urgence is None:
        return triage
    try:
        classement = rasa.parse(texte=texte)
    except AssistantIndisponible:
        return triage  # the lexicon's answer stands, its alert too
    if triage.sans_urgence is not None:
        return _confirmer(triage, triage.sans_urgence, classement, seuils)
    urgences = {
        i.removeprefix(PREFIXE): c for i, c in classement.items()
        if i.startswith(PREFIXE) and i.removeprefix(PREFIXE) not in triage.nuance
    }  # fmt: skip
    urgence = max(urgences, key=lambda u: urgences[u]) if urgences else None
    inconnu = triage.topic == Topic.autre.value and not triage.prudence
    seuil = seuils.inconnu if inconnu else seuils.sujet
    if triage.doute:
        seuil = max(seuil, SEUIL_PASSE)
    numeros = tuple(
        NumeroAppel(n.numero, n.nom.en_langue(langue))
        for n in catalogue.numeros_urgence
        if urgence in n.urgences
    )
    if urgence is not None and numeros and sum(urgences.values()) >= seuil:
        score = min(sum(urgences.values()), 1.0)
        return Triage(TOPIC_URGENCE, urgence, PREFIXE + urgence, round(score, 2), numeros,
                      incertaine=score < MODELE_SUR, second_topic=triage.second_topic)
    return _topic_du_modele(triage, classement)


def _confirmer(
    triage: Triage, sans_urgence: Triage, classement: dict[str, float], seuils: Seuils
) -> Triage:
    """An urgence the lexicon found in a context of doubt stays unless the model is sure
    enough that the message is not one."""
    score = sum(c for i, c in classement.items() if i.startswith(PREFIXE))
    if score >= seuils.confirmation:
        return replace(triage, incertaine=score < MODELE_SUR)
    return _topic_du_modele(sans_urgence, classement)


def _topic_du_modele(triage: Triage, classement: dict[str, float]) -> Triage:
    autres = {i: c for i, c in classement.items() if not i.startswith(PREFIXE)}
    if not autres:
        return triage
    intent = max(autres, key=lambda i: autres[i])
    if autres[intent] < SUJET_SUR:
        return triage
    topic = TOPIC_DE_L_INTENT.get(intent) or (
        Topic(intent) if intent in Topic.__members__ else Topic.autre
    )
    paire = {triage.topic, triage.second_topic}
    second = (paire - {topic.value}).pop() if topic.value in paire else None
    return Triage(topic.value, None, intent, round(autres[intent], 2), nuance=triage.nuance,
                  prudence=triage.prudence, doute=triage.doute, second_topic=second)
