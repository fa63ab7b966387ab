"""From a filled-in form to a stored demande: the glue the citizen pages share."""

from __future__ import annotations

from typing import Any

from flask import current_app
from pydantic import ValidationError

from portal.accueil.demandes import Accuse, create_demande
from portal.accueil.forms import URGENCES_DU_FORMULAIRE, DemandeForm
from portal.accueil.schemas import NouvelleDemande
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.i18n import langue
from portal.models import Conversation, SourceDemande
from portal.validation import validation_errors


def submit_demande(
    form: DemandeForm, *, source: SourceDemande, conversation: Conversation | None = None
) -> Accuse | None:
    """Validates with the shared schema; on error, puts each message under its field."""
    catalogue = current_catalogue()
    donnees: dict[str, Any] = {
        "prenom": form.prenom.data or "",
        "commune_saisie": form.commune.data or "",
        "contact": form.contact.data or "",
        "telephone": form.telephone.data or None,
        "email": form.email.data or None,
        "topic": form.topic.data or "autre",
        "message": form.message.data or None,
        "consentement": bool(form.consentement.data),
        "session": conversation.jeton if conversation else None,
        "urgence": _urgence_choisie(form),
    }
    contexte = {"catalogue": catalogue, "urgent": bool(conversation and conversation.urgence)}
    try:
        valides = NouvelleDemande.model_validate(donnees, context=contexte)
    except ValidationError as exc:
        _show(form, validation_errors(exc))
        return None
    return create_demande(
        db.session(),
        donnees=valides,
        source=source,
        langue=langue(),
        catalogue=catalogue,
        now=maintenant(),
        conversation=conversation,
        delais=current_app.config["DELAIS_ACCUEIL"],
    )


def _urgence_choisie(form: DemandeForm) -> str | None:
    """What the person ticked among the urgences the form offers; anything else is none."""
    choix = getattr(form, "urgence", None)
    valeur = choix.data if choix is not None else None
    return valeur if valeur and valeur in URGENCES_DU_FORMULAIRE else None


def _show(form: DemandeForm, erreurs: dict[str, str]) -> None:
    for champ, message in erreurs.items():
        field = getattr(form, champ, None)
        if field is not None:
            field.errors = [message]
        else:
            form.form_errors.append(message)
