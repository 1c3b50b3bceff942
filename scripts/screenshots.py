"""Screenshots of every page at a coach's screen-share size and at phone width.

    python scripts/screenshots.py [--url http://localhost:8501] [--out docs/screenshots] [--pages plan,week]

Starts nothing: point it at a running app (``streamlit run app.py``). Writes

- ``<page>-desktop.png`` / ``<page>-phone.png``: the top of every page for the default plan (the
  README links these), ``<page>-projector.png``: the page at 1920x1080 in presentation mode, and
  ``presentation-<size>.png``: the Plan page in presentation mode;
- ``<page>-<plan>-<size>.png``: the Plan, Week, Load and Strength pages of varied plans (``PLANS``),
  scrolled to the page's first chart or table, to check that charts and tables read right at
  both sizes.

PNGs are stored with a 256-colour palette (a third of the size, no visible change) when Pillow
is installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import APP_IDLE, CHROMIUM_ARGS  # noqa: E402  (one definition of both)

PAGES = {"plan": "", "week": "week", "log": "log", "load": "load", "deloads": "deloads", "strength": "strength",
         "gear": "gear", "checkin": "checkin", "compare": "compare", "athletes": "athletes"}
SIZES = {"desktop": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844},
         "projector": {"width": 1920, "height": 1080}}
PRESENTING = {"projector"}
"""Sizes shot in presentation mode (a coach's screen share on a large display)."""
PLANS = {
    "default": "",
    "two-runs": "bodyweight_kg=90&load_step_kg=2.5&loaded_runs_per_week=2&hard_days=tue",
    "imperial": "units=Imperial&bodyweight_kg=198+lb",
    "ankle-weights": "carrier=ankle_weights",  # blocked: no loaded runs, the Plan page's empty state
}
"""Plans shot page by page, as links set them."""
PLAN_PAGES = ("plan", "week", "load", "strength")
FIRST_CONTENT = ("[data-testid='stPlotlyChart'], [data-testid='stDataFrame'], .st-key-load_empty_state")
"""What a varied plan's shot scrolls to: the page's first chart, table or empty state."""
SCROLL_TO = """(selector) => {
  const target = [...document.querySelectorAll(selector)].find(e => e.getBoundingClientRect().height > 0);
  if (!target) return false;
  target.scrollIntoView({block: 'start'});
  let box = target.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight && getComputedStyle(box).overflowY !== 'visible')) {
    box = box.parentElement;
  }
  if (box) box.scrollTop -= 110;  // keep the heading above it (and clear the app's top bar)
  return true;
}"""


def wait_for_app(page) -> None:
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    page.wait_for_function(APP_IDLE, timeout=30_000)
    page.wait_for_timeout(1500)  # let Plotly finish its first paint
    page.wait_for_function(APP_IDLE, timeout=30_000)


def shrink(path: Path) -> None:
    """Store the screenshot with a 256-colour palette, if Pillow is there."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with Streamlit
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def shoot(page, path: Path, *, full_page: bool = False) -> None:
    error = page.locator("[data-testid='stException']")
    if error.count():  # never a traceback as a screenshot
        raise SystemExit(f"{page.url} shows an exception:\n{error.first.inner_text()}")
    page.screenshot(path=str(path), full_page=full_page)
    shrink(path)
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8501")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--query", default="", help="extra query string, e.g. carrier=backpack")
    parser.add_argument("--only-plans", action="store_true", help="only the varied plans' shots")
    parser.add_argument("--pages", default=",".join(PAGES), help="the pages to shoot, e.g. plan,week,log")
    parser.add_argument("--no-plans", action="store_true", help="without the varied plans' shots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    extra = f"&{args.query}" if args.query else ""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, size in SIZES.items():
            page = browser.new_page(viewport=size)
            if not args.only_plans:
                for slug, path in PAGES.items():
                    if slug not in args.pages.split(","):
                        continue
                    page.goto(f"{args.url}/{path}?{args.query}")
                    wait_for_app(page)
                    if name in PRESENTING:  # every page load starts a session without it
                        page.get_by_text("Presentation mode").click()
                        wait_for_app(page)
                    shoot(page, out / f"{slug}-{name}.png", full_page=name == "desktop")
            if name in PRESENTING:
                page.close()
                continue
            if not args.only_plans:
                page.goto(f"{args.url}/?{args.query}")  # the Plan page as a coach shares it
                wait_for_app(page)
                page.get_by_text("Presentation mode").click()
                wait_for_app(page)
                shoot(page, out / f"presentation-{name}.png")
            for plan, query in ({} if args.no_plans else PLANS).items():
                for slug in PLAN_PAGES:
                    page.goto(f"{args.url}/{PAGES[slug]}?{query}{extra}")
                    wait_for_app(page)
                    if page.evaluate(SCROLL_TO, FIRST_CONTENT):
                        page.wait_for_timeout(500)  # charts scrolled into view repaint
                    shoot(page, out / f"{slug}-{plan}-{name}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
