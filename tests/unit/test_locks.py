"""The locks that `make run` and `make test` install follow pyproject.toml and bot/.

A dependency added to pyproject.toml without `make lock` fails here, not on a new machine.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\[\],-]+)==([^\s;\\]+)", re.M)


def _pins(lock: Path) -> dict[str, str]:
    return {canonicalize_name(n.split("[")[0]): v for n, v in PIN.findall(lock.read_text())}


def _dependencies(extra: str | None) -> list[Requirement]:
    projet = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = list(projet["dependencies"])
    if extra:
        deps += projet["optional-dependencies"][extra]
    return [Requirement(d) for d in deps]


@pytest.mark.parametrize(("lock", "extra"), [("runtime.txt", None), ("test.txt", "test")])
def test_every_dependency_is_pinned_with_a_matching_version(lock: str, extra: str | None) -> None:
    pins = _pins(ROOT / "requirements" / lock)
    for requirement in _dependencies(extra):
        nom = canonicalize_name(requirement.name)
        assert nom in pins, f"{requirement.name} manque dans requirements/{lock} : make lock"
        assert requirement.specifier.contains(pins[nom], prereleases=True), (
            f"{requirement} ne correspond pas à {pins[nom]} dans requirements/{lock} : make lock"
        )
        for extra_name in requirement.extras:  # e.g. qrcode[pil] brings pillow
            assert extra_name != "pil" or "pillow" in pins


@pytest.mark.parametrize("lock", ["requirements/runtime.txt", "requirements/test.txt",
                                  "bot/requirements.txt"])
def test_every_pin_carries_hashes(lock: str) -> None:
    texte = (ROOT / lock).read_text()
    blocs = re.split(r"\n(?=[A-Za-z0-9])", texte.strip())
    paquets = [b for b in blocs if PIN.match(b)]
    assert len(paquets) > 40
    assert all("--hash=sha256:" in b for b in paquets)


def test_the_runtime_lock_holds_no_test_tool() -> None:
    pins = _pins(ROOT / "requirements" / "runtime.txt")
    for outil in ("playwright", "ruff", "axe-playwright-python", "aiosmtpd", "zxing-cpp"):
        assert outil not in pins


def test_the_bot_lock_pins_everything() -> None:
    lignes = [ligne for ligne in (ROOT / "bot" / "requirements.txt").read_text().splitlines()
              if ligne.strip() and not ligne.lstrip().startswith(("#", "--hash"))]
    paquets = [ligne for ligne in lignes if not ligne.startswith(" ")]
    assert any(p.startswith("rasa==3.6.21") for p in paquets)
    assert all("==" in p for p in paquets), [p for p in paquets if "==" not in p]
