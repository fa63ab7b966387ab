"""Agent pages: the agenda of a lieu (day or week), statuses, move or cancel with a message,
a rendez-vous for someone calling, and the no-show rates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from portal.accueil.services import (
    DemandeClose,
    DemandeIntrouvable,
    DemandeModifiee,
    get_demande,
    lier_rendez_vous,
)
from portal.agents.services import current_agent
from portal.catalogue import Catalogue, current_catalogue
from portal.catalogue.schemas.motif import Reservant
from portal.extensions import db
from portal.horloge import maintenant
from portal.models import Agent, Demande, RendezVous, StatutRendezVous
from portal.models.rendez_vous import CreePar
from portal.rendez_vous import bp_agent
from portal.rendez_vous.agenda import agenda_du_lieu, taux_absence
from portal.rendez_vous.coordonnees import book_from_form, demande_data, prefill_telephone
from portal.rendez_vous.creneaux import PARIS, debut_de_semaine
from portal.rendez_vous.erreurs import RendezVousError
from portal.rendez_vous.forms import CoordonneesAgentForm, MessageForm, StatutForm
from portal.rendez_vous.perms import (
    can_see_lieu,
    get_rendez_vous_or_404,
    lieux_visibles,
    seulement_les_siens,
)
from portal.rendez_vous.schemas import debut_iso
from portal.rendez_vous.semaine import build_semaine, parse_debut, parse_semaine
from portal.rendez_vous.services import (
    cancel_rendez_vous,
    move_rendez_vous,
    send_now,
    set_statut,
)


def _agent() -> Agent:
    agent = current_agent()
    assert agent is not None  # portal.agents.acces ran
    return agent


def _rendez_vous(reference: str) -> tuple[Catalogue, RendezVous]:
    """The rendez-vous the agent may see (404 otherwise), and the catalogue it was read with."""
    catalogue = current_catalogue()
    return catalogue, get_rendez_vous_or_404(db.session(), reference, agent=_agent(),
                                             catalogue=catalogue)


def _tente(action: Callable[[], object], reussite: str) -> bool:
    """Runs an agent's action on a rendez-vous and says how it went (a refusal's reason, or
    `reussite`)."""
    try:
        action()
    except RendezVousError as exc:
        flash(str(exc.message))
        return False
    flash(reussite)
    return True


def _lieu_visible(lieu_id: str | None) -> str:
    catalogue = current_catalogue()
    visibles = lieux_visibles(_agent(), catalogue)
    if not visibles:
        abort(403)
    if lieu_id is None:
        siens = [lieu.id for lieu in _agent().lieux if lieu.id in visibles]
        return (siens or visibles)[0]
    if not can_see_lieu(_agent(), lieu_id, catalogue):
        abort(404)
    return lieu_id


def _demande_liee() -> Demande | None:
    """The premier accueil demande this booking is for (`?demande=<reference>`), if any."""
    reference = request.args.get("demande")
    if not reference:
        return None
    try:
        return get_demande(db.session(), reference=reference, agent=_agent())
    except DemandeIntrouvable:
        return None


def _motif_agent(motif_id: str | None) -> str:
    motif = current_catalogue().motifs.get(motif_id or "")
    if motif is None or not motif.is_bookable_by(Reservant.agent):
        abort(404)
    return str(motif_id)


@bp_agent.get("/")
def agenda() -> str:
    catalogue = current_catalogue()
    lieu_id = _lieu_visible(request.args.get("lieu") or None)
    vue = "semaine" if request.args.get("vue") == "semaine" else "jour"
    aujourdhui = maintenant().astimezone(PARIS).date()
    jour = parse_semaine(request.args.get("jour")) or aujourdhui
    du = debut_de_semaine(jour) if vue == "semaine" else jour
    au = du + timedelta(days=6 if vue == "semaine" else 0)
    pas = timedelta(days=7 if vue == "semaine" else 1)
    return render_template(
        "rendez_vous_agent/agenda.html",
        lieu_id=lieu_id,
        lieu=catalogue.lieux[lieu_id],
        lieux={i: catalogue.lieux[i] for i in lieux_visibles(_agent(), catalogue)},
        vue=vue,
        jour=jour,
        du=du,
        au=au,
        journees=agenda_du_lieu(db.session(), lieu_id=lieu_id, du=du, au=au,
                                filtres=seulement_les_siens(_agent())),
        lien=lambda d, v=vue: url_for(".agenda", lieu=lieu_id, jour=d.isoformat(), vue=v),
        precedent=jour - pas,
        suivant=jour + pas,
        motifs=catalogue.motifs,
        statut_form=StatutForm,
    )


@bp_agent.get("/<reference>")
def detail(reference: str) -> str:
    catalogue, rdv = _rendez_vous(reference)
    return render_template(
        "rendez_vous_agent/detail.html",
        rdv=rdv,
        motif=catalogue.motifs[rdv.motif_id],
        lieu=catalogue.lieux[rdv.lieu_id],
        statut_form=StatutForm(statut=rdv.statut if rdv.statut != "prevu" else "present"),
        message_form=MessageForm(),
        peut_statut=rdv.debut.astimezone(PARIS).date() <= maintenant().astimezone(PARIS).date(),
    )


@bp_agent.post("/<reference>/statut")
def statut(reference: str) -> BaseResponse:
    catalogue, rdv = _rendez_vous(reference)
    form = StatutForm()
    if form.validate_on_submit():
        _tente(lambda: set_statut(db.session(), rdv=rdv, statut=StatutRendezVous(form.statut.data),
                                  now=maintenant()), _("Statut enregistré."))
    retour = request.form.get("retour")
    if retour == "agenda":
        jour = rdv.debut.astimezone(PARIS).date().isoformat()
        return redirect(url_for(".agenda", lieu=rdv.lieu_id, jour=jour))
    return redirect(url_for(".detail", reference=rdv.reference))


@bp_agent.post("/<reference>/annuler")
def annuler(reference: str) -> BaseResponse:
    catalogue, rdv = _rendez_vous(reference)
    form = MessageForm()
    if form.validate_on_submit():
        if _tente(lambda: cancel_rendez_vous(db.session(), catalogue=catalogue, rdv=rdv,
                                             now=maintenant(), par_agent=True,
                                             message=form.message.data),
                  _("Rendez-vous annulé. La personne est prévenue.")):
            send_now(rdv.id)
    else:
        flash(" ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(url_for(".detail", reference=rdv.reference))


@bp_agent.get("/<reference>/deplacer")
def deplacer(reference: str) -> str:
    catalogue, rdv = _rendez_vous(reference)
    semaine = build_semaine(
        db.session(), motif_id=rdv.motif_id, motif=catalogue.motifs[rdv.motif_id],
        lieu_id=rdv.lieu_id, semaine=parse_semaine(request.args.get("semaine")),
        now=maintenant(),
    )
    return render_template(
        "rendez_vous_agent/deplacer.html",
        rdv=rdv,
        motif=catalogue.motifs[rdv.motif_id],
        lieu=catalogue.lieux[rdv.lieu_id],
        semaine=semaine,
        lien_creneau=lambda c: url_for(".confirmer_deplacement", reference=rdv.reference,
                                       debut=debut_iso(c.debut)),
        lien_semaine=lambda d: url_for(".deplacer", reference=rdv.reference,
                                       semaine=d.isoformat()),
    )


@bp_agent.route("/<reference>/deplacer/confirmer", methods=["GET", "POST"])
def confirmer_deplacement(reference: str) -> str | BaseResponse:
    catalogue, rdv = _rendez_vous(reference)
    debut = parse_debut(request.args.get("debut"))
    if debut is None:
        return redirect(url_for(".deplacer", reference=rdv.reference))
    form = MessageForm()
    if form.validate_on_submit():
        if not _tente(lambda: move_rendez_vous(db.session(), catalogue=catalogue, rdv=rdv,
                                               debut=debut, now=maintenant(), par_agent=True,
                                               message=form.message.data),
                      _("Rendez-vous déplacé. La personne est prévenue.")):
            return redirect(url_for(".deplacer", reference=rdv.reference))
        send_now(rdv.id)
        return redirect(url_for(".detail", reference=rdv.reference))
    return render_template(
        "rendez_vous_agent/confirmer_deplacement.html",
        rdv=rdv, form=form, nouveau=debut, motif=catalogue.motifs[rdv.motif_id],
        lieu=catalogue.lieux[rdv.lieu_id],
    )


@bp_agent.get("/nouveau")
def nouveau() -> str:
    """For someone on the phone: lieu and motif, then a week of créneaux."""
    catalogue = current_catalogue()
    lieu_id = _lieu_visible(request.args.get("lieu") or None)
    motifs = {i: m for i, m in catalogue.motifs.items()
              if m.is_bookable_by(Reservant.agent) and m.is_offered_at(catalogue.lieux[lieu_id])}
    motif_id = request.args.get("motif")
    demande = _demande_liee()
    reference = demande.reference if demande else None
    semaine = None
    if motif_id in motifs:
        semaine = build_semaine(
            db.session(), motif_id=motif_id, motif=motifs[motif_id], lieu_id=lieu_id,
            semaine=parse_semaine(request.args.get("semaine")), now=maintenant(),
        )
    return render_template(
        "rendez_vous_agent/nouveau.html",
        lieu_id=lieu_id,
        lieux={i: catalogue.lieux[i] for i in lieux_visibles(_agent(), catalogue)},
        motifs=motifs,
        motif_id=motif_id,
        semaine=semaine,
        demande=demande,
        lien_creneau=lambda c: url_for(".coordonnees", lieu=lieu_id, motif=motif_id,
                                       debut=debut_iso(c.debut), demande=reference),
        lien_semaine=lambda d: url_for(".nouveau", lieu=lieu_id, motif=motif_id,
                                       semaine=d.isoformat(), demande=reference),
    )


@bp_agent.route("/nouveau/coordonnees", methods=["GET", "POST"])
def coordonnees() -> str | BaseResponse | tuple[str, int]:
    catalogue = current_catalogue()
    lieu_id = _lieu_visible(request.args.get("lieu") or None)
    motif_id = _motif_agent(request.args.get("motif"))
    debut = parse_debut(request.form.get("debut") or request.args.get("debut"))
    if debut is None:
        return redirect(url_for(".nouveau", lieu=lieu_id, motif=motif_id))
    form = CoordonneesAgentForm()
    demande = _demande_liee()
    if demande is not None and not form.is_submitted():
        # What the person already told the accueil is not asked again.
        form.prenom.data = demande.prenom
        prefill_telephone(form, demande.telephone)
        form.email.data = demande.email
        form.commune.data = demande.commune_code
    generales: list[str] = []
    suivants: list[Any] = []
    status = 200
    if form.validate_on_submit():
        data = demande_data(form, lieu=lieu_id, motif=motif_id, debut=debut_iso(debut),
                             commune=form.commune.data or "")
        reservation, generales, suivants, status = book_from_form(
            form, data, catalogue=catalogue, cree_par=CreePar.agent, agent_id=_agent().id
        )
        if reservation is not None:
            send_now(reservation.rendez_vous.id)
            flash(_("Rendez-vous créé. Référence : %(reference)s.",
                    reference=reservation.rendez_vous.reference))
            if reservation.rendez_vous.type_telephone != "portable" and \
                    not reservation.rendez_vous.email:
                flash(_("Aucun SMS ni e-mail ne partira : dites à la personne la date et la "
                        "référence, ou imprimez-lui le ticket."))
            if demande is not None and _lier(demande, reservation.rendez_vous):
                return redirect(url_for("accueil.detail", reference=demande.reference))
            return redirect(url_for(".detail", reference=reservation.rendez_vous.reference))
    elif request.method == "POST":
        status = 400
    return render_template(
        "rendez_vous_agent/coordonnees.html",
        form=form, lieu=catalogue.lieux[lieu_id], motif=catalogue.motifs[motif_id],
        debut=debut, generales=generales, suivants=suivants, debut_iso=debut_iso,
        base_url=current_app.config["PUBLIC_BASE_URL"],
    ), status


def _lier(demande: Demande, rendez_vous: RendezVous) -> bool:
    """Notes the rendez-vous on the demande; a closed demande keeps its state."""
    try:
        lier_rendez_vous(db.session(), demande, _agent(), rendez_vous, now=maintenant())
    except (DemandeClose, DemandeModifiee):
        flash(_("Le rendez-vous n'a pas pu être noté sur la demande : elle a changé entre-temps."))
        return False
    return True


@bp_agent.get("/absences")
def absences() -> str:
    """No-show rates per motif and lieu, over the rendez-vous whose outcome was recorded."""
    catalogue = current_catalogue()
    visibles = lieux_visibles(_agent(), catalogue)
    aujourdhui = maintenant().astimezone(PARIS).date()
    depuis = parse_semaine(request.args.get("depuis")) or (aujourdhui - timedelta(days=365))
    return render_template(
        "rendez_vous_agent/absences.html",
        taux=taux_absence(db.session(), lieux=visibles, depuis=depuis, jusqu_a=aujourdhui,
                          now=maintenant()),
        lieux=catalogue.lieux,
        motifs=catalogue.motifs,
        depuis=depuis,
    )
