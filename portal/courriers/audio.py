"""Listening without installed voices: each letter explanation and the emergency page, in fr, en
and ar, recorded OFFLINE when the content is built (`flask courriers audio`), never at run time.

Debian's espeak-ng speaks; opusenc (Ogg Opus, ~20 kbit/s) and lame (MP3 for older phones) make
the files small. Without an encoder the WAV stays; without espeak-ng there is no recording and
the page says so. A file's name holds a hash of what is said and how: a changed text gets a new
file, an unchanged one is not made again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from portal.catalogue import Catalogue
from portal.catalogue.schemas.courrier import Courrier
from portal.catalogue.schemas.urgence import Numero

# espeak-ng voice of each language of the portal; speed in words per minute (default 175).
VOIX = {"fr": "fr", "en": "en-gb", "ar": "ar"}
VITESSE = 150
MOTEUR = "espeak-ng"


@dataclass(frozen=True)
class Format:
    extension: str
    type_mime: str
    commande: tuple[str, ...]  # {entree} and {sortie} replaced by the paths


# Best first: the browser plays the first source it can. Fast settings (speech, not music):
# all the content (about an hour of speech) is made in about a minute on two cores.
FORMATS = (
    Format("ogg", "audio/ogg; codecs=opus",
           ("opusenc", "--quiet", "--bitrate", "20", "--comp", "3", "--downmix-mono", "{entree}",
            "{sortie}")),
    Format("mp3", "audio/mpeg",
           ("lame", "--quiet", "-m", "m", "-b", "32", "-q", "7", "{entree}", "{sortie}")),
)
WAV = Format("wav", "audio/wav", ())
TYPES = {f.extension: f.type_mime for f in (*FORMATS, WAV)}


@dataclass(frozen=True)
class Ligne:
    ecrit: str  # as on screen and in the transcript
    dit: str  # as espeak-ng reads it (an emergency number digit by digit)


@dataclass(frozen=True)
class Enregistrement:
    sujet: str  # "courrier-RSA-CTRL" or "urgence"
    langue: str
    lignes: tuple[Ligne, ...]

    @property
    def empreinte(self) -> str:
        dit = "\n".join(ligne.dit for ligne in self.lignes)
        cle = f"{MOTEUR}|{VOIX[self.langue]}|{VITESSE}|{dit}"
        return hashlib.sha256(cle.encode()).hexdigest()[:16]

    @property
    def nom(self) -> str:
        return f"{self.sujet}-{self.langue}-{self.empreinte}"

    @property
    def transcription(self) -> list[str]:
        return [ligne.ecrit for ligne in self.lignes]


@dataclass(frozen=True)
class Source:
    fichier: str
    type_mime: str
    octets: int


@dataclass(frozen=True)
class Audio:
    """What a page shows: the files (best first), the duration, and the transcript."""

    sources: list[Source]
    secondes: float
    transcription: list[str]


def _texte(*lignes: str) -> list[Ligne]:
    return [Ligne(t, t) for t in lignes if t and t.strip()]


def lignes_courrier(courrier: Courrier, langue: str) -> list[Ligne]:
    """The explanation's text in the page's order; the details signed in a QR code (deadline,
    place) differ for each person and are not recorded."""
    with force_locale(langue):
        lignes = _texte(
            courrier.titre.en_langue(langue),
            courrier.resume.en_langue(langue),
            f"{_('Envoyé par :')} {courrier.service.en_langue(langue)}",
            _("Pourquoi vous recevez ce courrier"), courrier.pourquoi.en_langue(langue),
            _("Ce que vous devez faire"),
        )
        lignes += _texte(*(f"{n}. {e.en_langue(langue)}" for n, e in
                           enumerate(courrier.etapes, start=1)))
        lignes += _texte(
            _("Avant quand ?"), courrier.delai.en_langue(langue),
            _("Si vous ne faites rien"), courrier.sinon.en_langue(langue),
        )
        if courrier.documents:
            lignes += _texte(_("Les papiers à préparer"),
                             *(d.en_langue(langue) for d in courrier.documents))
        if courrier.recours:
            recours = courrier.recours
            lignes += _texte(
                _("Vous n'êtes pas d'accord ?"),
                ngettext("Vous avez %(num)s mois après avoir reçu le courrier pour contester.",
                         "Vous avez %(num)s mois après avoir reçu le courrier pour contester.",
                         recours.delai_mois),
                f"{_('À qui écrire :')} {recours.aupres_de.en_langue(langue)}.",
                recours.comment.en_langue(langue),
            )
    return lignes


def lignes_urgence(numeros: Iterable[Numero], langue: str) -> list[Ligne]:
    """The emergency page. A number of 4 digits or more is said digit by digit ("3 9 1 9"), as
    people dial it; 112 or 15 are said as people say them."""
    with force_locale(langue):
        lignes = _texte(
            _("Numéros d'urgence"),
            _("Ces numéros sont gratuits. Ils répondent jour et nuit. Touchez un numéro pour "
              "appeler."),
        )
        for numero in numeros:
            lignes += _texte(numero.nom.en_langue(langue), numero.pour.en_langue(langue),
                             numero.disponibilite.en_langue(langue))
            action = (_("Envoyer un SMS au %(numero)s", numero="{}") if numero.canal == "sms"
                      else _("Appeler le %(numero)s", numero="{}"))
            dit = " ".join(numero.numero) if len(numero.numero) >= 4 else numero.numero
            lignes.append(Ligne(action.format(numero.numero), action.format(dit)))
    return lignes


def moteur_present() -> bool:
    return shutil.which(MOTEUR) is not None


def _metadonnees(dossier: Path, nom: str) -> dict[str, float] | None:
    try:
        return json.loads((dossier / f"{nom}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def audio_de(enregistrement: Enregistrement, dossier: Path) -> Audio | None:
    """The recording of this exact text, or None (not made yet, or espeak-ng missing)."""
    meta = _metadonnees(dossier, enregistrement.nom)
    if meta is None:
        return None
    sources = []
    for extension, type_mime in TYPES.items():
        chemin = dossier / f"{enregistrement.nom}.{extension}"
        if chemin.is_file():
            sources.append(Source(chemin.name, type_mime, chemin.stat().st_size))
    if not sources:
        return None
    return Audio(sources, float(meta.get("secondes", 0)), enregistrement.transcription)


def _synthetise(enregistrement: Enregistrement, wav: Path) -> float:
    # A heading has no full stop: one is added, so that the voice pauses after it.
    texte = "\n".join(ligne.dit if ligne.dit.rstrip()[-1] in ".!?:;؟" else f"{ligne.dit}."
                      for ligne in enregistrement.lignes)
    subprocess.run(
        [MOTEUR, "-v", VOIX[enregistrement.langue], "-s", str(VITESSE), "-w", str(wav),
         "--stdin"],
        input=texte.encode(), check=True, capture_output=True, timeout=300,
    )
    with wave.open(str(wav), "rb") as lecture:
        return lecture.getnframes() / lecture.getframerate()


def _encode(wav: Path, dossier: Path, nom: str) -> list[str]:
    faits = []
    for fmt in FORMATS:
        if shutil.which(fmt.commande[0]) is None:
            continue
        sortie = dossier / f"{nom}.{fmt.extension}"
        commande = [a.format(entree=wav, sortie=sortie) for a in fmt.commande]
        subprocess.run(commande, check=True, capture_output=True, timeout=300)
        faits.append(fmt.extension)
    if not faits:  # no encoder: the WAV itself is served (larger)
        shutil.copyfile(wav, dossier / f"{nom}.wav")
        faits.append("wav")
    return faits


def _efface_anciens(enregistrement: Enregistrement, dossier: Path) -> int:
    """Files of the same subject and language made from an older text."""
    prefixe = f"{enregistrement.sujet}-{enregistrement.langue}-"
    anciens = [p for p in dossier.glob(f"{prefixe}*")
               if not p.name.startswith(enregistrement.nom + ".")
               and len(p.stem) == len(prefixe) + 16]
    for chemin in anciens:
        chemin.unlink()
    return len(anciens)


@dataclass
class Bilan:
    faits: int = 0
    inchanges: int = 0
    effaces: int = 0
    echecs: list[str] = field(default_factory=list)  # "<name>: <reason>", nothing half-made


def _enregistre(enregistrement: Enregistrement, dossier: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "parole.wav"
        secondes = _synthetise(enregistrement, wav)
        _encode(wav, dossier, enregistrement.nom)
    # Written last: a recording interrupted half-way is made again next time.
    meta = {"secondes": round(secondes, 2), "langue": enregistrement.langue}
    (dossier / f"{enregistrement.nom}.json").write_text(json.dumps(meta), encoding="utf-8")


def genere(enregistrements: Sequence[Enregistrement], dossier: Path) -> Bilan:
    """Records what changed, one per core (the caller checks `moteur_present()` first)."""
    dossier.mkdir(parents=True, exist_ok=True)
    bilan = Bilan()
    a_faire = []
    for enregistrement in enregistrements:
        bilan.effaces += _efface_anciens(enregistrement, dossier)
        if audio_de(enregistrement, dossier) is None:
            a_faire.append(enregistrement)
        else:
            bilan.inchanges += 1
    def essaie(enregistrement: Enregistrement) -> str | None:
        try:
            _enregistre(enregistrement, dossier)
        except (OSError, subprocess.SubprocessError, wave.Error) as exc:
            return f"{enregistrement.nom} : {exc}"
        return None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        bilan.echecs = [e for e in pool.map(essaie, a_faire) if e is not None]
    bilan.faits = len(a_faire) - len(bilan.echecs)
    return bilan


def dossier_audio() -> Path:
    """var/audio of this instance (BONNE_PORTE_VAR): made by the build, never committed."""
    return Path(current_app.config["VAR_DIR"]) / "audio"


def enregistrement_courrier(courrier: Courrier, langue: str) -> Enregistrement:
    return Enregistrement(f"courrier-{courrier.code}", langue,
                          tuple(lignes_courrier(courrier, langue)))


def enregistrement_urgence(catalogue: Catalogue, langue: str) -> Enregistrement:
    return Enregistrement("urgence", langue,
                          tuple(lignes_urgence(catalogue.numeros_urgence, langue)))


def tous(catalogue: Catalogue, langues: Iterable[str]) -> list[Enregistrement]:
    """Every recording the content calls for: each letter and the emergency page, per language."""
    resultat = []
    for langue in langues:
        resultat += [enregistrement_courrier(c, langue) for _code, c in
                     sorted(catalogue.courriers.items())]
        resultat.append(enregistrement_urgence(catalogue, langue))
    return resultat


def audio_courrier(courrier: Courrier, langue: str) -> Audio | None:
    return audio_de(enregistrement_courrier(courrier, langue), dossier_audio())


def audio_urgence(catalogue: Catalogue, langue: str) -> Audio | None:
    return audio_de(enregistrement_urgence(catalogue, langue), dossier_audio())
