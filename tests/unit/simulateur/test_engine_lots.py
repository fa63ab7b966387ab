"""How the engine gathers requests into one simulation (no OpenFisca run here)."""

from __future__ import annotations

import threading
import time

from portal.simulateur.engine import Engine, _Travail


def _travail() -> _Travail:
    return _Travail(requete=None)  # type: ignore[arg-type]  # only queued, never computed


def _later(engine: Engine, delai: float) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(delai), engine._queue.put(_travail())))
    thread.start()
    return thread


def test_everything_already_queued_goes_in_one_batch() -> None:
    engine = Engine(fenetre=0.0)
    for _ in range(5):
        engine._queue.put(_travail())
    assert len(engine._collect()) == 5


def test_after_a_burst_it_waits_for_the_next_requests() -> None:
    engine = Engine(ecart=2.0, attente_max=5.0)
    engine.tailles_lots.append(20)  # the last simulation merged 20 clients
    engine._queue.put(_travail())
    thread = _later(engine, 0.2)
    assert len(engine._collect()) == 2
    thread.join()


def test_a_person_alone_does_not_wait() -> None:
    engine = Engine(fenetre=0.002, ecart=5.0)
    engine.tailles_lots.append(1)
    engine._queue.put(_travail())
    thread = _later(engine, 0.5)
    started = time.perf_counter()
    assert len(engine._collect()) == 1
    assert time.perf_counter() - started < 0.4
    thread.join()


def test_the_wait_is_bounded() -> None:
    engine = Engine(ecart=5.0, attente_max=0.1)
    engine.tailles_lots.append(20)
    engine._queue.put(_travail())
    thread = _later(engine, 1.0)
    assert len(engine._collect()) == 1
    thread.join()
