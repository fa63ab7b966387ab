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
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.assistant.relay import AssistantIndisponible, RasaClient
from portal.assistant.triage import TOPIC_URGENCE, NumeroAppel, Triage, check_urgence
from portal.catalogue import Catalogue
from portal.catalogue.schemas.lexique import Topic

PREFIXE = "urgence_"


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
    if not urgences:
        return triage
    urgence = max(urgences, key=lambda u: urgences[u])
    score = sum(urgences.values())
    seuil = seuils.inconnu if triage.topic == Topic.autre.value else seuils.sujet
    numeros = tuple(
        NumeroAppel(n.numero, n.nom.en_langue(langue))
        for n in catalogue.numeros_urgence
        if urgence in n.urgences
    )
    if score < seuil or not numeros:
        return triage
    return Triage(TOPIC_URGENCE, urgence, PREFIXE + urgence, round(min(score, 1.0), 2), numeros)
