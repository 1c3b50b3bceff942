"""Helpers for the AppTests: open the app on a page with a link, read charts by their key."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "tests" / "apptest_app" / "app.py")
"""The app for AppTest (``tests/apptest_app/app.py`` runs ``app.py``)."""


def page_path(page: str) -> str:
    """A page's script, for ``AppTest.switch_page``."""
    return str(ROOT / "pages" / f"{page}.py")


def open_app(page: str | None = None, *, secrets: dict | None = None, user: dict | None = None,
             timeout: float = 30, context: dict | None = None, **params) -> AppTest:
    """The app as a browser opens it: app.py with these link parameters, then ``page``; with
    ``secrets`` and ``user``, as that (signed-in or not) visitor of a deployment with those secrets;
    with ``context``, a browser that reports it (``{"timezone": "Europe/Madrid"}``)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if context is not None:
        at.context = context
    if secrets is not None:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page_path(page)).run()
    assert not at.exception, at.exception
    return at


def chart(at: AppTest, key: str) -> dict:
    """The Plotly figure of the chart with widget key ``key``."""
    charts = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}") or c.proto.id == key]
    assert len(charts) == 1, (key, [c.proto.id for c in at.get("plotly_chart")])
    return json.loads(charts[0].proto.spec)


def trace(spec: dict, name_start: str) -> dict:
    return next(t for t in spec["data"] if t.get("name", "").startswith(name_start))


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success", "title",
                                  "subheader", "header") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return " ".join(str(p) for p in parts)
