/* Bonne Porte — an agent's page that stays open all day. After 15 minutes without activity
   the server says the session is locked: what is personal ([data-personnel]) leaves the page,
   the counts stay and keep updating (an urgent arrival is announced in the page's
   role="status" line), and the password unlocks it in place: the page is fetched again and
   its personal parts put back, with what the agent had typed. */
(function () {
  "use strict";
  var section = document.getElementById("verrou");
  if (!section || !window.fetch || !window.DOMParser) { return; }
  var form = section.querySelector("form");
  var champ = document.getElementById("verrou-mot-de-passe");
  var erreur = document.getElementById("verrou-erreur");
  var annonce = document.querySelector(".annonce[role=status]");
  var secondes = parseInt((document.querySelector("[data-secondes]") || section)
    .getAttribute("data-secondes"), 10) || 15;
  var titre = document.title;
  var actif = false;
  var verrouille = false;
  var urgentes = null;
  var saisies = {};
  var minuteur = null;

  ["keydown", "pointerdown", "input"].forEach(function (type) {
    document.addEventListener(type, function () { if (!verrouille) { actif = true; } }, true);
  });

  function dire(texte) { if (annonce) { annonce.textContent = texte; } }

  function compter(donnees) {
    if (!donnees || !donnees.textes) { return; }
    /* A page open all day: the unlock form's CSRF token is kept fresh by every round. */
    if (donnees.jeton) { form.querySelector("input[name=csrf_token]").value = donnees.jeton; }
    document.getElementById("verrou-urgentes").textContent = donnees.textes.urgentes;
    document.getElementById("verrou-nouvelles").textContent = donnees.textes.nouvelles;
    ["nouvelles", "retard", "total", "urgentes"].forEach(function (cle) {  /* the queue's own */
      var element = document.getElementById("compte-" + cle);
      if (element && donnees.textes[cle]) { element.textContent = donnees.textes[cle]; }
    });
    if (urgentes !== null && donnees.urgentes > urgentes) {
      dire(section.getAttribute("data-urgente"));
      document.title = "(" + (donnees.urgentes - urgentes) + ") " + titre;
    }
    if (urgentes === null || donnees.urgentes > urgentes) { urgentes = donnees.urgentes; }
  }

  function relever() {
    fetch(section.getAttribute("data-compteurs"), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(compter).catch(function () { /* the next round tries again */ });
  }

  function verrouiller(donnees) {
    if (verrouille) { compter(donnees); return; }
    verrouille = true;
    saisies = {};
    document.querySelectorAll("[data-personnel]").forEach(function (bloc) {
      bloc.querySelectorAll("textarea, input[type=text], input:not([type])").forEach(function (el) {
        if (el.name && el.value) { saisies[el.closest("form").action + " " + el.name] = el.value; }
      });
      bloc.textContent = "";  /* removed from the page, not only hidden */
      bloc.hidden = true;
    });
    document.querySelectorAll("[data-masque-verrou]").forEach(function (el) { el.hidden = true; });
    section.hidden = false;
    dire(section.getAttribute("data-verrouillee"));
    compter(donnees);
    if (!minuteur) { minuteur = window.setInterval(relever, secondes * 1000); }
    relever();
  }

  function remettre(html) {
    var fraiche = new DOMParser().parseFromString(html, "text/html");
    document.querySelectorAll("[data-personnel]").forEach(function (bloc) {
      var source = bloc.id && fraiche.getElementById(bloc.id);
      if (source) { bloc.innerHTML = source.innerHTML; }
      bloc.hidden = false;
      bloc.querySelectorAll("textarea, input").forEach(function (el) {
        var cle = el.form ? el.form.action + " " + el.name : "";
        if (saisies[cle]) { el.value = saisies[cle]; }
      });
    });
    fraiche.querySelectorAll("input[name=csrf_token]").forEach(function (el, i) {
      if (i === 0) { form.querySelector("input[name=csrf_token]").value = el.value; }
    });
    saisies = {};
    verrouille = false;
    actif = false;
    urgentes = null;
    window.clearInterval(minuteur);
    minuteur = null;
    section.hidden = true;
    document.querySelectorAll("[data-masque-verrou]").forEach(function (el) {
      el.hidden = el.id === "file-vide" && document.querySelector("#file-corps tr") !== null;
    });
    document.title = titre;
    dire("");
    document.dispatchEvent(new CustomEvent("bonneporte:deverrouille"));
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    erreur.hidden = true;
    champ.removeAttribute("aria-invalid");
    fetch(form.action, { method: "POST", credentials: "same-origin", body: new FormData(form),
                         headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (d) { return { ok: r.ok, d: d }; }); })
      .then(function (r) {
        if (!r.ok) {
          erreur.textContent = r.d.erreur;
          erreur.hidden = false;
          champ.setAttribute("aria-invalid", "true");
          champ.focus();
          return null;
        }
        champ.value = "";
        return fetch(window.location.href, { credentials: "same-origin" })
          .then(function (page) { return page.text(); }).then(remettre);
      }).catch(function () { /* offline: the form stays, the agent tries again */ });
  });

  window.BonnePorteVerrou = {
    verrouiller: verrouiller,
    estVerrouille: function () { return verrouille; },
    /* For the page's own rounds: did the agent do something since the last one? */
    actif: function () { var a = actif; actif = false; return a; },
    titre: titre
  };
}());
