"""Answers to "Cette explication vous a aidé ?": no identifier of the person, the day only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base


class AvisCourrier(Base):
    __tablename__ = "avis_courriers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), index=True)
    utile: Mapped[bool] = mapped_column(Boolean)
    # Optional free text, stripped of e-mails and long numbers, emptied after a year.
    commentaire: Mapped[str | None] = mapped_column(Text)
    langue: Mapped[str] = mapped_column(String(5))
    # The day, not the time: an answer cannot be matched with a server log line.
    jour: Mapped[date] = mapped_column(Date, index=True)
