"""Agent pages of the workshops: the sessions of a lieu and a new one, a session's seats,
attendance once it has begun, and cancelling it (each person booked is told).

Who: every agent role (portal/agents/acces.py, rule "/agent/rendez-vous"), in the lieux they
see; a conseiller numérique manages the sessions he created only. Another lieu's or another
conseiller's session is a 404.
"""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse
from wtforms.fields.choices import SelectChoice

from portal.agents.services import current_agent
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.i18n import langue
from portal.models import Agent, StatutRendezVous
from portal.rendez_vous import bp_agent
from portal.rendez_vous.ateliers import (
    PRESENCES,
    Seance,
    cancel_seance,
    create_seance,
    get_seance,
    inscrits,
    record_presences,
    seances,
    seulement_les_siennes,
)
from portal.rendez_vous.creneaux import PARIS
from portal.rendez_vous.erreurs import RendezVousError
from portal.rendez_vous.forms import ConfirmerForm, MessageForm, SeanceForm
from portal.rendez_vous.perms import can_see_lieu, lieux_visibles
from portal.rendez_vous.services import send_now

PASSE = timedelta(days=14)  # sessions shown before today: attendance still to record
AVENIR = timedelta(days=90)


def _agent() -> Agent:
    agent = current_agent()
    assert agent is not None  # portal.agents.acces ran
    return agent


def _lieu(lieu_id: str | None) -> str:
    visibles = lieux_visibles(_agent(), current_catalogue())
    if not visibles:
        abort(403)
    if lieu_id is None:
        siens = [lieu.id for lieu in _agent().lieux if lieu.id in visibles]
        return (siens or visibles)[0]
    if not can_see_lieu(_agent(), lieu_id, current_catalogue()):
        abort(404)
    return lieu_id


def _seance(seance_ref: str) -> Seance:
    seance = get_seance(
        db.session(), seance_ref, lieux=lieux_visibles(_agent(), current_catalogue()),
        filtres=seulement_les_siennes(_agent()),
    )
    if seance is None:
        abort(404)
    return seance


def _form(lieu_id: str) -> SeanceForm:
    catalogue = current_catalogue()
    form = SeanceForm()
    collectifs = {i: m for i, m in catalogue.motifs.items()
                  if m.collectif and m.is_offered_at(catalogue.lieux[lieu_id])}
    form.motif.choices = [SelectChoice(i, m.nom.en_langue(langue())) for i, m in collectifs.items()]
    if not form.is_submitted() and collectifs:
        premier = next(iter(collectifs.values()))
        form.places.data = premier.places
    return form


@bp_agent.route("/ateliers", methods=["GET", "POST"])
def ateliers() -> str | BaseResponse | tuple[str, int]:
    catalogue = current_catalogue()
    lieu_id = _lieu(request.args.get("lieu") or None)
    form = _form(lieu_id)
    status = 200
    if form.validate_on_submit():
        try:
            plage = create_seance(
                db.session(), catalogue=catalogue, lieu_id=lieu_id, motif_id=form.motif.data,
                jour=form.jour.data, heure=form.heure.data, places=form.places.data,
                agent_id=_agent().id, now=maintenant(),
            )
        except RendezVousError as exc:
            getattr(form, exc.champ).errors = [str(exc.message)]
            status = 422
        else:
            flash(_("Séance créée. Elle est proposée en ligne dès maintenant."))
            return redirect(url_for(".seance", seance_ref=plage.reference))
    elif form.is_submitted():
        form.our_messages()
        status = 400
    aujourdhui = maintenant().astimezone(PARIS).date()
    return render_template(
        "rendez_vous_agent/ateliers.html",
        form=form, lieu_id=lieu_id, lieu=catalogue.lieux[lieu_id],
        lieux={i: catalogue.lieux[i] for i in lieux_visibles(_agent(), catalogue)},
        seances=seances(db.session(), lieux=[lieu_id], du=aujourdhui - PASSE,
                        au=aujourdhui + AVENIR, filtres=seulement_les_siennes(_agent())),
        motifs=catalogue.motifs,
    ), status


@bp_agent.get("/ateliers/<seance_ref>")
def seance(seance_ref: str) -> str:
    catalogue = current_catalogue()
    la_seance = _seance(seance_ref)
    now = maintenant()
    return render_template(
        "rendez_vous_agent/seance.html",
        seance=la_seance, motif=catalogue.motifs[la_seance.motif_id],
        lieu=catalogue.lieux[la_seance.plage.lieu_id],
        inscrits=inscrits(db.session(), la_seance.plage),
        presences_form=ConfirmerForm(), message_form=MessageForm(), presences=PRESENCES,
        commencee=la_seance.debut <= now, annulable=not la_seance.annulee and la_seance.debut > now,
    )


@bp_agent.post("/ateliers/<seance_ref>/presences")
def presences(seance_ref: str) -> BaseResponse:
    la_seance = _seance(seance_ref)
    form = ConfirmerForm()
    if form.validate_on_submit():
        statuts = {}
        for rdv in inscrits(db.session(), la_seance.plage):
            valeur = request.form.get(f"statut-{rdv.id}")
            if valeur in {s.value for s in PRESENCES}:
                statuts[rdv.id] = StatutRendezVous(valeur)
        try:
            nombre = record_presences(db.session(), seance=la_seance, statuts=statuts,
                                      now=maintenant())
        except RendezVousError as exc:
            flash(str(exc.message))
        else:
            flash(_("Présences enregistrées (%(nombre)s).", nombre=nombre))
    return redirect(url_for(".seance", seance_ref=seance_ref))


@bp_agent.post("/ateliers/<seance_ref>/annuler")
def annuler_seance(seance_ref: str) -> BaseResponse:
    la_seance = _seance(seance_ref)
    form = MessageForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(url_for(".seance", seance_ref=seance_ref))
    try:
        prevenus = cancel_seance(db.session(), seance=la_seance, now=maintenant(),
                                 message=form.message.data)
    except RendezVousError as exc:
        flash(str(exc.message))
    else:
        for rdv_id in prevenus:
            send_now(rdv_id)
        flash(_("Séance annulée. Les personnes inscrites sont prévenues (%(nombre)s).",
                nombre=len(prevenus)))
    return redirect(url_for(".seance", seance_ref=seance_ref))
