"""The routing of a message, shared by `POST /api/v1/triage` and the chat: the lexicon first,
then, when it sees no emergency, a second opinion from Rasa's model.

The lexicon alone misses emergencies written in ways nobody listed (figures in the README);
the model catches many of those. Either one is enough to give the numbers. When Rasa is down
or slow, the lexicon's answer stands.

How much the model must be sure depends on what the lexicon understood (thresholds chosen on
tests/data/triage/dev*.yml, never on heldout.yml):
- a harmless use of emergency words ("mourir de rire", "frapper à la porte"): the model is
  not asked to overrule the lexicon, it raises most of its false alarms there;
- an ordinary topic (rent, RSA…): the model must be quite sure (`Seuils.sujet`);
- nothing the lexicon knows: a lower bar (`Seuils.inconnu`), since that is where the
  emergencies written in unlisted words end up.
The model's score is the sum of its emergency intents: a message torn between "violence" and
"danger immédiat" is still an emergency. The type shown is its best emergency intent.

Without an emergency, the topic stays the lexicon's unless the lexicon is unsure (nothing
found, or a weak lead) and the model is sure of its own (tuning files: 90 % → 92 %).
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.assistant.relay import AssistantIndisponible, RasaClient
from portal.assistant.triage import TOPIC_URGENCE, NumeroAppel, Triage, check_urgence
from portal.catalogue import Catalogue
from portal.catalogue.schemas.lexique import Topic

PREFIXE = "urgence_"
LEXIQUE_DOUTEUX = 0.5  # a lexicon topic below this confidence may be replaced by the model's
MODELE_SUR = 0.7  # … by a model intent at least this sure
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
    if triage.urgence is not None or triage.nuance:
        return triage
    try:
        classement = rasa.parse(texte=texte)
    except AssistantIndisponible:
        return triage
    urgences = {i.removeprefix(PREFIXE): c for i, c in classement.items() if i.startswith(PREFIXE)}
    urgence = max(urgences, key=lambda u: urgences[u]) if urgences else None
    seuil = seuils.inconnu if triage.topic == Topic.autre.value else seuils.sujet
    numeros = tuple(
        NumeroAppel(n.numero, n.nom.en_langue(langue))
        for n in catalogue.numeros_urgence
        if urgence in n.urgences
    )
    if urgence is not None and numeros and sum(urgences.values()) >= seuil:
        score = min(sum(urgences.values()), 1.0)
        return Triage(TOPIC_URGENCE, urgence, PREFIXE + urgence, round(score, 2), numeros)
    return _topic_du_modele(triage, classement)


def _topic_du_modele(triage: Triage, classement: dict[str, float]) -> Triage:
    autres = {i: c for i, c in classement.items() if not i.startswith(PREFIXE)}
    if not autres:
        return triage
    intent = max(autres, key=lambda i: autres[i])
    douteux = triage.topic == Topic.autre.value or triage.confidence < LEXIQUE_DOUTEUX
    if not douteux or autres[intent] < MODELE_SUR:
        return triage
    topic = TOPIC_DE_L_INTENT.get(intent) or (
        Topic(intent) if intent in Topic.__members__ else Topic.autre
    )
    return Triage(topic.value, None, intent, round(autres[intent], 2), nuance=triage.nuance)
