"""The output lock: a live run keeps it; what a killed run leaves behind is taken over."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.lock import LOCK_NAME, Holder, OutputLocked, RunLock, process_start_time, this_process

# a process that opens the lock file, takes its flock and sleeps: a worker left running by
# a killed run, still holding the descriptor it inherited
HOLD = """
import fcntl, sys, time
fh = open(sys.argv[1], "a+")
fcntl.flock(fh, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(60)
"""


def _dead_holder() -> Holder:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    started = process_start_time(proc.pid)
    proc.wait()
    return Holder(proc.pid, started or 0.0, this_process().host)


@pytest.fixture
def leftover(tmp_path):
    """The lock's flock held by another process, as an orphaned worker would."""
    (tmp_path / LOCK_NAME).write_text("", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path / LOCK_NAME)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    yield proc
    proc.kill()
    proc.wait()


def test_the_lock_records_pid_start_time_and_host(tmp_path):
    lock = RunLock(tmp_path)
    try:
        holder = Holder.parse((tmp_path / LOCK_NAME).read_text())
        assert holder == this_process() and holder.running()
    finally:
        lock.release()
    assert (tmp_path / LOCK_NAME).read_text() == ""  # released: nothing recorded


def test_a_live_run_keeps_its_lock(tmp_path):
    lock = RunLock(tmp_path)
    try:
        with pytest.raises(OutputLocked, match=f"being written by another run \\(pid {this_process().pid} "):
            RunLock(tmp_path)
    finally:
        lock.release()


def test_a_lock_file_of_a_dead_run_is_taken_over_with_a_notice(tmp_path):
    dead = _dead_holder()
    assert not dead.running()
    (tmp_path / LOCK_NAME).write_text(dead.line(), encoding="utf-8")
    notices = []
    lock = RunLock(tmp_path, notice=notices.append)
    lock.release()
    assert len(notices) == 1 and f"pid {dead.pid}" in notices[0] and "\n" not in notices[0]


def test_a_lock_held_by_the_leftovers_of_a_dead_run_is_taken_over(tmp_path, leftover):
    (tmp_path / LOCK_NAME).write_text(_dead_holder().line(), encoding="utf-8")
    notices = []
    lock = RunLock(tmp_path, notice=notices.append)
    try:
        assert Holder.parse((tmp_path / LOCK_NAME).read_text()) == this_process()
        assert "is gone" in notices[0]
    finally:
        lock.release()


def test_a_reused_pid_is_not_taken_for_the_holder(tmp_path, leftover):
    # the recorded pid is alive (this very process) but started at another time: not the run
    me = this_process()
    (tmp_path / LOCK_NAME).write_text(Holder(me.pid, me.started - 1000, me.host).line(), encoding="utf-8")
    lock = RunLock(tmp_path, notice=lambda _: None)
    lock.release()


def test_a_held_lock_with_a_live_holder_is_respected(tmp_path, leftover):
    (tmp_path / LOCK_NAME).write_text(Holder(leftover.pid, process_start_time(leftover.pid), this_process().host).line(),
                                      encoding="utf-8")
    with pytest.raises(OutputLocked, match=f"pid {leftover.pid}"):
        RunLock(tmp_path)
