"""The runner's week: which day is which run, and where loaded runs and lifts go (docs/rules.md §6).

The week repeats, so "consecutive" is cyclic: Sunday and the next Monday are neighbours.
"""

from __future__ import annotations

from itertools import combinations

from core.planner.models import WEEKDAY_NAMES, WEEKDAYS, Finding, PlanInputs, RunType, StrengthLevel, Weekday
from core.planner.rules import STRENGTH_SESSIONS_PER_WEEK
from core.planner.units import cardinal

# Product choices for placing a loaded run among easy days: carried-load fatigue should not
# spoil a key run the next day, and the day after the long run should stay truly easy.
LOADED_PENALTY_BEFORE_LONG = 3
LOADED_PENALTY_BEFORE_HARD = 2
LOADED_PENALTY_AFTER_LONG = 1

# Product choices for placing lifts (004: after easy runs, or later on the same day as
# intervals; the standard plan "after easy run days"; prefer days without a loaded run).
STRENGTH_DAY_SCORE: dict[StrengthLevel, dict[str, int]] = {
    "minimal": {"hard": 2, "easy": 2},
    "standard": {"hard": 1, "easy": 2},
    "advanced": {"hard": 1, "easy": 2},
}
STRENGTH_PENALTY_LOADED_DAY = 2
STRENGTH_PENALTY_BEFORE_HARD = 1
PLYO_ROOM_BONUS = 3


def run_types(inputs: PlanInputs) -> dict[Weekday, RunType]:
    """Long-run day, hard days and rest days as entered; every other day is easy (004)."""
    types: dict[Weekday, RunType] = {}
    for day in WEEKDAYS:
        if day == inputs.long_run_day:
            types[day] = "long"
        elif day in inputs.hard_days:
            types[day] = "hard"
        elif day in inputs.rest_days:
            types[day] = "rest"
        else:
            types[day] = "easy"
    return types


def _next(day: Weekday) -> Weekday:
    return WEEKDAYS[(WEEKDAYS.index(day) + 1) % 7]


def _previous(day: Weekday) -> Weekday:
    return WEEKDAYS[(WEEKDAYS.index(day) - 1) % 7]


def no_two_adjacent(days: tuple[Weekday, ...]) -> bool:
    """True when no two of ``days`` are neighbours in the repeating week.

    >>> no_two_adjacent(("mon", "wed")), no_two_adjacent(("mon", "sun"))
    (True, False)
    """
    return all(_next(d) not in days for d in days)


def _best(candidates: list[Weekday], count: int, score) -> tuple[Weekday, ...] | None:
    """The highest-scoring set of ``count`` non-adjacent days; ties go to the earliest days."""
    best: tuple[Weekday, ...] | None = None
    best_score = None
    for combo in combinations(candidates, count):
        if not no_two_adjacent(combo):
            continue
        total = score(combo)
        if best_score is None or total > best_score:
            best, best_score = combo, total
    return best


def place_loaded_runs(
    types: dict[Weekday, RunType], wanted: int
) -> tuple[tuple[Weekday, ...], list[Finding]]:
    """Loaded runs go on easy days only, never on consecutive days (002, 001)."""
    easy = [d for d in WEEKDAYS if types[d] == "easy"]

    def score(combo: tuple[Weekday, ...]) -> int:
        total = 0
        for day in combo:
            after, before = types[_next(day)], types[_previous(day)]
            total -= LOADED_PENALTY_BEFORE_LONG if after == "long" else 0
            total -= LOADED_PENALTY_BEFORE_HARD if after == "hard" else 0
            total -= LOADED_PENALTY_AFTER_LONG if before == "long" else 0
        return total

    for count in range(wanted, 0, -1):
        chosen = _best(easy, count, score)
        if chosen:
            findings = []
            if count < wanted:
                findings.append(Finding(
                    code="no_room_loaded", severity="warn", source="002",
                    message=f"You asked for {wanted} loaded runs a week, but your week has room "
                            f"for {count}: loaded runs go on easy days only and never on "
                            "consecutive days. Add an easy day to fit more.",
                ))
            return chosen, findings
    return (), [Finding(
        code="no_room_loaded", severity="warn", source="002",
        message="Your week has no easy day, and loaded runs go on easy days only: the plan has "
                "no loaded runs. Turn a rest or hard day into an easy day to add one.",
    )]


def loaded_day_findings(types: dict[Weekday, RunType], loaded_days: tuple[Weekday, ...]) -> list[Finding]:
    """A loaded run the week could place only next to a key run: the day before a hard run or the long
    run, or the day after the long run. ``place_loaded_runs`` avoids these days where the week allows
    (the penalties above); where it does not, one warning names each such day and the fix."""
    problems = []
    for day in loaded_days:
        after, before = types[_next(day)], types[_previous(day)]
        if after in ("hard", "long"):
            which = "the long run" if after == "long" else "a hard run"
            problems.append(f"{WEEKDAY_NAMES[day]}'s loaded run is the day before {which} on "
                            f"{WEEKDAY_NAMES[_next(day)]}")
        if before == "long":
            problems.append(f"{WEEKDAY_NAMES[day]}'s loaded run is the day after the long run on "
                            f"{WEEKDAY_NAMES[_previous(day)]}")
    if not problems:
        return []
    return [Finding(
        code="loaded_next_to_key_run", severity="warn", source="004",
        message="Your week has no easy day clear of your key runs for every loaded run: "
                + "; ".join(problems) + ". Carried load tires the legs the key run needs (hard days hard, "
                "easy days easy). Keep that run short and truly easy, or make a day clear: move a hard day, "
                "or turn a rest day next to an easy day into an easy day (Edit profile, Running week tab).",
    )]


def next_to_long_run(long_run_day: Weekday, loaded_days: tuple[Weekday, ...]) -> bool:
    """True when a loaded day is the day before or after the long run (in the repeating week)."""
    return _next(long_run_day) in loaded_days or _previous(long_run_day) in loaded_days


def strength_candidates(types: dict[Weekday, RunType], long_run_day: Weekday) -> list[Weekday]:
    """Days a lift may go: not a rest day, not the long-run day, never the day before it (004)."""
    day_before_long = _previous(long_run_day)
    return [d for d in WEEKDAYS
            if types[d] in ("easy", "hard") and d != long_run_day and d != day_before_long]


def place_strength(
    inputs: PlanInputs,
    types: dict[Weekday, RunType],
    loaded_days: tuple[Weekday, ...],
    want_plyo: bool,
) -> tuple[tuple[Weekday, ...], Weekday | None, list[Finding]]:
    """``STRENGTH_SESSIONS_PER_WEEK`` lifting days (004), never consecutive, plus a plyometric
    day for advanced plans.

    The plyometric micro-dose follows a speed session (004), so it goes on a hard day that holds
    no lift and is not the long-run day or the day before it.
    """
    # Never a lift and a loaded run on the day after the long run (issue 23: the legs are still tired).
    candidates = [d for d in strength_candidates(types, inputs.long_run_day)
                  if not (d in loaded_days and types[_previous(d)] == "long")]
    weights = STRENGTH_DAY_SCORE[inputs.strength_level]

    def day_score(day: Weekday) -> int:
        value = weights[types[day]]
        value -= STRENGTH_PENALTY_LOADED_DAY if day in loaded_days else 0
        value -= STRENGTH_PENALTY_BEFORE_HARD if types[_next(day)] == "hard" else 0
        return value

    def plyo_options(combo: tuple[Weekday, ...]) -> list[Weekday]:
        return [d for d in candidates if types[d] == "hard" and d not in combo]

    def score(combo: tuple[Weekday, ...]) -> int:
        bonus = PLYO_ROOM_BONUS if want_plyo and plyo_options(combo) else 0
        return sum(day_score(d) for d in combo) + bonus

    findings: list[Finding] = []
    chosen: tuple[Weekday, ...] = ()
    for count in range(STRENGTH_SESSIONS_PER_WEEK, 0, -1):
        chosen = _best(candidates, count, score) or ()
        if chosen:
            break
    if len(chosen) < STRENGTH_SESSIONS_PER_WEEK:
        findings.append(Finding(
            code="no_room_strength", severity="warn", source="004",
            message=f"Your week has room for {len(chosen) or 'no'} strength session"
                    f"{'' if len(chosen) == 1 else 's'} instead of {STRENGTH_SESSIONS_PER_WEEK}: lifts "
                    f"never go on rest days, the long-run day ({WEEKDAY_NAMES[inputs.long_run_day]}) or the day "
                    "before it, nor on two days in a row. Free up a day to fit both.",
        ))
    plyo: Weekday | None = None
    if want_plyo:
        options = plyo_options(chosen)
        plyo = options[0] if options else None
        if plyo is None:
            findings.append(Finding(
                code="no_room_plyo", severity="warn", source="004",
                message="No hard day is free for the plyometric micro-dose (it follows a speed "
                        "session, never on the long-run day or the day before it), so the plan "
                        f"has the {cardinal(STRENGTH_SESSIONS_PER_WEEK)} strength sessions only.",
            ))
    return chosen, plyo, findings


def week_findings(inputs: PlanInputs, types: dict[Weekday, RunType]) -> list[Finding]:
    """Warnings about the week itself (docs/rules.md §6)."""
    findings: list[Finding] = []
    before_long = _previous(inputs.long_run_day)
    if types[before_long] == "hard":
        findings.append(Finding(
            code="hard_before_long", severity="warn", source="004",
            message=f"Your hard day ({WEEKDAY_NAMES[before_long]}) sits right before the long run: "
                    "hard days hard, easy days easy; the long run starts tired. Move the hard "
                    "session or the long run if you can.",
        ))
    return findings
