"""Server-side cost of a rerun, per page, with AppTest: time, chart JSON sent, and build_plan time.

    python benchmarks/bench_server.py [--reruns 30] [--pages Plan,Week] [--profile Plan]

For every page in app.py's ``pages`` list: the median wall time of ``AppTest.run()`` over N reruns
after a warm-up, (a) moving the plan-length slider to a new value each time, so the plan cache
misses and every figure is rebuilt, and (b) with the same inputs each time (the cached case);
the bytes of Plotly JSON the rerun sends (the sum of every ``plotly_chart`` ``proto.spec``) and of
all element protos. The floor is ``benchmarks/bare_app.py`` under AppTest, with the same number
of sliders and charts of the same shape. ``--profile PAGE`` runs cProfile over that page's
changing-input reruns and prints the functions that dominate.

AppTest note: the repo has a ``pages/`` folder beside app.py, so AppTest would start every run in
Streamlit's old folder mode (see pages/_ui/routing.py). As in the tests, AppTest runs an entry
script from a folder without ``pages/`` that runs app.py, so each measured rerun is what a browser
rerun is: app.py (URL check, sidebar, navigation) plus the page.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import itertools
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_latency import app_pages, nearest_rank  # noqa: E402

_CODE: dict[str, types.CodeType] = {}
_PROFILER: list[cProfile.Profile] = []  # when profiling: the profiler wrapped around each script run
ROOT_OF: dict[Path, Path] = {}  # entry script -> the checkout whose pages it routes to


def run_app(app_py: str) -> None:
    """What the entry script runs: app.py, inside the profiler when one is on (the script runs
    in AppTest's runner thread, which cProfile does not follow)."""
    code = _CODE.get(app_py)
    if code is None:
        code = _CODE[app_py] = compile(Path(app_py).read_text(), app_py, "exec")
    module = types.ModuleType("__main__")
    module.__dict__["__file__"] = app_py
    if _PROFILER:
        _PROFILER[0].enable()
    try:
        exec(code, module.__dict__)  # noqa: S102 - the app's own entrypoint, as Streamlit runs it
    finally:
        if _PROFILER:
            _PROFILER[0].disable()


def entry_script(app: Path, folder: Path) -> Path:
    """An AppTest entry in ``folder`` (no pages/ beside it) that runs ``app``."""
    entry = folder / "entry.py"
    entry.write_text(
        "import sys\n"
        f"sys.path[:0] = [{str(app.parent)!r}, {str(Path(__file__).resolve().parent)!r}]\n"
        "import bench_server\n"
        f"bench_server.run_app({str(app)!r})\n"
    )
    return entry


def timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"the rerun raised: {at.exception[0].value}")
    return elapsed


def chart_bytes(at) -> tuple[int, int]:
    specs = [len(c.proto.spec) for c in at.get("plotly_chart")]
    return len(specs), sum(specs)


def element_bytes(at) -> int:
    total = 0
    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            total += proto.ByteSize()
        stack.extend(getattr(node, "children", {}).values())
    return total


def chart_shape(at) -> list[dict]:
    shapes = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        traces = [[t.get("type", "scatter"), sum(len(r) for r in t["z"]) if "z" in t else len(t.get("x") or t.get("y") or [])]
                  for t in spec.get("data", [])]
        layout = spec.get("layout", {})
        shapes.append({"h": layout.get("height", 420), "w": 1.0, "s": len(layout.get("shapes", [])), "t": traces})
    return shapes


def open_page(app: Path, query: dict | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at


def page_session(app: Path, source: str, default_source: str):
    at = open_page(app)
    if source != default_source:
        at.switch_page(str(ROOT_OF[app] / source)).run()
    if at.exception:
        raise RuntimeError(f"{source} raised: {at.exception[0].value}")
    return at


def plan_lengths():
    value = 4
    while True:  # a new value each time (49 of them before one repeats): the plan cache misses
        value = value + 1 if value < 52 else 4
        yield value


def changing_runs(at, reruns: int, warmup: int) -> list[float]:
    """Rerun times with a new plan length each time, after ``warmup`` untimed ones."""
    values = plan_lengths()
    for _ in range(warmup):
        at.slider(key="weeks").set_value(next(values))
        timed_run(at)
    changing = []
    for _ in range(reruns):
        at.slider(key="weeks").set_value(next(values))
        changing.append(timed_run(at))
    return changing


def measure_page(app: Path, source: str, default_source: str, reruns: int, warmup: int) -> dict:
    at = page_session(app, source, default_source)
    if not at.slider(key="weeks"):
        raise RuntimeError("no weeks slider after switching pages: the shared inputs were not rerun")
    changing = changing_runs(at, reruns, warmup)
    same = [timed_run(at) for _ in range(reruns)]
    charts, spec_bytes = chart_bytes(at)
    return {"changing": changing, "same": same, "charts": charts, "chart_json_bytes": spec_bytes,
            "element_bytes": element_bytes(at), "shape": chart_shape(at),
            "sliders": len(at.select_slider) + len(at.slider)}


def measure_floor(shape: list[dict], sliders: int, reruns: int, warmup: int) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).with_name("bare_app.py")), default_timeout=60)
    at.query_params["shape"] = json.dumps(shape)
    at.query_params["sliders"] = str(sliders)
    at.run()
    changing = changing_runs(at, reruns, warmup)
    charts, spec_bytes = chart_bytes(at)
    return {"changing": changing, "charts": charts, "chart_json_bytes": spec_bytes}


def profile_page(app: Path, source: str, default_source: str, reruns: int, top: int, cached: bool = False) -> str:
    at = page_session(app, source, default_source)
    values = itertools.cycle((12, 13)) if cached else plan_lengths()
    for _ in range(3):
        at.slider(key="weeks").set_value(next(values))
        timed_run(at)
    import bench_server  # the module the entry script imports (this file runs as __main__)

    profiler = cProfile.Profile()
    shared = bench_server._PROFILER
    shared.append(profiler)
    for _ in range(reruns):
        at.slider(key="weeks").set_value(next(values))
        at.run()
    shared.clear()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    what = "the plan length 12 and 13 in turn (cached plans and figures, as a slider moved back and forth)" \
        if cached else "a new plan length each"
    out.write(f"app.py + page script, {reruns} reruns with {what} (script thread only)\n")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def build_plan_times() -> list[str]:
    from bench_core import median_ms

    from core import PlanInputs, build_plan

    lines = []
    for weeks in (12, 52):
        inputs = PlanInputs(weeks=weeks, start_date=dt.date(2026, 11, 23), loaded_runs_per_week=2,
                            strength_level="advanced", experience="experienced")
        lines.append(f"build_plan, {weeks:2d} weeks: median {median_ms(lambda i=inputs: build_plan(i)):.2f} ms")
    return lines


def med(values: list[float]) -> str:
    return f"{statistics.median(values):6.1f}" if values else "   n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=30, help="measured reruns per page and case")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--pages", default="", help="comma-separated page titles or URL paths (default: all)")
    parser.add_argument("--root", default=str(ROOT), help="checkout whose app.py to measure")
    parser.add_argument("--profile", default="", help="page title to profile with cProfile instead")
    parser.add_argument("--cached", action="store_true", help="profile reruns whose plans and figures are cached")
    parser.add_argument("--top", type=int, default=30, help="functions to list when profiling")
    args = parser.parse_args()

    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "missing ScriptRunContext" noise
    scratch = tempfile.TemporaryDirectory(prefix="bench-")
    os.environ["PLANNER_DATABASE_URL"] = f"sqlite:///{scratch.name}/athletes.db"  # pages never touch data/
    root = Path(args.root).resolve()
    if str(root) != str(ROOT):
        sys.path.insert(0, str(root))
    pages = app_pages(root / "app.py")
    default_source = next((p.source for p in pages if p.path == ""), pages[0].source)
    app = entry_script(root / "app.py", Path(scratch.name))
    ROOT_OF[app] = root
    if args.profile:
        info = next(p for p in pages if args.profile.lower() in (p.title.lower(), p.path))
        print(profile_page(app, info.source, default_source, args.reruns, args.top, args.cached))
        return
    if args.pages:
        wanted = {p.strip().lower() for p in args.pages.split(",")}
        pages = [p for p in pages if p.title.lower() in wanted or p.path in wanted]

    print(f"AppTest.run() wall time per rerun (ms), median of {args.reruns} after {args.warmup} warm-up reruns")
    print(f"{'page':<14} {'new input':>9} {'p95':>6} {'same input':>10} {'floor':>6} {'ratio':>5}  "
          f"{'charts':>6} {'chart JSON':>10} {'floor JSON':>10} {'all elements':>12}")
    results = {}
    for info in pages:
        data = measure_page(app, info.source, default_source, args.reruns, args.warmup)
        floor = measure_floor(data["shape"], data["sliders"], args.reruns, args.warmup)
        results[info.title] = {**data, "floor": floor}
        ratio = statistics.median(data["changing"]) / statistics.median(floor["changing"])
        print(f"{info.title:<14} {med(data['changing']):>9} {nearest_rank(data['changing'], 0.95):6.1f} "
              f"{med(data['same']):>10} {med(floor['changing']):>6} {ratio:5.2f}  {data['charts']:>6} "
              f"{data['chart_json_bytes']:>10,} {floor['chart_json_bytes']:>10,} {data['element_bytes']:>12,}",
              flush=True)
    print()
    for line in build_plan_times():
        print(line)
    total = sum(r["chart_json_bytes"] for r in results.values())
    print(f"\nchart JSON over all pages: {total:,} bytes on {sum(1 for r in results.values() if r['charts'])} "
          "pages with charts")


if __name__ == "__main__":
    main()
