"""How each step of "Mes droits" is asked (its form, heading and hint), and how an answer reads
back in the summary on the results page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import LazyString, format_date, format_decimal
from flask_babel import lazy_gettext as _l

from portal.simulateur.forms import (
    ActiviteForm,
    AutonomieForm,
    CommuneForm,
    DateForm,
    HandicapForm,
    LogementForm,
    MontantForm,
    NaissancesEnfantsForm,
    NombreForm,
    OuiNonForm,
    QuestionForm,
    SejourForm,
    TauxForm,
)


@dataclass(frozen=True)
class Question:
    """How a step is asked: its form, the question (page heading) and a hint."""

    form: type[QuestionForm]
    titre: LazyString
    aide: LazyString | None = None
    autocomplete: str | None = None


AIDE_SALAIRE = _l(
    "Le salaire net par mois. Il est sur votre fiche de paie, en bas : "
    "« net à payer avant impôt ». Si vous n'avez rien, écrivez 0."
)
AIDE_CHOMAGE = _l(
    "Le montant par mois versé par France Travail. Il est sur votre avis de paiement."
)
AIDE_RETRAITE = _l(
    "Le montant brut par mois de toutes les retraites. Il est sur le relevé de pension. "
    "Si vous ne le connaissez pas, écrivez le montant reçu sur le compte."
)
AIDE_AUTONOMIE = _l("Par exemple pour la toilette, l'habillage, les repas ou pour se déplacer.")

QUESTIONS: dict[str, Question] = {
    "commune": Question(
        CommuneForm,
        _l("Dans quelle commune habitez-vous ?"),
        _l("Écrivez le nom de la commune ou le code postal. Par exemple : Évreux, ou 27000."),
        "address-level2",
    ),
    "naissance": Question(
        DateForm, _l("Quelle est votre date de naissance ?"),
        _l("Par exemple : 2 4 1985."), "bday",
    ),
    "activite": Question(ActiviteForm, _l("Que faites-vous en ce moment ?")),
    "salaire": Question(MontantForm, _l("Combien gagnez-vous par mois ?"), AIDE_SALAIRE),
    "chomage": Question(
        MontantForm, _l("Combien recevez-vous de France Travail par mois ?"), AIDE_CHOMAGE
    ),
    "retraite": Question(
        MontantForm, _l("Combien recevez-vous de retraite par mois ?"), AIDE_RETRAITE
    ),
    "handicap": Question(
        HandicapForm,
        _l("Avez-vous un handicap, ou une maladie qui vous gêne tous les jours ?"),
    ),
    "taux_incapacite": Question(
        TauxForm,
        _l("Quel taux d'incapacité la MDPH vous a-t-elle donné ?"),
        _l("Il est écrit sur la décision de la MDPH (maison départementale des personnes "
           "handicapées)."),
    ),
    "autonomie": Question(
        AutonomieForm,
        _l("Avez-vous besoin d'aide pour les gestes de tous les jours ?"),
        AIDE_AUTONOMIE,
    ),
    "couple": Question(
        OuiNonForm,
        _l("Vivez-vous en couple ?"),
        _l("Marié, pacsé, ou en union libre, avec une personne qui vit avec vous."),
    ),
    "conjoint_naissance": Question(
        DateForm, _l("Quelle est la date de naissance de votre conjoint ?"),
        _l("Par exemple : 2 4 1985."),
    ),
    "conjoint_activite": Question(ActiviteForm, _l("Que fait votre conjoint en ce moment ?")),
    "conjoint_handicap": Question(
        HandicapForm,
        _l("Votre conjoint a-t-il un handicap, ou une maladie qui le gêne tous les jours ?"),
    ),
    "conjoint_taux_incapacite": Question(
        TauxForm,
        _l("Quel taux d'incapacité la MDPH a-t-elle donné à votre conjoint ?"),
        _l("Il est écrit sur la décision de la MDPH (maison départementale des personnes "
           "handicapées)."),
    ),
    "conjoint_salaire": Question(
        MontantForm, _l("Combien votre conjoint gagne-t-il par mois ?"), AIDE_SALAIRE
    ),
    "conjoint_chomage": Question(
        MontantForm,
        _l("Combien votre conjoint reçoit-il de France Travail par mois ?"),
        AIDE_CHOMAGE,
    ),
    "conjoint_retraite": Question(
        MontantForm, _l("Combien votre conjoint reçoit-il de retraite par mois ?"), AIDE_RETRAITE
    ),
    "conjoint_autonomie": Question(
        AutonomieForm,
        _l("Votre conjoint a-t-il besoin d'aide pour les gestes de tous les jours ?"),
        AIDE_AUTONOMIE,
    ),
    "enfants": Question(
        NombreForm,
        _l("Combien d'enfants vivent avec vous ?"),
        _l("Les enfants à votre charge, de tout âge. Si vous n'en avez pas, écrivez 0."),
    ),
    "enfants_naissances": Question(
        NaissancesEnfantsForm,
        _l("Quelle est la date de naissance de vos enfants ?"),
        _l("Par exemple : 2 4 2015."),
    ),
    "pension_invalidite": Question(
        OuiNonForm,
        _l("Recevez-vous une pension d'invalidité de la Sécurité sociale ?"),
        _l("Elle est versée par l'Assurance maladie (CPAM ou MSA) quand une maladie ou un "
           "accident empêche de travailler."),
    ),
    "garde_alternee": Question(
        OuiNonForm,
        _l("Vos enfants vivent-ils aussi chez leur autre parent ?"),
        _l("Par exemple une semaine sur deux (garde alternée). Certaines aides sont alors "
           "partagées."),
    ),
    "separation": Question(
        OuiNonForm,
        _l("Votre séparation d'avec l'autre parent date-t-elle de moins de 18 mois ?"),
        _l("Après une séparation, le RSA d'un parent seul peut être plus élevé pendant "
           "un temps."),
    ),
    "grossesse": Question(
        OuiNonForm,
        _l("Attendez-vous un bébé ?"),
        _l("Si vous êtes enceinte et seule, le RSA peut être ouvert ou plus élevé."),
    ),
    "epargne": Question(
        OuiNonForm,
        _l("Avez-vous de l'épargne, ou un bien qui vous rapporte de l'argent ?"),
        _l("Par exemple un livret A, une assurance vie, ou un logement que vous louez. "
           "L'argent du compte courant ne compte pas. Certaines aides en tiennent compte."),
    ),
    "sejour": Question(
        SejourForm,
        _l("Êtes-vous de nationalité française ou européenne ?"),
        _l("Européenne : un pays de l'Union européenne, l'Islande, le Liechtenstein, la Norvège "
           "ou la Suisse. Certaines aides demandent un titre de séjour depuis plusieurs années. "
           "Vous pouvez ne pas répondre : ces aides seront alors « à vérifier »."),
    ),
    "logement": Question(LogementForm, _l("Quelle est votre situation pour le logement ?")),
    "loyer": Question(
        MontantForm,
        _l("Combien payez-vous de loyer par mois ?"),
        _l("Le loyer sans les charges. Il est sur votre quittance de loyer ou votre bail."),
    ),
    "logement_social": Question(
        OuiNonForm,
        _l("Votre logement est-il un logement social (HLM) ?"),
        _l("Un logement loué par un organisme HLM. Si vous ne savez pas, répondez Non."),
    ),
}


def texte_reponse(etape_id: str, valeur: Any, catalogue: Any) -> str:
    """An answer as the person would say it, for the summary on the results page."""
    champ = getattr(QUESTIONS[etape_id].form, "reponse", None)
    if etape_id == "commune":
        commune = catalogue.communes.get(valeur)
        return commune.nom if commune else str(valeur)
    if etape_id == "enfants_naissances":
        return ", ".join(_date_lisible(v) for v in valeur or [])
    if QUESTIONS[etape_id].form is DateForm:
        return _date_lisible(valeur)
    if QUESTIONS[etape_id].form is MontantForm:
        return f"{format_decimal(valeur, format='#,##0.##')} €"
    choix = {c.value: c.label for c in champ.kwargs.get("choices", [])} if champ else {}
    return str(choix.get(valeur, valeur))


def _date_lisible(iso: str | None) -> str:
    return format_date(date.fromisoformat(iso), format="long") if iso else ""
