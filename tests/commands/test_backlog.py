"""The backlog behind acknowledged commands: bounded, never loses what it accepted, acks first."""

from __future__ import annotations

import threading
import time

import pytest

from bot.commands.backlog import Backlog
from tests.commands.serving import wait_for


def test_every_accepted_job_runs_before_close_returns() -> None:
    backlog = Backlog(name="test", workers=2, limit=50)
    done: list[int] = []
    for number in range(20):
        assert backlog.submit(lambda number=number: done.append(number))
    backlog.close()
    assert sorted(done) == list(range(20))


def test_a_full_backlog_refuses_at_once_and_keeps_what_it_accepted() -> None:
    gate = threading.Event()
    started = threading.Event()
    done: list[str] = []

    def blocker() -> None:
        started.set()
        gate.wait(5)
        done.append("blocker")

    backlog = Backlog(name="test", workers=1, limit=2)
    assert backlog.submit(blocker)
    assert started.wait(5)  # the worker holds it; the queue itself is empty again
    assert backlog.submit(lambda: done.append("first"))
    assert backlog.submit(lambda: done.append("second"))
    began = time.monotonic()
    assert backlog.submit(lambda: done.append("refused")) is False
    assert time.monotonic() - began < 0.1  # refusing never waits for room
    gate.set()
    backlog.close()
    assert done == ["blocker", "first", "second"]


def test_nothing_is_accepted_after_close() -> None:
    backlog = Backlog(name="test", workers=1)
    backlog.close()
    assert backlog.submit(lambda: None) is False
    backlog.close()  # a second close is harmless


def test_work_waits_while_an_ack_is_held_and_starts_after_the_release() -> None:
    backlog = Backlog(name="test", workers=1, linger=0.05, patience=10)
    ran: list[float] = []
    backlog.hold()
    backlog.submit(lambda: ran.append(time.monotonic()))
    time.sleep(0.3)
    assert ran == []
    released = time.monotonic()
    backlog.release()
    wait_for(lambda: ran)
    assert ran[0] - released >= 0.05  # the linger: the rest of a burst is still arriving
    backlog.close()


def test_work_starts_after_its_patience_even_if_acks_never_stop() -> None:
    backlog = Backlog(name="test", workers=1, patience=0.2)
    ran = threading.Event()
    backlog.hold()
    began = time.monotonic()
    backlog.submit(ran.set)
    assert ran.wait(5)
    assert 0.2 <= time.monotonic() - began < 2
    backlog.release()
    backlog.close()


def test_a_failing_job_is_logged_and_the_worker_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    backlog = Backlog(name="test", workers=1)
    done = threading.Event()

    def broken() -> None:
        raise RuntimeError("boom")

    backlog.submit(broken)
    backlog.submit(done.set)
    assert done.wait(5)
    backlog.close()
    assert "commands.job_failed backlog=test" in caplog.text
