"""The .ics file of a rendez-vous: one UID for its whole life, SEQUENCE raised at each change,
so that a calendar updates (or cancels) the same event instead of adding a new one."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, Event

from portal.catalogue.schemas.lieu import Lieu
from portal.catalogue.schemas.motif import Motif
from portal.models.rendez_vous import RendezVous, StatutRendezVous


def uid_ics(rdv: RendezVous) -> str:
    return f"{rdv.uid}@bonne-porte"


def calendrier(
    rdv: RendezVous, *, motif: Motif, lieu: Lieu, langue: str, lien: str, now: datetime
) -> bytes:
    annule = rdv.statut == StatutRendezVous.annule
    cal = Calendar()
    cal.add("prodid", "-//Bonne Porte//Rendez-vous//FR")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if annule else "PUBLISH")
    event = Event()
    event.add("uid", uid_ics(rdv))
    event.add("dtstamp", now.astimezone(UTC))
    # In UTC: no VTIMEZONE block needed, every calendar reads it the same way.
    event.add("dtstart", rdv.debut.astimezone(UTC))
    event.add("dtend", rdv.fin.astimezone(UTC))
    event.add("sequence", rdv.sequence)
    event.add("status", "CANCELLED" if annule else "CONFIRMED")
    event.add("summary", motif.nom.en_langue(langue))
    adresse = ", ".join(
        part for part in (lieu.nom, lieu.adresse, lieu.complement_adresse,
                          f"{lieu.code_postal} {lieu.commune}") if part
    )
    event.add("location", adresse)
    a_apporter = "\n".join(f"- {objet.en_langue(langue)}" for objet in motif.a_apporter)
    event.add("description", f"{rdv.reference}\n{a_apporter}\n{lien}".strip())
    event.add("geo", (lieu.latitude, lieu.longitude))
    cal.add_component(event)
    return cal.to_ical()
