"""The contact step of a booking (the person's page or the agent's): what the form posted, booked,
and when it cannot be, why, as the page shows it."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from portal import validation
from portal.borne.services import a_une_borne, count_at_kiosk
from portal.catalogue import Catalogue
from portal.models import Evenement
from portal.models.rendez_vous import CreePar
from portal.rendez_vous.creneaux import Creneau
from portal.rendez_vous.erreurs import CreneauPris, RendezVousError
from portal.rendez_vous.forms import CoordonneesForm
from portal.rendez_vous.services import CanalReservation, Reservation, book
from portal.validation import DonneesInvalides

CHAMPS_USAGER = ("prenom", "nom", "telephone", "telephone_fixe", "email")


def _champ_du_telephone(form: CoordonneesForm) -> str:
    """The field the number came from: the mobile one, or else the landline one."""
    return "telephone" if (form.telephone.data or "").strip() else "telephone_fixe"


def place_errors(form: CoordonneesForm, erreurs: dict[str, str]) -> list[str]:
    """Field errors beside their field; the others (time, place) at the top of the page."""
    generales = []
    for champ, message in erreurs.items():
        nom = champ.removeprefix("usager.")
        if nom == "telephone" and (form.telephone_fixe.data or "").strip():
            nom = _champ_du_telephone(form)
        if nom in CHAMPS_USAGER or (nom == "commune" and hasattr(form, "commune")):
            getattr(form, nom).errors = [message]
        else:
            generales.append(message)
    return generales


def demande_data(form: CoordonneesForm, **choix: Any) -> dict[str, Any]:
    """The API's body from the form: one number, said to be "portable" (an SMS is promised, so a
    landline is refused) or "fixe" (accepted, without SMS)."""
    usager = {champ: form[champ].data or "" for champ in ("prenom", "nom", "email")}
    champ = _champ_du_telephone(form)
    usager["telephone"] = form[champ].data or ""
    if usager["telephone"].strip():
        usager["telephone_type"] = "portable" if champ == "telephone" else "fixe"
    return {**choix, "usager": usager}


def prefill_telephone(form: CoordonneesForm, e164: str | None) -> None:
    """A number already known goes into the field of its kind (a landline into "fixe")."""
    if e164:
        champ = "telephone" if validation.est_portable(e164) else "telephone_fixe"
        form[champ].data = e164


def _deux_numeros(form: CoordonneesForm) -> bool:
    if (form.telephone.data or "").strip() and (form.telephone_fixe.data or "").strip():
        form.telephone_fixe.errors = [_(
            "Donnez un seul numéro : le portable suffit, c'est lui qui reçoit les SMS."
        )]
        return True
    return False


def book_from_form(
    form: CoordonneesForm,
    data: dict[str, Any],
    *,
    catalogue: Catalogue,
    cree_par: CreePar = CreePar.usager,
    agent_id: int | None = None,
) -> tuple[Reservation | None, list[str], list[Creneau], int]:
    """Books for the contact step (the person's or the agent's). When it cannot, says why as the
    page shows it: errors beside their field or at the top, the next free times after a 409,
    and the status code."""
    if _deux_numeros(form):
        return None, [], [], 400
    try:
        # At a kiosk a person with neither phone nor e-mail still books: she prints the ticket.
        borne = cree_par == CreePar.usager and a_une_borne()
        reservation = book(data, catalogue=catalogue, cree_par=cree_par, agent_id=agent_id,
                           canal=CanalReservation.borne if borne else None)
    except DonneesInvalides as exc:
        return None, place_errors(form, exc.erreurs), [], 400
    except CreneauPris as exc:
        return None, [str(exc.message)], exc.suivants, 409
    except RendezVousError as exc:
        return None, place_errors(form, exc.erreurs), [], exc.status
    if cree_par == CreePar.usager:
        count_at_kiosk(Evenement.borne_rendez_vous)  # nothing when not at a kiosk
    return reservation, [], [], 200
