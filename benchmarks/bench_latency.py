"""Slider-to-painted-chart latency of every page, against a bare Streamlit floor, in headless Chromium.

    python benchmarks/bench_latency.py [--presses 24] [--loads 3] [--pages Plan,Week] [--json out.json]

Starts ``streamlit run app.py`` and ``streamlit run benchmarks/bare_app.py`` on free loopback ports
(same server flags), opens both in headless Chromium with Playwright, and for every page listed in
app.py's ``pages`` presses ArrowRight / ArrowLeft alternately on a sidebar slider. The timing is taken
inside the page: a ``keydown`` listener starts the clock; a ``MutationObserver`` on the main block
notes the first mutation at which a chart holds new data (or, on a page without charts, the first
change of the main block's content), and two ``requestAnimationFrame`` callbacks after it mark the
frame as painted; the app's ``data-test-script-state`` going back to ``notRunning`` marks the run
finished. The floor page gets the same number of sidebar sliders and charts of the same shape
(height, width, traces, points, shapes), read from the app page itself, so it follows the app as
pages change. A second floor, "floor+", adds the app's navigation (ten pages in the top bar) and
its sidebar elements to the same charts (``bare_app.py``'s ``nav`` and ``sidebar`` switches, as in
bench_structure.py). Presses alternate between the app and its two floors in small blocks, so
machine noise lands on all three. Also prints the first page load (navigation start to app idle, charts drawn) in a
fresh browser context.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import contextlib
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
try:  # one definition of the browser flags, shared with the browser tests
    from tests.e2e.conftest import CHROMIUM_ARGS
except ImportError:  # pragma: no cover - running from a partial checkout
    CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SLIDER_KEYS = ("weeks", "bodyweight_kg", "easy_run_km")
"""Tried in order; the sidebar's numbers are typed inputs now, so on this code ``weeks`` is the slider
(an older checkout, measured with ``--root``, had the others as sliders too)."""
FLOOR_SLIDERS = 2
"""The floor's sliders: the issue's floor is the same charts and two sliders, nothing else."""
STRUCTURE = "&nav=10&sidebar=app"
"""The second floor (``bare_app.py``'s switches, as bench_structure.py's "floor + navigation + sidebar"):
the same charts behind ``st.navigation`` with ten pages and with the app's sidebar elements. Issue 25
holds every page but Plan to this floor; Plan to the bare one."""
STRICT_PAGE = "Plan"
VIEWPORT = {"width": 1280, "height": 720}
SERVER_FLAGS = ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
                "--browser.gatherUsageStats", "false", "--server.runOnSave", "false"]

# Installed once per page load. window.__lat.arm() starts listening; each keydown opens a sample.
RECORDER_JS = r"""() => {
  if (window.__lat) return;
  const app = () => document.querySelector("[data-testid='stApp']");
  const main = () => document.querySelector("[data-testid='stMainBlockContainer']");
  const plots = () => [...(main() || document).querySelectorAll('.js-plotly-plot')];
  const fp = (p) => {
    try { return p.data && p.data.length ? JSON.stringify([p.data, p.layout.shapes, p.layout.title]) : null; }
    catch (e) { return null; }
  };
  const S = {armed: false, cur: null, lastMutation: 0, pending: 0};
  const paint = (done) => { S.pending++; requestAnimationFrame(() => requestAnimationFrame(() => { S.pending--; done(performance.now()); })); };
  document.addEventListener('keydown', (e) => {
    if (!S.armed) return;
    const ps = plots();
    S.cur = {key: e.timeStamp, run: null, done: null, donePaint: null, mainPaint: null,
             before: ps.map(fp), changed: {}, paints: {}, nPlots: ps.length, reruns: 0};
  }, true);
  new MutationObserver(() => {
    const c = S.cur, state = app() && app().dataset.testScriptState;
    if (!c) return;
    if (state === 'running' && c.run === null) { c.run = performance.now(); c.reruns++; }
    else if (state === 'running' && c.done !== null) { c.reruns++; }
    else if (state === 'notRunning' && c.run !== null && c.done === null) {
      c.done = performance.now(); paint((t) => { c.donePaint = t; });
    }
  }).observe(document.body, {attributes: true, subtree: true, attributeFilter: ['data-test-script-state']});
  new MutationObserver((records) => {
    const c = S.cur;
    S.lastMutation = performance.now();
    if (!c) return;
    const block = main();
    if (c.run === null) {
      // A run short enough for React to batch 'running' and 'notRunning' into one commit leaves
      // no trace on the state attribute: its first mutation of the main block stands for it.
      if (!records.some(r => block && block.contains(r.target))) return;
      c.run = performance.now(); c.batched = true;
    }
    const touched = new Set();
    let content = false;
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const plot = el && el.closest('.js-plotly-plot');
      if (plot) touched.add(plot);
      else if (r.type !== 'attributes' && block && block.contains(r.target)) content = true;
    }
    const ps = plots();
    ps.forEach((p, i) => {
      if (c.changed[i] !== undefined || !touched.has(p) || !p._fullLayout || !p.querySelector('.main-svg')) return;
      const now = fp(p);
      if (now !== null && now !== c.before[i]) { c.changed[i] = performance.now(); paint((t) => { c.paints[i] = t; }); }
    });
    if (content && c.mainPaint === null) { c.mainPaint = -1; paint((t) => { c.mainPaint = t; }); }
  }).observe(document.body, {attributes: true, childList: true, characterData: true, subtree: true});
  window.__lat = {
    arm() { S.armed = true; S.cur = null; },
    settled(quietMs) {
      const c = S.cur, quiet = performance.now() - S.lastMutation > quietMs;
      if (c && c.batched && c.done === null && quiet && app().dataset.testScriptState === 'notRunning') {
        c.done = c.run; c.donePaint = c.mainPaint > 0 ? c.mainPaint : c.run;
      }
      return !!c && c.done !== null && c.donePaint !== null && S.pending === 0 && quiet;
    },
    result() {
      const c = S.cur;
      if (!c) return null;
      const paints = Object.values(c.paints);
      const painted = paints.length ? Math.max(...paints) : (c.mainPaint > 0 ? c.mainPaint : c.donePaint);
      const rel = (t) => (t === null || t === undefined ? null : t - c.key);
      return {painted: rel(painted), kind: paints.length ? 'chart' : (c.mainPaint > 0 ? 'main' : 'run'),
              run_start: rel(c.run), done: rel(c.done), done_painted: rel(c.donePaint),
              charts_changed: paints.length, changed: Object.keys(c.paints).map(Number), charts: c.nPlots,
              reruns: c.reruns, batched: !!c.batched};
    },
  };
}"""

SHAPE_JS = r"""() => {
  const main = document.querySelector("[data-testid='stMainBlockContainer']");
  const width = main.getBoundingClientRect().width;
  return [...main.querySelectorAll('.js-plotly-plot')].map(p => ({
    h: Math.round(p._fullLayout ? p._fullLayout.height : p.getBoundingClientRect().height),
    w: Math.round(100 * p.getBoundingClientRect().width / width) / 100,
    s: (p.layout.shapes || []).length,
    t: p.data.map(t => [t.type || 'scatter', t.z ? t.z.flat().length : (t.x || t.y || []).length]),
    spec: JSON.parse(JSON.stringify({data: p.data, layout: p.layout})),
  }));
}"""
"""Each chart of a page: its height, share of the main width, shapes and traces (the "shape" floor), and
its whole spec as the browser holds it (``spec``: data and layout, for the "spec" floor)."""

# tests/e2e's APP_IDLE without its element count (the floor page is small): the run is over, nothing is a
# skeleton, the page has its title.
IDLE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return app && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector("[data-testid='stSkeleton']")
    && !!document.querySelector("[data-testid='stMainBlockContainer'] h1");
}"""

CHARTS_DRAWN = """(n) => {
  const ps = [...document.querySelectorAll("[data-testid='stMainBlockContainer'] .js-plotly-plot")];
  return ps.length >= n && ps.every(p => p._fullLayout && p.querySelector('.main-svg'));
}"""


@dataclass(frozen=True)
class PageInfo:
    title: str
    path: str  # URL path, "" for the default page
    source: str = ""  # the page's script, relative to app.py


def app_pages(app_py: Path) -> list[PageInfo]:
    """The app's pages, title and URL path as Streamlit derives them: ``PAGES`` in
    pages/_ui/routing.py, or (an older checkout) the st.Page(...) calls in app.py."""
    routing = app_py.parent / "pages" / "_ui" / "routing.py"
    if routing.exists():
        for node in ast.parse(routing.read_text()).body:
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES":
                listed = ast.literal_eval(node.value)
                return [PageInfo(title, "" if i == 0 else Path(source).stem, source)
                        for i, (source, title, _icon) in enumerate(listed)]
    pages = []
    for node in ast.walk(ast.parse(app_py.read_text())):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "Page"):
            continue
        kwargs = {k.arg: k.value for k in node.keywords}
        literal = {k: v.value for k, v in kwargs.items() if isinstance(v, ast.Constant)}
        source = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        if not isinstance(source, str):
            continue
        stem = Path(source).stem
        title = literal.get("title") or stem.replace("_", " ").title()
        path = "" if literal.get("default") else str(literal.get("url_path") or stem)
        pages.append(PageInfo(title, path, source))
    return pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(script: Path, cwd: Path, log: Path | None = None):
    """``streamlit run script`` on a free loopback port; yields (url, process); always stops it."""
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    scratch = tempfile.TemporaryDirectory(prefix="bench-")
    env = {**os.environ, "PLANNER_DATABASE_URL": f"sqlite:///{scratch.name}/athletes.db"}  # never data/
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                               *SERVER_FLAGS], cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"{script} did not start on {url}") from None
                time.sleep(0.3)
        yield url, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if log:
            out.close()
        scratch.cleanup()


async def wait_idle(page, charts: int = 0, timeout: float = 30_000) -> None:
    await page.wait_for_function(IDLE, timeout=timeout, polling="raf")
    if charts:
        await page.wait_for_function(CHARTS_DRAWN, arg=charts, timeout=timeout, polling="raf")


async def expand_sidebar(page) -> None:
    """Open the sidebar's collapsed expanders so every slider can take focus."""
    closed = page.locator("[data-testid='stSidebar'] details:not([open]) > summary")
    for _ in range(await closed.count()):
        await closed.first.click()
    await page.wait_for_timeout(200)


async def open_page(context, url: str, charts: int = 0, on_page=None, timeout: float = 30_000):
    """A new page at ``url``, idle with its charts drawn, sidebar open, the recorder armed.
    ``on_page(page)`` runs before navigation (to attach listeners)."""
    page = await context.new_page()
    if on_page:
        on_page(page)
    await page.goto(url, timeout=timeout)
    await wait_idle(page, charts, timeout)
    await expand_sidebar(page)
    await page.evaluate(RECORDER_JS)
    await page.evaluate("() => window.__lat.arm()")
    return page


async def focus_slider(page, key: str) -> bool:
    slider = page.locator(f".st-key-{key} input[type=range]")
    if not await slider.count():
        return False
    await slider.focus()
    return True


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (from /proc), to compare server CPU per press."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def press(page, direction: str, quiet_ms: int = 150, timeout: float = 15_000) -> dict:
    """One key press on the focused slider; returns the in-page timings in ms from the keydown."""
    await page.keyboard.press(direction)
    try:
        await page.wait_for_function(f"() => window.__lat.settled({quiet_ms})", timeout=timeout, polling=20)
    except Exception as error:  # a press that never finished a run is an error, not a sample
        return {"error": f"{type(error).__name__}: no finished run within {timeout / 1000:.0f} s"}
    return await page.evaluate("() => window.__lat.result()")


def nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def stats(samples: list[dict], field: str) -> tuple[float, float, int]:
    values = [s[field] for s in samples if s.get(field) is not None]
    if not values:
        return math.nan, math.nan, 0
    return statistics.median(values), nearest_rank(values, 0.95), len(values)


FLOOR_KIND = os.environ.get("FLOOR", "spec")
"""Which floor ``floor_url`` serves: "spec" (the default; issue 25's "a bare Streamlit page drawing the
same chart spec"): each chart's own data and layout, read from the app's page, its numbers scaled
with the sliders so every press draws new data; "shape" (the figures before 2026-12-03): charts of the
same trace types, point counts, shapes and height, drawn from made-up data. ``--floor`` sets it."""
_SPEC_DIR = Path(tempfile.mkdtemp(prefix="floor-specs-"))


def floor_url(bare_url: str, shape: list[dict], sliders: int) -> str:
    """The floor's address for charts of ``shape``; with the "spec" floor, their specs go to a file
    under a throwaway folder whose path the address carries (a spec is too long for an address)."""
    small = [{k: v for k, v in chart.items() if k != "spec"} for chart in shape]
    url = f"{bare_url}/?sliders={sliders}&shape={urllib.parse.quote(json.dumps(small, separators=(',', ':')))}"
    specs = [chart.get("spec") for chart in shape]
    if FLOOR_KIND == "spec" and any(specs):
        text = json.dumps(specs, separators=(",", ":"))
        path = _SPEC_DIR / f"{abs(hash(text)):x}.json"
        path.write_text(text)
        url += f"&specs={urllib.parse.quote(str(path))}"
    return url


async def choose_slider(page, keys: tuple[str, ...]) -> tuple[str, set[int]]:
    """The first slider whose press changes a chart on this page (else the main block, else the
    first), and which charts (by position) that press redraws."""
    best: tuple[int, str, set[int]] = (3, keys[0], set())
    for key in keys:
        if not await focus_slider(page, key):
            continue
        results = [await press(page, "ArrowRight"), await press(page, "ArrowLeft")]
        rank = min({"chart": 0, "main": 1, "run": 2}.get(r.get("kind"), 3) for r in results)
        changed = {i for r in results for i in r.get("changed", [])}
        best = min(best, (rank, key, changed), key=lambda b: b[0])
        if rank == 0:
            break
    return best[1], best[2]


async def first_load(browser, url: str, charts: int) -> float:
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        await page.goto(url)
        await wait_idle(page, charts)
        return await page.evaluate("() => performance.now()")
    finally:
        await context.close()


def fmt(value: float) -> str:
    return "  n/a" if math.isnan(value) else f"{value:5.0f}"


def ratio(a: float, b: float) -> str:
    return "  n/a" if math.isnan(a) or math.isnan(b) or b <= 0 else f"{a / b:5.2f}"


async def run(args) -> dict:
    from playwright.async_api import async_playwright

    root = Path(args.root).resolve()
    pages = app_pages(root / "app.py")
    if args.pages:
        wanted = {p.strip().lower() for p in args.pages.split(",")}
        pages = [p for p in pages if p.title.lower() in wanted or p.path in wanted]
    keys = tuple(args.sliders.split(",")) if args.sliders else SLIDER_KEYS
    report: dict = {"pages": {}, "loads": {}, "presses": args.presses, "root": str(root)}
    with serve(root / "app.py", root, args.log) as (app_url, app_server), \
            serve(Path(__file__).with_name("bare_app.py"), root) as (bare_url, bare_server):
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            app_ctx = await browser.new_context(viewport=VIEWPORT)
            bare_ctx = await browser.new_context(viewport=VIEWPORT)
            structure_ctx = await browser.new_context(viewport=VIEWPORT)
            warm = await open_page(app_ctx, f"{app_url}/")  # first run imports and fills caches
            await warm.close()
            for info in pages:
                page = await open_page(app_ctx, f"{app_url}/{info.path}")
                await page.wait_for_timeout(300)
                shape = await page.evaluate(SHAPE_JS)
                await wait_idle(page, len(shape))
                sliders = await page.locator("[data-testid='stSidebar'] input[type=range]").count()
                widgets = await page.locator("[data-testid='stSidebar'] [class*='st-key-']").count()
                key, changed = await choose_slider(page, keys)
                for i, chart in enumerate(shape):  # the floor redraws the same charts, keeps the others
                    chart["f"] = int(i not in changed)
                floor = await open_page(bare_ctx, floor_url(bare_url, shape, FLOOR_SLIDERS), len(shape))
                await focus_slider(floor, key)
                await choose_slider(floor, (key,))  # warm the floor the same way
                structure = await open_page(structure_ctx, floor_url(bare_url, shape, FLOOR_SLIDERS) + STRUCTURE,
                                            len(shape))
                await focus_slider(structure, key)
                await choose_slider(structure, (key,))
                app_samples: list[dict] = []
                floor_samples: list[dict] = []
                structure_samples: list[dict] = []
                cpu = {"app": 0.0, "floor": 0.0, "structure": 0.0}
                n = 0
                while n < args.presses:
                    for target, samples, server, side in ((page, app_samples, app_server, "app"),
                                                          (floor, floor_samples, bare_server, "floor"),
                                                          (structure, structure_samples, bare_server, "structure")):
                        await target.bring_to_front()
                        await focus_slider(target, key)
                        before = cpu_seconds(server.pid)
                        for i in range(n, min(n + args.block, args.presses)):
                            samples.append(await press(target, "ArrowRight" if i % 2 == 0 else "ArrowLeft"))
                            await target.wait_for_timeout(args.pause)
                        cpu[side] += cpu_seconds(server.pid) - before
                    n += args.block
                loads_app = [await first_load(browser, f"{app_url}/{info.path}", len(shape)) for _ in range(args.loads)]
                loads_bare = [await first_load(browser, floor_url(bare_url, shape, FLOOR_SLIDERS), len(shape))
                              for _ in range(args.loads)]
                report["pages"][info.title] = {
                    "path": info.path, "slider": key, "sidebar_sliders": sliders, "sidebar_widgets": widgets,
                    "shape": shape, "cpu_ms_per_press": {side: 1000 * total / max(1, len(app_samples))
                                                         for side, total in cpu.items()},
                    "app": app_samples, "floor": floor_samples, "structure": structure_samples,
                    "load_app": loads_app, "load_floor": loads_bare,
                }
                print_page(info.title, report["pages"][info.title], flush=True)
                if args.json:
                    args.json.write_text(json.dumps(report, indent=1))
                await page.close()
                await floor.close()
                await structure.close()
            await browser.close()
    return report


def print_page(title: str, data: dict, flush: bool = False) -> None:
    errors = [s["error"] for s in data["app"] + data["floor"] + data.get("structure", []) if "error" in s]
    kinds = sorted({s.get("kind", "error") for s in data["app"]})
    print(f"  measured {title:<14} slider={data['slider']:<13} charts={len(data['shape'])} "
          f"kinds={','.join(kinds)} errors={len(errors)} {errors[:1]}", file=sys.stderr, flush=flush)


def table(report: dict) -> str:
    lines = [
        "key -> painted chart (ms; main block on pages without charts) and key -> run finished (ms),",
        f"median / p95 over {report['presses']} presses per page; floor = bare Streamlit page of the same shape "
        "(two sliders);",
        "floor+ = the same with the app's navigation (10 pages) and sidebar elements (bench_structure.py)",
        "",
        f"{'page':<14} {'paint app':>11} {'floor':>11} {'ratio':>5} {'floor+':>11} {'ratio':>5}  "
        f"{'run app':>11} {'floor':>11} {'ratio':>5} {'floor+':>11} {'ratio':>5}  {'load app':>8} {'load floor':>10}",
    ]
    for title, data in report["pages"].items():
        cells = []
        for field in ("painted", "done"):
            a, a95, _ = stats(data["app"], field)
            f, f95, _ = stats(data["floor"], field)
            s, s95, _ = stats(data.get("structure", []), field)
            cells.append(f"{fmt(a)}/{fmt(a95)} {fmt(f)}/{fmt(f95)} {ratio(a, f)} {fmt(s)}/{fmt(s95)} {ratio(a, s)}")
        la, lf = statistics.median(data["load_app"] or [math.nan]), statistics.median(data["load_floor"] or [math.nan])
        lines.append(f"{title:<14} {cells[0]}  {cells[1]}  {fmt(la):>8} {fmt(lf):>10}")
    lines += ["", f"targets (issue 25): {STRICT_PAGE} painted median <= 1.5x floor and run finished <= 2x floor; every "
                  "other page painted <= 1.25x floor+ and run finished <= 1.5x floor+"]
    for title, data in report["pages"].items():
        strict = title == STRICT_PAGE
        base = data["floor"] if strict else data.get("structure", [])
        pa, pf = stats(data["app"], "painted")[0], stats(base, "painted")[0]
        ra, rf = stats(data["app"], "done")[0], stats(base, "done")[0]
        rs, rsf = stats(data["app"], "run_start")[0], stats(data["floor"], "run_start")[0]
        errors = sum(1 for s in data["app"] + data["floor"] + data.get("structure", []) if "error" in s)
        ok_paint = "met" if pa <= (1.5 if strict else 1.25) * pf else "MISSED"
        ok_run = "met" if ra <= (2.0 if strict else 1.5) * rf else "MISSED"
        cpu = data.get("cpu_ms_per_press", {})
        lines.append(f"  {title:<14} vs {'floor ' if strict else 'floor+'} paint {pa / pf:4.2f}x {ok_paint:<6} "
                     f"run {ra / rf:4.2f}x {ok_run:<6} server CPU/press app {cpu.get('app', math.nan):.0f}, floor "
                     f"{cpu.get('floor', math.nan):.0f}, floor+ {cpu.get('structure', math.nan):.0f} ms "
                     f"(key -> run start: app {rs:.0f} ms, floor {rsf:.0f} ms; charts {len(data['shape'])}; "
                     f"sidebar widgets {data.get('sidebar_widgets', '?')}; errors {errors})")
    return "\n".join(lines)


def add_floor_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--floor", choices=("spec", "shape"), default=None,
                        help="the floor's charts: the app's own specs (default) or made-up data of the same shape")


def set_floor(args: argparse.Namespace) -> None:
    global FLOOR_KIND
    FLOOR_KIND = args.floor or FLOOR_KIND


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=24, help="key presses per page, app and floor each")
    parser.add_argument("--block", type=int, default=4, help="presses in a row before switching app/floor")
    parser.add_argument("--pause", type=int, default=150, help="ms between presses")
    parser.add_argument("--loads", type=int, default=3, help="first page loads per page, app and floor each")
    parser.add_argument("--pages", default="", help="comma-separated page titles or URL paths (default: all)")
    parser.add_argument("--sliders", default="", help=f"slider keys to try, in order (default: {','.join(SLIDER_KEYS)})")
    parser.add_argument("--root", default=str(ROOT), help="checkout to run app.py from (default: this one)")
    parser.add_argument("--log", type=Path, default=None, help="write the app server's output here")
    parser.add_argument("--json", type=Path, default=None, help="also write every sample here")
    add_floor_option(parser)
    args = parser.parse_args()
    set_floor(args)
    started = time.time()
    report = asyncio.run(run(args))
    print(table(report))
    print(f"\n({time.time() - started:.0f} s; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
