/* Bonne Porte — a ticket page: the print button (shown only with JavaScript), printing at once
   when the kiosk's "Imprimer mon ticket" asked for it. A device without a printer may do
   nothing on window.print(): the "Montrez cet écran" guidance stays on the page, and is put
   forward when printing is not possible at all. */
(function () {
  "use strict";
  var bouton = document.getElementById("imprimer");
  var consigne = document.getElementById("sans-imprimante");
  var actions = document.querySelector(".ticket-actions");
  if (!bouton || !consigne) { return; }
  function imprimer() {
    try {
      window.print();
    } catch (e) {
      consigne.classList.add("en-avant");
      consigne.setAttribute("role", "status");
    }
  }
  if (typeof window.print !== "function") {
    consigne.classList.add("en-avant");
    return;
  }
  bouton.hidden = false;
  bouton.addEventListener("click", imprimer);
  window.addEventListener("afterprint", function () { consigne.classList.add("en-avant"); });
  if (actions && actions.hasAttribute("data-imprimer")) {
    window.setTimeout(imprimer, 300);
  }
}());
