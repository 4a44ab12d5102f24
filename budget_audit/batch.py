"""Run one task per document in worker processes, each with a time limit and a memory limit.

Each document runs in a process of its own (forked: no start-up cost beyond the fork), `-j N` of them at a
time (`0` = one per CPU), biggest files first so that the long ones do not finish last. A worker past its
deadline is killed (SIGKILL: it stops a loop in C code and a read that blocks as well as Python code) and its
document reported as `timeout`; a worker that dies is reported as `internal`. The others go on. A worker's
address space is limited (budget_audit/limits.py), so one document cannot take the machine: it fails
`too_large`. Results come back pickled, in the order of the inputs. This holds at `-j 1` too: a document
that hangs or swells is stopped the same way.

Where fork is not available the documents run in this process, interrupted by SIGALRM where there is one
(it stops Python code only).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable

from budget_audit.errors import INTERNAL, TIMEOUT, DocumentError
from budget_audit.limits import limit_address_space, out_of_memory


@dataclass
class Task:
    label: str                                   # what the progress bar and messages show
    run: Callable[[], Any]                       # the work; returns a picklable result
    fail: Callable[[DocumentError], Any]         # the result to report when the work cannot finish
    weight: float = 0.0                          # bigger first (file size)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not Linux
        return os.cpu_count() or 1


def effective_jobs(jobs: int, tasks: int) -> int:
    jobs = cpu_count() if jobs == 0 else jobs
    return max(1, min(jobs, tasks))


def run_tasks(tasks: list[Task], *, jobs: int = 1, timeout: float | None = None,
              on_done: Callable[[Task], None] | None = None, tick: Callable[[], None] | None = None) -> list:
    """Each task's result, in the order of `tasks`. `on_done` is called as each one finishes; `tick`
    regularly while workers run (to refresh a progress display)."""
    jobs = effective_jobs(jobs, len(tasks))
    if not _can_fork():
        return [_run_here(task, timeout, on_done) for task in tasks]
    return _run_forked(tasks, jobs, timeout, on_done, tick)


# -- serial ---------------------------------------------------------------------------------------
class _Deadline(BaseException):
    """Raised by the alarm; a BaseException so that the audit's own `except Exception` lets it through."""


def _run_here(task: Task, timeout: float | None, on_done) -> Any:
    alarm = timeout is not None and timeout > 0 and hasattr(signal, "setitimer") \
        and threading.current_thread() is threading.main_thread()
    previous = None
    if alarm:
        previous = signal.signal(signal.SIGALRM, _raise_deadline)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        result = task.run()
    except _Deadline:
        result = task.fail(_timeout_error(task, timeout))
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if on_done:
        on_done(task)
    return result


def _raise_deadline(signum, frame):
    raise _Deadline()


# -- processes ------------------------------------------------------------------------------------
def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass
class _Running:
    index: int
    process: Any
    connection: Any
    deadline: float


def _run_forked(tasks: list[Task], jobs: int, timeout: float | None, on_done, tick) -> list:
    context = multiprocessing.get_context("fork")
    order = deque(sorted(range(len(tasks)), key=lambda i: -tasks[i].weight))
    results: list[Any] = [None] * len(tasks)
    running: dict[Any, _Running] = {}     # connection → worker

    def finish(worker: _Running, result: Any) -> None:
        results[worker.index] = result
        worker.connection.close()
        worker.process.join(timeout=5)
        del running[worker.connection]
        if on_done:
            on_done(tasks[worker.index])

    while order or running:
        while order and len(running) < jobs:
            index = order.popleft()
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(tasks[index].run, sender), daemon=True)
            process.start()
            sender.close()
            deadline = time.monotonic() + timeout if timeout and timeout > 0 else float("inf")
            running[receiver] = _Running(index, process, receiver, deadline)
        nearest = min(worker.deadline for worker in running.values()) - time.monotonic()
        ready = wait(list(running), timeout=max(0.0, min(nearest, 0.2)))
        for connection in ready:
            worker = running[connection]
            try:
                kind, payload = connection.recv()
            except (EOFError, OSError):
                worker.process.join(timeout=5)
                kind, payload = "died", worker.process.exitcode
            finish(worker, _result_of(tasks[worker.index], kind, payload))
        now = time.monotonic()
        for worker in [w for w in running.values() if w.deadline <= now]:
            worker.process.kill()
            finish(worker, tasks[worker.index].fail(_timeout_error(tasks[worker.index], timeout)))
        if tick:
            tick()
    return results


def _child(run: Callable[[], Any], sender) -> None:
    limit_address_space()
    try:
        message = ("ok", _pack(run()))
    except MemoryError:
        message = ("memory", None)
    except BaseException as exc:       # noqa: BLE001 - everything must reach the parent as a failure
        message = ("raised", f"{type(exc).__name__}: {exc}")
    sender.send(message)
    sender.close()


def _result_of(task: Task, kind: str, payload: Any) -> Any:
    if kind == "ok":
        return _unpack(payload)
    if kind == "memory":
        return task.fail(out_of_memory(task.label))
    if kind == "raised":
        return task.fail(DocumentError(INTERNAL, f"{task.label}: internal error {payload}"))
    return task.fail(DocumentError(INTERNAL, f"{task.label}: the worker process ended unexpectedly "
                                             f"(exit code {payload})"))


def _timeout_error(task: Task, timeout: float | None) -> DocumentError:
    return DocumentError(TIMEOUT, f"{task.label}: not finished within the time limit of {timeout:g} s (--timeout)")


# DocumentError (an Exception with two arguments) does not survive pickling: send its code and message.
@dataclass
class _Error:
    code: str
    message: str


def _pack(result: Any) -> Any:
    error = getattr(result, "error", None)
    if isinstance(error, DocumentError):
        result.error = _Error(error.code, error.message)
    return result


def _unpack(result: Any) -> Any:
    error = getattr(result, "error", None)
    if isinstance(error, _Error):
        result.error = DocumentError(error.code, error.message)
    return result


# -- the tasks of `check` and `extract` -------------------------------------------------------------
def _size(path) -> float:
    try:
        return float(os.path.getsize(path))
    except OSError:
        return 0.0


def audit_tasks(items: list, options, bundle: bool = False) -> list[Task]:
    """One task per input (a path, or a DocumentError for an input that yields nothing); with `bundle`,
    all the paths form one task (one disclosure in several files)."""
    from functools import partial

    from budget_audit.audit import DocumentResult
    from budget_audit.bundle import BundleResult, bundle_label

    # No digest here: this runs in the parent when a worker timed out or died, and hashing the file that
    # made it hang (a FIFO, a device) would hang the whole batch.
    def failed(path: str, error: DocumentError):
        return DocumentResult(path=path, sha256=None, status="failed", error=error)

    def error_task(error: DocumentError) -> Task:
        path = error.path if error.path is not None else error.message.split(":")[0]
        return Task(label=path, run=partial(DocumentResult, path=path, sha256=None, status="failed", error=error),
                    fail=partial(failed, path))

    paths = [item for item in items if not isinstance(item, DocumentError)]
    if not bundle or not paths:
        return [error_task(item) if isinstance(item, DocumentError) else
                Task(label=str(item), run=partial(_audit_for_report, item, options), fail=partial(failed, str(item)),
                     weight=_size(item)) for item in items]
    label = bundle_label(paths)
    volumes = [{"path": str(p), "sha256": None, "pages": None} for p in paths]
    return [error_task(item) for item in items if isinstance(item, DocumentError)] + [
        Task(label=label, run=partial(_bundle_for_report, paths, options), weight=sum(_size(p) for p in paths),
             fail=lambda error: BundleResult(path=label, sha256=None, status="failed", error=error, volumes=volumes))]


# A worker sends back what the report needs, not the whole disclosure (DocumentResult.for_report): the parent
# holds every result until the end of the batch.
def _audit_for_report(path, options):
    from budget_audit.audit import audit_path

    return audit_path(path, options).for_report()


def _bundle_for_report(paths, options):
    from budget_audit.bundle import audit_bundle

    return audit_bundle(paths, options).for_report()


def extract_tasks(items: list) -> list[Task]:
    from functools import partial

    from budget_audit.extract import extract_document, failed_document

    return [Task(label=str(item) if not isinstance(item, DocumentError) else item.message,
                 run=partial(extract_document, item),
                 fail=partial(failed_document, str(item)), weight=0 if isinstance(item, DocumentError) else _size(item))
            for item in items]
