from __future__ import annotations

import io
import re

from flask import (
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from portal.catalogue import current_catalogue
from portal.catalogue.schemas.courrier import Courrier
from portal.courriers import bp
from portal.courriers.audio import TYPES, audio_courrier, dossier_audio
from portal.courriers.forms import AvisForm, SaisieCodeForm
from portal.courriers.presentation import THEMES, lien_aide, phrase_echeance
from portal.courriers.services import (
    Explication,
    Source,
    count_consultation,
    courriers_par_theme,
    explain_courrier,
    find_courrier,
    record_avis,
    suggest_courriers,
)
from portal.courriers.signature import (
    Parametres,
    ParametresInvalides,
    read_parametres,
    sign_parametres,
    signing_keys,
)
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.i18n import langue

VUS_MAX = 20  # codes remembered in the session, so that a reload is not counted twice
# A recording's name (portal/courriers/audio.py): nothing else of var/ is ever served.
_FICHIER_AUDIO = re.compile(
    r"^(?:courrier-[A-Za-z0-9-]{1,40}|urgence)-[a-z]{2}-[0-9a-f]{16}\.(ogg|mp3|wav)$"
)


@bp.context_processor
def _libelles() -> dict[str, object]:
    return {"themes_courriers": THEMES}


def _saisie(
    form: SaisieCodeForm, suggestions: list[Courrier] | None, status: int = 200
) -> tuple[str, int]:
    themes = courriers_par_theme(catalogue=current_catalogue())
    page = render_template(
        "courriers/saisie.html", form=form, suggestions=suggestions, themes=themes
    )
    return page, status


@bp.get("/courrier")
def saisie() -> Response | tuple[str, int]:
    form = SaisieCodeForm(request.args)
    if "code" not in request.args:
        return _saisie(form, None)
    if not form.validate():
        return _saisie(form, None, 400)
    catalogue = current_catalogue()
    courrier = find_courrier(form.code.data, catalogue=catalogue)
    if courrier is not None:
        return redirect(url_for(".explication", code=courrier.code, via=Source.saisie), 303)
    suggestions = suggest_courriers(form.code.data, catalogue=catalogue, langue=langue())
    return _saisie(form, suggestions, 404)


def _parametres(courrier: Courrier) -> Parametres:
    """Signed details are shown only when their signature holds; otherwise the page without."""
    keys = signing_keys(current_app.config)
    try:
        return read_parametres(courrier.code, request.args, keys=keys)
    except ParametresInvalides:
        return Parametres()


def _count_once(explication: Explication) -> None:
    code = explication.courrier.code
    vus = session.get("courriers_vus", [])
    if code in vus:  # a reload or a change of language is the same reading
        return
    via = request.args.get("via", "")
    source = Source(via) if via in Source.__members__ else Source.scan
    territoire = explication.lieu.territoire if explication.lieu else ""
    count_consultation(
        db.session(), code=code, source=source, jour=maintenant().date(), territoire_id=territoire
    )
    db.session().commit()
    session["courriers_vus"] = [*vus, code][-VUS_MAX:]


def _expliquer(courrier: Courrier) -> Explication:
    return explain_courrier(
        courrier, _parametres(courrier), catalogue=current_catalogue(), today=maintenant().date()
    )


def _page(explication: Explication, form: AvisForm) -> str:
    courrier = explication.courrier
    parametres = Parametres(echeance=explication.echeance, lieu=explication.lieu_id)
    # Kept on the feedback form's address, so the page shown after an error keeps them.
    signes = sign_parametres(courrier.code, parametres, keys=signing_keys(current_app.config))
    echeance = (
        phrase_echeance(courrier, explication.echeance, langue()) if explication.echeance else None
    )
    return render_template(
        "courriers/explication.html",
        explication=explication,
        courrier=courrier,
        form=form,
        signes=signes,
        phrase_echeance=echeance,
        aides=[(a, lien_aide(a)) for a in courrier.qui_aide],
        audio=audio_courrier(courrier, langue()),
        adresse=current_app.config["PUBLIC_BASE_URL"].rstrip("/")
        + url_for(".explication", code=courrier.code),
    )


def _courrier_or_suggestions(code: str) -> Courrier | tuple[str, int]:
    catalogue = current_catalogue()
    courrier = find_courrier(code[:40], catalogue=catalogue)
    if courrier is not None:
        return courrier
    form = SaisieCodeForm(formdata=None, data={"code": code[:40]})
    return _saisie(form, suggest_courriers(code[:40], catalogue=catalogue, langue=langue()), 404)


@bp.get("/c/<code>")
@bp.get("/C/<code>", endpoint="explication_qr")  # the QR codes' capitals (see qr.py)
def explication(code: str) -> tuple[str, int]:
    trouve = _courrier_or_suggestions(code)
    if not isinstance(trouve, Courrier):
        return trouve
    explication = _expliquer(trouve)
    _count_once(explication)
    return _page(explication, AvisForm()), 200


@bp.post("/c/<code>/avis")
@limiter.limit("10 per minute")
def avis(code: str) -> Response | tuple[str, int]:
    trouve = _courrier_or_suggestions(code)
    if not isinstance(trouve, Courrier):
        return trouve
    form = AvisForm()
    if not form.validate_on_submit():
        return _page(_expliquer(trouve), form), 400
    record_avis(
        db.session(),
        code=trouve.code,
        utile=form.utile.data == "oui",
        commentaire=form.commentaire.data,
        langue=langue(),
        jour=maintenant().date(),
    )
    db.session().commit()  # stored before the thank-you page
    # The anchor replaces the form's own (#titre-avis), which the browser would keep.
    return redirect(url_for(".merci", code=trouve.code, _anchor="contenu"), 303)


@bp.get("/c/<code>/merci")
def merci(code: str) -> tuple[str, int]:
    trouve = _courrier_or_suggestions(code)
    if not isinstance(trouve, Courrier):
        return trouve
    aides = [(a, lien_aide(a)) for a in trouve.qui_aide]
    return render_template("courriers/merci.html", courrier=trouve, aides=aides), 200


@bp.get("/audio/<nom>")
def audio(nom: str) -> Response:
    """A recording made by `flask courriers audio`; its name changes with its text, so it is
    cached for a year. Ranges are answered (seeking in the player)."""
    correspondance = _FICHIER_AUDIO.match(nom)
    chemin = dossier_audio() / nom
    if correspondance is None or not chemin.is_file():
        abort(404)
    # Read whole (a few hundred KB): a player that stops half-way leaves no open file behind.
    response = send_file(
        io.BytesIO(chemin.read_bytes()), mimetype=TYPES[correspondance.group(1)].split(";")[0],
        conditional=True, etag=chemin.stem, last_modified=chemin.stat().st_mtime,
    )
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
