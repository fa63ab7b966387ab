"""The routing shared by POST /api/v1/triage and the chat: the lexicon, then the model."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from portal.assistant.relay import AssistantIndisponible, RasaClient
from portal.assistant.second_avis import SEUIL_PASSE, SUJET_SUR, Routeur, Seuils
from portal.catalogue import Catalogue

SEUILS = Seuils(sujet=0.9, inconnu=0.8, confirmation=0.2)


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
    """"mourir de rire": the model's suicide intent is left out, whatever its score."""
    modele = ModeleFactice({"urgence_suicide": 0.99})
    triage = _routeur(catalogue, modele).trier("je veux mourir de rire", "fr")
    assert triage.urgence is None
    assert triage.nuance == ("suicide",)


@pytest.mark.parametrize(("score", "urgence"), [(0.85, None), (0.95, "violence")])
def test_a_harmless_use_vetoes_only_its_own_type(
    catalogue: Catalogue, score: float, urgence: str | None
) -> None:
    """The other types still count, at the bar of an ordinary topic (0.9 here)."""
    modele = ModeleFactice({"urgence_violence": score, "urgence_suicide": 0.05})
    assert _routeur(catalogue, modele).trier("je veux mourir de rire", "fr").urgence == urgence


@pytest.mark.parametrize(("score", "urgence"), [(0.85, None), (0.9, "suicide")])
def test_a_harmless_context_alone_vetoes_nothing(
    catalogue: Catalogue, score: float, urgence: str | None
) -> None:
    """"tous les jours" with no emergency word under it: the model is heard, at the higher
    bar (0.9 here, not the 0.8 of a message the lexicon knows nothing of)."""
    texte = "je pleure tous les jours"
    seul = _routeur(catalogue, None).trier(texte, "fr")
    assert (seul.nuance, seul.prudence) == ((), True)
    modele = ModeleFactice({"urgence_suicide": score})
    assert _routeur(catalogue, modele).trier(texte, "fr").urgence == urgence


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


@pytest.mark.parametrize("classement", [{"prendre_rendez_vous": SUJET_SUR - 0.05},
                                        {"greet": 0.99}])
def test_a_doubtful_model_or_small_talk_keeps_the_lexicon_topic(
    catalogue: Catalogue, classement: dict[str, float]
) -> None:
    seul = _routeur(catalogue, None).trier("xq zzv", "fr")
    assert _routeur(catalogue, ModeleFactice(classement)).trier("xq zzv", "fr").topic == (
        seul.topic
    )


def test_a_sure_model_gives_the_topic(catalogue: Catalogue) -> None:
    """Even over a sure lexicon: on part M, never learnt, the model's topic from SUJET_SUR on
    was right more often (84.7 %) than the lexicon's (67.1 %)."""
    texte = "je voudrais une place en crèche pour mon bébé"
    seul = _routeur(catalogue, None).trier(texte, "fr")
    assert seul.confidence >= 0.5
    assert seul.topic == "enfance_famille"
    assert _routeur(catalogue, ModeleFactice({"rsa": 0.95})).trier(texte, "fr").topic == "rsa"
    assert _routeur(catalogue, ModeleFactice({"rsa": SUJET_SUR})).trier(texte, "fr").topic == (
        "rsa"
    )
    assert _routeur(catalogue, ModeleFactice({"rsa": SUJET_SUR - 0.05})).trier(
        texte, "fr").topic == (
        "enfance_famille"
    )


# An emergency found in a context of doubt (lexique.yml, `doutes`): the model decides.
PASSE = "mon ex était violent mais c'est fini depuis 3 ans, je veux la garde exclusive"


def test_an_emergency_in_a_context_of_doubt_is_lifted_by_a_sure_model(
    catalogue: Catalogue,
) -> None:
    seul = _routeur(catalogue, None).trier(PASSE, "fr")
    assert seul.urgence == "violence"  # without the model, the alert stands
    assert seul.sans_urgence is not None
    modele = ModeleFactice({"enfance_famille": 0.9, "urgence_violence": 0.05})
    triage = _routeur(catalogue, modele).trier(PASSE, "fr")
    assert (triage.topic, triage.urgence, triage.numeros) == ("enfance_famille", None, ())
    assert modele.appels == [PASSE]


@pytest.mark.parametrize(
    "classement",
    [{"urgence_violence": 0.15, "urgence_danger_immediat": 0.1, "enfance_famille": 0.75},
     None],  # the model does not answer
)
def test_an_emergency_in_a_context_of_doubt_stays_unless_the_model_says_otherwise(
    catalogue: Catalogue, classement: dict[str, float] | None
) -> None:
    """0.25 of emergency intents in all is enough to keep it (confirmation bar 0.2)."""
    triage = _routeur(catalogue, ModeleFactice(classement)).trier(PASSE, "fr")
    assert triage.urgence == "violence"
    assert "3919" in [n.numero for n in triage.numeros]


def test_a_plain_emergency_is_never_submitted_to_the_model(catalogue: Catalogue) -> None:
    seul = _routeur(catalogue, None).trier("il me frappe depuis 3 ans", "fr")
    assert (seul.urgence, seul.sans_urgence) == ("violence", None)


@pytest.mark.parametrize(("score", "incertaine"), [(0.3, True), (0.75, False)])
def test_a_doubtful_alert_the_model_confirms_is_sure_only_when_the_model_is(
    catalogue: Catalogue, score: float, incertaine: bool
) -> None:
    triage = _routeur(catalogue, ModeleFactice({"urgence_violence": score})).trier(PASSE, "fr")
    assert (triage.urgence, triage.incertaine) == ("violence", incertaine)


@pytest.mark.parametrize(
    ("texte", "score", "urgence"),
    [
        # A bereavement (issue 16): the model alone must be SEUIL_PASSE sure…
        ("mon mari est mort le mois dernier je sais pas quoi faire pour les papiers",
         SEUIL_PASSE - 0.05, None),
        ("mon mari est mort le mois dernier je sais pas quoi faire pour les papiers",
         SEUIL_PASSE, "violence"),
        # … where an ordinary topic needs 0.5 (the product's bars).
        ("je veux un logement social", 0.55, "violence"),
    ],
)
def test_a_calm_past_raises_the_model_s_bar(
    catalogue: Catalogue, texte: str, score: float, urgence: str | None
) -> None:
    modele: RasaClient = ModeleFactice({"urgence_violence": score})  # type: ignore[assignment]
    routeur = Routeur(catalogue, Seuils(sujet=0.5, inconnu=0.4), modele)
    assert routeur.trier(texte, "fr").urgence == urgence
