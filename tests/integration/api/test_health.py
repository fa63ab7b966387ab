from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from flask import Flask
from flask.testing import FlaskClient


def test_health_reports_each_part(client: FlaskClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["checks"]["database"] == "ok"
    # Nothing listens on RASA_URL in the tests: the assistant is reported down, honestly.
    assert body["checks"]["assistant"] == "unavailable"
    assert body["checks"]["simulateur"] in {"ok", "warming", "unavailable"}
    assert body["status"] == "degraded"


class _Rasa(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802  (http.server's naming)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"Hello from Rasa: 3.6.21")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def rasa_up() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Rasa)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_health_sees_a_running_assistant(app: Flask, client: FlaskClient, rasa_up: str) -> None:
    app.config["RASA_URL"] = rasa_up
    assert client.get("/api/v1/health").get_json()["checks"]["assistant"] == "ok"


def test_health_says_when_the_database_is_down(app: Flask, client: FlaskClient) -> None:
    from sqlalchemy import create_engine

    database = app.extensions["database"]
    database.session.configure(bind=create_engine("sqlite:////nonexistent/dir/x.db"))
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"] == "unavailable"
