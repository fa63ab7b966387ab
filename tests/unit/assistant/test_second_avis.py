"""The routing shared by POST /api/v1/triage and the chat: the lexicon, then the model."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from portal.assistant.relay import AssistantIndisponible, RasaClient
from portal.assistant.second_avis import Routeur, Seuils
from portal.catalogue import Catalogue

SEUILS = Seuils(sujet=0.9, inconnu=0.8)


@dataclass
class ModeleFactice:
    """Stands for RasaClient.parse: answers the ranking it was given, and counts the calls."""

    classement: dict[str, float] | None
    appels: list[str] = field(default_factory=list)

    def parse(self, *, texte: str) -> dict[str, float]:
        self.appels.append(texte)
        if self.classement is None:
            raise AssistantIndisponible("arrêté")
        return self.classement


def _routeur(catalogue: Catalogue, modele: ModeleFactice | None) -> Routeur:
    rasa: RasaClient | None = modele  # type: ignore[assignment]  # same duck-typed parse
    return Routeur(catalogue, SEUILS, rasa)


def test_the_lexicon_answers_first_without_asking_the_model(catalogue: Catalogue) -> None:
    modele = ModeleFactice({"urgence_suicide": 0.99})
    triage = _routeur(catalogue, modele).trier("mon mari me frappe", "fr")
    assert triage.urgence == "violence"
    assert modele.appels == []


def test_emergency_intents_add_up(catalogue: Catalogue) -> None:
    """Torn between two emergencies, the model still sees one: the best type is shown."""
    modele = ModeleFactice({"urgence_violence": 0.45, "urgence_danger_immediat": 0.4,
                            "greet": 0.15})
    triage = _routeur(catalogue, modele).trier("xq zzv", "fr")
    assert (triage.topic, triage.urgence, triage.intent) == (
        "urgence", "violence", "urgence_violence"
    )
    assert triage.confidence == 0.85
    assert "3919" in [n.numero for n in triage.numeros]


@pytest.mark.parametrize(
    ("texte", "score", "urgence"),
    [
        ("xq zzv", 0.79, None),  # nothing the lexicon knows: 0.8 needed
        ("xq zzv", 0.8, "suicide"),
        ("je veux un logement social", 0.85, None),  # an ordinary topic: 0.9 needed
        ("je veux un logement social", 0.9, "suicide"),
    ],
)
def test_the_bar_depends_on_what_the_lexicon_understood(
    catalogue: Catalogue, texte: str, score: float, urgence: str | None
) -> None:
    triage = _routeur(catalogue, ModeleFactice({"urgence_suicide": score})).trier(texte, "fr")
    assert triage.urgence == urgence


def test_a_harmless_use_of_emergency_words_is_not_overruled(catalogue: Catalogue) -> None:
    modele = ModeleFactice({"urgence_suicide": 0.99})
    triage = _routeur(catalogue, modele).trier("je veux mourir de rire", "fr")
    assert triage.urgence is None
    assert triage.nuance
    assert modele.appels == []


def test_without_the_model_the_lexicon_answer_stands(catalogue: Catalogue) -> None:
    arrete = _routeur(catalogue, ModeleFactice(None)).trier("xq zzv", "fr")
    seul = _routeur(catalogue, None).trier("xq zzv", "fr")
    assert arrete == seul
    assert arrete.urgence is None


def test_an_unknown_emergency_type_gives_no_alarm(catalogue: Catalogue) -> None:
    triage = _routeur(catalogue, ModeleFactice({"urgence_inventee": 0.99})).trier("xq", "fr")
    assert triage.urgence is None


def test_an_unsure_lexicon_takes_the_model_topic(catalogue: Catalogue) -> None:
    modele = ModeleFactice({"prendre_rendez_vous": 0.8, "urgence_suicide": 0.1})
    triage = _routeur(catalogue, modele).trier("xq zzv", "fr")
    assert (triage.topic, triage.urgence, triage.intent) == (
        "rendez_vous", None, "prendre_rendez_vous"
    )


@pytest.mark.parametrize("classement", [{"prendre_rendez_vous": 0.6}, {"greet": 0.99}])
def test_a_doubtful_model_or_small_talk_keeps_the_lexicon_topic(
    catalogue: Catalogue, classement: dict[str, float]
) -> None:
    seul = _routeur(catalogue, None).trier("xq zzv", "fr")
    assert _routeur(catalogue, ModeleFactice(classement)).trier("xq zzv", "fr").topic == (
        seul.topic
    )


def test_a_sure_lexicon_keeps_its_topic(catalogue: Catalogue) -> None:
    texte = "je voudrais une place en crèche pour mon bébé"
    seul = _routeur(catalogue, None).trier(texte, "fr")
    assert seul.confidence >= 0.5
    triage = _routeur(catalogue, ModeleFactice({"rsa": 0.95})).trier(texte, "fr")
    assert triage.topic == seul.topic == "enfance_famille"
