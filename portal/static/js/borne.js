/* Bonne Porte — a kiosk (loaded only there). After BORNE_INACTIVITE_SECONDES without input,
   an alertdialog offers at least 20 seconds to continue with one key or one tap (WCAG 2.2.1);
   then "J'ai terminé" is sent for the person (the full reset of the visit).
   The last input is kept in the sessionStorage: the timer survives page changes. Nothing is
   armed before the first input of a visit (the reset empties the sessionStorage). */
(function () {
  "use strict";
  var body = document.body;
  var inactivite = Number(body.getAttribute("data-borne-inactivite")) * 1000;
  var avertissement = Number(body.getAttribute("data-borne-avertissement")) * 1000;
  var alerte = document.getElementById("borne-alerte");
  var decompte = document.getElementById("borne-decompte");
  var formulaire = document.getElementById("borne-termine");
  var CLE = "borne-derniere-action";
  var minuteur = null;
  if (!alerte || !formulaire || !inactivite) { return; }

  function derniere() {
    try { return Number(window.sessionStorage.getItem(CLE)) || 0; } catch (e) { return 0; }
  }
  function noter() {
    try { window.sessionStorage.setItem(CLE, String(Date.now())); } catch (e) { /* off */ }
  }
  function continuer() {
    noter();
    if (alerte.open) { alerte.close(); }
  }
  function action() {
    if (alerte.open) { continuer(); } else { noter(); }
  }
  function effacer() {
    window.clearInterval(minuteur);
    try { window.sessionStorage.removeItem(CLE); } catch (e) { /* off */ }
    formulaire.submit();
  }
  function verifier() {
    var depuis = derniere();
    if (!depuis) { return; }
    var calme = Date.now() - depuis;
    if (calme >= inactivite + avertissement) { effacer(); return; }
    if (calme >= inactivite) {
      if (!alerte.open) {
        alerte.showModal();
        document.getElementById("borne-continuer").focus();
      }
      decompte.textContent = String(Math.ceil((inactivite + avertissement - calme) / 1000));
    }
  }
  ["keydown", "pointerdown", "input", "wheel"].forEach(function (nom) {
    document.addEventListener(nom, action, { capture: true, passive: true });
  });
  alerte.addEventListener("cancel", function () { noter(); });
  document.getElementById("borne-continuer").addEventListener("click", continuer);
  minuteur = window.setInterval(verifier, 1000);
  verifier();
}());
