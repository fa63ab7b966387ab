"""One SQLAlchemy engine and a request-scoped session per app (no Flask-SQLAlchemy)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, scoped_session, sessionmaker


class Database:
    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.session: scoped_session[Session] | None = None

    def init_app(self, app: Flask) -> None:
        url = str(app.config["DATABASE_URL"])
        options: dict[str, Any] = {"future": True}
        if url.startswith("sqlite"):
            # Threads of one process share the file; the busy timeout absorbs short writes.
            options["connect_args"] = {"check_same_thread": False, "timeout": 15}
        else:
            options["pool_pre_ping"] = True
        self.engine = create_engine(url, **options)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.session = scoped_session(sessionmaker(bind=self.engine, expire_on_commit=False))
        app.extensions["database"] = self
        app.teardown_appcontext(self._remove_session)

    def _remove_session(self, _exc: BaseException | None) -> None:
        if self.session is not None:
            self.session.remove()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
