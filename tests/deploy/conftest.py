"""The shared deployment as a person starts it: ``python -m deploy.local up`` (PostgreSQL, app
replicas, nginx on loopback), a real OpenID Connect provider (``oidc-provider-mock``), and helpers
for headless Chromium behind the proxy."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deploy import local
from tests.e2e.conftest import APP_IDLE

ROOT = Path(__file__).resolve().parents[2]
REQUIRE = os.environ.get("REQUIRE_POSTGRES") == "1"  # CI: a missing nginx or PostgreSQL fails


def _unavailable(reason: str) -> None:
    if REQUIRE:
        pytest.fail(f"The deployment tests need {reason} (REQUIRE_POSTGRES=1): apt-get install -y nginx postgresql")
    pytest.skip(f"deployment tests skipped: {reason} (apt-get install -y nginx postgresql)")


@contextlib.contextmanager
def deployment(state: Path, *args: str) -> Iterator[dict[str, Any]]:
    """``python -m deploy.local up ARGS --state STATE``: yields its JSON line; ``down`` after."""
    if local.nginx_bin() is None:
        _unavailable("nginx")
    if local.postgres_bin() is None:
        _unavailable("PostgreSQL")
    command = [sys.executable, "-m", "deploy.local"]
    started = subprocess.run([*command, "up", *args, "--state", str(state)], cwd=ROOT, capture_output=True,
                             text=True, timeout=240)
    assert started.returncode == 0, started.stderr
    lines = started.stdout.strip().splitlines()
    assert len(lines) == 1, started.stdout  # one JSON line, nothing else
    info = json.loads(lines[0])
    try:
        yield info
    finally:
        stopped = subprocess.run([*command, "down", "--state", str(state)], cwd=ROOT, capture_output=True,
                                 text=True, timeout=120)
        assert stopped.returncode == 0, stopped.stderr


@contextlib.contextmanager
def oidc_provider() -> Iterator[str]:
    """``oidc-provider-mock`` on a free loopback port; yields its issuer URL. Any sub typed into its
    authorization form signs in, with that sub as the email claim."""
    port = local.free_port()
    server = subprocess.Popen([sys.executable, "-m", "oidc_provider_mock", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("oidc-provider-mock did not start")
            time.sleep(0.2)
    try:
        yield issuer
    finally:
        server.terminate()
        server.wait(timeout=10)


def auth_secrets(path: Path, app_url: str, issuer: str) -> Path:
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "planner"\n'
        'client_secret = "planner-test-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
    )
    return path


def wait_idle(page, timeout: float = 30_000) -> None:
    page.wait_for_function(APP_IDLE, timeout=timeout)


def wait_script(page, timeout: float = 30_000) -> None:
    """The script has run (a page with little on it, such as the sign-in page)."""
    page.wait_for_function("() => document.querySelector(\"[data-testid='stApp']\")?.dataset.testScriptState"
                           " === 'notRunning'", timeout=timeout)


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def route_of(page) -> str:
    """The browser's sticky-session cookie set by the proxy (deploy/nginx.conf)."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return cookies["planner_route"]


def upstream_of(state: str, route: str) -> int:
    """The replica port that the proxy last sent this route's requests to (its access log)."""
    log = (Path(state) / "nginx" / "access.log").read_text().splitlines()
    mine = [line for line in log if line.endswith(f"route={route}") and "upstream=127.0.0.1:" in line]
    assert mine, f"no request of route {route} in the proxy's log"
    tried = mine[-1].split("upstream=")[1].split(" route=")[0]
    return int(tried.split(", ")[-1].split(":")[-1])  # the last one tried is the one that answered
