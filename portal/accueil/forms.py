from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from portal.accueil.schemas import TOPICS
from portal.models import (
    Issue,
    ModeContact,
    NonRecours,
    ResultatAppel,
    SourceDemande,
    StatutDemande,
)


def _choix(libelles: Mapping[str, object]) -> list[SelectChoice]:
    return [SelectChoice(code, libelle) for code, libelle in libelles.items()]  # type: ignore[arg-type]


# What a person can say is urgent on the form (codes of `schemas.URGENCES`).
URGENCES_DU_FORMULAIRE = {
    "": _l("Non"),
    "sans_abri": _l("Oui : je n'ai pas d'endroit où dormir ce soir"),
    "violence": _l("Oui : je subis des violences"),
    "enfant_danger": _l("Oui : un enfant est en danger"),
}


class DemandeForm(FlaskForm):
    """Shape only: the rules live in `schemas.NouvelleDemande`, shared with the API."""

    urgence = RadioField(
        _l("Est-ce urgent ?"),
        description=_l("Si c'est urgent, donnez seulement un prénom (ou un pseudo) et un "
                       "téléphone : nous vous rappelons."),
        choices=_choix(URGENCES_DU_FORMULAIRE),
        validate_choice=False,
        default="",
    )
    prenom = StringField(_l("Votre prénom ou un pseudo"), validators=[Length(max=100)])
    commune = StringField(
        _l("Votre commune"),
        description=_l("Par exemple : Évreux, ou 27000. Facultatif si c'est urgent."),
        validators=[Length(max=100)],
    )
    contact = RadioField(
        _l("Comment voulez-vous être contacté ?"),
        choices=_choix(ModeContact.choix(ModeContact.telephone, ModeContact.email)),
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


class DemandeAgentForm(DemandeForm):
    """A demande taken by an agent on the phone, or brought by an aidant: the same rules."""

    urgence = RadioField(
        _l("Est-ce urgent ?"),
        description=_l("Urgent : un prénom et un téléphone suffisent."),
        choices=_choix({
            "": _l("Non"),
            "sans_abri": _l("Oui : pas d'endroit où dormir ce soir"),
            "violence": _l("Oui : violences"),
            "enfant_danger": _l("Oui : un enfant en danger"),
        }),
        validate_choice=False,
        default="",
    )

    source = RadioField(
        _l("La demande arrive"),
        choices=_choix(SourceDemande.choix(SourceDemande.telephone, SourceDemande.aidant)),
        validate_choice=False,
        default="telephone",
    )
    prenom = StringField(_l("Prénom de la personne"), validators=[Length(max=100)])
    commune = StringField(
        _l("Commune de la personne"),
        description=_l("Par exemple : Évreux, ou 27000."),
        validators=[Length(max=100)],
    )
    message = TextAreaField(
        _l("Ce que la personne demande"),
        description=_l("Ses mots, en quelques lignes : elle n'aura pas à le redire."),
        validators=[Length(max=2000)],
    )
    consentement = BooleanField(
        _l("La personne accepte que le Département garde ces informations pour lui répondre.")
    )


class RelaisForm(DemandeForm):
    """The same form in the chat, with one more way to be reached: staying on the chat."""

    contact = RadioField(
        _l("Comment voulez-vous être contacté ?"),
        # The person's own words for the chat; the other ways are worded on the enum.
        choices=_choix(
            {
                "chat": _l("Je reste sur le chat"),
                **ModeContact.choix(ModeContact.telephone, ModeContact.email),
            }
        ),
        validate_choice=False,
        default="chat",
    )


class ActionForm(FlaskForm):
    """Every action on a demande carries the version the page showed (stale pages)."""

    version = HiddenField()

    def version_attendue(self) -> int | None:
        valeur = self.version.data or ""
        return int(valeur) if valeur.isdigit() else None


class PrendreForm(ActionForm):
    pass


class ReponseAgentForm(ActionForm):
    texte = TextAreaField(_l("Votre réponse"), validators=[Length(max=2000)])


class NoteForm(ActionForm):
    texte = TextAreaField(
        _l("Note pour l'équipe"),
        description=_l("Ce que vous avez fait ou appris. Pas de détail médical."),
        validators=[Length(max=2000)],
    )


RESULTATS_APPEL = ResultatAppel.choix()


class AppelForm(ActionForm):
    resultat = RadioField(_l("Résultat de l'appel"), choices=_choix(RESULTATS_APPEL),
                          validate_choice=False)
    texte = TextAreaField(_l("Commentaire (facultatif)"), validators=[Length(max=2000)])


class OrientationForm(ActionForm):
    partenaire = SelectField(_l("Orienter vers"), validate_choice=False)
    situation = TextAreaField(
        _l("Situation de la personne"),
        description=_l("Ce que le partenaire doit savoir, en quelques lignes."),
        validators=[Length(max=2000)],
    )
    besoin = TextAreaField(_l("Demande de la personne"), validators=[Length(max=2000)])
    consentement = BooleanField(
        _l("La personne est d'accord pour que cette fiche soit transmise au partenaire.")
    )


STATUTS_MANUELS = StatutDemande.choix(StatutDemande.prise_en_charge, StatutDemande.en_attente)


class StatutForm(ActionForm):
    statut = SelectField(_l("Statut"), choices=_choix(STATUTS_MANUELS), validate_choice=False)


NON_RECOURS = {"": _l("Non renseigné"), **NonRecours.choix()}


class NonRecoursForm(ActionForm):
    non_recours = SelectField(_l("Cause du non-recours"), choices=_choix(NON_RECOURS),
                              validate_choice=False)


class ReassignerForm(ActionForm):
    territoire = SelectField(_l("Nouveau territoire"), validate_choice=False)
    lieu = SelectField(_l("Lieu (facultatif)"), validate_choice=False)
    note = TextAreaField(_l("Pourquoi ce changement ?"), validators=[Length(max=2000)])


ISSUES = Issue.choix()


class CloreForm(ActionForm):
    issue = SelectField(
        _l("Comment s'est terminée la demande ?"),
        choices=[SelectChoice("", _l("Choisissez")), *_choix(ISSUES)],  # type: ignore[list-item]
        validate_choice=False,
    )


class RouvrirForm(ActionForm):
    raison = TextAreaField(_l("Pourquoi rouvrir la demande ?"), validators=[Length(max=2000)])


class RelaisWidgetForm(RelaisForm):
    """The chat widget's copy: sent as JSON to the API, which has its own protections."""

    class Meta:
        csrf = False


def relais_widget() -> RelaisWidgetForm:
    return RelaisWidgetForm(prefix="relais", formdata=None)
