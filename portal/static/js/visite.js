/* Bonne Porte — the page after "Effacer ce que j'ai fait ici": nothing of the visit stays in
   this tab's storage (the server has already forgotten it). Loaded only on that page. */
(function () {
  "use strict";
  try { window.sessionStorage.clear(); } catch (e) { /* storage disabled: nothing to clear */ }
}());
