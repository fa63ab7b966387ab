from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from portal.accueil.schemas import TOPICS


def _choix(libelles: Mapping[str, object]) -> list[SelectChoice]:
    return [SelectChoice(code, libelle) for code, libelle in libelles.items()]  # type: ignore[arg-type]


class DemandeForm(FlaskForm):
    """Shape only: the rules live in `schemas.NouvelleDemande`, shared with the API."""

    prenom = StringField(_l("Votre prénom"), validators=[Length(max=100)])
    commune = StringField(
        _l("Votre commune"),
        description=_l("Par exemple : Évreux, ou 27000."),
        validators=[Length(max=100)],
    )
    contact = RadioField(
        _l("Comment voulez-vous être contacté ?"),
        choices=_choix({"telephone": _l("Par téléphone"), "email": _l("Par e-mail")}),
        validate_choice=False,
    )
    telephone = StringField(
        _l("Numéro de téléphone"),
        description=_l("Si vous voulez être rappelé. Exemple : 06 12 34 56 78."),
        validators=[Length(max=30)],
    )
    email = StringField(
        _l("Adresse e-mail"),
        description=_l("Si vous voulez une réponse par e-mail."),
        validators=[Length(max=254)],
    )
    topic = SelectField(
        _l("Votre demande concerne"),
        choices=_choix(TOPICS),
        validate_choice=False,
        default="autre",
    )
    message = TextAreaField(
        _l("Votre message (facultatif)"),
        description=_l(
            "Expliquez en quelques mots. N'écrivez pas de code secret ni de mot de passe."
        ),
        validators=[Length(max=2000)],
    )
    consentement = BooleanField(
        _l("J'accepte que le Département garde ces informations pour me répondre. "
           "Elles sont effacées après la fin de ma demande.")
    )


class RelaisForm(DemandeForm):
    """The same form in the chat, with one more way to be reached: staying on the chat."""

    contact = RadioField(
        _l("Comment voulez-vous être contacté ?"),
        choices=_choix(
            {
                "chat": _l("Je reste sur le chat"),
                "telephone": _l("Par téléphone"),
                "email": _l("Par e-mail"),
            }
        ),
        validate_choice=False,
        default="chat",
    )


class ReponseAgentForm(FlaskForm):
    texte = TextAreaField(_l("Votre réponse"), validators=[Length(min=1, max=2000)])


ISSUES = {
    "repondu": _l("Réponse donnée"),
    "rendez_vous": _l("Rendez-vous pris"),
    "oriente": _l("Orienté vers un partenaire"),
    "sans_suite": _l("Sans suite (personne injoignable)"),
}


class CloreForm(FlaskForm):
    issue = SelectField(_l("Comment s'est terminée la demande ?"), choices=_choix(ISSUES))


class RelaisWidgetForm(RelaisForm):
    """The chat widget's copy: sent as JSON to the API, which has its own protections."""

    class Meta:
        csrf = False


def relais_widget() -> RelaisWidgetForm:
    return RelaisWidgetForm(prefix="relais", formdata=None)
