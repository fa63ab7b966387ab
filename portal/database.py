"""One SQLAlchemy engine and a request-scoped session per app (no Flask-SQLAlchemy).

`db.session` and `db.engine` are those of the current app: two apps in one process (the
tests, a live server beside them) never share a database by accident.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, scoped_session, sessionmaker


class AppDatabase:
    """What one app holds: its engine and its scoped session."""

    def __init__(self, url: str) -> None:
        options: dict[str, Any] = {}
        if url.startswith("sqlite"):
            # Threads of one process share the file; the busy timeout absorbs short writes.
            options["connect_args"] = {"check_same_thread": False, "timeout": 15}
        else:
            options["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **options)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.session: scoped_session[Session] = scoped_session(
            sessionmaker(bind=self.engine, expire_on_commit=False)
        )


class Database:
    def init_app(self, app: Flask) -> None:
        database = AppDatabase(str(app.config["DATABASE_URL"]))
        app.extensions["database"] = database
        app.teardown_appcontext(lambda _exc: database.session.remove())

    @property
    def session(self) -> scoped_session[Session]:
        return current_app.extensions["database"].session

    @property
    def engine(self) -> Engine:
        return current_app.extensions["database"].engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
