"""One page of several checkouts against the floor, presses interleaved: is a change faster?

    python benchmarks/bench_variants.py --page Plan ROOT_A ROOT_B [...] [--presses 24]

``bench_latency.py`` measures one checkout against its floor; two runs of it on a shared machine
differ by more than most changes. This script serves every checkout given (``git worktree add`` or
``git archive`` copies; the current one is ``.``) and the floor (``bare_app.py`` with the page's
chart shape read from the first checkout) at once, and presses ``weeks`` in each in turn, in blocks
of 4, so machine noise lands on all of them alike. It reports the same figures as bench_latency.py:
key -> painted, key -> run finished (median / p95), server CPU per press, and the main block's
element count (``[data-testid='stElementContainer']`` in the main area).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_latency as lat  # noqa: E402 - the same recorder, servers and browser flags

ELEMENTS_JS = """() => document.querySelectorAll("[data-testid='stMain'] [data-testid='stElementContainer']").length"""


async def run(args) -> list[dict]:
    from playwright.async_api import async_playwright

    roots = [Path(r).resolve() for r in args.roots]
    info = next(p for p in lat.app_pages(roots[0] / "app.py") if p.title.lower() == args.page.lower())
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(lat.serve(root / "app.py", root)) for root in roots]
        bare_url, bare_server = stack.enter_context(lat.serve(Path(__file__).with_name("bare_app.py"), roots[0]))
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=lat.CHROMIUM, args=lat.CHROMIUM_ARGS)
            rows = []
            for root, (url, server) in zip(roots, servers, strict=True):
                context = await browser.new_context(viewport=lat.VIEWPORT)
                warm = await lat.open_page(context, f"{url}/")
                await warm.close()
                page = await lat.open_page(context, f"{url}/{info.path}")
                await page.wait_for_timeout(300)
                rows.append({"title": str(root), "page": page, "server": server,
                             "elements": await page.evaluate(ELEMENTS_JS)})
            shape = await rows[0]["page"].evaluate(lat.SHAPE_JS)
            for chart in shape:
                chart["f"] = 0
            context = await browser.new_context(viewport=lat.VIEWPORT)
            floor = await lat.open_page(context, lat.floor_url(bare_url, shape, lat.FLOOR_SLIDERS), len(shape))
            rows.append({"title": "floor", "page": floor, "server": bare_server,
                         "elements": await floor.evaluate(ELEMENTS_JS)})
            for row in rows:
                if not await lat.focus_slider(row["page"], "weeks"):
                    raise SystemExit(f"{row['title']}: no 'weeks' slider")
                for direction in ("ArrowRight", "ArrowLeft"):  # warm: both plans cached
                    await lat.press(row["page"], direction)
                row.update(samples=[], cpu=0.0)
            done = 0
            while done < args.presses:
                for row in rows:
                    page = row["page"]
                    await page.bring_to_front()
                    await lat.focus_slider(page, "weeks")
                    before = lat.cpu_seconds(row["server"].pid)
                    for i in range(4):
                        row["samples"].append(await lat.press(page, "ArrowRight" if i % 2 == 0 else "ArrowLeft"))
                        await page.wait_for_timeout(args.pause)
                    row["cpu"] += lat.cpu_seconds(row["server"].pid) - before
                done += 4
            await browser.close()
    return rows


def table(rows: list[dict]) -> str:
    floor = rows[-1]
    fp, fr = lat.stats(floor["samples"], "painted")[0], lat.stats(floor["samples"], "done")[0]
    lines = [f"{'':<40} {'painted':>17} {'x floor':>7} {'run done':>17} {'x floor':>7} {'CPU ms':>6} "
             f"{'elements':>8} {'errors':>6}"]
    for row in rows:
        pa, pa95, _ = lat.stats(row["samples"], "painted")
        ra, ra95, _ = lat.stats(row["samples"], "done")
        errors = sum(1 for s in row["samples"] if "error" in s)
        cpu = 1000 * row["cpu"] / max(1, len(row["samples"]))
        lines.append(f"{row['title'][-40:]:<40} {pa:7.0f} / {pa95:6.0f} {pa / fp:7.2f} {ra:7.0f} / {ra95:6.0f} "
                     f"{ra / fr:7.2f} {cpu:6.0f} {row['elements']:8d} {errors:6d}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="+", help="checkouts to serve app.py from")
    parser.add_argument("--page", default="Plan")
    parser.add_argument("--presses", type=int, default=24)
    parser.add_argument("--pause", type=int, default=150, help="ms between presses")
    lat.add_floor_option(parser)
    args = parser.parse_args()
    lat.set_floor(args)
    started = time.time()
    rows = asyncio.run(run(args))
    print(f"{args.page}: median / p95 over {args.presses} presses of 'weeks', interleaved in blocks of 4; "
          f"floor: {lat.FLOOR_KIND}")
    print(table(rows))
    print(f"\n({time.time() - started:.0f} s; {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
