"""The fast simulation engine: one OpenFisca-France legislation per process, warm, batched.

Why it is fast, and still exact:
- the legislation (TaxBenefitSystem) is loaded once and warmed in a background thread;
- requests that arrive together are computed together in one vectorised simulation (a
  simulation of 20 households costs about what one of 1 costs);
- households sharing the same provably-empty branches (`elagage.py`) are computed without
  those branches;
- period arithmetic is memoised (`periodes.py`);
- nodes that are the same for every household (parameters, dates, inputs never set) are
  computed once per process and reused (`constantes.py`): half the formula runs;
- openfisca-core's per-call checks and look-ups are remembered or skipped (`rapide.py`), and
  the situation of a batch is not deep-copied (`construction.SituationJetable`).
The answer is the one of a plain OpenFisca call on the same situation (`calculate_naive`);
the golden households and a randomised equivalence test check it.

The fast path works on openfisca-core's internals, written for OPENFISCA_CORE_ECRIT_POUR: with
another version installed, or SIMULATEUR_RAPIDE=false, the engine computes each household by
the plain call (`chemin_de_calcul`), says so once in the log, and stays "ok".
"""

from __future__ import annotations

import gc
import importlib.metadata
import logging
import queue
import resource
import threading
import time
from collections import defaultdict, deque
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import Flask

from portal.simulateur.moteur import periodes
from portal.simulateur.moteur.ages import ages_legaux
from portal.simulateur.moteur.constantes import Constantes, analyse, noms_entrees
from portal.simulateur.moteur.construction import FastSimulationBuilder, SituationJetable
from portal.simulateur.moteur.echantillon import warmup_households
from portal.simulateur.moteur.elagage import neutres_of
from portal.simulateur.moteur.openfisca_adapter import (
    VARIABLES_NATIONALES,
    build_situation,
    calculate_naive,
    locate,
    merge_situations,
    periode_of,
    read_value,
)
from portal.simulateur.moteur.rapide import accelerate
from portal.simulateur.schemas import SimulationRequest

logger = logging.getLogger(__name__)

Valeurs = dict[str, float | bool | str]

# The openfisca-core release whose internals rapide.py, construction.py and
# populations_rapides.py were written for (requirements/runtime.txt pins it).
OPENFISCA_CORE_ECRIT_POUR = "44.7.1"


def chemin_de_calcul(rapide_demande: bool, version: str | None = None) -> tuple[bool, str]:
    """(fast path?, why): the fast path only on the openfisca-core it was written for."""
    if not rapide_demande:
        return False, "SIMULATEUR_RAPIDE=false"
    installee = version or importlib.metadata.version("openfisca-core")
    if installee != OPENFISCA_CORE_ECRIT_POUR:
        return False, (f"openfisca-core {installee} installé, le chemin rapide est écrit pour "
                       f"{OPENFISCA_CORE_ECRIT_POUR}")
    return True, f"openfisca-core {installee}"


class EngineUnavailable(Exception):
    """The legislation could not be loaded, or the computation took too long."""


@dataclass
class _Travail:
    requete: SimulationRequest
    future: Future[Valeurs] = field(default_factory=Future)
    seules: tuple[str, ...] = ()  # order check: each of these asked alone, nothing else


def load_tax_benefit_system() -> Any:
    from openfisca_france import FranceTaxBenefitSystem

    return FranceTaxBenefitSystem()


def compute_batch(
    tbs: Any,
    requetes: Sequence[SimulationRequest],
    variables: Sequence[str] = VARIABLES_NATIONALES,
    neutres: frozenset[str] = frozenset(),
    constantes: Constantes | None = None,
) -> list[Valeurs]:
    """All `requetes` in one vectorised simulation (they must share the same month)."""
    prefixes = [f"h{i}_" for i in range(len(requetes))]
    situation = SituationJetable(
        merge_situations(
            [build_situation(r, prefix) for r, prefix in zip(requetes, prefixes, strict=True)]
        )
    )
    simulation = accelerate(
        FastSimulationBuilder().build_from_entities(tbs, situation), neutres, constantes
    )
    mois = requetes[0].mois
    arrays = {v: simulation.calculate(v, periode_of(tbs, v, mois)) for v in variables}
    resultats = []
    for requete, prefix in zip(requetes, prefixes, strict=True):
        lecture = locate(simulation, prefix, len(requete.adultes))
        resultats.append({v: read_value(tbs, v, arrays[v], lecture) for v in variables})
    return resultats


def rss_bytes() -> int:
    """Resident memory of this process now (Linux), or its peak elsewhere."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * resource.getpagesize()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Engine:
    """Owns the legislation and the one worker thread that runs OpenFisca.

    Request threads only queue work and wait; the worker takes everything queued, groups it
    by month, and computes each group as one simulation.

    How long it waits for more: a simulation costs about the same for 1 household as for 20,
    so under load the batch should hold every waiting client. When a batch ends, its clients
    send their next requests one after another (each parses JSON and validates under the GIL:
    about 10 ms apart with 20 clients, more on a loaded machine), so after a batch of several
    the worker keeps collecting while requests keep coming less than `ecart` apart (at most
    `attente_max` in all). After a batch of one (a person alone), it waits only `fenetre`.
    It stops waiting as soon as the batch holds the clients it expects back: those of the
    last batch, plus those whose requests came while it was computed (with 20 steady clients,
    this saves the last `ecart` of silence each time; fewer clients wait as before).
    """

    def __init__(
        self,
        variables: Sequence[str] = VARIABLES_NATIONALES,
        *,
        fenetre: float = 0.002,
        ecart: float = 0.1,
        attente_max: float = 0.5,
        taille_max: int = 64,
        delai: float = 60.0,
        rapide: bool = True,
    ) -> None:
        self.variables = tuple(variables)
        self.rapide = rapide
        self.fenetre = fenetre
        self.ecart = ecart
        self.attente_max = attente_max
        self.taille_max = taille_max
        self.delai = delai
        self.tbs: Any = None
        self.constantes = Constantes()
        self.warmup_seconds: float | None = None
        self._queue: queue.Queue[_Travail] = queue.Queue()
        self._ready = threading.Event()
        self._failed: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        # Sizes of the last simulations run (the benchmark checks that requests do merge).
        self.tailles_lots: deque[int] = deque(maxlen=10_000)

    # ----- life cycle -----

    @property
    def status(self) -> str:
        if self._failed is not None:
            return "unavailable"
        return "ok" if self._ready.is_set() else "warming"

    def start_warmup(self) -> None:
        """Loads and warms the legislation in the background; idempotent."""
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="simulateur-openfisca", daemon=True
                )
                self._thread.start()

    def wait_ready(self, timeout: float | None = None) -> bool:
        self.start_warmup()
        self._ready.wait(timeout)
        if self._failed is not None:
            raise EngineUnavailable("legislation not loaded") from self._failed
        return self._ready.is_set()

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            periodes.install()
            ages_legaux()  # the legal ages of the rules (elagage.py, the question flow)
            self.tbs = load_tax_benefit_system()
            self._warm()
            # The legislation lives as long as the process: once it is warm, the cyclic
            # collector stops walking its ~600,000 objects (a full collection measured
            # 0.215 s before, 0.027 s after), so that no request pays for it.
            gc.collect()
            gc.freeze()
        except BaseException as exc:  # the app keeps serving; health says "unavailable"
            logger.exception("Le simulateur n'a pas pu charger la législation")
            self._failed = exc
            self._ready.set()
            return
        self.warmup_seconds = time.perf_counter() - started
        self._ready.set()
        self._serve()

    def _warm(self) -> None:
        """Runs every formula path once (young/old, disabled or not…) so that the first
        person does not pay for lazy loading (zones, parameters, numexpr…), and finds the
        constant nodes of this month (the recorded run also warms every path)."""
        foyers = warmup_households()
        if not self.rapide:  # one household loads what the plain path loads lazily
            calculate_naive(self.tbs, foyers[0], self.variables)
            return
        self._analyse(foyers)
        for requete in foyers:
            compute_batch(self.tbs, [requete], self.variables, neutres_of(requete), self.constantes)

    def _analyse(self, foyers: Sequence[SimulationRequest]) -> None:
        entrees = noms_entrees(build_situation(f) for f in foyers)
        started = time.perf_counter()
        nombre = analyse(self.tbs, foyers, self.variables, entrees, self.constantes)
        logger.info(
            "Simulateur : %d valeurs constantes pour %s (%.1f s)",
            nombre,
            foyers[0].mois,
            time.perf_counter() - started,
        )

    def _analyse_mois(self, mois: str) -> None:
        """A month not seen yet: its periods have constant nodes of their own (slow once)."""
        if mois in self.constantes.mois_analyses or not self.rapide:
            return
        try:
            self._analyse(warmup_households(date(int(mois[:4]), int(mois[5:7]), 15)))
        except Exception:  # only a missed speed-up: the formulas still run
            logger.exception("Analyse des valeurs constantes impossible pour %s", mois)
            self.constantes.mois_analyses.add(mois)

    # ----- computing -----

    def simulate(self, requetes: Sequence[SimulationRequest]) -> list[Valeurs]:
        """One dict {variable: value} per household, in order."""
        if not self.wait_ready(self.delai):
            raise EngineUnavailable("legislation still loading")
        travaux = [_Travail(requete) for requete in requetes]
        for travail in travaux:
            self._queue.put(travail)
        try:
            return [travail.future.result(timeout=self.delai) for travail in travaux]
        except TimeoutError as exc:
            raise EngineUnavailable("computation too slow") from exc

    def simulate_one(self, requete: SimulationRequest) -> Valeurs:
        return self.simulate([requete])[0]

    def simulate_seules(self, requete: SimulationRequest, variables: Sequence[str]) -> Valeurs:
        """Each variable asked alone, as the first and only one of a fresh simulation: where
        OpenFisca-France's spirals make the answer depend on the order of computation, this
        differs from the reference order (tests/integration/simulateur/test_ordre.py)."""
        if not self.wait_ready(self.delai):
            raise EngineUnavailable("legislation still loading")
        travail = _Travail(requete, seules=tuple(variables))
        self._queue.put(travail)
        try:
            return travail.future.result(timeout=self.delai)
        except TimeoutError as exc:
            raise EngineUnavailable("computation too slow") from exc

    def _serve(self) -> None:
        while True:
            lot = self._collect()
            self._compute_seules([t for t in lot if t.seules])
            par_mois: dict[str, list[_Travail]] = defaultdict(list)
            for travail in (t for t in lot if not t.seules):
                par_mois[travail.requete.mois].append(travail)
            for travaux in par_mois.values():
                # One simulation for the whole batch: only branches empty for all of them
                # are skipped (one bigger simulation beats several smaller ones).
                neutres = frozenset.intersection(*(neutres_of(t.requete) for t in travaux))
                self._compute(travaux, neutres)
                # After answering: the first batch of a new month is not delayed by it.
                self._analyse_mois(travaux[0].requete.mois)

    def _collect(self) -> list[_Travail]:
        venues_pendant = self._queue.qsize()  # came while the last batch was computed
        lot = [self._queue.get()]
        debut = time.perf_counter()
        rafale = bool(self.tailles_lots) and self.tailles_lots[-1] > 1
        ecart = self.ecart if rafale else self.fenetre
        attendus = self.tailles_lots[-1] + venues_pendant if rafale else self.taille_max
        while len(lot) < self.taille_max:
            if len(lot) >= attendus:
                ecart = 0.0  # everyone expected is here: take only what is already queued
            reste = debut + self.attente_max - time.perf_counter()
            try:
                if ecart <= 0.0:
                    lot.append(self._queue.get_nowait())
                else:
                    lot.append(self._queue.get(timeout=max(0.0, min(ecart, reste))))
            except queue.Empty:
                break
        return lot

    def _compute_seules(self, travaux: list[_Travail]) -> None:
        """One plain simulation per (month, variable), of every household that asks for it
        alone: households of one simulation share its order, so each is still "alone"."""
        groupes: dict[tuple[str, str], list[_Travail]] = defaultdict(list)
        for travail in travaux:
            for variable in travail.seules:
                groupes[(travail.requete.mois, variable)].append(travail)
        valeurs: dict[int, Valeurs] = defaultdict(dict)
        for (_, variable), groupe in groupes.items():
            try:
                resultats = (
                    compute_batch(self.tbs, [t.requete for t in groupe], (variable,))
                    if self.rapide
                    else [calculate_naive(self.tbs, t.requete, (variable,)) for t in groupe]
                )
            except Exception as exc:
                logger.exception("Échec d'un calcul OpenFisca (ordre)")
                for travail in groupe:
                    if not travail.future.done():
                        travail.future.set_exception(exc)
                continue
            for travail, resultat in zip(groupe, resultats, strict=True):
                valeurs[id(travail)][variable] = resultat[variable]
        for travail in travaux:
            if not travail.future.done():
                travail.future.set_result(valeurs[id(travail)])

    def _compute(self, travaux: list[_Travail], neutres: frozenset[str]) -> None:
        self.tailles_lots.append(len(travaux))
        try:
            if self.rapide:
                resultats = compute_batch(
                    self.tbs, [t.requete for t in travaux], self.variables, neutres,
                    self.constantes,
                )
            else:
                resultats = [calculate_naive(self.tbs, t.requete, self.variables)
                             for t in travaux]
        except Exception as exc:  # one bad batch must not stop the worker
            logger.exception("Échec d'un calcul OpenFisca")
            for travail in travaux:
                travail.future.set_exception(exc)
            return
        for travail, valeurs in zip(travaux, resultats, strict=True):
            travail.future.set_result(valeurs)


def init_app(app: Flask) -> None:
    rapide, raison = chemin_de_calcul(bool(app.config.get("SIMULATEUR_RAPIDE", True)))
    if rapide:
        logger.info("Simulateur : chemin rapide (%s)", raison)
    else:
        logger.warning("Simulateur : chemin simple d'OpenFisca, sans le chemin rapide (%s)",
                       raison)
    engine = Engine(rapide=rapide)
    app.extensions["simulateur"] = engine
    if app.config.get("SIMULATEUR_WARMUP", True):
        engine.start_warmup()
