"""Kill signoff writers at every step of a save, and at random ones, and count what goes wrong.

Each writer is a forked process that kills itself with SIGKILL (no cleanup of any kind) just
before its k-th file-system step (a write, sync, rename, removal or truncation), or halfway
through a write. Every step of a save is tried alone, then random steps, some twice in a row
(the second writer then dies while finishing what the first left). After each round a reader
looks without finishing anything, then two writers, a journal-only entry and a reader run at
once, and the workspace must hold every saved answer, verify intact, and never have blamed a
crash on an outside edit.

Run by tests/assess/test_crash_recovery.py in a fresh process, so that forking stays cheap
(a test process that has loaded spaCy takes far longer to fork); by hand:
    python tests/assess/crash_campaign.py [FOLDER] [RANDOM_ROUNDS]
prints one JSON summary: rounds, kills, and the lost answers, false alarms, blocked writers and
the round after which the workspace could no longer be read, if any.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

from signoff.assess import ConflictError, Workspace
from signoff.assess.assessment import read
from signoff.assess.workspace import OUTSIDE_ACTOR
from signoff.errors import SignoffError

STEPS = ("write", "fsync", "replace", "unlink", "ftruncate")
CRASH_ITEM = "deployment_summary"
CALM_ITEMS = ("redress_channel", "escalation_path")
ROUNDS_PER_WORKSPACE = 50  # a new workspace now and then keeps the journal a usual length
BUSY, FAILED, ALARM = 75, 70, 76


def run(folder: Path, random_rounds: int, seed: int = 14) -> dict[str, object]:
    writers = _writers_campaign(folder / "writers", random_rounds, seed)
    inits = _init_campaign(folder / "inits")
    return {**writers, "init_rounds": inits["rounds"], "init_failures": inits["failures"]}


def _writers_campaign(folder: Path, random_rounds: int, seed: int) -> dict[str, object]:
    first = folder / "ws-0"
    # Parsed once here, so the forked writers spend their time saving, not reading the checklist.
    Workspace.init(first, "Acme support assistant", "alice").checklist()
    per_save = _count(_answer(first, CRASH_ITEM, "counted"))
    rng = random.Random(seed)
    rounds = [[(step, torn)] for step in range(1, per_save + 1) for torn in (False, True)]
    for _ in range(random_rounds):
        crashes = 2 if rng.random() < 0.4 else 1
        rounds.append([(rng.randint(1, per_save + 4), rng.random() < 0.3) for _ in range(crashes)])

    lost: list[object] = []
    false_alarms: list[object] = []
    blocked: list[object] = []
    broken: list[object] = []  # the workspace could no longer be read: the campaign stops there
    kills = 0
    saved: dict[str, str] = {}
    for n, crashes in enumerate(rounds):
        if n % ROUNDS_PER_WORKSPACE == 0:
            ws_dir = folder / f"ws-{n}"
            if n:
                Workspace.init(ws_dir, "Acme support assistant", "alice")
            saved = {}
        for c, (step, torn) in enumerate(crashes):
            value = f"crash {n}.{c}"
            code = _wait(_start(_answer(ws_dir, CRASH_ITEM, value), kill_at=step, torn=torn))
            if code not in (0, -signal.SIGKILL):
                blocked.append((n, crashes, f"a writer to be killed exited {code}"))
            kills += code == -signal.SIGKILL
            if code == 0:
                saved[CRASH_ITEM] = value
        try:
            if problems := _read_only_look(ws_dir):
                false_alarms.append((n, crashes, "read-only look", problems))
        except SignoffError as e:
            broken.append((n, crashes, "read-only look", e.message))
            break

        calm = [_start(_answer(ws_dir, item, f"calm {n}")) for item in CALM_ITEMS]
        calm.append(_start(partial(_note, ws_dir, n)))
        calm.append(_start(partial(_verify_repeatedly, ws_dir)))
        codes = [_wait(pid) for pid in calm]
        blocked += [(n, crashes, code) for code in codes if code in (BUSY, FAILED)]
        false_alarms += [(n, crashes, "concurrent reader") for code in codes if code == ALARM]
        saved.update({item: f"calm {n}" for item in CALM_ITEMS})

        try:
            ws = Workspace.open(ws_dir)
            problems = ws.verify()
            entries = ws.journal.entries()
        except SignoffError as e:
            broken.append((n, crashes, "open and verify", e.message))
            break
        if problems:
            false_alarms.append((n, crashes, "journal verify", problems))
        if any(e.actor == OUTSIDE_ACTOR for e in entries):
            false_alarms.append((n, crashes, "an (outside signoff) entry"))
            break
        journaled = {e.data["item"]: e.data["value"] for e in entries if e.action == "answer"}
        answers = {item: a.value for item, a in ws.assessment.answers.items()}
        recorded_values = {e.data["value"] for e in entries if e.action == "answer"}
        if answers != journaled or not set(saved.values()) <= recorded_values:
            lost.append((n, crashes, answers, journaled))
        if any(answers.get(item) != saved[item] for item in CALM_ITEMS):
            lost.append((n, crashes, "a concurrent writer's answer", answers))
    leftovers = [str(p) for p in [*folder.glob("*/.*.pending"), *folder.glob("*/.*.tmp")]]
    return {
        "steps_per_save": per_save,
        "rounds": len(rounds),
        "twice_in_a_row": sum(len(c) == 2 for c in rounds),
        "kills": kills,
        "lost": lost,
        "false_alarms": false_alarms,
        "blocked": blocked,
        "broken": broken,
        "leftovers": leftovers,
    }


def _init_campaign(folder: Path) -> dict[str, object]:
    """Kill `init` at every step; the folder then holds a workspace, or room for one."""
    folder.mkdir(parents=True)
    steps = _count(partial(Workspace.init, folder / "counted", "Acme", "alice"))
    failures: list[object] = []
    rounds = 0
    for step in range(1, steps + 1):
        for torn in (False, True):
            rounds += 1
            ws_dir = folder / f"ws-{step}-{torn}"
            code = _wait(_start(partial(Workspace.init, ws_dir, "Acme", "alice"), kill_at=step, torn=torn))
            try:
                ws = Workspace.open(ws_dir)
            except SignoffError as e:
                if "is not a signoff workspace" not in e.message:
                    failures.append((step, torn, code, e.message))
                    continue
                ws = Workspace.init(ws_dir, "Acme", "alice")
            else:
                try:
                    Workspace.init(ws_dir, "Acme", "alice")
                    failures.append((step, torn, code, "initialised twice"))
                except SignoffError as e:
                    if "already a signoff workspace" not in e.message:
                        failures.append((step, torn, code, e.message))
            ws.answer(CRASH_ITEM, "after the crash", "alice")
            if problems := ws.verify():
                failures.append((step, torn, code, problems))
            if (actions := [e.action for e in ws.journal.entries()]) != ["init", "answer"]:
                failures.append((step, torn, code, actions))
    return {"rounds": rounds, "failures": failures}


def _start(work: Callable[[], object], kill_at: int | None = None, torn: bool = False) -> int:
    """Run `work` in a forked process that dies at step `kill_at`; its pid."""
    pid = os.fork()
    if pid:
        return pid
    code = FAILED
    try:
        if kill_at is not None:
            _die_at(kill_at, torn)
        work()
        code = 0
    except ConflictError:
        code = BUSY
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


def _wait(pid: int) -> int:
    """Exit code of a child, or minus the signal that killed it."""
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def _die_at(step: int, torn: bool) -> None:
    """Make this process SIGKILL itself on its `step`-th file-system step (halfway into a write, if torn)."""
    count = 0

    def wrap(name: str) -> Callable[..., object]:
        real = getattr(os, name)

        def op(*args: object) -> object:
            nonlocal count
            count += 1
            if count == step:
                data = args[1] if name == "write" else b""
                if torn and isinstance(data, bytes | memoryview) and len(data) > 1:
                    real(args[0], data[: len(data) // 2])
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args)

        return op

    for name in STEPS:
        setattr(os, name, wrap(name))


def _count(work: Callable[[], object]) -> int:
    """How many file-system steps `work` takes, counted in a child."""
    pid = os.fork()
    if pid:
        return _wait(pid)
    counted = 0
    try:
        for name in STEPS:
            real = getattr(os, name)

            def op(*args: object, _real: Callable[..., object] = real) -> object:
                nonlocal counted
                counted += 1
                return _real(*args)

            setattr(os, name, op)
        work()
    finally:
        os._exit(min(counted, 255))


def _answer(folder: Path, item: str, value: str) -> Callable[[], object]:
    return lambda: Workspace.open(folder).answer(item, value, "crash-test")


def _note(folder: Path, n: int) -> None:
    Workspace.open(folder).record("crash-test", "note", {"round": n})


def _read_only_look(folder: Path) -> list[str]:
    """What `journal verify` finds without finishing anything (as on a read-only copy)."""
    return Workspace(folder, read(folder / "assessment.yaml")).verify()


def _verify_repeatedly(folder: Path) -> None:
    for _ in range(4):
        if problems := Workspace.open(folder).verify():
            print(problems, file=sys.stderr)
            os._exit(ALARM)


if __name__ == "__main__":
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 240
    if len(sys.argv) > 1:
        print(json.dumps(run(Path(sys.argv[1]), rounds)))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(run(Path(tmp), rounds)))
