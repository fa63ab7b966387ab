"""What a person sees: fixed or sticky elements over controls, and controls that say the same.

One script run in the page (one round trip per page): it scrolls each visible focusable element
into view from below and from above (as the focus brings it) and reports any fixed or sticky
element that intersects it; the first heading is checked as the page opens. It also lists the
visible controls by name, so that a test can count the ones that must be unique.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

_SCRIPT = """
() => {
  const FOCUSABLES = "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    + "[tabindex]:not([tabindex='-1'])";
  const visible = (el) => {
    if (!el.checkVisibility({ visibilityProperty: true })) { return false; }
    const r = el.getBoundingClientRect();
    return r.width >= 2 && r.height >= 2;
  };
  const nom = (el) => (el.getAttribute("aria-label") || el.textContent || el.value || "")
    .replace(/\\s+/g, " ").trim();
  const decrire = (el, avecNom = true) => el.tagName.toLowerCase()
    + (el.id ? "#" + el.id : "") + (el.classList.length ? "." + [...el.classList].join(".") : "")
    + (avecNom && nom(el) ? " « " + nom(el).slice(0, 40) + " »" : "");
  const flottants = [...document.querySelectorAll("body *")].filter((el) => {
    const position = getComputedStyle(el).position;
    return (position === "fixed" || position === "sticky") && visible(el);
  });
  const controles = [...document.querySelectorAll(FOCUSABLES)]
    .filter((el) => visible(el) && !el.disabled);
  const recouvre = (el) => {
    const r = el.getBoundingClientRect();
    const gauche = Math.max(r.left, 0), droite = Math.min(r.right, window.innerWidth);
    const haut = Math.max(r.top, 0), bas = Math.min(r.bottom, window.innerHeight);
    if (droite <= gauche || bas <= haut) { return null; }  /* not on screen: nothing covers it */
    return flottants.find((f) => {
      if (f.contains(el) || el.contains(f)) { return false; }
      const q = f.getBoundingClientRect();
      return q.left < droite && q.right > gauche && q.top < bas && q.bottom > haut;
    }) || null;
  };
  const problemes = [];
  const depart = window.scrollY;
  window.scrollTo(0, 0);
  const titre = document.querySelector("h1");
  const surTitre = titre && recouvre(titre);
  if (surTitre) { problemes.push(decrire(surTitre, false) + " couvre le titre " + decrire(titre)); }
  for (const el of controles) {
    if (flottants.some((f) => f.contains(el))) { continue; }
    for (const bloc of ["end", "start"]) {
      el.scrollIntoView({ block: bloc, inline: "nearest" });
      const dessus = recouvre(el);
      if (dessus) { problemes.push(decrire(dessus, false) + " couvre " + decrire(el)); break; }
    }
  }
  window.scrollTo(0, depart);
  return {
    problemes: problemes,
    controles: controles.map((el) => ({
      nom: nom(el), role: el.matches("a[href]") ? "lien" : "autre", dansMain: !!el.closest("main")
    }))
  };
}
"""


@dataclass(frozen=True)
class Controle:
    nom: str
    role: str
    dans_main: bool


@dataclass(frozen=True)
class Vue:
    problemes: list[str]
    controles: list[Controle]

    def hors_contenu(self, nom: str) -> int:
        """How many visible controls outside <main> are called `nom`."""
        return sum(1 for c in self.controles if c.nom == nom and not c.dans_main)


def regarder(page: Page) -> Vue:
    resultat = page.evaluate(_SCRIPT)
    return Vue(
        problemes=list(resultat["problemes"]),
        controles=[
            Controle(c["nom"], c["role"], c["dansMain"]) for c in resultat["controles"]
        ],
    )
