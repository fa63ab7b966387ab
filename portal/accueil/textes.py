"""Sentences about a demande shown to the person, in their language."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.accueil.demandes import Accuse
from portal.templating import format_datetime_local, format_telephone


def texte_accuse(accuse: Accuse) -> str:
    """What the person reads once the demande is stored: reference, delay, a phone number."""
    parties = [_("Votre demande est enregistrée. Votre référence : %(reference)s.",
                 reference=accuse.demande.reference)]
    if accuse.echeance is not None:
        parties.append(_("Une personne de l'accueil vous répond au plus tard %(quand)s.",
                         quand=format_datetime_local(accuse.echeance, "EEEE d MMMM 'à' HH:mm")))
    if accuse.accueil is not None:
        parties.append(_("Vous pouvez aussi appeler le %(telephone)s.",
                         telephone=format_telephone(accuse.accueil.telephone)))
    return " ".join(parties)

