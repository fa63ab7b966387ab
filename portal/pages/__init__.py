"""Pages every door shares: home (the five doors), emergency numbers, language, accessibility."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from portal.pages import routes, visite  # noqa: E402,F401
