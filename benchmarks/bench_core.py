"""Median time of build_plan for 12- and 52-week plans (target: 52 weeks under 5 ms), and with a
year of logged sessions and check-ins, re-planned from today (target: under 10 ms).

    python benchmarks/bench_core.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from core import PlanInputs, build_plan
from core.planner.log import CheckIn, Session
from core.present.charts import load_progression_figure


def median_ms(func, repeat: int = 200) -> float:
    func()  # warm caches
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    for weeks in (12, 52):
        inputs = PlanInputs(weeks=weeks, start_date=dt.date(2026, 11, 23), loaded_runs_per_week=2,
                            strength_level="advanced", experience="experienced")
        plan = build_plan(inputs)
        print(f"build_plan, {weeks:2d} weeks: median {median_ms(lambda i=inputs: build_plan(i)):.2f} ms")
        print(f"load chart,  {weeks:2d} weeks: median {median_ms(lambda p=plan: load_progression_figure(p), 50):.2f} ms")

    start = dt.date(2026, 1, 5)
    inputs = PlanInputs(weeks=52, start_date=start, loaded_runs_per_week=2, hard_days=("tue",))
    plan = build_plan(inputs)
    log: list[Session | CheckIn] = [
        Session(date=d.date, distance_km=d.run_km, minutes=d.minutes, load_kg=d.load_kg, rpe=d.rpe,
                form_ok=True if d.loaded else None)
        for d in plan.days if d.run != "rest"
    ] + [CheckIn(date=d.date, slept_well=True, soreness_mild=True, resting_hr_normal=True, hrv_stable=i % 9 != 0)
         for i, d in enumerate(plan.days)]
    today = start + dt.timedelta(days=360)
    print(f"build_plan, 52 weeks with a year's log ({len(log)} entries), re-planned from day 360: "
          f"median {median_ms(lambda: build_plan(inputs, log, today), 50):.2f} ms")

    # Toward an event 52 weeks on (issue 23): built running, phases, heavy carries, the same year's log.
    event = inputs.model_copy(update={
        "event_date": start + dt.timedelta(days=7 * 51 + 5), "goal": "pack_event", "carrier": "backpack",
        "pack_chest_strap": True, "pack_hip_belt": True, "equipment_max_kg": 20.0, "event_load_kg": 9.0,
        "running": "build"})
    plan = build_plan(event)
    assert plan.event_date is not None and plan.inputs.weeks == 52
    print(f"build_plan, 52 weeks toward an event: median {median_ms(lambda: build_plan(event)):.2f} ms")
    print(f"build_plan, 52 weeks toward an event with a year's log, re-planned from day 360: "
          f"median {median_ms(lambda: build_plan(event, log, today), 50):.2f} ms")


if __name__ == "__main__":
    main()
