"""One small form per kind of question. Forms only read what was typed (a date in three
boxes, "1 200,50 €"); the rules (no future date, no negative amount…) are the shared
schema's, checked in `saisie.py`."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, FieldList, RadioField, SelectChoice, StringField
from wtforms.utils import unset_value
from wtforms.validators import InputRequired, Length, ValidationError

from portal.simulateur.montants import read_montant
from portal.simulateur.schemas import LIBELLES_SEJOUR, Sejour

CHOISIR = _l("Choisissez une réponse.")
PARTIES_DATE = ("jour", "mois", "annee")


class DateEnTroisChamps(Field):
    """A date typed in three boxes (day, month, year): easier than a date picker on an old
    phone or with a screen reader. `data` is the ISO date, or None when it does not exist."""

    def process(
        self, formdata: Any, data: Any = unset_value, extra_filters: Any = None
    ) -> None:
        self.process_errors = []
        noms = {partie: f"{self.name}-{partie}" for partie in PARTIES_DATE}
        if formdata is not None and any(nom in formdata for nom in noms.values()):
            self.parties = {p: (formdata.get(nom) or "").strip() for p, nom in noms.items()}
        else:
            self.parties = _parties_of(None if data is unset_value else data)
        self.raw_data = list(self.parties.values())
        self.data = _iso_of(self.parties)

    def pre_validate(self, form: Any) -> None:
        if not any(self.parties.values()):
            self.errors.append(_l("Écrivez la date : le jour, le mois et l'année."))
        elif self.data is None:
            self.errors.append(_l("Cette date n'existe pas. Exemple : 2 4 1985."))


def _parties_of(iso: str | None) -> dict[str, str]:
    try:
        jour = date.fromisoformat(iso) if iso else None
    except ValueError:
        jour = None
    if jour is None:
        return dict.fromkeys(PARTIES_DATE, "")
    return {"jour": str(jour.day), "mois": str(jour.month), "annee": str(jour.year)}


def _iso_of(parties: dict[str, str]) -> str | None:
    if not all(parties[p].isdigit() for p in PARTIES_DATE) or len(parties["annee"]) != 4:
        return None
    try:
        return date(int(parties["annee"]), int(parties["mois"]), int(parties["jour"])).isoformat()
    except ValueError:
        return None


class QuestionForm(FlaskForm):
    """A page with one answer, `reponse`; `gabarit` names the partial that shows it."""

    gabarit = "choix"

    def fill(self, valeur: Any) -> None:
        self.reponse.data = valeur

    def valeur(self) -> Any:
        return self.reponse.data

    def erreurs(self) -> list[tuple[str, str]]:
        """(id of the box to go to, message), for the summary at the top of the page."""
        liste = []
        for field in self:
            for entree in field.entries if isinstance(field, FieldList) else [field]:
                if entree.errors and entree.type != "CSRFTokenField":
                    liste.append((_ancre(entree), str(entree.errors[0])))
        return liste


def _ancre(field: Field) -> str:
    if isinstance(field, DateEnTroisChamps):
        return f"{field.id}-jour"
    if isinstance(field, RadioField):
        return f"{field.id}-0"
    return field.id


def _une_reponse(*choix: tuple[str, Any], verifie_le_choix: bool = True) -> Any:
    """A question's radio buttons: one answer, required, among `choix` (value, label)."""
    return RadioField(
        choices=[SelectChoice(valeur, libelle) for valeur, libelle in choix],
        validate_choice=verifie_le_choix,
        validators=[InputRequired(CHOISIR)],
    )


class ActiviteForm(QuestionForm):
    reponse = _une_reponse(
        ("salarie", _l("Salarié ou salariée (aussi en intérim ou en apprentissage)")),
        ("chomeur", _l("Au chômage")),
        ("etudiant", _l("Étudiant ou étudiante")),
        ("retraite", _l("À la retraite")),
        ("independant", _l("À son compte (indépendant, auto-entrepreneur)")),
        ("inactif", _l("Sans activité")),
        verifie_le_choix=False,  # the schema checks the value
    )


class OuiNonForm(QuestionForm):
    reponse = _une_reponse(("oui", _l("Oui")), ("non", _l("Non")), verifie_le_choix=False)


class HandicapForm(QuestionForm):
    reponse = _une_reponse(("oui", _l("Oui")), ("non", _l("Non")))


class SejourForm(QuestionForm):
    reponse = _une_reponse(*((s.value, LIBELLES_SEJOUR[s]) for s in Sejour))


class TauxForm(QuestionForm):
    reponse = _une_reponse(
        ("80_plus", _l("De 80 à 100 %")),
        ("50_79", _l("De 50 à 79 %")),
        ("moins_50", _l("Moins de 50 %")),
        ("ne_sait_pas", _l("Je ne sais pas, ou je n'ai pas encore de taux")),
    )


class AutonomieForm(QuestionForm):
    reponse = _une_reponse(
        ("jamais", _l("Jamais")),
        ("parfois", _l("Parfois")),
        ("souvent", _l("Souvent, ou tous les jours")),
    )


class LogementForm(QuestionForm):
    reponse = _une_reponse(
        ("locataire", _l("Je suis locataire")),
        ("proprietaire", _l("Je suis propriétaire")),
        ("heberge", _l("Je suis hébergé ou hébergée (chez de la famille, des amis…)")),
        ("sans_domicile", _l("Je n'ai pas de logement")),
        verifie_le_choix=False,
    )


class MontantForm(QuestionForm):
    gabarit = "montant"
    reponse = StringField(
        validators=[
            InputRequired(_l("Écrivez un montant. Si vous ne recevez rien, écrivez 0.")),
            Length(max=20, message=_l("Écrivez un nombre.")),
        ],
    )

    def fill(self, valeur: Any) -> None:
        if isinstance(valeur, int | float):
            valeur = format_decimal(valeur, format="0.##")  # 1200,5 in French
        self.reponse.data = valeur

    def valeur(self) -> float | str:
        """The amount read, or the text as typed: the schema reads it with the same function
        and answers "Écrivez un nombre." in the person's language."""
        lecture = read_montant(self.reponse.data or "")
        return self.reponse.data or "" if lecture.valeur is None else lecture.valeur

    def doute(self, confirme: str | None) -> str | None:
        """The amount to show back ("1 200") before using it, unless this text was confirmed."""
        texte = self.reponse.data or ""
        lecture = read_montant(texte)
        if lecture.valeur is None or not lecture.douteux or confirme == texte:
            return None
        return str(format_decimal(lecture.valeur, format="#,##0.##"))


class NombreForm(QuestionForm):
    gabarit = "nombre"
    reponse = StringField(
        validators=[InputRequired(_l("Écrivez un nombre. Si vous n'en avez pas, écrivez 0."))],
    )

    def validate_reponse(self, field: Field) -> None:
        if not (field.data or "").strip().isdigit():
            raise ValidationError(_l("Écrivez un nombre. Si vous n'en avez pas, écrivez 0."))

    def fill(self, valeur: Any) -> None:
        self.reponse.data = "" if valeur is None else str(valeur)

    def valeur(self) -> int:
        return int((self.reponse.data or "0").strip())


class DateForm(QuestionForm):
    gabarit = "date"
    reponse = DateEnTroisChamps()

    def fill(self, valeur: Any) -> None:
        self.reponse.process(None, valeur)


class CommuneForm(QuestionForm):
    """The commune is typed; when several match, the person picks one (`code`)."""

    gabarit = "commune"
    reponse = StringField(
        validators=[
            InputRequired(_l("Écrivez le nom de votre commune ou son code postal.")),
            Length(max=100, message=_l("Ce texte est trop long : 100 caractères au plus.")),
        ],
    )
    code = RadioField(_l("Choisissez votre commune :"), validate_choice=False)


class NaissancesEnfantsForm(QuestionForm):
    gabarit = "dates_enfants"
    naissances = FieldList(DateEnTroisChamps(), min_entries=1)

    def fill(self, valeur: Any) -> None:
        pass  # filled when built, see `naissances_form`

    def valeur(self) -> list[str | None]:
        return [entree.data for entree in self.naissances]


def naissances_form(
    nombre: int, naissances: list[str | None], **kwargs: Any
) -> NaissancesEnfantsForm:
    """One date per child; what was typed (POST) wins over what was stored."""
    form = NaissancesEnfantsForm(**kwargs)
    if not form.is_submitted():
        while len(form.naissances):
            form.naissances.pop_entry()
        for i in range(nombre):
            form.naissances.append_entry(naissances[i] if i < len(naissances) else None)
    while len(form.naissances) < nombre:
        form.naissances.append_entry()
    while len(form.naissances) > nombre:
        form.naissances.pop_entry()
    return form
