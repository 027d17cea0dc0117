"""The work behind acknowledged commands: a few threads and a bounded queue in front of them.

Slack and Discord want an answer within 3 seconds, so the HTTP thread only checks the request,
acknowledges it and queues the work here. The queue is bounded so a flood cannot pile up work
(and memory) without end; when it is full `submit` says so at once and the adapter tells the
user "busy, try again" instead of acknowledging a command nobody will run. Nothing queued is
dropped: `close` lets the workers finish everything accepted before they stop.

Acks come first. One process has one GIL: 25 searches (~6 ms of CPU each) running while 50
commands arrive at once pushed the acks' p99 past 200 ms even after the ack itself cost 0.2 ms.
So the server `hold`s the backlog while it is acknowledging, and a worker starts its next job
only when no hold is left and none was released in the last `linger` seconds (the rest of a
burst is usually still arriving), or after `patience` at the latest, so work never starves.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

Job = Callable[[], None]

# The work is mostly Python under one GIL: 25 searches were answered as fast by 1, 2 or 4
# workers (p50 ~100 ms), but a burst landing while 4 were mid-search saw ack p99 up to 75 ms
# (<= 31 ms with 2). Two still leave one answering while another waits on a slow feed check.
DEFAULT_WORKERS = 2
DEFAULT_LIMIT = 200  # commands waiting; at ~10-400 ms each, minutes of work at most
LINGER = 0.02  # seconds of no acks before work resumes
PATIENCE = 1.0  # seconds a job waits for acks at most (Slack allows 30 min for the answer)


class Backlog:
    """submit(job) -> True when queued for a worker, False when the queue is full."""

    def __init__(
        self,
        *,
        name: str,
        workers: int = DEFAULT_WORKERS,
        limit: int = DEFAULT_LIMIT,
        linger: float = LINGER,
        patience: float = PATIENCE,
    ) -> None:
        self._name = name
        self._linger = linger
        self._patience = patience
        self._closed = False
        self._lock = threading.Lock()  # no job may slip in behind the stop marks
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=limit)
        self._quiet = threading.Condition()
        self._holds = 0
        self._released = 0.0  # time.monotonic() of the last release
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job: Job) -> bool:
        """Queue `job` without waiting; False (nothing queued) when full or closed."""
        with self._lock:
            if self._closed:
                return False
            try:
                self._jobs.put_nowait(job)
            except queue.Full:
                log.warning("commands.busy backlog=%s waiting=%d", self._name, self._jobs.qsize())
                return False
        return True

    def hold(self) -> None:
        """An acknowledgement is under way: start no new job until it is released."""
        with self._quiet:
            self._holds += 1

    def release(self) -> None:
        """The acknowledgement that `hold` announced has been sent."""
        with self._quiet:
            self._holds -= 1
            self._released = time.monotonic()
            if self._holds == 0:
                self._quiet.notify_all()

    def close(self) -> None:
        """Run every job already accepted, then stop the workers (a second call does nothing)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for _ in self._threads:
                self._jobs.put(None)  # one stop mark per worker, behind the queued jobs
        for thread in self._threads:
            thread.join()

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._wait_for_acks()
            try:
                job()
            except Exception:  # a worker thread: log it, or nobody ever will
                log.exception("commands.job_failed backlog=%s", self._name)

    def _wait_for_acks(self) -> None:
        deadline = time.monotonic() + self._patience
        with self._quiet:
            while (left := self._wait_left(deadline)) > 0:
                self._quiet.wait(left)

    def _wait_left(self, deadline: float) -> float:
        """Seconds to keep waiting: until no holds are left and `linger` has passed (<= 0: go)."""
        now = time.monotonic()
        if self._holds:
            return deadline - now
        return min(deadline, self._released + self._linger) - now
