"""The demandes' journal: who read or changed what, and when. Append-only.

The database refuses UPDATE and DELETE (a trigger on PostgreSQL and on SQLite, from the
migration); the ORM refuses them too, before they reach the database. It holds codes, not
texts: the reference of the demande, the action, and ids or codes in `detail`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base
from portal.models.choix import Choix
from portal.models.registre import LigneJournal, en_ajout_seul


class Action(Choix):
    creation = "creation", _l("Demande reçue")
    lecture = "lecture", _l("Lecture")
    prise_en_charge = "prise_en_charge", _l("Prise en charge")
    reponse = "reponse", _l("Réponse sur le chat")
    note = "note", _l("Note ajoutée")
    appel = "appel", _l("Appel")
    rendez_vous = "rendez_vous", _l("Rendez-vous pris")
    orientation = "orientation", _l("Orientation")
    fiche = "fiche", _l("Fiche de liaison")
    statut = "statut", _l("Statut changé")
    non_recours = "non_recours", _l("Cause du non-recours")
    reassignation = "reassignation", _l("Transmission")
    close = "close", _l("Close")
    reouverture = "reouverture", _l("Rouverte")
    purge = "purge", _l("Données personnelles effacées")


class JournalModifie(Exception):
    """Someone tried to change or delete a line of the journal."""


class EntreeJournal(LigneJournal, Base):
    __tablename__ = "journal_demandes"

    demande_id: Mapped[int] = mapped_column(ForeignKey("demandes.id"), index=True)
    action: Mapped[Action] = mapped_column(String(30))


en_ajout_seul(EntreeJournal, JournalModifie, "le journal des demandes ne se modifie pas")
