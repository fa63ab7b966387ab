/* Bonne Porte — the chat widget. Small, no framework, nothing stored in the browser
   (no localStorage): the chat token lives in the session cookie. One role="log" list,
   only appended to; statuses in role="status"; a lost connection in role="alert". */
(function () {
  "use strict";
  var racine = document.querySelector("[data-assistant]");
  var modele = document.getElementById("assistant-modele");
  if (!racine || !modele || !window.fetch || !("content" in modele)) { return; }

  var textes = JSON.parse(racine.getAttribute("data-textes"));
  var langue = racine.getAttribute("data-langue") || "fr";
  var jeton = racine.getAttribute("data-session") || null;
  var dernier = 0;  /* the polling cursor: the last id the server sent by a poll */
  var vus = {};     /* ids already on the page: each message once */
  var sondage = null;

  /* One launcher: the button takes the place of the plain link (not hidden beside it). */
  racine.querySelector(".assistant-lien").remove();
  racine.appendChild(modele.content.cloneNode(true));
  var lanceur = racine.querySelector(".assistant-lanceur");
  var panneau = racine.querySelector(".assistant-panneau");
  var journal = racine.querySelector(".assistant-messages");
  var statut = racine.querySelector(".assistant-statut");
  var alerte = racine.querySelector(".assistant-alerte");
  var formulaire = racine.querySelector(".assistant-formulaire");
  var champ = formulaire.querySelector("textarea");
  var placeRelais = racine.querySelector(".assistant-relais-place");

  function ouvrir() {
    panneau.hidden = false;
    lanceur.setAttribute("aria-expanded", "true");
    champ.focus();
  }
  function fermer() {
    panneau.hidden = true;
    lanceur.setAttribute("aria-expanded", "false");
    lanceur.focus();
  }
  lanceur.addEventListener("click", function () { (panneau.hidden ? ouvrir : fermer)(); });
  racine.querySelector(".assistant-fermer").addEventListener("click", fermer);
  panneau.addEventListener("keydown", function (e) { if (e.key === "Escape") { fermer(); } });

  function poster(url, corps) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept-Language": langue },
      body: JSON.stringify(corps)
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    });
  }

  /* In the server's order (by id), whatever order the answers came back in. */
  function placer(li, id) {
    var suivant = null;
    if (id) {
      li.setAttribute("data-id", String(id));
      Array.prototype.some.call(journal.children, function (autre) {
        var sien = parseInt(autre.getAttribute("data-id"), 10);
        if (sien > id) { suivant = autre; }
        return !!suivant;
      });
    }
    journal.insertBefore(li, suivant);
  }

  function bulle(de, texte, lang) {
    var li = document.createElement("li");
    li.className = "message message-" + de;
    li.lang = lang || langue;
    var p = document.createElement("p");
    var qui = document.createElement("strong");
    qui.textContent = (textes[de] || de) + " : ";
    p.appendChild(qui);
    p.appendChild(document.createTextNode(texte));
    li.appendChild(p);
    return li;
  }

  function ajouter(message) {
    if (message.id && vus[message.id]) { return; }
    if (message.id) { vus[message.id] = true; }
    var li = bulle(message.de, message.texte, message.langue);
    if (message.boutons && message.boutons.length) {
      var liste = document.createElement("ul");
      liste.className = "boutons-message";
      message.boutons.forEach(function (b) {
        var item = document.createElement("li");
        var el;
        if (/^(tel|sms):/.test(b.valeur)) {
          el = document.createElement("a");
          el.href = b.valeur;
          el.className = "bouton bouton-appel";
        } else if (/^lien:\//.test(b.valeur)) {  /* a door of the portal: a link */
          el = document.createElement("a");
          el.href = b.valeur.slice(5);
          el.className = "bouton";
        } else {
          el = document.createElement("button");
          el.type = "button";
          el.className = "bouton bouton-secondaire";
          el.addEventListener("click", function () { envoyer(b.valeur, b.titre); });
        }
        el.textContent = b.titre;
        item.appendChild(el);
        liste.appendChild(item);
      });
      li.appendChild(liste);
    }
    placer(li, message.id);
  }

  function suivre(demande) {
    if (!demande) { return; }
    statut.textContent = textes.transmis + demande.reference;
    if (!sondage) { sondage = window.setInterval(function () { relever(false); }, 5000); }
  }

  function relever(tous) {
    if (!jeton) { return; }
    poster("/api/v1/chat/nouveaux", { session: jeton, apres: dernier, tous: !!tous }).then(function (r) {
      if (!r.ok) { return; }
      var agent = r.data.messages.some(function (m) { return m.de === "agent" && !vus[m.id]; });
      r.data.messages.forEach(function (m) { dernier = Math.max(dernier, m.id); ajouter(m); });
      if (r.data.demande) { if (!sondage) { suivre(r.data.demande); } }
      else if (sondage) { window.clearInterval(sondage); sondage = null; }
      if (agent) { statut.textContent = textes.agentRepond; }
    }).catch(function () { /* the next poll tries again */ });
  }

  /* Her message shows at once, with its state: sending, sent, or not sent with a button to
     try again (what she typed is never lost). A button's title is shown, not its payload. */
  function envoyer(texte, montre, li) {
    if (!texte) { return; }
    if (!li) {
      li = bulle("usager", montre || texte);
      var etat = document.createElement("p");
      etat.className = "message-etat";
      li.appendChild(etat);
      journal.appendChild(li);
    }
    var ligneEtat = li.querySelector(".message-etat");
    ligneEtat.textContent = textes.envoi;
    alerte.textContent = "";
    var corps = { message: texte, langue: langue };
    if (jeton) { corps.session = jeton; }
    poster("/api/v1/chat", corps).then(function (r) {
      if (!r.ok) {
        echec(li, texte, montre, (r.data.erreurs && Object.values(r.data.erreurs)[0]) || textes.horsLigne);
        return;
      }
      jeton = r.data.session;
      ligneEtat.textContent = textes.envoye;
      if (r.data.envoye) { vus[r.data.envoye.id] = true; li.setAttribute("data-id", String(r.data.envoye.id)); }
      r.data.messages.forEach(ajouter);
      if (r.data.relais) { montrerRelais(); }
      suivre(r.data.demande);
    }).catch(function () { echec(li, texte, montre, textes.horsLigne); });
  }

  function echec(li, texte, montre, message) {
    var ligneEtat = li.querySelector(".message-etat");
    ligneEtat.textContent = textes.nonEnvoye + " ";
    var bouton = document.createElement("button");
    bouton.type = "button";
    bouton.className = "bouton bouton-secondaire";
    bouton.textContent = textes.reessayer;
    bouton.addEventListener("click", function () { envoyer(texte, montre, li); champ.focus(); });
    ligneEtat.appendChild(bouton);
    alerte.textContent = message;
  }

  formulaire.addEventListener("submit", function (e) {
    e.preventDefault();
    var texte = champ.value.trim();
    champ.value = "";  /* it is in the conversation now, with its state */
    envoyer(texte);
  });

  function montrerRelais() {
    if (placeRelais.firstChild) { return; }
    var relais = document.getElementById("assistant-relais-modele").content.cloneNode(true);
    placeRelais.appendChild(relais);
    var form = placeRelais.querySelector("form");
    form.querySelector("input, select, textarea").focus();
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var corps = { session: jeton };
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name) { return; }
        var nom = el.name.replace(/^relais-/, "");
        if (nom === "commune") { nom = "commune_saisie"; }  /* typed text, not an INSEE code */
        if (el.type === "checkbox") { corps[nom] = el.checked; }
        else if (el.type === "radio") { if (el.checked) { corps[nom] = el.value; } }
        else if (el.value) { corps[nom] = el.value; }
      });
      poster("/api/v1/demandes", corps).then(function (r) {
        form.querySelectorAll(".erreur.js").forEach(function (n) { n.remove(); });
        form.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
        if (r.ok) {
          alerte.textContent = "";  /* the red message goes once it is sent */
          placeRelais.textContent = "";
          /* The receipt is a message of the conversation: read it from there, once. */
          relever(false);
          suivre({ reference: r.data.reference });
          champ.focus();
          return;
        }
        var premier = null;
        Object.keys(r.data.erreurs || {}).forEach(function (nom) {
          var el = form.querySelector("[name='relais-" + nom.replace("commune_saisie", "commune") + "']");
          var message = document.createElement("p");
          message.className = "erreur js";
          message.id = "relais-" + nom + "-erreur-js";
          message.textContent = r.data.erreurs[nom];
          if (el) {
            el.setAttribute("aria-invalid", "true");
            el.setAttribute("aria-describedby", message.id);
            /* Beside its own field: after the legend of a group, or just before the input
               (after its label and hint), as the pages without JavaScript do. */
            var legende = el.closest(".champ").querySelector("legend");
            if (legende) { legende.parentNode.insertBefore(message, legende.nextSibling); }
            else { el.parentNode.insertBefore(message, el); }
            premier = premier || el;
          } else { form.insertBefore(message, form.firstChild); }
        });
        alerte.textContent = textes.corriger;
        if (premier) { premier.focus(); }
      }).catch(function () { alerte.textContent = textes.horsLigne; });
    });
  }

  if (jeton) { relever(true); }
}());
