"""The lock that keeps two runs from writing into one output folder.

``OUT/.pipeline.lock`` is held with ``flock`` for as long as a run (or ``remove``) works, and
records who holds it: ``pid 4711 started 1733350000.12 host NAME``. The pid alone is not
enough, because pids are reused; the process start time identifies the process.

A lock whose recorded holder is gone is taken over with a one-line notice:

* the file is there but nobody holds the ``flock``: the last run was killed before it
  could clear the file (the kernel released the ``flock`` with its process);
* the ``flock`` is held, but the recorded process no longer runs, or the pid now belongs
  to another process (another start time): what holds it is a leftover of a killed run
  (a worker that inherited the descriptor). The lock file is then replaced by a new one
  (a new inode, so a new ``flock``); the leftover never writes to the corpus, only the
  run's main process does.

A lock recorded on another host is never taken over (its processes cannot be checked).
"""

from __future__ import annotations

import fcntl
import os
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = ".pipeline.lock"


class OutputLocked(RuntimeError):
    pass


@dataclass(frozen=True)
class Holder:
    pid: int
    started: float
    host: str

    def line(self) -> str:
        return f"pid {self.pid} started {self.started:.2f} host {self.host}"

    @staticmethod
    def parse(text: str) -> Holder | None:
        words = text.split()
        try:
            fields = dict(zip(words[::2], words[1::2]))
            return Holder(int(fields["pid"]), float(fields.get("started", "nan")), fields.get("host", ""))
        except (KeyError, ValueError):
            return None

    def running(self) -> bool:
        """Is the recorded process still the one running under its pid (this host only;
        a holder on another host counts as running)?"""
        if self.host and self.host != socket.gethostname():
            return True
        started = process_start_time(self.pid)
        return started is not None and abs(started - self.started) < 0.05


def process_start_time(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), None when there is none."""
    import psutil

    try:
        return round(psutil.Process(pid).create_time(), 2)
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return None


def this_process() -> Holder:
    return Holder(os.getpid(), process_start_time(os.getpid()) or 0.0, socket.gethostname())


def _notice(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class RunLock:
    """An exclusive lock on the output folder ``out``; :meth:`release` frees it."""

    def __init__(self, out: Path, notice: Callable[[str], None] = _notice):
        self.path = Path(out) / LOCK_NAME
        for _ in range(5):  # another run may replace the file between our open and flock
            fh = self.path.open("a+")
            fh.seek(0)
            recorded = fh.read().strip()
            holder = Holder.parse(recorded)
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.close()
                if holder is None or holder.running():
                    who = holder.line() if holder else recorded or "another process"
                    raise OutputLocked(f"{out} is being written by another run ({who}); wait for it to finish") from None
                notice(f"notice: {out}: the run that held the lock ({holder.line()}) is gone; "
                       "taking the lock over from what it left running")
                self._replace_file()
                continue
            if not self._is_current(fh):
                fh.close()
                continue
            if holder is not None:
                notice(f"notice: {out}: the last run ({holder.line()}) ended without releasing the lock; taking it over")
            fh.seek(0)
            fh.truncate()
            fh.write(this_process().line())
            fh.flush()
            self.fh = fh
            return
        raise OutputLocked(f"{out}: could not take the lock ({self.path}); another run keeps replacing it")

    def _is_current(self, fh) -> bool:  # type: ignore[no-untyped-def]
        """Is ``fh`` still the file at the lock's path (not replaced by a take-over)?"""
        try:
            return os.stat(self.path).st_ino == os.fstat(fh.fileno()).st_ino
        except FileNotFoundError:
            return False

    def _replace_file(self) -> None:
        tmp = self.path.with_name(f"{LOCK_NAME}.{os.getpid()}.tmp")
        tmp.write_text("", encoding="utf-8")
        os.replace(tmp, self.path)

    def fileno(self) -> int:
        return self.fh.fileno()

    def release(self) -> None:
        """Clear the record, then free the lock: a file with a record and no ``flock`` is
        what a killed run leaves."""
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.flush()
        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()
