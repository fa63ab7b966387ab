"""Language of the page: the person's choice (session), else the browser's, else French."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale

from portal.config import LANGUES_RTL, ROOT
from portal.extensions import babel


def select_langue() -> str:
    langues = current_app.config["LANGUES"]
    choisie = session.get("langue")
    if choisie in langues:
        return choisie
    return request.accept_languages.best_match(langues) or langues[0]


def langue() -> str:
    return str(get_locale() or "fr")


def direction() -> str:
    return "rtl" if langue() in LANGUES_RTL else "ltr"


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    babel.init_app(app, locale_selector=select_langue)

    @app.context_processor
    def _langue() -> dict[str, object]:
        return {"langue": langue(), "direction": direction(), "langues": app.config["LANGUES"]}
