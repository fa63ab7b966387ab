"""`flask --app portal courriers …`: QR codes for the print teams, and the comments purge."""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from portal.catalogue import Catalogue, current_catalogue
from portal.courriers.audio import dossier_audio, genere, moteur_present, tous
from portal.courriers.qr import TAILLE_MM, courrier_url, measure, qr_png, qr_svg
from portal.courriers.services import find_courrier, purge_commentaires
from portal.courriers.signature import Parametres, signing_keys
from portal.extensions import db
from portal.horloge import maintenant

courriers_cli = AppGroup("courriers", help="Comprendre un courrier : QR codes, avis, écoute.")
FORMATS = {"svg": qr_svg, "png": qr_png}
_NOM_FICHIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")


class LigneInvalide(ValueError):
    pass


@dataclass(frozen=True)
class Demande:
    code: str
    parametres: Parametres


def _date(texte: str) -> date:
    """2026-12-15, or 15/12/2026 as a spreadsheet in French writes it."""
    for forme in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(texte.strip(), forme).date()
        except ValueError:
            continue
    raise LigneInvalide(f"date {texte!r} : écrivez AAAA-MM-JJ ou JJ/MM/AAAA")


def _demande(code: str, echeance: str, lieu: str, catalogue: Catalogue) -> Demande:
    courrier = find_courrier(code, catalogue=catalogue)
    if courrier is None:
        raise LigneInvalide(f"code de courrier inconnu : {code!r}")
    lieu = lieu.strip()
    if lieu and lieu not in catalogue.lieux:
        raise LigneInvalide(f"lieu inconnu dans content/lieux : {lieu!r}")
    jour = _date(echeance) if echeance.strip() else None
    return Demande(courrier.code, Parametres(echeance=jour, lieu=lieu or None))


def _url(demande: Demande) -> str:
    return courrier_url(
        base_url=current_app.config["PUBLIC_BASE_URL"],
        code=demande.code,
        parametres=demande.parametres,
        keys=signing_keys(current_app.config),
    )


def _mesure(url: str, taille_mm: float) -> str:
    mesure = measure(url, taille_mm=taille_mm)
    alerte = " (moins de 0,4 mm : imprimez plus grand)" if mesure.module_mm < 0.4 else ""
    return f"version {mesure.version}, module de {mesure.module_mm} mm à {taille_mm:g} mm{alerte}"


@courriers_cli.command("qr")
@click.argument("code")
@click.option("--echeance", default="", help="Date limite à afficher (AAAA-MM-JJ), signée.")
@click.option("--lieu", default="", help="Identifiant d'un lieu de content/lieux, signé.")
@click.option("--format", "format_", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--taille-mm", type=click.FloatRange(min=TAILLE_MM), default=TAILLE_MM)
def qr(code: str, echeance: str, lieu: str, format_: str, output: Path, taille_mm: float) -> None:
    """Écrit le QR code d'un modèle de courrier (aucune donnée personnelle dedans)."""
    try:
        demande = _demande(code, echeance, lieu, current_catalogue())
    except LigneInvalide as exc:
        raise click.BadParameter(str(exc)) from None
    url = _url(demande)
    output.write_bytes(FORMATS[format_](url, taille_mm=taille_mm))
    click.echo(f"{output} : {url} ({_mesure(url, taille_mm)})")


def _lignes(fichier: Path) -> list[dict[str, str]]:
    texte = fichier.read_text(encoding="utf-8-sig")  # Excel adds a BOM
    try:
        dialecte = csv.Sniffer().sniff(texte.splitlines()[0] if texte else "", delimiters=",;\t")
    except csv.Error:
        dialecte = csv.excel
    lecteur = csv.DictReader(io.StringIO(texte, newline=""), dialect=dialecte)
    if lecteur.fieldnames is None or "code" not in [c.strip() for c in lecteur.fieldnames]:
        raise click.UsageError(f"{fichier} : il faut une colonne « code ».")
    return [{(k or "").strip(): (v or "").strip() for k, v in ligne.items()} for ligne in lecteur]


@courriers_cli.command("qr-lot")
@click.argument("fichier", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dossier", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--format", "format_", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("--taille-mm", type=click.FloatRange(min=TAILLE_MM), default=TAILLE_MM)
def qr_lot(fichier: Path, dossier: Path, format_: str, taille_mm: float) -> None:
    """Un QR code par ligne d'un CSV de publipostage.

    Colonnes lues : code (obligatoire), echeance, lieu, fichier (nom du QR, sinon
    0001-CODE). Les autres colonnes (nom, adresse…) sont ignorées : rien de personnel
    n'entre dans un QR code. Rien n'est écrit si une ligne est fausse.
    """
    catalogue = current_catalogue()
    travaux: list[tuple[Path, str]] = []
    erreurs: list[str] = []
    noms: set[str] = set()
    for numero, ligne in enumerate(_lignes(fichier), start=1):
        try:
            demande = _demande(
                ligne.get("code", ""), ligne.get("echeance", ""), ligne.get("lieu", ""), catalogue
            )
            nom = ligne.get("fichier") or f"{numero:04d}-{demande.code}"
            nom = nom if nom.lower().endswith(f".{format_}") else f"{nom}.{format_}"
            if not _NOM_FICHIER.match(nom):  # a name, never a path out of the folder
                raise LigneInvalide(f"nom de fichier {nom!r} : lettres, chiffres, . - _")
            if nom in noms:
                raise LigneInvalide(f"nom de fichier {nom!r} en double")
            noms.add(nom)
            travaux.append((dossier / nom, _url(demande)))
        except LigneInvalide as exc:
            erreurs.append(f"ligne {numero + 1} : {exc}")  # + 1: the header is line 1
    if erreurs:
        for erreur in erreurs:
            click.echo(erreur, err=True)
        click.echo(f"{len(erreurs)} ligne(s) à corriger : aucun QR code écrit.", err=True)
        sys.exit(1)
    dossier.mkdir(parents=True, exist_ok=True)
    for chemin, url in travaux:
        chemin.write_bytes(FORMATS[format_](url, taille_mm=taille_mm))
    click.echo(f"{len(travaux)} QR code(s) écrits dans {dossier}.")


@courriers_cli.command("purge-avis")
@click.option("--jours", type=click.IntRange(min=1), default=365, show_default=True)
def purge_avis(jours: int) -> None:
    """Efface les commentaires libres plus vieux que JOURS (les Oui/Non restent)."""
    session = db.session()
    nombre = purge_commentaires(session, today=maintenant().date(), jours=jours)
    session.commit()
    click.echo(f"{nombre} commentaire(s) effacé(s).")


@courriers_cli.command("audio")
def audio() -> None:
    """Enregistre l'écoute des explications et de la page d'urgence (fr, en, ar), hors ligne.

    Seuls les textes changés sont enregistrés de nouveau. Sans espeak-ng, rien n'est fait et
    les pages le disent : make run marche quand même.
    """
    if not moteur_present():
        click.echo("espeak-ng manque : pas d'enregistrement des explications (les pages le "
                   "disent). Pour l'installer : scripts/system_deps.sh en root.", err=True)
        return
    dossier = dossier_audio()
    bilan = genere(tous(current_catalogue(), current_app.config["LANGUES"]), dossier)
    click.echo(f"Écoute : {bilan.faits} enregistrement(s) fait(s), {bilan.inchanges} "
               f"inchangé(s), {bilan.effaces} ancien(s) fichier(s) effacé(s), dans {dossier}.")
    for echec in bilan.echecs:
        click.echo(f"Écoute : échec de {echec} (la page dira que l'enregistrement manque).",
                   err=True)
    if bilan.echecs and os.environ.get("CI") == "true":
        sys.exit(1)  # make run goes on without the recording; CI does not
