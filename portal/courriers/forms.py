from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.courriers.services import COMMENTAIRE_MAX


class SaisieCodeForm(FlaskForm):
    """A search (GET, nothing stored): no CSRF token needed."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Le code écrit sur votre courrier"),
        description=_l(
            "Il est écrit près du carré noir et blanc (le QR code). Par exemple : RSA-CTRL."
        ),
        validators=[
            InputRequired(_l("Écrivez le code écrit sur votre courrier.")),
            Length(max=40, message=_l("Ce code est trop long : 40 caractères au plus.")),
        ],
    )


class AvisForm(FlaskForm):
    utile = RadioField(
        _l("Cette explication vous a aidé ?"),
        choices=[SelectChoice("oui", _l("Oui")), SelectChoice("non", _l("Non"))],
        validators=[InputRequired(_l("Choisissez Oui ou Non."))],
    )
    commentaire = TextAreaField(
        _l("Votre commentaire (facultatif)"),
        description=_l(
            "Dites-nous ce qui n'est pas clair. N'écrivez pas votre nom, "
            "ni votre adresse, ni votre numéro de dossier."
        ),
        validators=[
            Optional(),
            Length(
                max=COMMENTAIRE_MAX,
                # WTForms fills in %(max)s once the language of the request is known.
                message=_l("Ce texte est trop long : %(max)s caractères au plus."),
            ),
        ],
    )
