"""Many coaches at once: 25 browser sessions moving sliders against one app server, or through the
shared deployment's proxy onto N replicas.

    python benchmarks/bench_concurrency.py [--sessions 25] [--browsers 3] [--seconds 60] [--pages Plan,Week,Deloads]
    python benchmarks/bench_concurrency.py --replicas 2    # through nginx onto 2 replicas (deploy.local)

Starts ``streamlit run app.py`` on a free loopback port and first measures one session alone on each
page in ``--pages`` (slider-to-painted-chart, as in bench_latency.py). Then it opens ``--sessions``
sessions (``--open-batch`` at a time), spread over ``--browsers`` headless Chromium processes (one
context each), every one on its own link (bodyweight, carrier, units and page differ, so no two
share a plan), and, all together, presses ArrowRight / ArrowLeft in each for ``--seconds`` on a
slider that redraws that page's chart. Reports p50/p95 of key-to-painted-chart and key-to-run-
finished against the single-session figures, the server's resident memory (VmRSS from /proc)
before and after, per session, and every error: exception elements on a page, console errors,
page errors, websockets that failed or closed early, presses whose run never finished, and
tracebacks in the server log. Errors must be zero.

With ``--replicas N`` the app runs as ``python -m deploy.local up --replicas N`` starts it (PostgreSQL,
N replicas, nginx with sticky sessions): the sessions go through the proxy, and CPU and memory are
summed over the replicas. The browsers run on the same machine as the server: on a small machine their rendering competes
with the server for the same cores, so the figures are an upper bound for a real deployment.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_latency import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    SLIDER_KEYS,
    VIEWPORT,
    app_pages,
    choose_slider,
    focus_slider,
    nearest_rank,
    open_page,
    press,
    serve,
)

PROBES = ("/_stcore/health", "/_stcore/host-config")
CARRIERS = ("carrier=vest", "carrier=backpack&pack_chest_strap=true&pack_hip_belt=true")  # both run loaded


@dataclass
class Session:
    name: str
    url: str
    samples: list[dict] = field(default_factory=list)
    key: str = "bodyweight_kg"
    errors: list[str] = field(default_factory=list)
    offline: list[str] = field(default_factory=list)  # failed loads from other hosts
    page: object = None
    closing: bool = False


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all cores spent not idle, since boot (from /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def link(base: str, path: str, i: int) -> str:
    bodyweight = 50 + (i * 3.5) % 80  # 50-130 kg on the metric grid, or whole pounds
    units = "Imperial" if i % 5 == 4 else "Metric"
    weight = f"bodyweight_kg={bodyweight:g}" if units == "Metric" else f"bodyweight_lb={bodyweight * 2.20462262:.0f}"
    query = f"units={units}&{weight}&{CARRIERS[i % len(CARRIERS)]}&weeks={8 + i % 20}"
    return f"{base}/{path}?{query}"


def watch(session: Session, page, local: str) -> None:
    """Collect every error of one page. Failed loads are judged by their URL: the app's own (an
    error) or another host's (noted apart: this machine may have no internet)."""

    def on_console(msg) -> None:
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            session.errors.append(f"console: {msg.text[:200]}")

    def on_failed(request) -> None:
        target = session.errors if request.url.startswith(local) else session.offline
        target.append(f"request failed: {request.url[:120]} ({request.failure})")

    def on_response(response) -> None:
        path = response.url.removeprefix(local).split("?")[0]
        if response.status == 404 and path.endswith(PROBES) and path not in PROBES:
            return  # on a deep link (/week) the frontend tries /week/_stcore/... before /_stcore/...
        if response.status >= 400:
            target = session.errors if response.url.startswith(local) else session.offline
            target.append(f"HTTP {response.status}: {response.url[:120]}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: session.errors.append(f"page error: {str(error)[:200]}"))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)

    def on_socket(ws) -> None:
        ws.on("socketerror", lambda error: session.errors.append(f"websocket error: {error}"))
        ws.on("close", lambda _ws: session.closing or session.errors.append("websocket closed early"))

    page.on("websocket", on_socket)


async def drive(session: Session, seconds: float, seed: int) -> None:
    """Alternate ArrowRight / ArrowLeft on the session's slider until the time is up."""
    rng = random.Random(seed)
    page = session.page
    await focus_slider(page, session.key)
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        result = await press(page, "ArrowRight" if i % 2 == 0 else "ArrowLeft", timeout=30_000)
        if "error" in result:
            session.errors.append(f"press {i}: {result['error']}")
            await focus_slider(page, session.key)
        else:
            session.samples.append(result)
        i += 1
        await page.wait_for_timeout(rng.randint(100, 400))  # a person, not a key-repeat


async def open_session(context, session: Session, timeout: float = 30_000) -> None:
    origin = "/".join(session.url.split("/")[:3])  # http://127.0.0.1:PORT
    session.page = await open_page(context, session.url, 1, on_page=lambda page: watch(session, page, origin),
                                   timeout=timeout)
    session.key, _ = await choose_slider(session.page, SLIDER_KEYS)  # one that redraws a chart here


def summary(samples: list[dict], field_name: str) -> tuple[float, float, int]:
    values = [s[field_name] for s in samples if s.get(field_name) is not None]
    if not values:
        return float("nan"), float("nan"), 0
    return statistics.median(values), nearest_rank(values, 0.95), len(values)


class Servers:
    """The app's server processes: one, or a deployment's replicas (CPU and memory summed)."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids


def rss_all(servers: Servers) -> int:
    return sum(rss_kb(pid) for pid in servers.pids)


def cpu_all(servers: Servers) -> float:
    return sum(cpu_seconds(pid) for pid in servers.pids)


@contextlib.contextmanager
def deployment(root: Path, replicas: int):
    """``python -m deploy.local up --replicas N`` in a throwaway state folder; yields (proxy url,
    Servers, the replicas' logs); always ``down``."""
    state = Path(tempfile.mkdtemp(prefix="bench-deploy-"))
    out = subprocess.run([sys.executable, "-m", "deploy.local", "up", "--replicas", str(replicas), "--state",
                          str(state)], cwd=root, capture_output=True, text=True, check=False)
    try:
        if out.returncode != 0:
            raise RuntimeError(f"deploy.local up failed: {out.stderr.strip()[-400:]}")
        info = json.loads(out.stdout.strip().splitlines()[-1])
        yield info["url"].rstrip("/"), Servers([r["pid"] for r in info["replicas"]]), sorted(state.glob("replica-*.log"))
    finally:
        subprocess.run([sys.executable, "-m", "deploy.local", "down", "--state", str(state)], cwd=root,
                       capture_output=True, check=False)


@contextlib.contextmanager
def one_server(root: Path, log: Path):
    with serve(root / "app.py", root, log) as (url, server):
        yield url, Servers([server.pid]), [log]


async def run(args) -> int:
    from playwright.async_api import async_playwright

    root = Path(args.root).resolve()
    pages = {p.title.lower(): p for p in app_pages(root / "app.py")}
    chosen = [pages[name.strip().lower()] for name in args.pages.split(",")]
    log = Path(tempfile.mkstemp(prefix="bench-concurrency-", suffix=".log")[1])
    servers_of = deployment(root, args.replicas) if args.replicas else one_server(root, log)
    with servers_of as (url, server, logs):
        async with async_playwright() as p:
            browsers = [await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                        for _ in range(max(1, args.browsers))]
            # "/" first: until app.py has run once, Streamlit serves a deep link from the pages/
            # folder without app.py (no sidebar). One session alone on each page: the reference.
            warm = await browsers[0].new_context(viewport=VIEWPORT)
            await (await open_page(warm, f"{url}/", 1)).close()
            await warm.close()
            single: list[dict] = []
            single_errors: list[str] = []
            for n, info in enumerate(chosen):
                context = await browsers[0].new_context(viewport=VIEWPORT)
                alone = Session(f"single-{info.title}", link(url, info.path, n))
                await open_session(context, alone)
                await drive(alone, args.single_seconds / len(chosen), seed=n)
                alone.closing = True
                await context.close()
                single += alone.samples
                single_errors += [f"{alone.name}: {e}" for e in alone.errors]
            await asyncio.sleep(2)
            rss_before = rss_all(server)

            sessions = [Session(f"s{i:02d}-{chosen[i % len(chosen)].title}", link(url, chosen[i % len(chosen)].path, i))
                        for i in range(args.sessions)]
            contexts = [await browsers[i % len(browsers)].new_context(viewport=VIEWPORT) for i in range(args.sessions)]
            started = time.monotonic()
            opened: list = []
            pairs = list(zip(contexts, sessions, strict=True))
            for first in range(0, len(pairs), args.open_batch):  # a few at a time: 2 cores load 25 tabs slowly
                opened += await asyncio.gather(*(open_session(c, s, timeout=120_000)
                                                 for c, s in pairs[first:first + args.open_batch]),
                                               return_exceptions=True)
            open_seconds = time.monotonic() - started
            for session, outcome in zip(sessions, opened, strict=True):
                if isinstance(outcome, Exception):
                    session.errors.append(f"open: {type(outcome).__name__}: {str(outcome)[:200]}")
            live = [s for s in sessions if s.page is not None]
            rss_open = rss_all(server)
            cpu_before, busy_before, wall_before = cpu_all(server), machine_busy_seconds(), time.monotonic()
            await asyncio.gather(*(drive(s, args.seconds, seed=100 + i) for i, s in enumerate(live)),
                                 return_exceptions=False)
            rss_after = rss_all(server)
            server_cpu = cpu_all(server) - cpu_before
            busy = machine_busy_seconds() - busy_before
            wall = time.monotonic() - wall_before
            for session in live:
                exceptions = await session.page.locator("[data-testid='stException']").count()
                if exceptions:
                    session.errors.append(f"{exceptions} exception element(s) on the page")
                session.closing = True  # from here a closing websocket is expected
            for context in contexts:
                await context.close()
            for browser in browsers:
                await browser.close()
        await asyncio.sleep(5)
        rss_closed = rss_all(server)
        tracebacks = sum(path.read_text(errors="replace").count("Traceback") for path in logs if path.exists())
    log.unlink(missing_ok=True)

    concurrent = [s for session in sessions for s in session.samples]
    errors = [f"{s.name}: {e}" for s in sessions for e in s.errors] + single_errors
    if tracebacks:
        errors.append(f"server log: {tracebacks} traceback(s)")
    p1, p1_95, n1 = summary(single, "painted")
    pc, pc_95, nc = summary(concurrent, "painted")
    r1, r1_95, _ = summary(single, "done")
    rc, rc_95, _ = summary(concurrent, "done")
    per_session = (rss_after - rss_before) / max(1, len(live))
    where = f"through nginx onto {args.replicas} replicas" if args.replicas else "on one server"
    print(f"{args.sessions} sessions {where}, in {args.browsers} Chromium processes for {args.seconds:.0f} s on "
          f"{', '.join(i.title for i in chosen)}; {os.cpu_count()} CPUs shared by server and browsers")
    print(f"all sessions open and idle in {open_seconds:.1f} s ({args.open_batch} at a time), then all move "
          "their sliders at once")
    print("sliders: " + ", ".join(sorted({f"{s.name.split('-', 1)[1]} {s.key}" for s in sessions})))
    print(f"{'ms':<28} {'p50':>7} {'p95':>7} {'presses':>8}")
    print(f"{'key -> painted, 1 session':<28} {p1:7.0f} {p1_95:7.0f} {n1:8d}")
    print(f"{'key -> painted, concurrent':<28} {pc:7.0f} {pc_95:7.0f} {nc:8d}   ({pc / p1:.1f}x p50, "
          f"{pc_95 / p1_95:.1f}x p95)")
    print(f"{'key -> run done, 1 session':<28} {r1:7.0f} {r1_95:7.0f}")
    print(f"{'key -> run done, concurrent':<28} {rc:7.0f} {rc_95:7.0f}")
    print(f"server RSS: {rss_before / 1024:.0f} MB before, {rss_open / 1024:.0f} MB with {len(live)} sessions open, "
          f"{rss_after / 1024:.0f} MB after {args.seconds:.0f} s of sliders, {rss_closed / 1024:.0f} MB 5 s after "
          f"closing; {per_session / 1024:.1f} MB per session")
    print(f"CPU while the sliders moved ({wall:.0f} s wall, {os.cpu_count()} cores): server {server_cpu:.1f} s "
          f"({100 * server_cpu / wall:.0f}% of one core, {1000 * server_cpu / max(1, nc):.0f} ms per press), "
          f"whole machine {busy:.1f} s busy ({100 * busy / (wall * (os.cpu_count() or 1)):.0f}%): the rest is "
          "the browsers (and anyone else on the machine)")
    print(f"errors: {len(errors)}")
    for error in dict.fromkeys(errors[:200]):
        print(f"  {error}")
    offline = sorted({e for s in sessions for e in s.offline})
    if offline:
        print(f"not counted: {len(offline)} distinct failed loads from other hosts (no internet here?), e.g.")
        for line in offline[:5]:
            print(f"  {line}")
    return 1 if errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--browsers", type=int, default=3, help="Chromium processes the sessions share")
    parser.add_argument("--seconds", type=float, default=60, help="how long every session moves its slider")
    parser.add_argument("--single-seconds", type=float, default=30, help="the one-session reference, in all")
    parser.add_argument("--open-batch", type=int, default=5, help="sessions opened together before the next few")
    parser.add_argument("--pages", default="Plan,Week,Deloads", help="page titles the sessions are spread over")
    parser.add_argument("--root", default=str(ROOT), help="checkout to run app.py from (default: this one)")
    parser.add_argument("--replicas", type=int, default=0,
                        help="run the shared deployment (deploy.local: nginx, PostgreSQL, N replicas) instead of one server")
    args = parser.parse_args()
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
