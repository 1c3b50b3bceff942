"""Watch files into the training log: the runs and strength sessions in uploaded files as logged
``Session``s, and one sentence per file that could not be used and per kind of activity left out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.io.activities import read_activities
from core.planner.log import Session

LOGGED_SPORTS = ("run", "strength")
"""The sports an import logs; an activity whose file names no sport is taken as a run (and said so)."""


@dataclass(frozen=True)
class ReadFiles:
    """What uploaded files hold for the log: the sessions, and one sentence per problem or choice."""

    sessions: tuple[Session, ...]
    messages: tuple[str, ...]


def sessions_from_files(files: Sequence[tuple[str, bytes]],
                        progress: Callable[[float], None] | None = None) -> ReadFiles:
    """The runs and strength sessions in uploaded watch files ``(name, bytes)``, and one sentence per
    file that could not be used and per kind of activity left out. ``progress`` gets 0..1 over all files."""
    sessions: list[Session] = []
    messages: list[str] = []
    left_out: dict[str, int] = {}
    untyped = 0
    for index, (name, data) in enumerate(files):
        def report(fraction: float, index: int = index) -> None:
            if progress is not None:
                progress(min(1.0, (index + fraction) / len(files)))

        activities, problems = read_activities(data, name, report)
        messages.extend(problems)
        for activity in activities:
            if activity.sport == "unknown":
                untyped += 1
            elif activity.sport not in LOGGED_SPORTS:
                left_out[activity.sport] = left_out.get(activity.sport, 0) + 1
                continue
            sessions.append(Session.from_activity(activity))
    if untyped:
        messages.append(f"{untyped} activit{'ies' if untyped > 1 else 'y'} whose file does not name the sport "
                        f"{'were' if untyped > 1 else 'was'} logged as {'runs' if untyped > 1 else 'a run'}: "
                        "edit or delete it in the log if it was not a run.")
    if left_out:
        kinds = ", ".join(f"{sport.replace('_', ' ')}: {count}" for sport, count in sorted(left_out.items()))
        messages.append(f"Left out what is neither a run nor a strength session ({kinds}): the plan counts "
                        "runs and lifts only.")
    return ReadFiles(tuple(sessions), tuple(messages))
