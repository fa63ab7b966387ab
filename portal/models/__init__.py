"""SQLAlchemy models, one module per domain. Importing this package registers every table."""

from portal.models.base import Base
from portal.models.referentiel import LieuRef, TerritoireRef
from portal.models.statistique import StatistiqueJour

__all__ = ["Base", "LieuRef", "StatistiqueJour", "TerritoireRef"]
