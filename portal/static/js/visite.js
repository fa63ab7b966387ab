/* Bonne Porte — a shared device keeps nothing of the person who left (loaded on every page).
   - Back or reload: the browser would put back what was typed in the forms, also after
     "Effacer ce que j'ai fait ici". Every form goes back to what the server wrote in it (its
     answers of this visit, or nothing once the visit is over).
   - The page after "Effacer ce que j'ai fait ici" (body[data-fin-de-visite]) empties the
     sessionStorage too; the server has already forgotten the visit. */
(function () {
  "use strict";
  function oublier() {
    Array.prototype.forEach.call(document.forms, function (form) { form.reset(); });
  }
  var navigation = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")[0] : null;
  var retour = navigation && (navigation.type === "back_forward" || navigation.type === "reload");
  /* pageshow: after the browser has put the old values back (it does so once parsing ends). */
  window.addEventListener("pageshow", function (e) { if (retour || e.persisted) { oublier(); } });
  if (document.body.hasAttribute("data-fin-de-visite")) {
    try { window.sessionStorage.clear(); } catch (e) { /* storage disabled: nothing to clear */ }
  }
}());
