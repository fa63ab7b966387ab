"""A second opinion on emergencies: when the lexicon sees none, Rasa's model may.

The lexicon alone misses too many emergencies written in ways nobody listed (research and
held-out figures in the README); the model catches most of those. Either one is enough to
give the numbers. When Rasa is down, the lexicon's answer stands.
"""

from __future__ import annotations

from portal.assistant.relay import AssistantIndisponible, RasaClient
from portal.assistant.triage import NumeroAppel, Triage
from portal.catalogue import Catalogue

PREFIXE = "urgence_"


def with_model(
    triage: Triage,
    texte: str,
    *,
    rasa: RasaClient,
    catalogue: Catalogue,
    langue: str,
    seuil: float,
) -> Triage:
    if triage.urgence is not None:
        return triage
    try:
        intent, confiance = rasa.parse(texte=texte)
    except AssistantIndisponible:
        return triage
    urgence = intent.removeprefix(PREFIXE)
    numeros = tuple(
        NumeroAppel(n.numero, n.nom.en_langue(langue))
        for n in catalogue.numeros_urgence
        if urgence in n.urgences
    )
    if not intent.startswith(PREFIXE) or confiance < seuil or not numeros:
        return triage
    return Triage("urgence", urgence, intent, round(confiance, 2), numeros)
