"""Forms of the booking pages. They render fields and carry the CSRF token; the rules live in
`schemas.py` (shared with the API), whose errors are put back on these fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectField, StringField, TelField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

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
