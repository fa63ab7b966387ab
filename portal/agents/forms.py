from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired, Length


class ConnexionForm(FlaskForm):
    email = EmailField(
        _l("Adresse e-mail professionnelle"),
        validators=[InputRequired(_l("Écrivez votre adresse e-mail.")), Length(max=254)],
    )
    mot_de_passe = PasswordField(
        _l("Mot de passe"),
        validators=[InputRequired(_l("Écrivez votre mot de passe.")), Length(max=200)],
    )


class DeverrouillerForm(FlaskForm):
    """The password again, on a locked page: the e-mail is the session's."""

    mot_de_passe = PasswordField(
        _l("Mot de passe"),
        validators=[InputRequired(_l("Écrivez votre mot de passe.")), Length(max=200)],
    )
