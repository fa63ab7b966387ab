"""The accueil agents' pages: the queue, a demande and what can be done with it, (the fiche
de liaison and the journal are in `routes_fiche`).

Thin views: the rules live in `suivi` (changes) and `file` (the queue); who may open them in
`portal.agents.acces`. Only random references (demande, fiche) are ever put in a URL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as BaseResponse

from portal.accueil import bp, suivi
from portal.accueil.acces import agent_connecte, demande_visible
from portal.accueil.demandes import DemandeClose, DemandeIntrouvable, get_demande
from portal.accueil.direct import marquer_lu
from portal.accueil.file import SUJETS, lire_file, parse_filtres
from portal.accueil.forms import (
    AppelForm,
    CloreForm,
    DemandeAgentForm,
    NonRecoursForm,
    NoteForm,
    OrientationForm,
    PrendreForm,
    ReassignerForm,
    ReponseAgentForm,
    RouvrirForm,
    StatutForm,
)
from portal.accueil.journal import journal_de
from portal.accueil.messages import message_saisie
from portal.accueil.routes_direct import compteurs
from portal.accueil.saisie import submit_demande
from portal.assistant.services import fin_du_relais, rasa_client, resume
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.models import Agent, Demande, SourceDemande, StatutDemande


@bp.get("/agent/accueil")
def file() -> str | tuple[str, int]:
    catalogue = current_catalogue()
    filtres = parse_filtres(request.args, catalogue)
    la_file = lire_file(db.session(), agent=agent_connecte(), filtres=filtres, now=maintenant())
    return render_template(
        "accueil/file.html", file=la_file, filtres=filtres, catalogue=catalogue,
        textes=compteurs(la_file), sujets=SUJETS, sources=[s.value for s in SourceDemande],
        statuts=[s.value for s in StatutDemande],
        rafraichir=current_app.config["ACCUEIL_RAFRAICHISSEMENT_SECONDES"],
    )


@bp.route("/agent/accueil/nouvelle", methods=["GET", "POST"])
def nouvelle() -> BaseResponse | tuple[str, int]:
    """A demande taken on the phone or brought by an aidant joins the same queue."""
    form = DemandeAgentForm()
    if form.validate_on_submit():
        source = SourceDemande.aidant if form.source.data == "aidant" else SourceDemande.telephone
        accuse = submit_demande(form, source=source)
        if accuse is not None:
            flash(_("Demande %(reference)s enregistrée. Donnez cette référence à la personne.",
                    reference=accuse.demande.reference))
            return redirect(url_for("accueil.detail", reference=accuse.demande.reference))
    status = 400 if form.is_submitted() else 200
    return render_template("accueil/nouvelle.html", form=form), status


def _formulaires(demande: Demande) -> dict[str, FlaskForm]:
    catalogue = current_catalogue()
    version = str(demande.version)
    orientation = OrientationForm(prefix="orientation", version=version)
    orientation.partenaire.choices = [("", _("Choisissez un partenaire"))] + [
        (pid, p.nom) for pid, p in sorted(catalogue.partenaires.items(), key=lambda i: i[1].nom)
    ]
    reassigner = ReassignerForm(prefix="reassigner", version=version)
    reassigner.territoire.choices = [("", _("Choisissez"))] + [
        (tid, t.nom.fr) for tid, t in catalogue.territoires.items()
    ]
    reassigner.lieu.choices = [("", _("Aucun lieu précis"))] + [
        (lid, lieu.nom) for lid, lieu in sorted(catalogue.lieux.items(), key=lambda i: i[1].nom)
    ]
    return {
        "prendre": PrendreForm(prefix="prendre", version=version),
        "repondre": ReponseAgentForm(version=version),
        "note": NoteForm(prefix="note", version=version),
        "appel": AppelForm(prefix="appel", version=version),
        "orientation": orientation,
        "statut": StatutForm(prefix="statut", version=version, statut=demande.statut),
        "non_recours": NonRecoursForm(prefix="non_recours", version=version,
                                      non_recours=demande.non_recours or ""),
        "reassigner": reassigner,
        "clore": CloreForm(prefix="clore", version=version),
        "rouvrir": RouvrirForm(prefix="rouvrir", version=version),
    }


def _page(demande: Demande, *, erreurs: dict[str, FlaskForm] | None = None,
          status: int = 200) -> tuple[str, int]:
    """The demande's page; a form that failed comes back with what was typed and why."""
    formulaires = _formulaires(demande)
    formulaires.update(erreurs or {})
    session = db.session()
    return render_template(
        "accueil/detail.html", demande=demande, forms=formulaires,
        journal=journal_de(session, demande), catalogue=current_catalogue(),
        agents=_noms_agents(session, demande),
    ), status


def _noms_agents(session: Session, demande: Demande) -> dict[int, str]:
    """Who did what, by name, for the journal and the notes shown on the page."""
    ids = {e.agent_id for e in journal_de(session, demande) if e.agent_id}
    ids |= {s.agent_id for s in demande.suivis if s.agent_id}
    if demande.agent_id:
        ids.add(demande.agent_id)
    return {a.id: a.nom_complet for a in session.scalars(select(Agent).where(Agent.id.in_(ids)))}


@bp.get("/agent/accueil/<reference>")
def detail(reference: str) -> tuple[str, int]:
    demande = demande_visible(reference)
    suivi.lire(db.session(), demande, agent_connecte())
    marquer_lu(db.session(), demande)
    return _page(demande)


def _agir(
    reference: str, nom: str, form: FlaskForm,
    action: Callable[[Demande, Any], object], succes: str,
) -> BaseResponse | tuple[str, int]:
    """Runs one action from the demande's page and says plainly what happened."""
    demande = demande_visible(reference)
    if not form.validate_on_submit():
        for champ, erreurs in form.errors.items():
            if champ == "csrf_token":
                flash(_("La page a expiré. Recommencez."))
            else:
                getattr(form, champ).errors = list(erreurs)
        return _page(demande, erreurs={nom: form}, status=400)
    try:
        action(demande, form)
    except suivi.SaisieInvalide as exc:
        getattr(form, exc.champ).errors = [message_saisie(exc.champ, str(exc))]
        return _page(demande, erreurs={nom: form}, status=400)
    except DemandeClose:
        flash(_("Cette demande est close : rien n'a été changé."))
        return _page(demande, erreurs={nom: form}, status=409)
    except suivi.DemandeModifiee:
        db.session().refresh(demande)
        flash(_("Quelqu'un a modifié cette demande pendant que vous la lisiez. Rien n'a été "
                "changé : voici la version à jour. Vérifiez, puis recommencez."))
        return _page(demande, erreurs={nom: form}, status=409)
    except suivi.DejaPriseEnCharge as exc:
        qui = db.session().get(Agent, exc.agent_id) if exc.agent_id else None
        flash(_("Cette demande est déjà prise en charge par %(nom)s.",
                nom=qui.nom_complet if qui else _("un autre agent")))
        return _page(demande, status=409)
    flash(succes)
    return redirect(url_for("accueil.detail", reference=reference))


def _version(form: Any) -> int | None:
    return form.version_attendue()


@bp.post("/agent/accueil/<reference>/prendre")
def prendre(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi._a_jour(demande, _version(form))
        suivi.prendre_en_charge(db.session(), demande, agent_connecte(), maintenant())

    return _agir(reference, "prendre", PrendreForm(prefix="prendre"), action,
                 _("Vous avez pris en charge cette demande."))


@bp.post("/agent/accueil/<reference>/repondre")
def repondre(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        try:
            suivi.reply_demande(db.session(), demande=demande, agent=agent_connecte(),
                                texte=form.texte.data, now=maintenant(), version=_version(form))
        except DemandeIntrouvable:
            raise suivi.SaisieInvalide("texte", "sans_conversation") from None

    return _agir(reference, "repondre", ReponseAgentForm(), action,
                 _("Réponse envoyée dans la conversation."))


@bp.post("/agent/accueil/<reference>/note")
def note(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi.ajouter_note(db.session(), demande, agent_connecte(), form.texte.data,
                           now=maintenant(), version=_version(form))

    return _agir(reference, "note", NoteForm(prefix="note"), action, _("Note ajoutée."))


@bp.post("/agent/accueil/<reference>/appel")
def appel(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi.noter_appel(db.session(), demande, agent_connecte(), form.resultat.data,
                          form.texte.data, now=maintenant(), version=_version(form))

    return _agir(reference, "appel", AppelForm(prefix="appel"), action, _("Appel noté."))


@bp.post("/agent/accueil/<reference>/orienter")
def orienter(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi.orienter(
            db.session(), demande, agent_connecte(), catalogue=current_catalogue(),
            partenaire=form.partenaire.data, situation=form.situation.data,
            besoin=form.besoin.data, consentement=bool(form.consentement.data),
            now=maintenant(), version=_version(form),
        )

    form = OrientationForm(prefix="orientation")
    form.partenaire.choices = [(form.partenaire.data or "", form.partenaire.data or "")]
    return _agir(reference, "orientation", form, action,
                 _("Orientation enregistrée. La fiche de liaison est prête à imprimer."))


@bp.post("/agent/accueil/<reference>/statut")
def statut(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi.changer_statut(db.session(), demande, agent_connecte(), form.statut.data,
                             now=maintenant(), version=_version(form))

    return _agir(reference, "statut", StatutForm(prefix="statut"), action, _("Statut changé."))


@bp.post("/agent/accueil/<reference>/non-recours")
def non_recours(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi.marquer_non_recours(db.session(), demande, agent_connecte(), form.non_recours.data,
                                  version=_version(form))

    return _agir(reference, "non_recours", NonRecoursForm(prefix="non_recours"), action,
                 _("Cause du non-recours enregistrée."))


@bp.post("/agent/accueil/<reference>/reassigner")
def reassigner(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi.reassigner(
            db.session(), demande, agent_connecte(), catalogue=current_catalogue(),
            territoire_id=form.territoire.data, lieu_id=form.lieu.data, note=form.note.data,
            now=maintenant(), version=_version(form),
        )

    form = ReassignerForm(prefix="reassigner")
    reponse = _agir(reference, "reassigner", form, action, _("Demande transmise."))
    # Sent to another territory, the demande may no longer be visible here.
    if isinstance(reponse, BaseResponse) and not _encore_visible(reference):
        return redirect(url_for("accueil.file"))
    return reponse


def _encore_visible(reference: str) -> bool:
    try:
        get_demande(db.session(), reference=reference, agent=agent_connecte())
    except DemandeIntrouvable:
        return False
    return True


@bp.post("/agent/accueil/<reference>/clore")
def clore(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi.close_demande(db.session(), demande=demande, agent=agent_connecte(),
                            issue=form.issue.data or None, now=maintenant(),
                            message_fin=fin_du_relais(demande.langue), version=_version(form))
        if demande.conversation is not None:
            resume(db.session(), conversation=demande.conversation, rasa=rasa_client())

    reponse = _agir(reference, "clore", CloreForm(prefix="clore"), action,
                    _("Demande %(reference)s close.", reference=reference))
    if isinstance(reponse, BaseResponse):
        return redirect(url_for("accueil.file"))
    return reponse


@bp.post("/agent/accueil/<reference>/rouvrir")
def rouvrir(reference: str) -> BaseResponse | tuple[str, int]:
    def action(demande: Demande, form: Any) -> None:
        suivi.rouvrir(db.session(), demande, agent_connecte(), form.raison.data,
                      now=maintenant(), version=_version(form))

    return _agir(reference, "rouvrir", RouvrirForm(prefix="rouvrir"), action,
                 _("Demande rouverte."))
