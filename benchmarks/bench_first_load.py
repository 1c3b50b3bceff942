"""First load over a real network: a cold load of a page, the app against the floor, in headless
Chromium with the network emulated (20 Mbit/s down, 40 ms round trip by default).

    python benchmarks/bench_first_load.py [--loads 5] [--page Plan] [--down-mbit 20] [--rtt-ms 40]

Starts ``streamlit run app.py`` and ``streamlit run benchmarks/bare_app.py`` on free loopback ports
(the same servers as bench_latency.py), and an nginx in front of each with the shared deployment's
site config (``deploy/nginx.conf`` as ``deploy.local`` fills it in: gzip, the year-long cache of
/static/). Four rows, loaded in turn (app and floor, direct and through nginx) so machine noise lands
on all of them:

- a cold load: a new browser context (empty cache), the emulation set through CDP
  (``Network.emulateNetworkConditions``) before navigating, navigation start to the app idle with
  every chart drawn (``performance.now()`` then);
- the bytes of that load: the sum of ``encodedDataLength`` over ``Network.loadingFinished`` (what
  came over the wire, headers included; compressed when the server compressed), the same for the
  decoded size, and the websocket's frames received (CDP reports them apart);
- a repeat visit: a second tab in the same context, the same page: what the cache saves.

The floor is the issue's: the Plan page's charts (their shape read from the app page, as
bench_latency.py does) and two sliders, nothing else, served with the app's ``.streamlit/config.toml``.
Medians of ``--loads`` loads; nginx's CPU per cold load (its gzip) from /proc.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_latency as lat  # noqa: E402 - the same servers, browser flags and idle check

from deploy import local  # noqa: E402 - the deployment's nginx config, filled in for loopback

SHAPE_WAIT_MS = 300
MARKS_JS = """
window.__marks = {};
new MutationObserver(() => {
  const app = document.querySelector("[data-testid='stApp']");
  const state = app && app.dataset.testScriptState;
  if (state === 'running') window.__marks.running = true;
  if (state === 'notRunning' && window.__marks.running) { window.__marks.run_done = performance.now(); window.__marks.running = false; }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-test-script-state']});
"""
"""Installed before the page's own scripts: when the server's last script run of the load finished
(the rest of a load is the browser fetching, compiling and drawing the elements' code)."""


@contextlib.contextmanager
def proxy(upstream_port: int):
    """nginx with ``deploy/nginx.conf`` in front of one server on loopback; yields (url, pid)."""
    ngx = local.nginx_bin()
    if ngx is None:
        raise SystemExit("nginx is not installed: apt-get install -y nginx")
    state = Path(tempfile.mkdtemp(prefix="bench-first-load-nginx-"))
    state.chmod(0o755)
    info: dict = {"replicas": [{"port": upstream_port}]}
    local._start_nginx(state, ngx, info, local.free_port())
    try:
        deadline = time.monotonic() + 30
        while not local.healthy(info["url"]):
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not answer: " + local._tail(state / "nginx" / "error.log"))
            time.sleep(0.2)
        yield info["url"], info["nginx_pid"]
    finally:
        local._stop(info["nginx_pid"], "nginx")
        shutil.rmtree(state, ignore_errors=True)


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (nginx's master and workers)."""
    total = 0.0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for one in pids:
        with contextlib.suppress(OSError):
            total += lat.cpu_seconds(one)
    return total


async def cold_load(browser, url: str, charts: int, conditions: dict) -> dict:
    """One load in a fresh context under the emulated network, then a repeat visit in a second tab."""
    context = await browser.new_context(viewport=lat.VIEWPORT)
    await context.add_init_script(MARKS_JS)
    try:
        result = {}
        for visit in ("cold", "repeat"):
            page = await context.new_page()
            cdp = await context.new_cdp_session(page)
            seen = {"encoded": 0, "decoded": 0, "ws": 0, "requests": 0, "by_type": {}}
            types: dict[str, str] = {}

            def on_response(event, types=types) -> None:
                types[event["requestId"]] = event.get("type", "Other")

            def on_finished(event, seen=seen, types=types) -> None:
                kind = types.get(event["requestId"], "Other")
                seen["encoded"] += event["encodedDataLength"]
                seen["requests"] += 1
                seen["by_type"][kind] = seen["by_type"].get(kind, 0) + event["encodedDataLength"]

            def on_data(event, seen=seen) -> None:
                seen["decoded"] += event.get("dataLength", 0)

            def on_frame(event, seen=seen) -> None:
                response = event["response"]
                payload = response.get("payloadData", "")
                # binary frames (Streamlit's protobuf) come base64-encoded
                seen["ws"] += len(payload) * 3 // 4 if response.get("opcode") == 2 else len(payload.encode())

            cdp.on("Network.responseReceived", on_response)
            cdp.on("Network.loadingFinished", on_finished)
            cdp.on("Network.dataReceived", on_data)
            cdp.on("Network.webSocketFrameReceived", on_frame)
            await cdp.send("Network.enable")
            await cdp.send("Network.emulateNetworkConditions", conditions)
            await page.goto(url, timeout=120_000)
            await lat.wait_idle(page, charts, timeout=120_000)
            ms = await page.evaluate("() => performance.now()")
            seen["run_done"] = await page.evaluate("() => window.__marks.run_done || null")
            await page.wait_for_timeout(200)  # the last loadingFinished events
            result[visit] = {"ms": ms, **seen}
            await cdp.detach()
            if visit == "cold":
                await page.close()  # the repeat visit opens a new tab of the same context (its cache)
        return result
    finally:
        await context.close()


async def run(args) -> dict:
    from playwright.async_api import async_playwright

    pages = {p.title.lower(): p for p in lat.app_pages(lat.ROOT / "app.py")}
    info = pages[args.page.lower()]
    conditions = {"offline": False, "latency": args.rtt_ms, "downloadThroughput": args.down_mbit * 1e6 / 8,
                  "uploadThroughput": args.up_mbit * 1e6 / 8}
    bare = Path(__file__).with_name("bare_app.py")
    with lat.serve(lat.ROOT / "app.py", lat.ROOT) as (app_url, app_server), \
            lat.serve(bare, lat.ROOT) as (bare_url, bare_server):
        app_port, bare_port = (int(u.rsplit(":", 1)[1]) for u in (app_url, bare_url))
        with proxy(app_port) as (app_proxy, app_nginx), proxy(bare_port) as (bare_proxy, bare_nginx):
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=lat.CHROMIUM, args=lat.CHROMIUM_ARGS)
                warm = await browser.new_context(viewport=lat.VIEWPORT)
                page = await lat.open_page(warm, f"{app_url}/")  # the first run imports and fills caches
                if info.path:
                    await page.goto(f"{app_url}/{info.path}")
                    await lat.wait_idle(page)
                await page.wait_for_timeout(SHAPE_WAIT_MS)
                shape = await page.evaluate(lat.SHAPE_JS)
                for chart in shape:
                    chart["f"] = 0
                await warm.close()
                floor_path = lat.floor_url("", shape, lat.FLOOR_SLIDERS)
                rows = [
                    {"title": f"app: {info.title}, streamlit run", "url": f"{app_url}/{info.path}", "nginx": None},
                    {"title": "floor, streamlit run", "url": f"{bare_url}{floor_path}", "nginx": None},
                    {"title": f"app: {info.title}, nginx", "url": f"{app_proxy}/{info.path}", "nginx": app_nginx},
                    {"title": "floor, nginx", "url": f"{bare_proxy}{floor_path}", "nginx": bare_nginx},
                ]
                for row in rows:  # one unmeasured load each: the servers' own first-request work
                    await cold_load(browser, row["url"], len(shape), conditions)
                    row.update(loads=[], nginx_cpu=0.0)
                for _ in range(args.loads):
                    for row in rows:
                        before = tree_cpu_seconds(row["nginx"]) if row["nginx"] else 0.0
                        row["loads"].append(await cold_load(browser, row["url"], len(shape), conditions))
                        if row["nginx"]:
                            row["nginx_cpu"] += tree_cpu_seconds(row["nginx"]) - before
                await browser.close()
    return {"rows": rows, "conditions": conditions, "page": info.title, "charts": len(shape), "loads": args.loads}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def table(report: dict) -> str:
    c = report["conditions"]
    lines = [f"cold load of {report['page']} ({report['charts']} chart(s)) under Chromium network emulation: "
             f"{8 * c['downloadThroughput'] / 1e6:g} Mbit/s down, {8 * c['uploadThroughput'] / 1e6:g} Mbit/s up, "
             f"{c['latency']:g} ms latency; median (max) of {report['loads']} cold loads, each in a new context",
             "('run done': navigation start to the end of the server's last script run of the load)",
             "", f"{'':<30} {'cold load ms':>15} {'x floor':>7} {'run done':>8} {'wire KB':>8} {'decoded KB':>10} "
                 f"{'ws KB':>6} {'req':>4}   {'repeat ms':>9} {'repeat KB':>9} {'nginx CPU ms':>12}"]
    rows = report["rows"]
    floors = {"streamlit run": rows[1], "nginx": rows[3]}
    for row in rows:
        cold = [load["cold"] for load in row["loads"]]
        repeat = [load["repeat"] for load in row["loads"]]
        ms = median([x["ms"] for x in cold])
        worst = max(x["ms"] for x in cold)
        floor = floors[row["title"].rsplit(", ", 1)[1]]
        floor_ms = median([load["cold"]["ms"] for load in floor["loads"]])
        nginx = f"{1000 * row['nginx_cpu'] / len(cold):12.0f}" if row["nginx"] else f"{'':>12}"
        run_done = median([x["run_done"] for x in cold if x.get("run_done")])
        lines.append(f"{row['title']:<30} {ms:6.0f} ({worst:6.0f}) {ms / floor_ms:7.2f} {run_done:8.0f} "
                     f"{median([x['encoded'] for x in cold]) / 1024:8.0f} "
                     f"{median([x['decoded'] for x in cold]) / 1024:10.0f} {median([x['ws'] for x in cold]) / 1024:6.0f} "
                     f"{median([x['requests'] for x in cold]):4.0f}   {median([x['ms'] for x in repeat]):9.0f} "
                     f"{median([x['encoded'] for x in repeat]) / 1024:9.0f} {nginx}")
    lines += ["", "wire KB by resource type, first cold load:"]
    for row in rows:
        kinds = sorted(row["loads"][0]["cold"]["by_type"].items(), key=lambda kv: -kv[1])
        lines.append(f"  {row['title']:<30} " + ", ".join(f"{k} {v / 1024:.0f}" for k, v in kinds))
    app, floor = rows[2], rows[3]
    a = median([x["cold"]["ms"] for x in app["loads"]])
    f = median([x["cold"]["ms"] for x in floor["loads"]])
    lines += ["", f"target: the app's cold load <= 1.25x the floor's under the same emulation: "
                  f"nginx {a / f:.2f}x {'met' if a <= 1.25 * f else 'MISSED'}"]
    a = median([x["cold"]["ms"] for x in rows[0]["loads"]])
    f = median([x["cold"]["ms"] for x in rows[1]["loads"]])
    lines.append(f"        streamlit run {a / f:.2f}x {'met' if a <= 1.25 * f else 'MISSED'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5, help="cold loads per row")
    parser.add_argument("--page", default="Plan", help="the app's page, by title")
    parser.add_argument("--down-mbit", type=float, default=20.0)
    parser.add_argument("--up-mbit", type=float, default=5.0)
    parser.add_argument("--rtt-ms", type=float, default=40.0, help="CDP's latency: request sent to headers")
    parser.add_argument("--json", type=Path, default=None, help="also write every load here")
    args = parser.parse_args()
    started = time.time()
    report = asyncio.run(run(args))
    print(table(report))
    print(f"\n({time.time() - started:.0f} s; {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
