"""How the indicators are shown: labels, a bar chart drawn as SVG on the server, and the table
with the same figures.

The SVG has `role="img"`, a title and a description that say the figures in words; every value
is written next to its bar, so nothing is said by colour alone. No inline style (strict CSP):
the look comes from classes in static/css/indicateurs.css.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from flask_babel import LazyString, format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.accueil.services import AUTRES_TOPICS, TOPICS, URGENCES
from portal.catalogue import Catalogue
from portal.indicateurs.calcul import (
    NORMALES,
    SANS_TERRITOIRE,
    TOUS,
    URGENTES,
    Indicateur,
    Indicateurs,
    Ligne,
)
from portal.indicateurs.svg import Barre, Graphique, svg
from portal.models import NonRecours, SourceDemande
from portal.models.choix import Choix

# The labels of the codes are defined once, on their enum (portal/models/demande.py).
SOURCES = SourceDemande.choix()
NON_RECOURS = {
    **{cause.value: cause.libelle for cause in NonRecours},
    "inconnu": _l("Cause inconnue"),
}
class Mesure(Choix):
    """The columns of the indicators' CSV: a code and the label read in the header."""

    nombre = "nombre", _l("Nombre")
    demandes = "demandes", _l("Demandes")
    contactees = "contactees", _l("Contactées")
    mediane = "mediane", _l("Délai médian")
    p90 = "p90", _l("Délai du 90e centile")
    dans_delai = "dans_delai", _l("Contactées dans le délai")
    part_dans_delai_pct = "part_dans_delai_pct", _l("Part contactée dans le délai (%)")
    pas_encore_contactees = "pas_encore_contactees", _l("Pas encore contactées")
    en_retard = "en_retard", _l("Dont délai déjà dépassé")
    orientees = "orientees", _l("Orientées")
    part_orientees_pct = "part_orientees_pct", _l("Part orientée (%)")
    absents = "absents", _l("Absents")
    presents = "presents", _l("Présents")
    taux_absence_pct = "taux_absence_pct", _l("Taux d'absence (%)")
    oui = "oui", _l("Oui")
    non = "non", _l("Non")
    part_oui_pct = "part_oui_pct", _l("Part de oui (%)")


@dataclass(frozen=True)
class Presentation:
    titre: LazyString
    colonne: LazyString  # the header of the key column
    mesure: str  # the one drawn as bars
    pourcentage: bool = False


PRESENTATIONS = {
    "demandes_source": Presentation(_l("Demandes par canal d'arrivée"), _l("Canal"), "nombre"),
    "demandes_topic": Presentation(_l("Demandes par sujet"), _l("Sujet"), "nombre"),
    "demandes_urgence": Presentation(_l("Demandes par urgence"), _l("Urgence"), "nombre"),
    "premier_contact": Presentation(
        _l("Premier contact dans le délai promis"),
        _l("Type de demande"),
        "part_dans_delai_pct",
        True,
    ),
    "orientation": Presentation(
        _l("Demandes orientées vers un partenaire"),
        _l("Type de demande"),
        "part_orientees_pct",
        True,
    ),
    "orientation_partenaire": Presentation(
        _l("Orientations par partenaire"), _l("Partenaire"), "nombre"
    ),
    "non_recours": Presentation(_l("Causes du non-recours"), _l("Cause"), "nombre"),
    "rendez_vous_motif": Presentation(
        _l("Rendez-vous non honorés, par motif"), _l("Motif"), "taux_absence_pct", True
    ),
    "rendez_vous_lieu": Presentation(
        _l("Rendez-vous non honorés, par lieu"), _l("Lieu"), "taux_absence_pct", True
    ),
    "simulations": Presentation(_l("Simulations faites"), _l("Compteur"), "nombre"),
    "aides_eligibles": Presentation(
        _l("Aides trouvées (droit probable), par aide"), _l("Aide"), "nombre"
    ),
    "aides_a_verifier": Presentation(_l("Aides à vérifier, par aide"), _l("Aide"), "nombre"),
    "courriers_scans": Presentation(
        _l("Courriers ouverts par leur QR code, par code"), _l("Courrier"), "nombre"
    ),
    "courriers_autres_lectures": Presentation(
        _l("Explications de courriers ouvertes autrement (code tapé, liste)"),
        _l("Courrier"),
        "nombre",
    ),
    "bornes_simulations": Presentation(_l("Simulations faites à une borne"), _l("Borne"), "nombre"),
    "bornes_rendez_vous": Presentation(
        _l("Rendez-vous pris à une borne"), _l("Borne"), "nombre"
    ),
    "bornes_demandes": Presentation(_l("Demandes laissées à une borne"), _l("Borne"), "nombre"),
    "courriers_avis": Presentation(
        _l("« Cette explication vous a aidé ? » par courrier"),
        _l("Courrier"),
        "part_oui_pct",
        True,
    ),
}


@dataclass(frozen=True)
class Tableau:
    caption: str
    entetes: list[str]
    lignes: list[list[str]]  # territoire, semaine, key (a row header), then the measures


@dataclass(frozen=True)
class Vue:
    code: str
    titre: str
    graphique: Graphique
    tableau: Tableau
    note: str | None = None


def nombre(valeur: float | None) -> str:
    return "—" if valeur is None else format_decimal(valeur, format="#,##0.#")


def libelle_semaine(semaine: str) -> str:
    if semaine == TOUS:
        return _("Toute la période")
    annee, numero = semaine.split("-W")
    return _("semaine %(numero)s de %(annee)s", numero=int(numero), annee=annee)


class Libelles:
    """Turns the stable codes into the words agents read, in the page's language."""

    def __init__(self, catalogue: Catalogue, langue: str) -> None:
        self.catalogue = catalogue
        self.langue = langue

    def territoire(self, code: str) -> str:
        if code == TOUS:
            return _("Ensemble")
        if code == SANS_TERRITOIRE:
            return _("Territoire inconnu")
        territoire = self.catalogue.territoires.get(code)
        return territoire.nom.en_langue(self.langue) if territoire else code

    def cle(self, indicateur: str, cle: str) -> str:
        catalogue, langue = self.catalogue, self.langue
        aide = _nom_dans(catalogue.aides, lambda a: a.nom.en_langue(langue))
        tables: dict[str, Callable[[str], str | None]] = {
            "demandes_source": lambda c: SOURCES.get(c),
            "demandes_topic": lambda c: TOPICS.get(c) or AUTRES_TOPICS.get(c),
            "demandes_urgence": lambda c: (
                _("Pas urgente") if c == "non_urgente" else URGENCES.get(c)
            ),
            "premier_contact": lambda c: {
                URGENTES: _("Urgentes (délais en minutes)"),
                NORMALES: _("Non urgentes (délais en heures)"),
            }.get(c),
            "orientation": lambda c: _("Toutes les demandes"),
            "orientation_partenaire": _nom_dans(catalogue.partenaires, lambda p: p.nom),
            "non_recours": lambda c: NON_RECOURS.get(c),
            "rendez_vous_motif": _nom_dans(catalogue.motifs, lambda m: m.nom.en_langue(langue)),
            "rendez_vous_lieu": _nom_dans(catalogue.lieux, lambda lieu: lieu.nom),
            "simulations": lambda c: _("Simulations"),
            "aides_eligibles": aide,
            "aides_a_verifier": aide,
            **dict.fromkeys(("bornes_simulations", "bornes_rendez_vous", "bornes_demandes"),
                            lambda c: _("Borne n° %(numero)s", numero=c)),
        }
        courrier = _nom_dans(
            catalogue.courriers, lambda c: f"{cle} — {c.titre.en_langue(langue)}"
        )
        libelle = tables.get(indicateur, courrier)(cle)
        return str(libelle) if libelle else cle


T = TypeVar("T")


def _nom_dans(
    table: Mapping[str, T], nom: Callable[[T], str]
) -> Callable[[str], str | None]:
    """The label of a catalogue code (a partner, a motif, a lieu…); None when it is unknown."""

    def libelle(code: str) -> str | None:
        objet = table.get(code)
        return nom(objet) if objet is not None else None

    return libelle


def _texte_barre(indicateur: Indicateur, cle: str, presentation: Presentation) -> str:
    """The value as written on the bar: a share says what it is a share of."""
    valeur = indicateur.total(cle, presentation.mesure)
    if not presentation.pourcentage:
        return nombre(valeur)
    if valeur is None:
        return _("pas de donnée")
    parts = {
        "premier_contact": ("dans_delai", "contactees"),
        "orientation": ("orientees", "demandes"),
    }
    if indicateur.code in parts:
        partie, tout = parts[indicateur.code]
        return _(
            "%(part)s %% (%(partie)s sur %(tout)s)",
            part=nombre(valeur),
            partie=nombre(indicateur.total(cle, partie)),
            tout=nombre(indicateur.total(cle, tout)),
        )
    if indicateur.code == "courriers_avis":
        return _(
            "%(part)s %% de oui (%(oui)s oui, %(non)s non)",
            part=nombre(valeur),
            oui=nombre(indicateur.total(cle, "oui")),
            non=nombre(indicateur.total(cle, "non")),
        )
    absents = indicateur.total(cle, "absents") or 0
    return _(
        "%(part)s %% (%(absents)s absents sur %(total)s)",
        part=nombre(valeur),
        absents=nombre(absents),
        total=nombre(absents + (indicateur.total(cle, "presents") or 0)),
    )


def _note_contact(indicateur: Indicateur, libelles: Libelles) -> str:
    """Medians and what is still waiting, said in words for the chart's description."""
    phrases = []
    for cle in indicateur.cles:
        unite = _("minutes") if cle == URGENTES else _("heures")
        phrases.append(
            _(
                "%(demandes)s : délai médian %(mediane)s %(unite)s, 90e centile %(p90)s "
                "%(unite)s ; %(attente)s pas encore contactées, dont %(retard)s en retard.",
                demandes=libelles.cle(indicateur.code, cle),
                mediane=nombre(indicateur.total(cle, "mediane")),
                p90=nombre(indicateur.total(cle, "p90")),
                unite=unite,
                attente=nombre(indicateur.total(cle, "pas_encore_contactees")),
                retard=nombre(indicateur.total(cle, "en_retard")),
            )
        )
    return " ".join(phrases)


def build_vue(indicateur: Indicateur, *, libelles: Libelles, contexte: str) -> Vue:
    """The chart of the totals over the selection, and the table with them and the detail."""
    presentation = PRESENTATIONS[indicateur.code]
    titre = str(presentation.titre)
    barres = [
        Barre(
            libelle=libelles.cle(indicateur.code, cle),
            valeur=indicateur.total(cle, presentation.mesure) or 0,
            texte=_texte_barre(indicateur, cle, presentation),
        )
        for cle in indicateur.cles
    ]
    description = "; ".join(f"{barre.libelle} : {barre.texte}" for barre in barres) + "."
    note = _note_contact(indicateur, libelles) if indicateur.code == "premier_contact" else None
    if note:
        description = f"{description} {note}"
    graphique = Graphique(
        ident=f"graphique-{indicateur.code}",
        titre=f"{titre} — {contexte}",
        description=description,
        barres=barres,
        maximum=100 if presentation.pourcentage else None,
    )

    def cellules(ligne_cle: tuple[str, str, str], lignes: list[Ligne]) -> list[str]:
        territoire, semaine, cle = ligne_cle
        valeurs = {ligne.mesure: ligne.valeur for ligne in lignes}
        return [
            libelles.territoire(territoire),
            libelle_semaine(semaine),
            libelles.cle(indicateur.code, cle),
            *(nombre(valeurs.get(mesure)) for mesure in indicateur.mesures),
        ]

    groupes: dict[tuple[str, str, str], list[Ligne]] = {}
    for ligne in [*indicateur.totaux, *indicateur.lignes]:
        groupes.setdefault((ligne.territoire, ligne.semaine, ligne.cle), []).append(ligne)
    tableau = Tableau(
        caption=_(
            "%(titre)s : les chiffres du graphique, puis par territoire et par semaine", titre=titre
        ),
        entetes=[
            _("Territoire"),
            _("Semaine"),
            str(presentation.colonne),
            *(str(Mesure(mesure).libelle) for mesure in indicateur.mesures),
        ],
        lignes=[cellules(cle, lignes) for cle, lignes in groupes.items()],
    )
    return Vue(indicateur.code, titre, graphique, tableau, note)


def build_vues(indicateurs: Indicateurs, *, catalogue: Catalogue, langue: str) -> list[Vue]:
    libelles = Libelles(catalogue, langue)
    territoire = (
        libelles.territoire(indicateurs.territoire)
        if indicateurs.territoire
        else _("tous les territoires")
    )
    contexte = _(
        "%(territoire)s, du lundi %(du)s au dimanche %(au)s",
        territoire=territoire,
        du=format_date(indicateurs.periode.du, "d MMMM y"),
        au=format_date(indicateurs.periode.fin - timedelta(days=1), "d MMMM y"),
    )
    return [
        build_vue(indicateur, libelles=libelles, contexte=contexte)
        for indicateur in indicateurs.liste
    ]


__all__ = ["Barre", "Graphique", "Vue", "build_vues", "svg"]
