"""Pages every door shares: home (the five doors), emergency numbers, language, accessibility."""

from flask import Blueprint, Flask

bp = Blueprint("pages", __name__)

from portal.pages import routes, visite  # noqa: E402,F401


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
