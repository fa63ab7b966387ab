/* Play/pause of a recorded explanation (the <audio> next to it keeps its own controls, which
   work without JavaScript). The button says what it will do; a status line says what happens. */
(function () {
  "use strict";

  function brancher(bouton) {
    var audio = document.getElementById(bouton.getAttribute("data-lire-enregistrement"));
    var statut = document.getElementById(bouton.getAttribute("data-statut"));
    if (!audio || typeof audio.play !== "function") { return; }
    var libelleLire = bouton.textContent.trim();

    function message(nom) {
      if (statut) { statut.textContent = bouton.getAttribute("data-message-" + nom) || ""; }
    }
    function montrer(enLecture) {
      bouton.textContent = enLecture ? bouton.getAttribute("data-pause") : libelleLire;
    }

    bouton.addEventListener("click", function () {
      if (!audio.paused) { audio.pause(); return; }
      var promesse = audio.play();
      if (promesse && typeof promesse.catch === "function") {
        promesse.catch(function () { montrer(false); message("erreur"); });
      }
    });
    audio.addEventListener("play", function () { montrer(true); message("lecture"); });
    audio.addEventListener("pause", function () {
      montrer(false);
      if (!audio.ended) { message("pause"); }
    });
    audio.addEventListener("ended", function () { montrer(false); message("fin"); });
    audio.addEventListener("error", function () { montrer(false); message("erreur"); }, true);
    // The browser's own reading (courrier.js) and the recording never talk at once.
    audio.addEventListener("play", function () {
      if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
    });
    bouton.hidden = false;
  }

  document.querySelectorAll("[data-lire-enregistrement]").forEach(brancher);
}());
