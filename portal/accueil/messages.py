"""What an agent reads when a value is refused: one plain sentence per field and reason."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

MESSAGES: dict[tuple[str, str], LazyString] = {
    ("texte", "vide"): _l("Écrivez quelque chose avant d'envoyer."),
    ("texte", "trop_long"): _l("2 000 caractères au plus."),
    ("texte", "sans_conversation"): _l(
        "Cette demande n'a pas de conversation : appelez ou écrivez à la personne."
    ),
    ("resultat", "inconnu"): _l("Choisissez le résultat de l'appel."),
    ("partenaire", "inconnu"): _l("Choisissez un partenaire dans la liste."),
    ("situation", "vide"): _l("Décrivez la situation en quelques mots."),
    ("situation", "trop_long"): _l("2 000 caractères au plus."),
    ("besoin", "vide"): _l("Écrivez ce que la personne demande."),
    ("besoin", "trop_long"): _l("2 000 caractères au plus."),
    ("statut", "inconnu"): _l("Choisissez un statut dans la liste."),
    ("non_recours", "inconnu"): _l("Choisissez une cause dans la liste."),
    ("territoire", "inconnu"): _l("Choisissez un territoire dans la liste."),
    ("lieu", "inconnu"): _l("Choisissez un lieu dans la liste."),
    ("lieu", "hors_territoire"): _l("Ce lieu n'est pas dans le territoire choisi."),
    ("note", "vide"): _l("Expliquez en une phrase pourquoi vous transmettez la demande."),
    ("note", "trop_long"): _l("2 000 caractères au plus."),
    ("issue", "manquante"): _l("Choisissez comment la demande s'est terminée."),
    ("raison", "vide"): _l("Expliquez en une phrase pourquoi vous rouvrez la demande."),
    ("raison", "trop_long"): _l("2 000 caractères au plus."),
    ("raison", "pas_close"): _l("Cette demande n'est pas close."),
}


def message_saisie(champ: str, code: str) -> str:
    return str(MESSAGES.get((champ, code), _l("Cette valeur n'est pas acceptée.")))
