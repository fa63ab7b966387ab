"""Sentences about a demande shown to the person, in their language."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.accueil.demandes import Accuse
from portal.i18n import langue
from portal.templating import format_datetime_local, format_telephone


def texte_accuse(accuse: Accuse) -> str:
    """What the person reads once the demande is stored: the emergency numbers that fit first,
    then the reference, when the accueil opens if it is closed, the delay, a phone number."""
    parties = [
        _("Si vous ne pouvez pas attendre : %(nom)s, %(numero)s.",
          nom=numero.nom.en_langue(langue()), numero=numero.numero)
        for numero in accuse.numeros
    ]
    parties.append(_("Votre demande est enregistrée. Votre référence : %(reference)s.",
                     reference=accuse.demande.reference))
    if accuse.demande.est_urgente:
        parties.append(_("Vos informations servent seulement à vous rappeler. Elles sont "
                         "effacées après la fin de votre demande."))
    if accuse.ouverture is not None:
        parties.append(_("L'accueil est fermé en ce moment. Il ouvre %(quand)s.",
                         quand=format_datetime_local(accuse.ouverture, "EEEE d MMMM 'à' HH:mm")))
    if accuse.echeance is not None:
        parties.append(_("Une personne de l'accueil vous répond au plus tard %(quand)s.",
                         quand=format_datetime_local(accuse.echeance, "EEEE d MMMM 'à' HH:mm")))
    if accuse.accueil is not None and accuse.ouverture is None:
        parties.append(_("Vous pouvez aussi appeler le %(telephone)s.",
                         telephone=format_telephone(accuse.accueil.telephone)))
    return " ".join(parties)
