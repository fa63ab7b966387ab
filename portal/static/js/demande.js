/* Bonne Porte — a demande's page follows the conversation: the person's new messages are
   added to the transcript in order (each once, by its id), the state line (status, who
   follows it) is kept up to date, and the role="status" line says a message arrived.
   Nothing in a worker's memory: the cursor is the last message id on the page. */
(function () {
  "use strict";
  var annonce = document.getElementById("annonce-demande");
  if (!annonce || !window.fetch) { return; }
  var verrou = window.BonnePorteVerrou || null;
  var premiere = document.querySelector(".transcription[data-source]");
  if (!premiere) { return; }
  var adresse = premiere.getAttribute("data-source");
  var secondes = parseInt(premiere.getAttribute("data-secondes"), 10) || 15;

  function transcription() { return document.querySelector(".transcription[data-source]"); }

  function dernier(liste) {
    var max = 0;
    liste.querySelectorAll("li[data-id]").forEach(function (li) {
      max = Math.max(max, parseInt(li.getAttribute("data-id"), 10) || 0);
    });
    return max;
  }

  function ajouter(liste, message) {
    if (liste.querySelector("li[data-id='" + message.id + "']")) { return; }
    var modele = document.createElement("template");
    modele.innerHTML = message.html.trim();
    var li = modele.content.firstChild;
    var suivant = null;
    liste.querySelectorAll("li[data-id]").forEach(function (autre) {
      if (!suivant && parseInt(autre.getAttribute("data-id"), 10) > message.id) { suivant = autre; }
    });
    liste.insertBefore(li, suivant);
  }

  function relever() {
    var liste = transcription();
    if (!liste || (verrou && verrou.estVerrouille())) { return; }
    var url = adresse + "?apres=" + dernier(liste);
    if (verrou && verrou.actif()) { url += "&actif=1"; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (donnees) {
        if (!donnees) { return; }
        if (donnees.verrouillee) { if (verrou) { verrou.verrouiller(null); } return; }
        var courante = transcription();
        if (!courante) { return; }
        donnees.messages.forEach(function (m) { ajouter(courante, m); });
        var etat = document.querySelector("#demande-contenu .etat");
        if (etat && donnees.etat && etat.innerHTML.trim() !== donnees.etat.trim()) {
          etat.innerHTML = donnees.etat;
        }
        if (donnees.annonce) { annonce.textContent = donnees.annonce; }
      }).catch(function () { /* the next round tries again */ });
  }

  window.setInterval(relever, secondes * 1000);
}());
