"""SQLAlchemy models, one module per domain. Importing this package registers every table."""

from portal.models.agent import Agent, Role
from portal.models.base import Base
from portal.models.referentiel import LieuRef, TerritoireRef
from portal.models.statistique import StatistiqueJour

__all__ = ["Agent", "Base", "LieuRef", "Role", "StatistiqueJour", "TerritoireRef"]
