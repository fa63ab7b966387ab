"""The conseiller's pages: his home, recording a mandate, its receipt, revoking, renewing."""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.aidants import bp_agent
from portal.aidants.commun import (
    STATUTS,
    agent,
    detail_journal,
    mandat_or_404,
    url_verification,
)
from portal.aidants.forms import DEMARCHES, DUREES, MandatForm, RenouvellementForm, VideForm
from portal.aidants.jetons import qr_svg
from portal.aidants.journal import journal_du_mandat, journaliser
from portal.aidants.mandats import (
    MandatError,
    Personne,
    create_mandat,
    mandats_de,
    revoke,
    statut,
)
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.i18n import langue
from portal.models import ActionMandat, RendezVous
from portal.rendez_vous.services import PARIS, seances_du_jour


@bp_agent.get("/")
def accueil() -> str:
    conseiller, now = agent(), maintenant()
    debut = now.astimezone(PARIS).replace(hour=0, minute=0, second=0, microsecond=0)
    rendez_vous = db.session().scalars(
        select(RendezVous).where(
            RendezVous.agent_id == conseiller.id,
            RendezVous.debut >= debut, RendezVous.debut < debut + timedelta(days=1),
        ).order_by(RendezVous.debut)
    ).all()
    structure = current_catalogue().structures.get(conseiller.structure_id or "")
    return render_template(
        "aidants/accueil.html", conseiller=conseiller, structure=structure,
        rendez_vous=rendez_vous,
        ateliers=seances_du_jour(db.session(), agent_id=conseiller.id, jour=debut.date()),
        motifs=current_catalogue().motifs, langue=langue(),
        mandats=mandats_de(db.session(), conseiller.structure_id or ""),
        statut=lambda m: statut(m, now), statuts=STATUTS, demarches=DEMARCHES,
    )


@bp_agent.route("/mandats/nouveau", methods=["GET", "POST"])
def nouveau() -> str | Response | tuple[str, int]:
    form = MandatForm()
    structure = current_catalogue().structures.get(agent().structure_id or "")
    if form.validate_on_submit():
        personne = Personne(form.prenom.data or "", form.nom.data or "", form.contact.data)
        try:
            mandat = create_mandat(
                db.session(), agent=agent(), demarches=form.demarches.data or [],
                duree=form.duree.data or "", personne=personne, now=maintenant(),
            )
        except MandatError as exc:
            db.session().rollback()
            form.form_errors.append(str(exc.message))
        else:
            db.session().commit()
            flash(_("Mandat enregistré. Imprimez le reçu pour la personne."))
            return redirect(url_for(".recu", reference=mandat.reference))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "aidants/nouveau.html", form=form, structure=structure, demarches=DEMARCHES,
        durees=DUREES,
    ), status


@bp_agent.get("/mandats/<reference>")
def detail(reference: str) -> str:
    mandat, now = mandat_or_404(reference), maintenant()
    return render_template(
        "aidants/detail.html", mandat=mandat, etat=statut(mandat, now), statuts=STATUTS,
        demarches=DEMARCHES, durees=DUREES, journal=journal_du_mandat(db.session(), mandat),
        form=VideForm(), renouvellement=RenouvellementForm(),
        libelle_mandat=ActionMandat.libelle_de, detail_journal=detail_journal,
        structure=current_catalogue().structures.get(mandat.structure_id),
    )


@bp_agent.get("/mandats/<reference>/recu")
def recu(reference: str) -> str:
    mandat = mandat_or_404(reference)
    journaliser(db.session(), mandat, agent(), ActionMandat.recu)
    db.session().commit()
    url = url_verification(mandat)
    return render_template(
        "aidants/recu.html", mandat=mandat, etat=statut(mandat, maintenant()), statuts=STATUTS,
        demarches=DEMARCHES, durees=DUREES, qr=qr_svg(url), url=url,
        structure=current_catalogue().structures.get(mandat.structure_id),
    )


@bp_agent.post("/mandats/<reference>/revoquer")
def revoquer(reference: str) -> Response | tuple[str, int]:
    mandat = mandat_or_404(reference)
    if not VideForm().validate_on_submit():
        return redirect(url_for(".detail", reference=reference))
    try:
        revoke(db.session(), mandat, agent=agent(), now=maintenant())
    except MandatError as exc:
        flash(str(exc.message))
        return redirect(url_for(".detail", reference=reference))
    db.session().commit()
    return redirect(url_for(".preuve", reference=reference))


@bp_agent.get("/mandats/<reference>/revocation")
def preuve(reference: str) -> str | Response:
    mandat = mandat_or_404(reference)
    if mandat.revoque_at is None:
        return redirect(url_for(".detail", reference=reference))
    return render_template(
        "aidants/preuve.html", mandat=mandat, demarches=DEMARCHES,
        structure=current_catalogue().structures.get(mandat.structure_id),
    )


@bp_agent.post("/mandats/<reference>/renouveler")
def renouveler(reference: str) -> Response:
    ancien = mandat_or_404(reference)
    form = RenouvellementForm()
    if not form.validate_on_submit():
        for erreurs in form.errors.values():
            flash(str(erreurs[0]))
        return redirect(url_for(".detail", reference=reference))
    personne = Personne(ancien.prenom, ancien.nom, ancien.contact)
    try:
        mandat = create_mandat(
            db.session(), agent=agent(), demarches=ancien.demarches, duree=form.duree.data or "",
            personne=personne, now=maintenant(), renouvelle=ancien,
        )
    except MandatError as exc:
        db.session().rollback()
        flash(str(exc.message))
        return redirect(url_for(".detail", reference=reference))
    db.session().commit()
    flash(_("Mandat renouvelé. Imprimez le nouveau reçu pour la personne."))
    return redirect(url_for(".recu", reference=mandat.reference))
