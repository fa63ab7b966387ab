// The premier accueil queue keeps itself up to date: new demandes are inserted where they
// belong, rows already shown are updated in place (status, who took it, unread messages),
// counts are refreshed, a role="status" line says so and the tab's title counts what is new.
// The reference cell (the link that may hold the focus) is never replaced, so the focus and
// the reading position never move. Locked (js/verrou.js): no row is asked for.
(function () {
  "use strict";
  var table = document.getElementById("file");
  var annonce = document.getElementById("annonce-file");
  if (!table || !annonce || !window.fetch) { return; }
  var secondes = parseInt(table.getAttribute("data-secondes"), 10) || 15;
  var premierePage = table.getAttribute("data-page") === "1";
  var verrou = window.BonnePorteVerrou || null;
  var titre = verrou ? verrou.titre : document.title;
  var minuteur = null;

  function corps() { return document.getElementById("file-corps"); }

  function references() {
    var connues = {};
    Array.prototype.forEach.call(corps().rows, function (ligne) {
      connues[ligne.getAttribute("data-reference")] = ligne;
    });
    return connues;
  }

  function etat(ligne) {
    return [ligne.cells[3], ligne.cells[6]].map(function (c) { return c.textContent.trim(); })
      .join(", ");
  }

  function mettreAJour(ancienne, recue) {
    var change = false;
    for (var i = 1; i < recue.cells.length; i += 1) {
      if (ancienne.cells[i] && ancienne.cells[i].innerHTML !== recue.cells[i].innerHTML) {
        ancienne.cells[i].innerHTML = recue.cells[i].innerHTML;
        change = true;
      }
    }
    ["ligne-urgente", "ligne-retard", "ligne-non-lue"].forEach(function (classe) {
      ancienne.classList.toggle(classe, recue.classList.contains(classe));
    });
    return change;
  }

  function inserer(html) {
    var modele = document.createElement("template");
    modele.innerHTML = "<table><tbody>" + html + "</tbody></table>";
    var recues = Array.prototype.slice.call(modele.content.querySelectorAll("tr[data-reference]"));
    var connues = references();
    var resultat = { nouvelles: [], changees: [] };
    recues.forEach(function (ligne, rang) {
      var deja = connues[ligne.getAttribute("data-reference")];
      if (deja) {
        if (mettreAJour(deja, ligne)) { resultat.changees.push(deja); }
        return;
      }
      // Before the first row that comes after it in the server's order and is already here.
      var suivante = null;
      for (var i = rang + 1; i < recues.length && !suivante; i += 1) {
        suivante = connues[recues[i].getAttribute("data-reference")] || null;
      }
      ligne.classList.add("ligne-nouvelle");
      corps().insertBefore(document.importNode(ligne, true), suivante);
      resultat.nouvelles.push(ligne);
    });
    return resultat;
  }

  function annoncer(resultat) {
    var nouvelles = resultat.nouvelles;
    var phrases = [];
    if (nouvelles.length) {
      phrases.push(nouvelles.length === 1
        ? annonce.getAttribute("data-une")
        : annonce.getAttribute("data-plusieurs").replace("{n}", String(nouvelles.length)));
      if (nouvelles.some(function (l) { return l.classList.contains("ligne-urgente"); })) {
        phrases.push(annonce.getAttribute("data-urgente"));
      }
    }
    resultat.changees.forEach(function (ligne) {
      phrases.push(annonce.getAttribute("data-changee")
        .replace("{ref}", ligne.getAttribute("data-reference")).replace("{etat}", etat(ligne)));
    });
    if (phrases.length) { annonce.textContent = phrases.join(" "); }
  }

  function titrer() {
    var nouveau = corps().querySelectorAll("tr.ligne-nouvelle, tr.ligne-non-lue").length;
    document.title = nouveau ? "(" + nouveau + ") " + titre : titre;
  }

  function compter(donnees) {
    ["nouvelles", "retard", "total", "urgentes"].forEach(function (cle) {
      var element = document.getElementById("compte-" + cle);
      if (element && donnees.textes && donnees.textes[cle]) {
        element.textContent = donnees.textes[cle];
      }
    });
    var vide = document.getElementById("file-vide");
    if (vide) { vide.hidden = corps().rows.length > 0; }
  }

  function source() {
    var url = table.getAttribute("data-source");
    if (verrou && verrou.actif()) { url += (url.indexOf("?") < 0 ? "?" : "&") + "actif=1"; }
    return url;
  }

  function rafraichir() {
    if (verrou && verrou.estVerrouille()) { return; }  /* js/verrou.js keeps the counts */
    fetch(source(), {
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
      if (donnees.verrouillee) { if (verrou) { verrou.verrouiller(donnees); } return; }
      if (premierePage) { annoncer(inserer(donnees.lignes)); }
      compter(donnees);
      titrer();
    }).catch(function () { /* offline for a moment: the next round tries again */ });
  }

  document.addEventListener("bonneporte:deverrouille", rafraichir);
  titrer();
  minuteur = window.setInterval(rafraichir, secondes * 1000);
}());
