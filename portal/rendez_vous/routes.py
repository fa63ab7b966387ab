"""Public pages: commune + motif → lieu → créneau → coordonnées → confirmé, and the manage link.

The choices travel in the URL (commune code, motif, lieu, time: nothing personal); the name and
contact only in the POST body. A step with one choice is skipped. No JavaScript needed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse
from wtforms.fields.choices import SelectChoice

from portal.catalogue import Catalogue, current_catalogue
from portal.catalogue.schemas.motif import Reservant
from portal.catalogue.schemas.territoire import Commune
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.i18n import langue
from portal.lieux.services import Statut, index_for
from portal.models import RendezVous
from portal.rendez_vous import bp
from portal.rendez_vous.coordonnees import book_from_form, demande_data
from portal.rendez_vous.erreurs import (
    RendezVousError,
    RendezVousIntrouvable,
    VerificationRefusee,
)
from portal.rendez_vous.forms import ConfirmerForm, CoordonneesForm, DebutForm, LettresForm
from portal.rendez_vous.ics import calendrier
from portal.rendez_vous.liens import jeton_pour, lien_gestion
from portal.rendez_vous.schemas import debut_iso
from portal.rendez_vous.semaine import build_semaine, parse_debut, parse_semaine
from portal.rendez_vous.services import (
    can_cancel,
    can_move,
    cancel_rendez_vous,
    lieux_pour,
    limite_publique,
    move_rendez_vous,
    secret,
    send_now,
)
from portal.rendez_vous.verification import find_by_jeton, verify_lettres
from portal.rendez_vous.visite import commune_du_simulateur, rdv_deja_reserve

VERIFICATION_DUREE = timedelta(minutes=10)  # then the 3 letters again (shared devices)


# --- Helpers shared by the views ---------------------------------------------------------


def motifs_publics(catalogue: Catalogue) -> dict[str, Any]:
    return {i: m for i, m in catalogue.motifs.items() if m.is_bookable_by(Reservant.usager)}


def _choix() -> tuple[Catalogue, Commune, str]:
    """The commune and motif from the URL, or back to step 1."""
    catalogue = current_catalogue()
    commune = catalogue.communes.get(request.args.get("code", ""))
    motif_id = request.args.get("motif", "")
    if commune is None or motif_id not in motifs_publics(catalogue):
        abort(redirect(url_for(".accueil", motif=motif_id or None)))
    return catalogue, commune, motif_id


def _choix_lieu() -> tuple[Catalogue, Commune, str, str]:
    catalogue, commune, motif_id = _choix()
    lieu_id = request.args.get("lieu", "")
    offerts = lieux_pour(
        db.session(), catalogue=catalogue, commune=commune, motif_id=motif_id, now=maintenant()
    )
    if lieu_id not in {item.id for item in offerts}:
        abort(redirect(url_for(".lieu", code=commune.code, motif=motif_id)))
    return catalogue, commune, motif_id, lieu_id


def _mark_verified(rdv: RendezVous) -> None:
    verifies = dict(session.get("rdv_verifies", {}))
    verifies[str(rdv.id)] = maintenant().isoformat()
    session["rdv_verifies"] = verifies


def _is_verified(rdv: RendezVous) -> bool:
    quand = session.get("rdv_verifies", {}).get(str(rdv.id))
    return bool(quand) and maintenant() - datetime.fromisoformat(quand) < VERIFICATION_DUREE


def _rdv_du_lien(jeton: str) -> RendezVous:
    try:
        return find_by_jeton(db.session(), jeton)
    except RendezVousIntrouvable:
        abort(404)


def _rdv_verifie(jeton: str) -> RendezVous:
    rdv = _rdv_du_lien(jeton)
    if not _is_verified(rdv):
        abort(redirect(url_for(".gerer", jeton=jeton)))
    return rdv


# --- Step 1: commune and motif -----------------------------------------------------------


@bp.get("/rendez-vous")
def accueil() -> str | BaseResponse | tuple[str, int]:
    catalogue = current_catalogue()
    motifs = motifs_publics(catalogue)
    form = DebutForm(request.args)
    form.motif.choices = [SelectChoice(i, m.nom.en_langue(langue())) for i, m in motifs.items()]
    motif_fixe = request.args.get("motif") if request.args.get("motif") in motifs else None
    code = request.args.get("code", "")
    if code in catalogue.communes and motif_fixe:
        return redirect(url_for(".lieu", code=code, motif=motif_fixe))
    contexte = {"form": form, "motif_fixe": motif_fixe, "motifs": motifs, "recherche": None}
    if "commune" not in request.args:
        reprise = commune_du_simulateur(catalogue, secret=secret(), now=maintenant())
        if reprise is not None:  # written in the field: she can change it
            form.commune.data = reprise.nom
        return render_template("rendez_vous/debut.html", reprise=reprise, **contexte)
    if not form.validate():
        return render_template("rendez_vous/debut.html", **contexte), 400
    recherche = index_for(catalogue).search(form.commune.data)
    if recherche.statut == Statut.trouvee:
        return redirect(url_for(".lieu", code=recherche.communes[0].code, motif=form.motif.data))
    contexte["recherche"] = recherche
    status = 200 if recherche.statut == Statut.plusieurs else 404
    return render_template("rendez_vous/debut.html", **contexte), status


# --- Step 2: lieu (skipped when there is one) --------------------------------------------


@bp.get("/rendez-vous/lieu")
def lieu() -> str | BaseResponse:
    catalogue, commune, motif_id = _choix()
    offerts = lieux_pour(
        db.session(), catalogue=catalogue, commune=commune, motif_id=motif_id, now=maintenant()
    )
    if len(offerts) == 1:
        return redirect(url_for(".creneau", code=commune.code, motif=motif_id, lieu=offerts[0].id))
    return _etape(
        "rendez_vous/lieu.html", catalogue, commune, motif_id,
        lieux=offerts,
        territoire=catalogue.territoire_of(commune.code),
    )


def _etape(
    modele: str, catalogue: Catalogue, commune: Commune, motif_id: str, **contexte: Any
) -> str:
    """A step's page, with the commune and the motif chosen so far."""
    return render_template(modele, commune=commune, motif_id=motif_id,
                           motif=catalogue.motifs[motif_id], **contexte)


# --- Step 3: créneau, a week at a time ---------------------------------------------------


@bp.get("/rendez-vous/creneau")
def creneau() -> str:
    catalogue, commune, motif_id, lieu_id = _choix_lieu()
    semaine = build_semaine(
        db.session(),
        motif_id=motif_id,
        motif=catalogue.motifs[motif_id],
        lieu_id=lieu_id,
        semaine=parse_semaine(request.args.get("semaine")),
        now=maintenant(),
    )
    choix = {"code": commune.code, "motif": motif_id, "lieu": lieu_id}
    return _etape(
        "rendez_vous/creneau.html", catalogue, commune, motif_id,
        lieu=catalogue.lieux[lieu_id],
        semaine=semaine,
        lien_creneau=lambda c: url_for(".coordonnees", **choix, debut=debut_iso(c.debut)),
        lien_semaine=lambda d: url_for(".creneau", **choix, semaine=d.isoformat()),
        lien_lieux=url_for(".lieu", code=commune.code, motif=motif_id),
    )


# --- Step 4: coordonnées, then the booking -----------------------------------------------


@bp.route("/rendez-vous/coordonnees", methods=["GET", "POST"])
@limiter.limit(limite_publique, methods=["POST"])
def coordonnees() -> str | BaseResponse | tuple[str, int]:
    catalogue, commune, motif_id, lieu_id = _choix_lieu()
    # A new time picked among the next free ones (after a 409) comes in the form.
    debut = parse_debut(request.form.get("debut") or request.args.get("debut"))
    if debut is None:
        return redirect(url_for(".creneau", code=commune.code, motif=motif_id, lieu=lieu_id))
    form = CoordonneesForm()
    generales: list[str] = []
    suivants: list[Any] = []
    status = 200
    deja = _deja_reserve(lieu_id=lieu_id, motif_id=motif_id, debut=debut)
    if request.method == "POST" and deja is not None:
        return deja
    if form.validate_on_submit():
        data = demande_data(
            form, lieu=lieu_id, motif=motif_id, debut=debut_iso(debut), commune=commune.code
        )
        reservation, generales, suivants, status = book_from_form(
            form, data, catalogue=catalogue
        )
        if reservation is not None:
            rdv = reservation.rendez_vous
            session["rdv_confirme"] = rdv.id
            _mark_verified(rdv)
            send_now(rdv.id)
            return redirect(url_for(".confirme"))
    elif request.method == "POST":
        status = 400
    return _etape(
        "rendez_vous/coordonnees.html", catalogue, commune, motif_id,
        form=form,
        lieu=catalogue.lieux[lieu_id],
        debut=debut,
        generales=generales,
        suivants=suivants,
        debut_iso=debut_iso,
        lien_creneaux=url_for(".creneau", code=commune.code, motif=motif_id, lieu=lieu_id),
    ), status


def _deja_reserve(*, lieu_id: str, motif_id: str, debut: datetime) -> BaseResponse | None:
    """Back, then "Réserver" again after booking: her own rendez-vous, not "someone else took
    this time". Her confirmation while the check holds, else the manage page (it asks it)."""
    rdv = rdv_deja_reserve(lieu_id=lieu_id, motif_id=motif_id, debut=debut)
    if rdv is None:
        return None
    flash(_("Ce rendez-vous est déjà réservé pour vous. Le voici."))
    if _is_verified(rdv):
        return redirect(url_for(".confirme"))
    return redirect(url_for(".gerer", jeton=jeton_pour(rdv.uid, secret())))


@bp.get("/rendez-vous/confirme")
def confirme() -> str | BaseResponse:
    rdv_id = session.get("rdv_confirme")
    rdv = db.session().get(RendezVous, rdv_id) if rdv_id else None
    if rdv is None or not _is_verified(rdv):
        return redirect(url_for(".accueil"))
    return _page_rendez_vous("rendez_vous/confirme.html", rdv)


def _page_rendez_vous(template: str, rdv: RendezVous, **extra: Any) -> str:
    catalogue = current_catalogue()
    jeton = jeton_pour(rdv.uid, secret())
    return render_template(
        template,
        rdv=rdv,
        jeton=jeton,
        motif=catalogue.motifs[rdv.motif_id],
        lieu=catalogue.lieux[rdv.lieu_id],
        lien=lien_gestion(current_app.config["PUBLIC_BASE_URL"], jeton),
        **extra,
    )


# --- The manage link ---------------------------------------------------------------------


@bp.get("/r/<jeton>")
def lien_court(jeton: str) -> BaseResponse:
    return redirect(url_for(".gerer", jeton=jeton))


@bp.route("/rendez-vous/gerer/<jeton>", methods=["GET", "POST"])
@limiter.limit(limite_publique, methods=["POST"])
def gerer(jeton: str) -> str | BaseResponse | tuple[str, int]:
    rdv = _rdv_du_lien(jeton)
    if _is_verified(rdv):
        motif = current_catalogue().motifs[rdv.motif_id]
        now = maintenant()
        return _page_rendez_vous(
            "rendez_vous/gerer.html",
            rdv,
            peut_annuler=can_cancel(rdv, motif, now=now),
            peut_deplacer=can_move(rdv, motif, now=now),
        )
    form = LettresForm()
    if form.validate_on_submit():
        try:
            verify_lettres(db.session(), rdv=rdv, saisie=form.lettres.data)
        except VerificationRefusee as exc:
            form.lettres.errors = [str(exc.message)]
        else:
            _mark_verified(rdv)
            return redirect(url_for(".gerer", jeton=jeton))
    status = 400 if form.errors else 200
    return render_template("rendez_vous/verifier.html", form=form), status


@bp.get("/rendez-vous/gerer/<jeton>/rendez-vous.ics")
def ics(jeton: str) -> Response:
    rdv = _rdv_verifie(jeton)
    catalogue = current_catalogue()
    contenu = calendrier(
        rdv,
        motif=catalogue.motifs[rdv.motif_id],
        lieu=catalogue.lieux[rdv.lieu_id],
        langue=langue(),
        lien=lien_gestion(current_app.config["PUBLIC_BASE_URL"], jeton),
        now=maintenant(),
    )
    return Response(
        contenu,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="rendez-vous-{rdv.reference}.ics"'},
    )


@bp.route("/rendez-vous/gerer/<jeton>/annuler", methods=["GET", "POST"])
@limiter.limit(limite_publique, methods=["POST"])
def annuler(jeton: str) -> str | BaseResponse | tuple[str, int]:
    rdv = _rdv_verifie(jeton)
    form = ConfirmerForm()
    if form.validate_on_submit():
        try:
            cancel_rendez_vous(
                db.session(), catalogue=current_catalogue(), rdv=rdv, now=maintenant()
            )
        except RendezVousError as exc:
            flash(str(exc.message))
        else:
            send_now(rdv.id)
            flash(_("Votre rendez-vous est annulé. Merci d'avoir prévenu."))
        return redirect(url_for(".gerer", jeton=jeton))
    return _page_rendez_vous("rendez_vous/annuler.html", rdv, form=form)


@bp.get("/rendez-vous/gerer/<jeton>/deplacer")
def deplacer(jeton: str) -> str | BaseResponse:
    rdv = _rdv_verifie(jeton)
    catalogue = current_catalogue()
    motif = catalogue.motifs[rdv.motif_id]
    if not can_move(rdv, motif, now=maintenant()):
        flash(
            _("Il est trop tard pour changer l'horaire en ligne. Appelez le lieu du rendez-vous.")
        )
        return redirect(url_for(".gerer", jeton=jeton))
    semaine = build_semaine(
        db.session(),
        motif_id=rdv.motif_id,
        motif=motif,
        lieu_id=rdv.lieu_id,
        semaine=parse_semaine(request.args.get("semaine")),
        now=maintenant(),
    )
    return _page_rendez_vous(
        "rendez_vous/deplacer.html",
        rdv,
        semaine=semaine,
        lien_creneau=lambda c: url_for(".confirmer_deplacement", jeton=jeton,
                                       debut=debut_iso(c.debut)),
        lien_semaine=lambda d: url_for(".deplacer", jeton=jeton, semaine=d.isoformat()),
    )


@bp.route("/rendez-vous/gerer/<jeton>/deplacer/confirmer", methods=["GET", "POST"])
@limiter.limit(limite_publique, methods=["POST"])
def confirmer_deplacement(jeton: str) -> str | BaseResponse:
    rdv = _rdv_verifie(jeton)
    debut = parse_debut(request.args.get("debut"))
    if debut is None:
        return redirect(url_for(".deplacer", jeton=jeton))
    form = ConfirmerForm()
    if form.validate_on_submit():
        try:
            move_rendez_vous(
                db.session(), catalogue=current_catalogue(), rdv=rdv, debut=debut,
                now=maintenant(),
            )
        except RendezVousError as exc:
            flash(str(exc.message))
            return redirect(url_for(".deplacer", jeton=jeton))
        send_now(rdv.id)
        flash(_("C'est fait : votre rendez-vous a un nouvel horaire."))
        return redirect(url_for(".gerer", jeton=jeton))
    return _page_rendez_vous(
        "rendez_vous/confirmer_deplacement.html", rdv, form=form, nouveau=debut
    )
