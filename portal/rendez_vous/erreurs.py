"""Domain errors of booking. Each names the field it is about, so that the API and the forms
show the message beside the same field; messages are lazy, translated when shown."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.rendez_vous.creneaux import Creneau


class RendezVousError(Exception):
    champ = "_"
    status = 422

    def __init__(self, message: LazyString | str, champ: str | None = None) -> None:
        super().__init__(message)  # kept lazy: translated when shown, in the reader's language
        self.message = message
        if champ is not None:
            self.champ = champ

    @property
    def erreurs(self) -> dict[str, str]:
        return {self.champ: str(self.message)}


class DemandeInvalide(RendezVousError):
    """Input that reads well but cannot be booked: out of the window, not a créneau, …"""


class HorsSecteur(RendezVousError):
    champ = "lieu"

    def __init__(self) -> None:
        super().__init__(
            _l("Ce lieu n'est pas dans votre territoire. Choisissez un lieu près de chez vous.")
        )


class CreneauPris(RendezVousError):
    """Someone else took the time first; `suivants` are the next free ones."""

    champ = "debut"
    status = 409

    def __init__(self, suivants: list[Creneau]) -> None:
        super().__init__(
            _l("Ce créneau vient d'être pris par une autre personne. Choisissez un autre horaire.")
        )
        self.suivants = suivants


class ModificationImpossible(RendezVousError):
    """Too late to cancel or move from the manage link, or the motif forbids it."""

    status = 409


class VerificationRefusee(RendezVousError):
    champ = "lettres"
    status = 403


class RendezVousIntrouvable(RendezVousError):
    status = 404

    def __init__(self) -> None:
        super().__init__(_l("Ce rendez-vous n'existe pas, ou le lien n'est plus valable."))
