"""Watch files into the training log: the runs and strength sessions in uploaded files as logged
``Session``s, and one sentence per file that could not be used and per kind of activity left out.
An activity recorded from one of our watch workouts is matched to its planned session by the
workout's name, and logged with the load that workout asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.io.activities import Activity, read_activities
from core.io.workouts import match_workout
from core.planner.log import Session
from core.planner.models import Plan

LOGGED_SPORTS = ("run", "strength")
"""The sports an import logs; an activity whose file names no sport is taken as a run (and said so)."""


@dataclass(frozen=True)
class ReadFiles:
    """What uploaded files hold for the log: the sessions, and one sentence per problem or choice."""

    sessions: tuple[Session, ...]
    messages: tuple[str, ...]
    matched: tuple[str, ...] = ()
    """The workout names of the activities matched to their planned sessions (see ``matched_text``)."""

    def matched_text(self) -> str | None:
        """One sentence on the activities matched to planned sessions, or None."""
        if not self.matched:
            return None
        many = len(self.matched) > 1
        loaded = any(s.load_kg > 0 for s in self.sessions if s.note.strip() in self.matched)
        return (f"Matched {len(self.matched)} activit{'ies' if many else 'y'} to {'their' if many else 'its'} planned "
                f"session{'s' if many else ''} by the workout's name ({', '.join(self.matched)})"
                + ("; a loaded run is logged with the load its workout asked for: edit it if you carried "
                   "something else." if loaded else "."))


def planned_session_of(activity: Activity, plan: Plan | None) -> Session | None:
    """The logged session of an activity done from one of ``plan``'s watch workouts (the file names
    the workout): a loaded run with the load the workout asked for, or a lift. None otherwise."""
    if plan is None or not activity.name:
        return None
    match = match_workout(plan, activity.name)
    if match is None:
        return None
    session = Session.from_activity(activity)
    if match.session.is_lift:
        return session.model_copy(update={"kind": "strength", "distance_km": 0.0})
    return session.model_copy(update={"kind": "run", "load_kg": match.load_kg})


def sessions_from_files(files: Sequence[tuple[str, bytes]],
                        progress: Callable[[float], None] | None = None,
                        plan: Plan | None = None) -> ReadFiles:
    """The runs and strength sessions in uploaded watch files ``(name, bytes)``, and one sentence per
    file that could not be used and per kind of activity left out. ``progress`` gets 0..1 over all files.
    With ``plan``, an activity done from one of its watch workouts is matched to its planned session."""
    sessions: list[Session] = []
    messages: list[str] = []
    left_out: dict[str, int] = {}
    matched: list[str] = []
    untyped = 0
    for index, (name, data) in enumerate(files):
        def report(fraction: float, index: int = index) -> None:
            if progress is not None:
                progress(min(1.0, (index + fraction) / len(files)))

        activities, problems = read_activities(data, name, report)
        messages.extend(problems)
        for activity in activities:
            planned = planned_session_of(activity, plan)
            if planned is not None:
                sessions.append(planned)
                matched.append(activity.name.strip())
                continue
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
    return ReadFiles(tuple(sessions), tuple(messages), tuple(matched))
