// The premier accueil queue keeps itself up to date: new demandes are inserted where they
// belong, counts are refreshed, and a role="status" line says so. Nothing already on the
// page is replaced, so the focus and the reading position never move.
(function () {
  "use strict";
  var table = document.getElementById("file");
  var annonce = document.getElementById("annonce-file");
  if (!table || !annonce || !window.fetch) { return; }
  var corps = table.tBodies[0];
  var secondes = parseInt(table.getAttribute("data-secondes"), 10) || 15;
  var premierePage = table.getAttribute("data-page") === "1";
  var minuteur = null;

  function references() {
    var connues = {};
    Array.prototype.forEach.call(corps.rows, function (ligne) {
      connues[ligne.getAttribute("data-reference")] = ligne;
    });
    return connues;
  }

  function inserer(html) {
    var modele = document.createElement("template");
    modele.innerHTML = "<table><tbody>" + html + "</tbody></table>";
    var recues = Array.prototype.slice.call(modele.content.querySelectorAll("tr[data-reference]"));
    var connues = references();
    var nouvelles = [];
    recues.forEach(function (ligne, rang) {
      if (connues[ligne.getAttribute("data-reference")]) { return; }
      // Before the first row that comes after it in the server's order and is already here.
      var suivante = null;
      for (var i = rang + 1; i < recues.length && !suivante; i += 1) {
        suivante = connues[recues[i].getAttribute("data-reference")] || null;
      }
      ligne.classList.add("ligne-nouvelle");
      corps.insertBefore(document.importNode(ligne, true), suivante);
      nouvelles.push(ligne);
    });
    return nouvelles;
  }

  function annoncer(nouvelles) {
    if (!nouvelles.length) { return; }
    var texte = nouvelles.length === 1
      ? annonce.getAttribute("data-une")
      : annonce.getAttribute("data-plusieurs").replace("{n}", String(nouvelles.length));
    if (nouvelles.some(function (l) { return l.classList.contains("ligne-urgente"); })) {
      texte += " " + annonce.getAttribute("data-urgente");
    }
    annonce.textContent = texte;
  }

  function compter(donnees) {
    ["nouvelles", "retard", "total"].forEach(function (cle) {
      var element = document.getElementById("compte-" + cle);
      if (element && donnees.textes && donnees.textes[cle]) {
        element.textContent = donnees.textes[cle];
      }
    });
    var vide = document.getElementById("file-vide");
    if (vide) { vide.hidden = corps.rows.length > 0; }
  }

  function rafraichir() {
    fetch(table.getAttribute("data-source"), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (reponse) {
      if (reponse.status === 401) {
        annonce.textContent = annonce.getAttribute("data-expiree");
        window.clearInterval(minuteur);
        return null;
      }
      return reponse.ok ? reponse.json() : null;
    }).then(function (donnees) {
      if (!donnees) { return; }
      if (premierePage) { annoncer(inserer(donnees.lignes)); }
      compter(donnees);
    }).catch(function () { /* offline for a moment: the next round tries again */ });
  }

  minuteur = window.setInterval(rafraichir, secondes * 1000);
}());
