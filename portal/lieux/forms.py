from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length


class RechercheLieuForm(FlaskForm):
    """A search (GET, nothing stored): no CSRF token needed."""

    class Meta:
        csrf = False

    commune = StringField(
        _l("Votre commune ou votre code postal"),
        description=_l("Par exemple : Évreux, ou 27000."),
        validators=[
            InputRequired(_l("Écrivez le nom de votre commune ou son code postal.")),
            Length(max=100, message=_l("Ce texte est trop long : 100 caractères au plus.")),
        ],
    )
