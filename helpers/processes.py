"""Processes of an export: workers that die with their parent, and signals as exceptions.

Workers ignore Ctrl-C and are stopped by their parent (:func:`stop_workers`); SIGTERM to the
parent becomes :class:`Terminated`, a KeyboardInterrupt, so that an export stopped politely
cleans up as after Ctrl-C (:func:`sigterm_as_interrupt`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off inside the block, back as it was after it.

    Annotating articles leaves no reference cycles behind (a test checks it): reference
    counting frees everything. Yet the collector, set off by the many objects an article
    creates, walked the millions of long-lived ones (hazm's word lists, the lexicons) again
    and again: a tenth of the export's time. Paused one chunk of articles at a time when
    annotating; over every partition when exporting (:func:`collector_paused_then_frozen`).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def collector_paused_then_frozen():
    """The cyclic collector paused inside the block (:func:`collector_paused`); if the block
    ends normally, what is still alive then is frozen (``gc.freeze``) rather than walked, for
    :func:`collector_frozen` around it to give back to the collector.

    For the export's partitions: a partition's rows live only until it is written. With the
    collector running between chunks of articles, each collection walked every row made
    since the last, again and again, to find nothing (0.19 s of CPU on the Fars bench, 0.01 s
    now); freed by reference counting before it runs, they are never walked. What outlives the
    partitions (the word caches, grown) is frozen rather than walked once more. Safe as long
    as annotating and writing a partition make no reference cycles, which a test checks: a
    cycle would be collected only after the export.
    """
    with collector_paused():
        yield
        gc.freeze()


@contextmanager
def collector_frozen():
    """The objects alive before the block left out of the cyclic collector's walks inside it.

    An export runs after hazm's word lists and the lexicons are loaded: millions of objects
    that live as long as the process, which every full collection walked again (0.15-0.2 s
    of CPU each on the Fars bench). Frozen (``gc.freeze``), they are skipped, and workers
    forked inside the block inherit them frozen, so the collector never writes to their
    pages either. Objects made inside the block are collected as usual. After it, every
    object is in the collector's care again (``gc.unfreeze``; objects some other code had
    frozen before are unfrozen with them).
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# prctl(2) option: the signal this process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def worker_started(parent_pid: int) -> None:
    """Initializer of every worker process: die with the parent, exit at once on SIGTERM.

    Workers ignore Ctrl-C: the parent stops them (:func:`stop_workers`), with SIGTERM, on
    which a worker exits at once. If the parent dies, even by SIGKILL, the worker is killed:
    on Linux by the kernel (``prctl(PR_SET_PDEATHSIG)``), elsewhere by a thread that notices it
    has been re-parented. SIGKILL, not SIGTERM, because a worker blocked on a lock its dead
    sibling held may never get to run a handler. A cache entry a worker was writing is rolled
    back by SQLite (:mod:`helpers.cache`); the export's own files are the parent's.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, worker_terminated)
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the death signal was armed
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)


def worker_terminated(signum, frame) -> None:
    os._exit(128 + signum)


# Seconds stopped workers have to exit before they are killed.
WORKER_GRACE = 2.0


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now: SIGTERM, then SIGKILL for any still
    alive after :data:`WORKER_GRACE` seconds: a worker blocked on the task queue's lock, which
    a sibling held when it died, would otherwise keep the export from ever exiting."""
    # The executor's own processes and result queue: Python has no public way to reach them
    # before 3.14, and shutdown() drops its references to them.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    result_queue = getattr(pool, "_result_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + WORKER_GRACE
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
    _close_result_writer(result_queue)


def _close_result_writer(result_queue) -> None:
    """Close this process's copy of the pool's result pipe's writing end, once the workers are dead.

    A worker stopped halfway through sending a partition's tables leaves half a message in the
    pipe. The executor's manager thread, reading it, then waits for the rest, which can never
    come: this process holds the pipe's writing end open too. At exit Python joins that thread,
    and the export never ends (seen once in some 40 exports stopped by SIGTERM under load).
    With every writing end closed, the read ends at once (EOFError): the manager thread sees a
    broken pool and finishes.
    """
    writer = getattr(result_queue, "_writer", None)
    if writer is not None:
        writer.close()


def worker_context():
    """How worker processes start: forked from this one on Linux, fresh elsewhere.

    A forked worker starts with this process's hazm objects and lexicons already loaded (they
    are loaded here first), where a fresh one spends five seconds loading its own. Forking is
    safe here because workers run only our pure functions, and the native thread pools this
    process may hold (OpenBLAS, Arrow) re-create themselves after a fork. macOS cannot fork
    safely once system libraries are loaded, so it (and Windows) spawns.
    """
    if sys.platform.startswith("linux"):
        from .pipeline import warm_up  # here: the annotators import this module

        warm_up()
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C inside an export so that it cleans up the same way."""


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def sigterm_as_interrupt():
    """Inside the block, SIGTERM raises :class:`Terminated` (a KeyboardInterrupt), so that an
    export killed politely cleans up as after Ctrl-C. Only in the main thread, and only where
    SIGTERM has its default action (a caller's own handler is left alone)."""
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def terminated(signum, frame):
        _TERMINATING.set()
        raise Terminated

    _TERMINATING.clear()
    signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _TERMINATING.clear()


# Set by SIGTERM inside sigterm_as_interrupt. The handler raises Terminated at once, but an
# exception raised while Python runs a finaliser or weakref callback is printed and dropped;
# the export checks this flag between steps so that SIGTERM is never lost.
_TERMINATING = threading.Event()


def stop_if_terminating() -> None:
    """Raise :class:`Terminated` if SIGTERM arrived (see :func:`sigterm_as_interrupt`)."""
    if _TERMINATING.is_set():
        raise Terminated

