// Mes droits: the "Imprimer" button only makes sense with JavaScript; without it, the
// browser's own print menu still gives the same printable page.
document.querySelectorAll("[data-imprimer]").forEach((bouton) => {
  bouton.hidden = false;
  bouton.addEventListener("click", () => window.print());
});

// A closed <details> is not printed: everything is opened for the printer, then closed again.
let fermes = [];
window.addEventListener("beforeprint", () => {
  fermes = [...document.querySelectorAll("details:not([open])")];
  fermes.forEach((details) => { details.open = true; });
});
window.addEventListener("afterprint", () => {
  fermes.forEach((details) => { details.open = false; });
  fermes = [];
});
