"""The safety net and triage of a message: tests as a table of what people write."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mesures.evaluation import DONNEES, REGLAGE, evaluer, lire_cas
from portal.assistant.lexique import LexiqueCompile
from portal.assistant.normalisation import mots, son
from portal.assistant.triage import check_urgence, regles_for
from portal.catalogue import Catalogue
from portal.catalogue.schemas.lexique import LexiqueFichier, TypeUrgence

URGENCES: list[tuple[str, str]] = [
    # The brief's own examples: indirect, SMS, no accents.
    ("il me frappe qd il boit", "violence"),
    ("jdors dans ma voiture depuis 3 jours", "sans_abri"),
    ("jveux plus vivre", "suicide"),
    ("ma fille a des bleus elle dit que c son beau pere", "enfant_danger"),
    # Typos, letters typed twice or thrice, capitals, no apostrophes.
    ("MON MARI ME FRAPPE", "violence"),
    ("il ma frapé encore", "violence"),
    ("il me tapppe", "violence"),
    ("je veux me suisider", "suicide"),
    ("g envie de crever", "suicide"),
    ("o secour", "danger_immediat"),
    ("il a un couto", "danger_immediat"),
    ("jsui a la rue avec mes enfants", "sans_abri"),
    ("mes parent me frappe j ai 14 ans", "enfant_danger"),
    ("il me viol quand il a bu", "violence"),
    # Numbers people name.
    ("le 115 répond pas", "sans_abri"),
    ("je veux appeler le 3919", "violence"),
    # A child in danger wins over the same words about an adult.
    ("mon père me tape avec la ceinture", "enfant_danger"),
    ("je crois que ma voisine maltraite son bébé", "enfant_danger"),
    # Acute danger first.
    ("au secours il a un couteau", "danger_immediat"),
    ("ma mère est tombée et n'arrive pas à se relever", "danger_immediat"),
    ("il y a une fuite de gaz", "danger_immediat"),
]

SANS_URGENCE: list[tuple[str, str | None]] = [  # None: any topic, but no alarm
    # Near misses: the words of an urgence, in another sense.
    ("porter plainte contre la caf", "rsa"),
    ("mon fils a de la fièvre", "sante"),
    ("je vais me tuer à la tâche pour finir ce dossier", "autre"),
    ("ce dossier me tue", "autre"),
    ("aide aux victimes de violences pour un dossier", "budget"),
    ("j'ai peur de me retrouver à la rue", "autre"),
    ("je risque l'expulsion dans 2 mois", "logement"),
    ("on va mourir de faim", "budget"),
    ("mon proprio me menace d'expulsion", "logement"),
    ("la caf me harcèle avec ses relances pour le rsa", "rsa"),
    ("je suis en danger de perdre mon logement", "logement"),
    ("combien coûte un ehpad", "autonomie"),
    ("je suis aidante de ma mère je suis épuisée", "autonomie"),
    ("je dois avaler des médicaments tous les matins", "sante"),
    ("ma fille a des bleus après sa chute de vélo", None),
    ("le film était trop violent", "autre"),
    ("frapper à la porte avant d'entrer", "autre"),
    ("j'ai un couteau sous la gorge avec les dettes", "budget"),
    # Plain questions, one per topic.
    ("comment faire une demande de rsa", "rsa"),
    ("ma mère a 85 ans et ne peut plus vivre seule", "autonomie"),
    ("comment faire un dossier mdph", "handicap"),
    ("j'ai des impayés de loyer", "logement"),
    ("place en crèche", "enfance_famille"),
    ("edf va me couper le courant", "budget"),
    ("j'ai pas de mutuelle", "sante"),
    ("j'ai oublié mon mot de passe", "numerique"),
    ("j'ai reçu une lettre que je comprends pas", "courrier"),
    ("je voudrais prendre rendez vous", "rendez_vous"),
    ("je veux parler à un humain", "humain"),
    ("bonjour", "autre"),
]

INTENTS: list[tuple[str, str]] = [
    ("je dois annuler mon rdv de demain", "annuler_rendez_vous"),
    ("c'est ou la msd de vernon", "trouver_lieu"),
    ("je voudrais un rendez-vous avec l'assistante sociale", "prendre_rendez_vous"),
    ("t'es un robot ?", "bot_challenge"),
    ("je veux parler à quelqu'un", "demander_humain"),
    ("bonjour", "greet"),
    ("merci beaucoup", "thank"),
    ("quel temps fait il", "out_of_scope"),
    ("mon rsa a été suspendu", "rsa"),
    ("je dors dehors", "urgence_sans_abri"),
]


@pytest.mark.parametrize(("texte", "urgence"), URGENCES)
def test_an_urgence_is_found_however_it_is_written(
    catalogue: Catalogue, texte: str, urgence: str
) -> None:
    triage = check_urgence(texte, catalogue=catalogue, langue="fr")
    assert (triage.urgence, triage.topic) == (urgence, "urgence")
    assert triage.intent == f"urgence_{urgence}"


@pytest.mark.parametrize(("texte", "topic"), SANS_URGENCE)
def test_no_false_alarm_and_the_right_topic(
    catalogue: Catalogue, texte: str, topic: str | None
) -> None:
    triage = check_urgence(texte, catalogue=catalogue, langue="fr")
    assert (triage.urgence, triage.numeros) == (None, ())
    assert triage.topic == (topic or triage.topic) != "urgence"


@pytest.mark.parametrize(("texte", "intent"), INTENTS)
def test_the_intent_uses_the_assistant_names(catalogue: Catalogue, texte: str, intent: str) -> None:
    assert check_urgence(texte, catalogue=catalogue, langue="fr").intent == intent


@pytest.mark.parametrize("urgence", [u.value for u in TypeUrgence])
def test_the_numbers_are_those_of_the_urgence_in_file_order(
    catalogue: Catalogue, urgence: str
) -> None:
    attendus = [n.numero for n in catalogue.numeros_urgence if urgence in n.urgences]
    regles = regles_for(catalogue)
    assert attendus, f"aucun numéro pour {urgence} dans urgences/numeros.yml"
    assert [n.numero for n in regles.numeros[urgence]] == attendus


@pytest.mark.parametrize(
    ("langue", "libelle"),
    [("fr", "Violences Femmes Info"), ("en", "Violence against women helpline"),
     ("ar", "خط العنف ضد النساء"), ("de", "Violences Femmes Info")],
)
def test_labels_are_in_the_person_s_language(
    catalogue: Catalogue, langue: str, libelle: str
) -> None:
    triage = check_urgence("mon mari me frappe", catalogue=catalogue, langue=langue)
    assert [n.numero for n in triage.numeros] == ["17", "114", "3919"]
    assert triage.numeros[-1].libelle == libelle


@pytest.mark.parametrize(
    "texte",
    ["", "   ", "?!…", "😀😀😀", "مرحبا أريد المساعدة", "a" * 5000, "rsa " * 500, "\x00\n\t"],
)
def test_any_text_gets_a_triage_without_error(catalogue: Catalogue, texte: str) -> None:
    triage = check_urgence(texte, catalogue=catalogue, langue="fr")
    assert 0.0 <= triage.confidence <= 1.0
    assert (triage.topic == "urgence") == (triage.urgence is not None)


def test_topic_is_urgence_exactly_when_an_urgence_is_set(catalogue: Catalogue) -> None:
    for cas in lire_cas(DONNEES / "dev.yml"):
        triage = check_urgence(cas.texte, catalogue=catalogue, langue="fr")
        assert (triage.topic == "urgence") == (triage.urgence is not None), cas.texte
        assert bool(triage.numeros) == (triage.urgence is not None), cas.texte
        assert 0.0 <= triage.confidence <= 1.0


def test_the_lexicon_is_compiled_once_per_catalogue(catalogue: Catalogue) -> None:
    assert regles_for(catalogue) is regles_for(catalogue)


# The lexicon alone on each tuning file, as it stands (rounded down): an edit of the lexicon
# must not undo what was tuned. Parts E to G and T1 to T3 were written by people who never
# read the lexicon; only their false alarms were tuned on, hence their low recall (the model
# catches most of the rest: README). The honest figures are on heldout_h.yml.
PLANCHERS = {  # file: (recall ≥, false alarms ≤, topic ≥)
    "dev.yml": (0.99, 0.01, 0.93),
    "dev_ancien_heldout.yml": (0.99, 0.01, 0.90),
    "dev_c.yml": (0.99, 0.01, 0.86),
    "dev_d.yml": (0.99, 0.01, 0.82),
    "dev_e.yml": (0.87, 0.01, 0.78),
    "dev_f.yml": (0.78, 0.01, 0.86),
    "dev_g.yml": (0.66, 0.06, 0.79),
    "dev_t1.yml": (0.75, 0.01, 0.85),
    "dev_t2.yml": (0.69, 0.01, 0.81),
    "dev_t3.yml": (0.60, 0.05, 0.71),
    # Issue 16: French, English and Arabic; calm pasts are unsure alerts without the model.
    "dev_t4.yml": (0.83, 0.12, 0.79),
    # Part I, written blind for tuning and training (issue 16).
    "dev_i.yml": (0.74, 0.05, 0.81),
    # Part J, written blind, measured once on 06/12 (53.2 %, 2.8 %, 66.5 % then), then tuned on.
    "dev_j.yml": (0.62, 0.03, 0.74),
    # T5 (issue 16): figures of speech, relatives, widows' papers, English and Arabic.
    "dev_t5.yml": (0.61, 0.05, 0.73),
    # T6 (issue 16): questions without an emergency in English and Arabic, for the model.
    "dev_t6.yml": (1.0, 0.01, 0.52),
    # Part K, written blind, measured once on 06/12 with the product (96.4 %, 4.6 %, 81.5 %),
    # then tuned on (lexicon alone before: 64.5 %, 4.6 %, 73.6 %).
    "dev_k.yml": (0.68, 0.04, 0.81),
    # T7 (issue 16): the forms part K missed, written after its measure without its sentences.
    "dev_t7.yml": (0.69, 0.05, 0.80),
    # T8 (issue 16): the same forms, measured before being learnt.
    "dev_t8.yml": (0.64, 0.07, 0.75),
    # T9 (issue 16): long calm messages, an emergency sometimes in the last sentence.
    "dev_t9.yml": (0.80, 0.05, 0.76),
    # Part L, written blind, measured once on 07/12 with the product (99.1 %, 7.9 %, 78.2 %),
    # then tuned on (lexicon alone before: 56.4 %, 4.2 %, 66.7 %).
    "dev_l.yml": (0.56, 0.033, 0.67),
    # T10 and T11 (issue 16): written after L's measure without its sentences.
    "dev_t10.yml": (0.75, 0.034, 0.76),
    "dev_t11.yml": (0.70, 0.0, 0.81),
    # M (issue 16): measured once on 07/12 (92.7 %, 6.1 %, 77.1 % with the model), then tuned
    # on (lexicon alone before: 60.0 %, 5.1 %, 65.3 %).
    "dev_m.yml": (0.62, 0.028, 0.67),
    # T12 to T16 (issue 16): written for training by authors who saw neither the lexicon nor
    # the model's data (English, Arabic, false friends, topics, hard emergencies). The lexicon
    # alone misses most emergencies in English and Arabic: the model catches them.
    "dev_t12.yml": (0.32, 0.014, 0.66),
    "dev_t13.yml": (0.32, 0.017, 0.70),
    "dev_t14.yml": (0.71, 0.08, 0.69),
    "dev_t15.yml": (1.0, 0.015, 0.74),
    "dev_t16.yml": (0.47, 0.0, 1.0),
    # N (issue 16): measured once on 07/12 (97.3 %, 2.3 %, 89.8 % with the model), then tuned
    # on (lexicon alone before: 57.3 %, 4.6 %, 65.3 %); T17 (children in danger) and T18 (topics
    # at their borders), written like T12 to T16.
    "dev_n.yml": (0.59, 0.024, 0.67),
    "dev_t17.yml": (0.59, 0.0, 0.62),
    "dev_t18.yml": (1.0, 0.0, 0.72),
    # O (issue 16): measured once on 07/12 (96.4 %, 3.7 %, 88.4 % with the model), then tuned
    # on (lexicon alone before: 62.7 %, 4.2 %, 69.0 %); T19 (emergencies said by the situation
    # alone, and their calm twins) and T20 (many voices), written like T12 to T18.
    "dev_o.yml": (0.62, 0.033, 0.69),
    "dev_t19.yml": (0.30, 0.125, 0.62),
    "dev_t20.yml": (0.61, 0.021, 0.65),
}


def test_every_tuning_file_has_a_floor() -> None:
    assert sorted(PLANCHERS) == sorted(REGLAGE)


@pytest.mark.parametrize(("fichier", "planchers"), sorted(PLANCHERS.items()))
def test_the_tuning_sets_stay_tuned(
    catalogue: Catalogue, fichier: str, planchers: tuple[float, float, float]
) -> None:
    mesures = evaluer(lire_cas(DONNEES / fichier), catalogue)
    rappel, fausses_alertes, topic = planchers
    assert mesures.rappel >= rappel
    assert mesures.taux_fausses_alertes <= fausses_alertes
    assert mesures.precision_topic >= topic


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("J'ai", ["jai"]),
        ("il m'a frappée", ["il", "ma", "frappee"]),
        ("il m a frappée", ["il", "ma", "frappee"]),
        ("l'enfant", ["le", "enfant"]),
        ("qu'il", ["que", "il"]),
        ("AIDEZZZ moiii", ["aidez", "moi"]),
        ("c'est où ?", ["cest", "ou"]),
        ("Évreux-Nord", ["evreux", "nord"]),
    ],
)
def test_words_are_read_without_accents_case_or_elisions(texte: str, attendu: list[str]) -> None:
    assert mots(texte) == attendu


@pytest.mark.parametrize(
    ("ecrit", "entendu"),
    [("couto", "couteau"), ("violance", "violence"), ("dehor", "dehors"), ("tappe", "tape")],
)
def test_words_written_as_heard_sound_the_same(ecrit: str, entendu: str) -> None:
    assert son(ecrit) == son(entendu)


@pytest.mark.parametrize(
    ("mot", "lu_comme"),
    [("jdors", "dors"), ("frape", "frappe"), ("sucider", "suicid*"), ("secour", "secours")],
)
def test_sms_and_typos_are_read_as_lexicon_words(
    catalogue: Catalogue, mot: str, lu_comme: str
) -> None:
    lexique = regles_for(catalogue).lexique
    assert any(lu_comme in jeton.cles for jeton in lexique.jetons(mot))


@pytest.mark.parametrize("mot", ["nourrir", "perdre", "coute", "livre", "epuisee", "danser"])
def test_real_words_are_never_taken_for_a_typo(catalogue: Catalogue, mot: str) -> None:
    lexique = regles_for(catalogue).lexique
    (jeton,) = lexique.jetons(mot)
    assert not jeton.approche
    assert jeton.cles <= {mot} | {mot[:n] + "*" for n in range(3, len(mot) + 1)}


def test_the_word_cache_is_bounded(catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    from portal.assistant import lexique as module

    monkeypatch.setattr(module, "CACHE_MOTS", 10)
    compile_ = LexiqueCompile(catalogue.lexique)
    compile_.jetons(" ".join(f"zorglub{i}" for i in range(25)))
    assert len(compile_._memo) <= 10


def _lexique(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "abreviations": {"jsui": "je suis"},
        "urgences": {u.value: {"expressions": ["au secours"]} for u in TypeUrgence},
        "priorite": [u.value for u in TypeUrgence],
        "topics": {
            t: {"intent": t} for t in
            ["rsa", "autonomie", "handicap", "logement", "enfance_famille", "budget", "sante",
             "numerique", "courrier", "rendez_vous", "humain", "autre"]
        },
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("expression", "raison"),
    [
        ("", "expression vide"),
        ("* frappe", "ne commence ni ne finit"),
        ("frappe *", "ne commence ni ne finit"),
        ("fr*", "3 lettres au moins"),
        ("mari||conjoint", "écrivez des mots"),
        ("il (me) frappe", "écrivez des mots"),
    ],
)
def test_a_badly_written_expression_is_refused_with_its_reason(
    expression: str, raison: str
) -> None:
    data = _lexique(urgences={u.value: {"expressions": [expression]} for u in TypeUrgence})
    with pytest.raises(ValidationError, match=raison):
        LexiqueFichier.model_validate(data)


def test_a_badly_written_context_of_doubt_is_refused() -> None:
    with pytest.raises(ValidationError, match="ne commence ni ne finit"):
        LexiqueFichier.model_validate(_lexique(doutes=["* il y a longtemps"]))


@pytest.mark.parametrize(
    ("changes", "raison"),
    [
        ({"urgences": {"violence": {"expressions": ["il me frappe"]}}}, "sans expressions"),
        ({"priorite": ["violence"]}, "priorite"),
        ({"topics": {"rsa": {"intent": "rsa"}}}, "topics absents"),
        ({"abreviations": {"J'sui": "je suis"}}, "abreviations"),
    ],
)
def test_an_incomplete_lexicon_is_refused(changes: dict[str, object], raison: str) -> None:
    with pytest.raises(ValidationError, match=raison):
        LexiqueFichier.model_validate(_lexique(**changes))


def test_a_number_alone_is_an_expression() -> None:
    data = _lexique(urgences={u.value: {"expressions": [3919]} for u in TypeUrgence})
    assert LexiqueFichier.model_validate(data).urgences[TypeUrgence.violence].expressions == [
        "3919"
    ]
