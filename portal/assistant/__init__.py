"""Poser une question: the assistant's side of the portal.

`triage` is the deterministic safety net: it runs on every message, also when Rasa is down,
and finds an urgence (with the numbers to call) and the topic of a message from the words of
`content/urgences/lexique.yml`. `normalisation` turns what people type (SMS spelling, no
accents, typos) into the words of that lexicon.
"""

from flask import Flask, request


def widget_assistant() -> bool:
    """The chat widget is on every citizen page, but not on the chat page itself nor for agents."""
    return not request.path.startswith("/agent") and request.endpoint != "assistant.page"


def init_app(app: Flask) -> None:
    # Here, not at the top: the accueil door imports this door's services, and the chat page
    # imports the accueil door's; importing the pages with the package would close the loop.
    from portal.assistant import reponses
    from portal.assistant.cli import assistant_cli
    from portal.assistant.routes import bp

    reponses.init_app(app)
    app.register_blueprint(bp)
    app.cli.add_command(assistant_cli)
    app.jinja_env.globals["widget_assistant"] = widget_assistant
