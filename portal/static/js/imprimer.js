// The "Imprimer" button only makes sense with JavaScript; without it, the browser's own print
// menu gives the same printable page.
document.querySelectorAll("[data-imprimer]").forEach((bouton) => {
  bouton.hidden = false;
  bouton.addEventListener("click", () => window.print());
});
