"""Ctrl-C during a long run stops it within a trial with KeyboardInterrupt, and the GIL
is released while it simulates. The interrupted run is a child process, signalled as a
notebook's stop button signals its kernel."""
import os
import subprocess
import sys
import textwrap
import threading

import flowfolio
from conftest import DEFAULT

CHILD = textwrap.dedent(f"""
    import os, signal
    import flowfolio
    from flowfolio import _results

    class SignalOnFirstProgress:  # the run is under way: Ctrl-C, as a user would press it
        def __init__(self, *args): self.seen = []
        def __call__(self, done, total):
            self.seen.append(done)
            if len(self.seen) == 1: os.kill(os.getpid(), signal.SIGINT)
        def __enter__(self): return self
        def __exit__(self, *args): print("progress", self.seen[-1], flush=True)

    _results.Progress = SignalOnFirstProgress
    scenario = flowfolio.Scenario.load({str(DEFAULT)!r})
    try:
        flowfolio.run(scenario, trials=400000, seed=1)
        print("finished")
    except KeyboardInterrupt:
        print("KeyboardInterrupt")
""")


def test_ctrl_c_interrupts_a_long_run():
    env = dict(os.environ)
    child = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env,
                           timeout=300)  # a guard against a hang, not a measurement
    assert child.returncode == 0, child.stderr
    lines = child.stdout.split()
    assert lines[-1] == "KeyboardInterrupt"
    assert int(lines[lines.index("progress") + 1]) < 400000


def test_the_gil_is_released_while_simulating(scenario):
    beats = []
    done = threading.Event()

    def heartbeat():
        while not done.is_set():
            beats.append(1)
            done.wait(0.005)

    thread = threading.Thread(target=heartbeat)
    thread.start()
    before = len(beats)
    flowfolio.run(scenario, trials=20000, seed=1, progress=False)
    during = len(beats) - before
    done.set()
    thread.join()
    # Holding the GIL, the run would let the heartbeat beat about once; released, it beats
    # every 5 ms of a run that takes well over a second on any machine this runs on.
    assert during >= 20
