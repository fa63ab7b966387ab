/* Comprendre un courrier: listen to the explanation in the page's language, and print it.
   Without JavaScript, or without speech synthesis, the buttons stay hidden. */
(function () {
  "use strict";

  // The same text as on screen: every block marked data-lecture, line by line (short
  // utterances also avoid browsers that stop reading after about 15 seconds).
  function texteALire() {
    var morceaux = [];
    document.querySelectorAll("[data-lecture]").forEach(function (bloc) {
      bloc.innerText.split(/\n+/).forEach(function (ligne) {
        ligne = ligne.trim();
        if (ligne) { morceaux.push(ligne); }
      });
    });
    return morceaux;
  }

  function ecouter(bouton) {
    var synthese = window.speechSynthesis;
    var langue = (document.documentElement.lang || "fr").toLowerCase();
    var statut = document.getElementById(bouton.getAttribute("data-statut"));
    var libelleEcouter = bouton.textContent.trim();
    var enCours = false;
    var voix = null;

    function message(nom) { return bouton.getAttribute("data-message-" + nom) || ""; }

    function etat(lecture, texte) {
      enCours = lecture;
      bouton.textContent = lecture ? bouton.getAttribute("data-arreter") : libelleEcouter;
      if (statut) { statut.textContent = texte; }
    }

    function choisirVoix() {
      var toutes = synthese.getVoices();
      if (!toutes.length) {  // list not known yet: the browser picks a voice for the language
        bouton.hidden = false;
        return;
      }
      voix = toutes.filter(function (v) {
        return (v.lang || "").toLowerCase().indexOf(langue) === 0;
      })[0] || null;
      bouton.hidden = voix === null;  // no voice for this language: no button that cannot work
    }

    bouton.addEventListener("click", function () {
      if (enCours) {
        synthese.cancel();
        etat(false, message("arret"));
        return;
      }
      synthese.cancel();
      var morceaux = texteALire();
      morceaux.forEach(function (texte, i) {
        var phrase = new window.SpeechSynthesisUtterance(texte);
        phrase.lang = langue;
        if (voix) { phrase.voice = voix; }
        if (i === morceaux.length - 1) {
          phrase.addEventListener("end", function () { etat(false, message("fin")); });
        }
        phrase.addEventListener("error", function (evenement) {
          if (enCours && evenement.error !== "interrupted" && evenement.error !== "canceled") {
            synthese.cancel();
            etat(false, message("erreur"));
          }
        });
        synthese.speak(phrase);
      });
      etat(true, message("lecture"));
    });

    choisirVoix();
    if (typeof synthese.addEventListener === "function") {
      synthese.addEventListener("voiceschanged", choisirVoix);
    }
    window.addEventListener("pagehide", function () { synthese.cancel(); });
  }

  var bouton = document.querySelector("[data-ecouter]");
  if (bouton && "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function") {
    ecouter(bouton);
  }

  var imprimer = document.querySelector("[data-imprimer]");
  if (imprimer && typeof window.print === "function") {
    imprimer.hidden = false;
    imprimer.addEventListener("click", function () { window.print(); });
  }
}());
