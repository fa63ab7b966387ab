"""Turns labelled triage messages (tests/data/triage/*.yml) into Rasa training data.

The triage files label each message with an urgence type or a topic; the model learns them
under its own intents (urgence_<type>, the topic's intent…). Only the files named on the
command line are used: never the set kept for the final measure. A message already in
data/nlu/ (under any intent) or in tests/nlu_heldout.yml is left out: the first would be a
duplicate, the second would make the held-out figures meaningless.

    .venv/bin/python scripts/triage_vers_nlu.py ../tests/data/triage/dev.yml … \
        --out data/nlu/triage_appris.yml
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

BOT = Path(__file__).resolve().parents[1]

# Topic → intent, when the topic is itself an intent of the model (bot/domain.yml).
INTENT_DU_TOPIC = {"humain": "demander_humain"}
# rendez_vous and autre cover several intents: the words decide, the first rule that matches.
RENDEZ_VOUS = (
    ("annuler_rendez_vous", r"annul|decal|report|deplac|changer|rate|pourrai pas|peux pas venir"),
    ("trouver_lieu", r"\bou (est|se trouve)|adresse|horaire|ouvert|ferme|plus proche"),
    ("prendre_rendez_vous", r""),
)
AUTRE = (
    ("thank", r"^(merci|mrc|thanks?)\b"),
    ("goodbye", r"^(au revoir|bye|a \+|a plus|bonne (journee|soiree))\b"),
    ("greet", r"^(bonjour|bonsoir|salut|coucou|slt|bjr|hello|wesh)\W*$"),
    ("out_of_scope", r""),
)


def cle(texte: str) -> str:
    """Lower case, no accents, words only: how two lines are compared."""
    sans_accents = unicodedata.normalize("NFKD", texte.lower())
    sans_accents = "".join(c for c in sans_accents if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", sans_accents))


def intent_de(topic: str, texte: str) -> str:
    regles = {"rendez_vous": RENDEZ_VOUS, "autre": AUTRE}.get(topic)
    if regles is None:
        return INTENT_DU_TOPIC.get(topic, topic)
    return next(intent for intent, motif in regles if re.search(motif, cle(texte)))


def exemples_deja_vus() -> set[str]:
    vus: set[str] = set()
    fichiers = [p for p in (BOT / "data" / "nlu").glob("*.yml") if p.name != "triage_appris.yml"]
    for path in [*fichiers, BOT / "tests" / "nlu_heldout.yml"]:
        for bloc in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for ligne in str(bloc.get("examples") or "").splitlines():
                if ligne.strip().startswith("- "):
                    vus.add(cle(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", ligne.strip()[2:])))
    return vus


def convertir(fichiers: list[Path]) -> dict[str, list[str]]:
    vus = exemples_deja_vus()
    par_intent: dict[str, list[str]] = defaultdict(list)
    for path in fichiers:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lignes = [(f"urgence_{u}", t) for u, textes in data["urgences"].items() for t in textes]
        lignes += [
            (intent_de(topic, t), t) for topic, textes in data["topics"].items() for t in textes
        ]
        for intent, texte in lignes:
            texte = " ".join(str(texte).split())
            if texte and cle(texte) not in vus:
                vus.add(cle(texte))
                par_intent[intent].append(texte)
    return dict(sorted(par_intent.items()))


def ecrire(par_intent: dict[str, list[str]], sources: list[Path], out: Path) -> None:
    noms = ", ".join(p.name for p in sources)
    lignes = [
        'version: "3.1"',
        "",
        "# GÉNÉRÉ par scripts/triage_vers_nlu.py : ne pas modifier à la main.",
        f"# Sources : tests/data/triage/ {noms}.",
        "# Le jeu gardé pour la mesure finale n'est jamais ici.",
        "",
        "nlu:",
    ]
    for intent, textes in par_intent.items():
        lignes += [f"- intent: {intent}", "  examples: |"]
        lignes += [f"    - {texte}" for texte in textes]
    out.write_text("\n".join(lignes) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fichiers", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=BOT / "data" / "nlu" / "triage_appris.yml")
    args = parser.parse_args()
    par_intent = convertir(args.fichiers)
    ecrire(par_intent, args.fichiers, args.out)
    total = sum(len(t) for t in par_intent.values())
    print(f"{total} exemples, {len(par_intent)} intentions → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
