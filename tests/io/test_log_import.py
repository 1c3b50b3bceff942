"""Watch files into the log: runs and lifts become sessions, everything else is named, never lost silently."""

from __future__ import annotations

from pathlib import Path

from core.io.log_import import sessions_from_files

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_run_and_a_walk_give_one_session_and_say_what_was_left_out():
    run = (DATA / "2013-02-06-12-11-14.fit").read_bytes()
    walk = (DATA / "garmin-fenix-5-walk.fit").read_bytes()
    seen: list[float] = []
    read = sessions_from_files([("run.fit", run), ("walk.fit", walk), ("notes.txt", b"hello")], seen.append)
    assert len(read.sessions) == 1 and read.sessions[0].kind == "run"
    assert read.sessions[0].distance_km == 4.835 and read.sessions[0].source == "run.fit"
    assert any("Left out what is neither a run nor a strength session (walk: 1)" in m for m in read.messages)
    assert any(m.startswith("notes.txt") for m in read.messages)
    assert seen and seen == sorted(seen) and seen[-1] <= 1.0
