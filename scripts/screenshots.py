"""Screenshots of every page at a coach's screen-share size and at phone width.

    python scripts/screenshots.py [--url http://localhost:8501] [--out docs/screenshots]

Starts nothing: point it at a running app (``streamlit run app.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import APP_IDLE, CHROMIUM_ARGS  # noqa: E402  (one definition of both)

PAGES = {"plan": "", "week": "week", "load": "load", "deloads": "deloads", "strength": "strength", "gear": "gear",
         "checkin": "checkin", "compare": "compare", "athletes": "athletes"}


def wait_for_app(page) -> None:
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    page.wait_for_function(APP_IDLE, timeout=30_000)
    page.wait_for_timeout(1500)  # let Plotly finish its first paint
    page.wait_for_function(APP_IDLE, timeout=30_000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8501")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--query", default="", help="extra query string, e.g. carrier=backpack")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, size in (("desktop", {"width": 1280, "height": 720}), ("phone", {"width": 390, "height": 844})):
            page = browser.new_page(viewport=size)
            for slug, path in PAGES.items():
                page.goto(f"{args.url}/{path}?{args.query}")
                wait_for_app(page)
                page.screenshot(path=str(out / f"{slug}-{name}.png"), full_page=name == "desktop")
            page.goto(f"{args.url}/?{args.query}")  # the Plan page as a coach shares it
            wait_for_app(page)
            page.get_by_text("Presentation mode").click()
            wait_for_app(page)
            page.screenshot(path=str(out / f"presentation-{name}.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
