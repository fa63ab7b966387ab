"""SQLAlchemy models, one module per domain. Importing this package registers every table."""

from portal.models.agent import Agent, Role
from portal.models.base import Base
from portal.models.borne import Borne, GenreTicket, Ticket
from portal.models.courrier import AvisCourrier
from portal.models.demande import (
    Auteur,
    Conversation,
    Demande,
    GenreSuivi,
    Issue,
    MessageConversation,
    ModeContact,
    NonRecours,
    Orientation,
    ResultatAppel,
    SourceDemande,
    StatutDemande,
    SuiviDemande,
    Topic,
    Urgence,
)
from portal.models.journal import Action, EntreeJournal, JournalModifie
from portal.models.mandat import (
    ActionMandat,
    Demarche,
    Duree,
    EntreeJournalMandat,
    EtatMandat,
    JournalMandatModifie,
    Mandat,
)
from portal.models.referentiel import LieuRef, TerritoireRef
from portal.models.rendez_vous import (
    Absence,
    Notification,
    Plage,
    RendezVous,
    StatutRendezVous,
    TentativeEnvoi,
)
from portal.models.statistique import Evenement, StatistiqueJour

__all__ = [
    "ActionMandat",
    "Demarche",
    "Duree",
    "EntreeJournalMandat",
    "EtatMandat",
    "JournalMandatModifie",
    "Mandat",
    "Absence",
    "Action",
    "EntreeJournal",
    "Evenement",
    "GenreSuivi",
    "Issue",
    "JournalModifie",
    "NonRecours",
    "Orientation",
    "ResultatAppel",
    "SuiviDemande",
    "Topic",
    "Urgence",
    "Agent",
    "Auteur",
    "AvisCourrier",
    "Base",
    "Borne",
    "GenreTicket",
    "Ticket",
    "Conversation",
    "Demande",
    "LieuRef",
    "MessageConversation",
    "ModeContact",
    "Notification",
    "Plage",
    "RendezVous",
    "Role",
    "SourceDemande",
    "StatistiqueJour",
    "StatutDemande",
    "StatutRendezVous",
    "TentativeEnvoi",
    "TerritoireRef",
]
