"""What the app's shared structure costs a slider press, against the bare floor, in headless Chromium.

    python benchmarks/bench_structure.py [--presses 24] [--pages gear,athletes]

``bench_latency.py`` compares each page with the issue's floor: the same charts and two sliders. This
script asks where the difference goes on the pages without charts. It serves ``bare_app.py`` four
ways: the floor; the floor run through ``st.navigation`` with the app's ten pages in the top bar
(``nav=10``); the floor with the app's sidebar elements instead of its second slider
(``sidebar=app``: the units radio, four number inputs, two select boxes, the plan-length slider, Edit
profile and its caption, with help text); and both. Then the app's own pages. Every row presses
``weeks`` the same way (blocks of 4, rows interleaved, so machine noise lands on all), and reports
key -> run start, key -> painted (the main block, or the run finished when a press changes nothing
there), key -> run finished, the browser's main-thread time per press (Chrome's
``Performance.getMetrics``: TaskDuration, and the JavaScript part of it) and the server's CPU per
press.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_latency as lat  # noqa: E402 - the same recorder, servers and browser flags

FLOOR_ROWS = (
    ("floor: 2 sliders", ""),
    ("floor + navigation (10 pages)", "nav=10"),
    ("floor + the app's sidebar", "sidebar=app"),
    ("floor + navigation + sidebar", "nav=10&sidebar=app"),
)
METRICS = ("TaskDuration", "ScriptDuration")


async def browser_ms(cdp) -> dict[str, float]:
    values = {m["name"]: m["value"] for m in (await cdp.send("Performance.getMetrics"))["metrics"]}
    return {name: 1000 * values[name] for name in METRICS}


async def run(args) -> list[dict]:
    from playwright.async_api import async_playwright

    pages = lat.app_pages(lat.ROOT / "app.py")
    wanted = {p.strip().lower() for p in args.pages.split(",") if p.strip()}
    app_rows = [(f"app: {p.title}", p.path) for p in pages if p.title.lower() in wanted or p.path in wanted]
    with lat.serve(lat.ROOT / "app.py", lat.ROOT) as (app_url, app_server), \
            lat.serve(Path(__file__).with_name("bare_app.py"), lat.ROOT) as (bare_url, bare_server):
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=lat.CHROMIUM, args=lat.CHROMIUM_ARGS)
            rows = []
            for title, query in FLOOR_ROWS:
                rows.append({"title": title, "url": f"{bare_url}/?{query}", "server": bare_server})
            for title, path in app_rows:
                rows.append({"title": title, "url": f"{app_url}/{path}", "server": app_server})
            warm = await lat.open_page(await browser.new_context(viewport=lat.VIEWPORT), f"{app_url}/")
            await warm.close()
            for row in rows:
                context = await browser.new_context(viewport=lat.VIEWPORT)
                row["page"] = page = await lat.open_page(context, row["url"])
                row["cdp"] = await context.new_cdp_session(page)
                await row["cdp"].send("Performance.enable")
                if not await lat.focus_slider(page, "weeks"):
                    raise SystemExit(f"{row['title']}: no 'weeks' slider at {row['url']}")
                for direction in ("ArrowRight", "ArrowLeft"):  # warm
                    await lat.press(page, direction)
                row.update(samples=[], cpu=0.0, browser={name: 0.0 for name in METRICS})
            done = 0
            while done < args.presses:
                for row in rows:
                    page = row["page"]
                    await page.bring_to_front()
                    await lat.focus_slider(page, "weeks")
                    cpu, seen = lat.cpu_seconds(row["server"].pid), await browser_ms(row["cdp"])
                    for i in range(4):
                        row["samples"].append(await lat.press(page, "ArrowRight" if i % 2 == 0 else "ArrowLeft"))
                        await page.wait_for_timeout(args.pause)
                    row["cpu"] += lat.cpu_seconds(row["server"].pid) - cpu
                    after = await browser_ms(row["cdp"])
                    for name in METRICS:
                        row["browser"][name] += after[name] - seen[name]
                done += 4
            await browser.close()
    return rows


def table(rows: list[dict]) -> str:
    def median(row: dict, field: str) -> float:
        values = [s[field] for s in row["samples"] if s.get(field) is not None]
        return statistics.median(values) if values else float("nan")

    floor = rows[0]
    lines = ["medians over the presses, ms; (x floor)", "",
             f"{'':<32} {'run start':>9} {'painted':>15} {'run done':>15} {'browser main thread':>20} "
             f"{'of it JS':>9} {'server CPU':>10}"]
    for row in rows:
        n = max(1, len(row["samples"]))
        cells = []
        for field in ("run_start", "painted", "done"):
            value, base = median(row, field), median(floor, field)
            cells.append(f"{value:5.0f}" if row is floor or field == "run_start" else f"{value:5.0f} ({value / base:4.2f}x)")
        task, js = row["browser"]["TaskDuration"] / n, row["browser"]["ScriptDuration"] / n
        task_floor = floor["browser"]["TaskDuration"] / max(1, len(floor["samples"]))
        errors = sum(1 for s in row["samples"] if "error" in s)
        lines.append(f"{row['title']:<32} {cells[0]:>9} {cells[1]:>15} {cells[2]:>15} "
                     f"{task:6.0f} ({task / task_floor:4.2f}x)      {js:5.0f}    {1000 * row['cpu'] / n:6.0f}"
                     + (f"   errors {errors}" if errors else ""))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=24, help="presses per row")
    parser.add_argument("--pause", type=int, default=150, help="ms between presses")
    parser.add_argument("--pages", default="gear,athletes", help="the app's pages to add, by title or URL path")
    args = parser.parse_args()
    started = time.time()
    rows = asyncio.run(run(args))
    print(table(rows))
    print(f"\n({time.time() - started:.0f} s; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
