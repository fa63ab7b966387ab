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
# The same codes, as an agent or an aidant asks the person.
URGENCES_AGENT = {
    "": _l("Non"),
    "sans_abri": _l("Oui : pas d'endroit où dormir ce soir"),
    "violence": _l("Oui : violences"),
    "enfant_danger": _l("Oui : un enfant en danger"),
}


def _urgence(description: object, libelles: Mapping[str, object]) -> RadioField:
    return RadioField(
        _l("Est-ce urgent ?"), description=description, choices=_choix(libelles),
        validate_choice=False, default="",
    )


def _texte(libelle: object, maximum: int, description: object = "") -> StringField:
    return StringField(libelle, description=description, validators=[Length(max=maximum)])


def _zone(libelle: object, description: object = "") -> TextAreaField:
    return TextAreaField(libelle, description=description, validators=[Length(max=2000)])


class DemandeForm(FlaskForm):
    """Shape only: the rules live in `schemas.NouvelleDemande`, shared with the API."""

    urgence = _urgence(
        _l("Si c'est urgent, donnez seulement un prénom (ou un pseudo) et un "
           "téléphone : nous vous rappelons."),
        URGENCES_DU_FORMULAIRE,
    )
    prenom = _texte(_l("Votre prénom ou un pseudo"), 100)
    commune = _texte(
        _l("Votre commune"), 100,
        _l("Par exemple : Évreux, ou 27000. Facultatif si c'est urgent."),
    )
    contact = RadioField(
        _l("Comment voulez-vous être contacté ?"),
        choices=_choix(ModeContact.choix(ModeContact.telephone, ModeContact.email)),
        validate_choice=False,
    )
    telephone = _texte(
        _l("Numéro de téléphone"), 30,
        _l("Si vous voulez être rappelé. Exemple : 06 12 34 56 78."),
    )
    email = _texte(_l("Adresse e-mail"), 254, _l("Si vous voulez une réponse par e-mail."))
    topic = SelectField(
        _l("Votre demande concerne"),
        choices=_choix(TOPICS),
        validate_choice=False,
        default="autre",
    )
    message = _zone(
        _l("Votre message (facultatif)"),
        _l("Expliquez en quelques mots. N'écrivez pas de code secret ni de mot de passe."),
    )
    consentement = BooleanField(
        _l("J'accepte que le Département garde ces informations pour me répondre. "
           "Elles sont effacées après la fin de ma demande.")
    )


class DemandeAgentForm(DemandeForm):
    """A demande taken by an agent on the phone, or brought by an aidant: the same rules."""

    urgence = _urgence(_l("Urgent : un prénom et un téléphone suffisent."), URGENCES_AGENT)

    source = RadioField(
        _l("La demande arrive"),
        choices=_choix(SourceDemande.choix(SourceDemande.telephone, SourceDemande.aidant)),
        validate_choice=False,
        default="telephone",
    )
    prenom = _texte(_l("Prénom de la personne"), 100)
    commune = _texte(_l("Commune de la personne"), 100, _l("Par exemple : Évreux, ou 27000."))
    message = _zone(
        _l("Ce que la personne demande"),
        _l("Ses mots, en quelques lignes : elle n'aura pas à le redire."),
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
    texte = _zone(_l("Votre réponse"))


class NoteForm(ActionForm):
    texte = _zone(
        _l("Note pour l'équipe"), _l("Ce que vous avez fait ou appris. Pas de détail médical.")
    )


RESULTATS_APPEL = ResultatAppel.choix()


class AppelForm(ActionForm):
    resultat = RadioField(_l("Résultat de l'appel"), choices=_choix(RESULTATS_APPEL),
                          validate_choice=False)
    texte = _zone(_l("Commentaire (facultatif)"))


class OrientationForm(ActionForm):
    partenaire = SelectField(_l("Orienter vers"), validate_choice=False)
    situation = _zone(
        _l("Situation de la personne"),
        _l("Ce que le partenaire doit savoir, en quelques lignes."),
    )
    besoin = _zone(_l("Demande de la personne"))
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
    note = _zone(_l("Pourquoi ce changement ?"))


ISSUES = Issue.choix()


class CloreForm(ActionForm):
    issue = SelectField(
        _l("Comment s'est terminée la demande ?"),
        choices=[SelectChoice("", _l("Choisissez")), *_choix(ISSUES)],  # type: ignore[list-item]
        validate_choice=False,
    )


class RouvrirForm(ActionForm):
    raison = _zone(_l("Pourquoi rouvrir la demande ?"))


class RelaisWidgetForm(RelaisForm):
    """The chat widget's copy: sent as JSON to the API, which has its own protections."""

    class Meta:
        csrf = False


def relais_widget() -> RelaisWidgetForm:
    return RelaisWidgetForm(prefix="relais", formdata=None)
