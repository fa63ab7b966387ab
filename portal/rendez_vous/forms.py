"""Forms of the booking pages. They render fields and carry the CSRF token; the rules live in
`schemas.py` (shared with the API), whose errors are put back on these fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from portal.lieux.services import RechercheLieuForm


class DebutForm(RechercheLieuForm):
    """Step 1 (GET, nothing stored): the commune, as on "Trouver un lieu", and the motif."""

    motif = RadioField(
        _l("Pourquoi voulez-vous un rendez-vous ?"),
        validators=[InputRequired(_l("Choisissez la raison du rendez-vous."))],
        validate_choice=True,
    )


class CoordonneesForm(FlaskForm):
    prenom = StringField(_l("Prénom"))
    nom = StringField(
        _l("Nom de famille"),
        description=_l("Ses 3 premières lettres vous serviront à modifier le rendez-vous."),
    )
    telephone = TelField(
        _l("Téléphone portable"),
        description=_l(
            "Pour recevoir un SMS de confirmation et un rappel. Exemple : 06 12 34 56 78."
        ),
    )
    telephone_fixe = TelField(
        _l("Téléphone fixe (si vous n'avez pas de portable)"),
        description=_l(
            "Un fixe ne reçoit pas de SMS : ni confirmation ni rappel par SMS. "
            "Gardez le ticket ou notez la date. Exemple : 02 32 12 34 56."
        ),
    )
    email = EmailField(
        _l("Adresse e-mail (facultatif si vous donnez un téléphone)"),
        description=_l("Pour recevoir la confirmation et le fichier d'agenda."),
    )


class CoordonneesAgentForm(CoordonneesForm):
    commune = StringField(
        _l("Code INSEE de la commune de la personne (facultatif)"),
        description=_l("Sert à vérifier le secteur. Exemple : 27229."),
    )


class LettresForm(FlaskForm):
    lettres = StringField(
        _l("Les 3 premières lettres de votre nom de famille"),
        description=_l("Par exemple, pour Martin : mar."),
        validators=[InputRequired(_l("Écrivez les 3 premières lettres de votre nom."))],
    )


class ConfirmerForm(FlaskForm):
    """Only the CSRF token: the button says what happens."""


class MessageForm(FlaskForm):
    message = TextAreaField(
        _l("Message pour la personne (facultatif)"),
        description=_l("Il est envoyé avec l'annonce. Par exemple : la raison du changement."),
        validators=[Optional(), Length(max=500, message=_l("500 caractères au plus."))],
    )


class StatutForm(FlaskForm):
    statut = SelectField(
        _l("Statut"),
        choices=[
            SelectChoice("present", _l("Présent")),
            SelectChoice("absent", _l("Absent sans prévenir")),
            SelectChoice("excuse", _l("Excusé")),
        ],
    )


class SeanceForm(FlaskForm):
    """A new session of a workshop or an information meeting (the rules: `ateliers.py`).
    Each field has one message of ours, whatever WTForms found wrong (`MESSAGES`)."""

    motif = SelectField(_l("Atelier ou réunion"), validate_choice=False)
    jour = DateField(_l("Date"), validators=[InputRequired()],
                     description=_l("Exemple : 2026-12-02."))
    heure = TimeField(_l("Heure de début"), validators=[InputRequired()],
                      description=_l("Exemple : 14:00."))
    places = IntegerField(_l("Nombre de places"),
                          validators=[InputRequired(), NumberRange(min=1, max=500)])

    MESSAGES = {
        "jour": _l("Donnez la date de la séance, par exemple 2026-12-02."),
        "heure": _l("Donnez l'heure de début, par exemple 14:00."),
        "places": _l("Donnez un nombre de places entre 1 et 500."),
    }

    def our_messages(self) -> None:
        for nom, message in self.MESSAGES.items():
            champ = getattr(self, nom)
            if champ.errors:
                champ.errors = [message]
