"""A real app server and headless Chromium for the browser tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
APP_IDLE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return app && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector("[data-testid='stSkeleton']")
    && document.querySelectorAll("[data-testid='stMainBlockContainer'] *").length > 20;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def athletes_database_url(tmp_path_factory) -> str:
    """The test server's athletes database: a temporary SQLite file, never the developer's data/."""
    return f"sqlite:///{tmp_path_factory.mktemp('athletes') / 'athletes.db'}"


@contextlib.contextmanager
def serve_app(env: dict[str, str], clock: str | None = None):
    """A fresh ``streamlit run app.py`` on a free loopback port; yields its URL once healthy.
    ``clock`` ("2027-01-01 12:00:00") starts the server's clock there, with Debian's faketime."""
    port = _free_port()
    faked = ["faketime", "-f", f"@{clock}"] if clock else []
    server = subprocess.Popen(
        [*faked, sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env},
        start_new_session=True,  # its own process group: faketime's child is stopped with it
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        os.killpg(server.pid, signal.SIGKILL)
        pytest.fail("the app server did not become healthy within 60 s")
    try:
        yield url
    finally:
        # The whole group: with faketime the server is faketime's child, which terminating faketime
        # alone left running after the tests.
        os.killpg(server.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):  # anything of the group still there
            os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def app_url(athletes_database_url):
    with serve_app({"PLANNER_DATABASE_URL": athletes_database_url}) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    yield page
    context.close()


def wait_idle(page) -> None:
    page.wait_for_function(APP_IDLE, timeout=30_000)


def open_hand_over(page) -> None:
    """Open the Plan page's hand-over (an expander that draws its files only while open); nothing
    when it is open already."""
    if page.locator(".st-key-handover_athlete").count():
        return
    page.locator(".st-key-handover_open summary").click()
    page.wait_for_selector(".st-key-handover_athlete input", timeout=30_000)
    wait_idle(page)
