"""Forms of the conseiller's pages. The rules of a mandate live in `mandats.py`: these forms
render the fields and carry the CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from portal.models import Demarche, Duree

DEMARCHES = Demarche.choix()
DUREES = Duree.choix()


def _durees() -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in DUREES.items()]


class CasesACocher(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: object) -> None:
        """The domain says what is wrong (no démarche, an unknown one), in plain words."""


class MandatForm(FlaskForm):
    demarches = CasesACocher(
        _l("La personne est d'accord pour que vous fassiez avec elle :"),
        choices=[SelectChoice(code, label) for code, label in DEMARCHES.items()],
    )
    duree = RadioField(
        _l("Pendant combien de temps ?"), choices=_durees(),
        validate_choice=False,
    )
    prenom = StringField(_l("Prénom de la personne"), validators=[Length(max=100)])
    nom = StringField(
        _l("Nom de famille de la personne"), validators=[Length(max=100)],
        description=_l("Ses 3 premières lettres lui permettront de révoquer le mandat."),
    )
    contact = StringField(
        _l("Un moyen de la joindre (facultatif)"), validators=[Optional(), Length(max=254)],
        description=_l("Seulement si la personne est d'accord : téléphone ou e-mail."),
    )
    texte_lu = BooleanField(
        _l("J'ai lu le texte du mandat à la personne. Elle l'a compris et elle est d'accord."),
        validators=[InputRequired(_l("Lisez le texte du mandat à la personne avant de valider."))],
    )


class RenouvellementForm(FlaskForm):
    duree = RadioField(
        _l("Pendant combien de temps ?"), choices=_durees(),
        validate_choice=False,
    )
    texte_lu = BooleanField(
        _l("J'ai relu le texte du mandat à la personne. Elle est d'accord pour le renouveler."),
        validators=[
            InputRequired(_l("Relisez le texte du mandat à la personne avant de valider."))
        ],
    )


class VerificationForm(FlaskForm):
    lettres = StringField(
        _l("Les 3 premières lettres de votre nom de famille"),
        validators=[InputRequired(_l("Écrivez les 3 premières lettres de votre nom."))],
    )


class DemandeForm(FlaskForm):
    commune = StringField(
        _l("Commune de la personne"), validators=[InputRequired(_l("Écrivez la commune."))],
    )
    message = TextAreaField(
        _l("Ce que la personne demande"),
        validators=[InputRequired(_l("Écrivez ce que la personne demande.")), Length(max=1800)],
    )
    telephone = StringField(
        _l("Téléphone pour la rappeler"),
        validators=[InputRequired(_l("Le premier accueil rappelle la personne : donnez un "
                                     "numéro."))],
    )


class VideForm(FlaskForm):
    """A button that changes something: the CSRF token only."""
