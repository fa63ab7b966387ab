"""A bar chart drawn as SVG on the server, with `role="img"`, a title and a description that say
the figures in words; every value is written next to its bar, so nothing is said by colour
alone. No inline style (strict CSP): the look comes from classes in static/css/indicateurs.css.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Barre:
    libelle: str
    valeur: float
    texte: str  # written next to the bar and said in the description


@dataclass(frozen=True)
class Graphique:
    ident: str
    titre: str
    description: str
    barres: list[Barre]
    maximum: float | None = None  # 100 for percentages; else the biggest bar


# --- SVG ------------------------------------------------------------------------------------

LARGEUR = 400  # small, so that the text stays readable once scaled down to a phone
MARGE = 8
HAUTEUR_LIGNE = 52  # the label on one line, the bar under it
HAUTEUR_BARRE = 20
PLACE_TEXTE = 150  # room kept right of the longest bar for its value
CHASSE = 8.5  # the mean width of a character at 16px, to see whether a text fits
LIBELLE_MAX = 44  # longer labels are cut in the chart; the table and description keep them


def _court(texte: str) -> str:
    return texte if len(texte) <= LIBELLE_MAX else texte[: LIBELLE_MAX - 1].rstrip() + "…"


def svg(graphique: Graphique) -> Markup:
    """Horizontal bars, each labelled above and with its value written at its end (inside the
    bar, in white, when the bar is too long to leave room after it)."""
    maximum = graphique.maximum or max((b.valeur for b in graphique.barres), default=0) or 1
    longueur = LARGEUR - 2 * MARGE - PLACE_TEXTE
    hauteur = MARGE * 2 + HAUTEUR_LIGNE * max(len(graphique.barres), 1)
    titre_id, desc_id = f"{graphique.ident}-titre", f"{graphique.ident}-description"
    parties = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graphique" role="img" '
        f'viewBox="0 0 {LARGEUR} {hauteur}" aria-labelledby="{titre_id} {desc_id}" '
        f'focusable="false">',
        f'<title id="{titre_id}">{escape(graphique.titre)}</title>',
        f'<desc id="{desc_id}">{escape(graphique.description)}</desc>',
    ]
    for rang, barre in enumerate(graphique.barres):
        y = MARGE + rang * HAUTEUR_LIGNE
        largeur = round(longueur * max(barre.valeur, 0) / maximum, 1)
        place_apres = LARGEUR - MARGE - (MARGE + largeur + 6)
        if len(barre.texte) * CHASSE <= place_apres or largeur < place_apres:
            valeur = (
                f'<text class="graphique-valeur" x="{MARGE + largeur + 6}" y="{y + 39}">'
                f"{escape(barre.texte)}</text>"
            )
        else:
            valeur = (
                f'<text class="graphique-valeur graphique-valeur-dedans" text-anchor="end" '
                f'x="{MARGE + largeur - 6}" y="{y + 39}">{escape(barre.texte)}</text>'
            )
        parties += [
            f'<text class="graphique-libelle" x="{MARGE}" y="{y + 16}">'
            f"{escape(_court(barre.libelle))}</text>",
            f'<rect class="graphique-fond" x="{MARGE}" y="{y + 24}" width="{longueur}" '
            f'height="{HAUTEUR_BARRE}"/>',
            f'<rect class="graphique-barre" x="{MARGE}" y="{y + 24}" width="{largeur}" '
            f'height="{HAUTEUR_BARRE}"/>',
            valeur,
        ]
    parties.append("</svg>")
    return Markup("".join(parties))
