from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length


class BorneForm(FlaskForm):
    lieu = SelectField(_l("Lieu de la borne"),
                       validators=[InputRequired(_l("Choisissez le lieu de la borne."))])
    nom = StringField(
        _l("Nom de la borne"),
        description=_l("Pour la reconnaître dans la liste. Exemple : borne de l'entrée."),
        validators=[InputRequired(_l("Écrivez un nom pour la borne.")), Length(max=100)],
    )
