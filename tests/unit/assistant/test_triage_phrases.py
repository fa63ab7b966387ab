"""The safety net on the way people write (issue 16): sentence by sentence, tense, person,
figures of speech, a relative's emergency; the topic from the whole message."""

from __future__ import annotations

import pytest

from portal.assistant.normalisation import phrases
from portal.assistant.triage import check_urgence
from portal.catalogue import Catalogue

URGENCES: list[tuple[str, str]] = [
    # A relative's medical emergency, told in a rush (15/112).
    ("mon père son cœur s'est arrêté", "danger_immediat"),
    ("mon frère est tombé dépêchez-vous", "danger_immediat"),
    ("ma mamie elle est tombée vite svp", "danger_immediat"),
    # Someone reported about, now.
    ("ma voisine agée ne répond pas, ses volets sont fermés toute la journée",
     "danger_immediat"),
    ("j'entends des cris et des objets qui tombent à travers le plafond chez les voisins",
     "violence"),
    # A teenager threatened at home, someone stalked by an ex, a life in a car.
    ("j'ai 15 ans mon père me menace à la maison", "enfant_danger"),
    ("je regarde tout le temps derrière moi parce que mon ex me menace", "violence"),
    ("je vis dans ma voiture depuis 2 ans depuis ma séparation", "sans_abri"),
    # The danger in the last sentence of a long story.
    ("Bonjour. J'ai fait une demande de RSA il y a 3 ans et tout allait bien. Après j'ai "
     "déménagé pour le travail. Ce soir mon mari m'a frappée.", "violence"),
    # English and Arabic (darija, in Arabic or Latin letters).
    ("my husband hit me tonight and took my phone", "violence"),
    ("I have nowhere to sleep tonight", "sans_abri"),
    ("زوجي يضربني ويهددني", "violence"),
    ("بغيت نموت", "suicide"),
    ("ma3ndi fin nbat lyoum", "sans_abri"),
    # A past told, then the danger now: "ce soir" outweighs the doubt.
    ("Il y a 3 ans il m'a déjà frappée. Ce soir il recommence, il me frappe.", "violence"),
    # Parts J and T5 (issue 16): a relative in pain, the last wishes, darija and English.
    ("MON FRERE SE TORD DE DOULEUR DANS LE SALON", "danger_immediat"),
    ("ma tante a avalé des cachets, elle dort et on arrive pas à la réveiller",
     "danger_immediat"),
    ("j'ai préparé mes dernières volontés, c'est pour ce soir", "suicide"),
    ("ghadi nrmi rassi mn lbalcon", "suicide"),
    ("my grandad isn't breathing, he fell in the kitchen", "danger_immediat"),
    ("we are sleeping in a stairwell with the kids", "sans_abri"),
    ("no point going on, I'm on the roof of my building", "suicide"),
    ("knbt f ttomobil mn chhrin", "sans_abri"),
]

SANS_URGENCE: list[tuple[str, str | None]] = [  # None: any topic, but no alarm
    # Figures of speech.
    ("je m'étrangle avec les factures", "budget"),
    ("je me sens comme une SDF", None),
    ("ce site va me tuer", None),
    ("j'ai vu un film où une femme est battue", None),
    # Past events, a fire asked about for the landlord, a widow's paperwork.
    ("il y a eu un incendie dans mon appartement en location, quelles sont les obligations "
     "du propriétaire", "logement"),
    ("mon mari est mort le mois dernier je sais pas quoi faire pour les papiers", None),
    ("je suis veuve depuis peu, quelles aides je peux avoir", None),
    # Look-alikes: الشهر (the month) is not الشارع (the street); "3afak" is "please".
    ("الفواتير كثيرة هاد الشهر", None),
    ("3afak bghit nhdar m3a chi had", None),
    ("nous vivons à l'hôtel depuis deux mois grâce au 115, comment avoir un logement social",
     "logement"),
    # Parts J and T5 (issue 16): more figures of speech, a fire asked about, a widower.
    ("avec ces factures je suis SDF dans ma tête", None),
    ("je m'étrangle de colère en lisant ce courrier", None),
    ("ma fille m'a tuée avec ses caprices ce matin", None),
    ("incendie chez nous en juin, le bailleur doit-il nous reloger ailleurs", "logement"),
    ("ma femme est décédée en mars, à qui je dois envoyer ses papiers", None),
    # Arabic read without vowels: one letter away is another word, not a typo ("they hurt
    # me", said of teeth, is not "he hits me"; "who speaks" is not "threatens").
    ("سناني كيضروني وما عنديش الفلوس", None),
    ("واش كاين شي واحد كيهضر العربية", None),
]


@pytest.mark.parametrize(("texte", "urgence"), URGENCES)
def test_an_urgence_is_found_in_real_writing(
    catalogue: Catalogue, texte: str, urgence: str
) -> None:
    triage = check_urgence(texte, catalogue=catalogue, langue="fr")
    assert (triage.urgence, triage.incertaine) == (urgence, False)


@pytest.mark.parametrize(("texte", "topic"), SANS_URGENCE)
def test_a_figure_of_speech_or_a_calm_past_is_no_alarm(
    catalogue: Catalogue, texte: str, topic: str | None
) -> None:
    triage = check_urgence(texte, catalogue=catalogue, langue="fr")
    assert triage.urgence is None
    assert triage.topic == (topic or triage.topic)
    assert triage.topic not in {"urgence", "handicap"}


@pytest.mark.parametrize(
    "texte",
    [
        "quand j'avais 12 ans mon oncle me frappait, j'ai 36 ans maintenant et je voudrais "
        "en parler",
        "à l'époque j'ai dormi dehors 2 mois, maintenant je cherche un logement social",
        "Mon père me battait. J'avais 10 ans. Aujourd'hui je cherche un logement.",
    ],
)
def test_a_past_event_told_calmly_is_an_unsure_alert(catalogue: Catalogue, texte: str) -> None:
    """Without the model the numbers stay, but the reply does not assert a danger."""
    triage = check_urgence(texte, catalogue=catalogue, langue="fr")
    assert triage.urgence is not None
    assert triage.incertaine
    assert triage.sans_urgence is not None and triage.sans_urgence.urgence is None


def test_a_plain_urgence_is_sure(catalogue: Catalogue) -> None:
    triage = check_urgence("mon mari me frappe", catalogue=catalogue, langue="fr")
    assert (triage.incertaine, triage.sans_urgence) == (False, None)


def test_two_strong_topics_are_both_kept(catalogue: Catalogue) -> None:
    triage = check_urgence(
        "J'ai des impayés de loyer et le bailleur parle d'expulsion. Et mon ex ne paye plus "
        "la pension alimentaire depuis la séparation, la garde des enfants est compliquée.",
        catalogue=catalogue, langue="fr",
    )
    assert {triage.topic, triage.second_topic} == {"logement", "enfance_famille"}


def test_one_topic_alone_has_no_second(catalogue: Catalogue) -> None:
    triage = check_urgence("comment faire une demande de rsa", catalogue=catalogue, langue="fr")
    assert (triage.topic, triage.second_topic) == ("rsa", None)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("il me frappe", ["il me frappe"]),
        ("Bonjour. Il y a 3 ans. Ce soir il est là !",
         ["Bonjour  Il y a 3 ans", "Ce soir il est là"]),
        ("ligne un ok\nligne deux ok", ["ligne un ok", "ligne deux ok"]),
        ("il a 3.5 de tension, vite", ["il a 3.5 de tension, vite"]),
        ("", []),
    ],
)
def test_a_message_is_split_into_sentences(texte: str, attendu: list[str]) -> None:
    assert phrases(texte) == attendu
