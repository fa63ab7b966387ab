"""How the engine gathers requests into one simulation (no OpenFisca run here)."""

from __future__ import annotations

import threading
import time

from portal.simulateur.moteur.engine import Engine, _Travail


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


def test_it_stops_waiting_once_the_expected_clients_are_back() -> None:
    engine = Engine(ecart=2.0, attente_max=5.0)
    engine.tailles_lots.append(3)  # three clients, each sends its next request
    threads = [_later(engine, 0.05 * k) for k in range(1, 4)]
    started = time.perf_counter()
    assert len(engine._collect()) == 3
    assert time.perf_counter() - started < 1.5  # not the 2 s of silence
    for thread in threads:
        thread.join()


def test_requests_queued_during_a_batch_are_expected_too() -> None:
    engine = Engine(ecart=2.0, attente_max=5.0)
    engine.tailles_lots.append(3)
    for _ in range(2):  # two more clients came while the 3 were computed
        engine._queue.put(_travail())
    threads = [_later(engine, 0.05 * k) for k in range(1, 4)]
    assert len(engine._collect()) == 5
    for thread in threads:
        thread.join()


def test_a_missing_client_is_still_waited_for() -> None:
    engine = Engine(ecart=0.3, attente_max=5.0)
    engine.tailles_lots.append(3)
    threads = [_later(engine, 0.05), _later(engine, 0.1)]  # only two come back
    started = time.perf_counter()
    assert len(engine._collect()) == 2
    assert time.perf_counter() - started >= 0.3  # the usual silence closed the batch
    for thread in threads:
        thread.join()
