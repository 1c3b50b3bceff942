"""Helpers for the AppTests: open the app on a page with a link, read charts by their key."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
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


def open_hand_over(at: AppTest) -> AppTest:
    """The Plan page's hand-over opened, as a click on its expander does (it draws its files only then)."""
    from pages._ui.keys import HANDOVER_OPEN

    at.session_state[HANDOVER_OPEN] = True
    at.run()
    assert not at.exception, at.exception
    return at


def chart(at: AppTest, key: str) -> dict:
    """The Plotly figure of the chart with widget key ``key``."""
    charts = [c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}") or c.proto.id == key]
    assert len(charts) == 1, (key, [c.proto.id for c in at.get("plotly_chart")])
    return json.loads(charts[0].proto.spec)


def container_text(at: AppTest, key: str) -> str:
    """The Markdown text inside the container keyed ``key`` (``st.container(key=...)``), with
    Markdown escapes removed; fails when there is no such container."""

    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    blocks = [n for n in walk(at.main) if getattr(getattr(n, "proto", None), "id", "").endswith(f"-{key}")]
    assert blocks, f"no container keyed {key}"
    text = " ".join(n.value for n in walk(blocks[0]) if n.type == "markdown")
    return re.sub(r"\\(.)", r"\1", text)


def trace(spec: dict, name_start: str) -> dict:
    return next(t for t in spec["data"] if t.get("name", "").startswith(name_start))


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success", "title",
                                  "subheader", "header") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [html_text(block.proto.body) for block in at.html]
    return " ".join(str(p) for p in parts)


class _Reader(HTMLParser):
    """An HTML block read as a person does: its text (no styles, no scripts), and each element's text
    with the element's tag and class."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.parts: list[tuple[str, str, list[str]]] = []  # (tag, class, words), as each element ends
        self._open: list[tuple[str, str, list[str]]] = []  # the elements not ended yet, innermost last
        self._unread = False  # inside a <style> or <script>

    def handle_starttag(self, tag, attrs):
        self._unread = tag in ("style", "script")
        if tag in ("br", "meta", "link", "img", "input"):
            return
        self._open.append((tag, dict(attrs).get("class") or "", []))

    def handle_endtag(self, tag):
        self._unread = False
        while self._open:
            part = self._open.pop()
            self.parts.append(part)
            if part[0] == tag:
                break

    def handle_data(self, data):
        if self._unread:
            return
        self.words.append(data)
        for _, _, words in self._open:
            words.append(data)


def html_text(body: str) -> str:
    """The text an ``st.html`` block shows (tags and styles left out, entities read)."""
    reader = _Reader()
    reader.feed(body)
    return "".join(reader.words)


def html_parts(at: AppTest, css_class: str) -> list[tuple[str, str, str]]:
    """Every element, (tag, class, text), of the ``st.html`` block whose top element has class
    ``css_class``; fails when there is none."""
    for block in at.html:
        parts = read_html(block.proto.body)
        if any(css_class in cls.split() for _, cls, _ in parts):
            return parts
    raise AssertionError(f"no HTML block with class {css_class}")


def read_html(body: str) -> list[tuple[str, str, str]]:
    """Every element of ``body``, (tag, class, text), in the order they end (an element's children
    before it, siblings in order)."""
    reader = _Reader()
    reader.feed(body)
    reader.close()
    return [(tag, cls, "".join(words)) for tag, cls, words in reader.parts]


def headline_values(at: AppTest) -> dict[str, str]:
    """The Plan page's headline numbers, label -> value, as its HTML block shows them."""
    parts = html_parts(at, "plan-headline")
    labels = [text for tag, _, text in parts if tag == "dt"]
    values = [text for tag, cls, text in parts if tag == "dd" and cls == "value"]
    return dict(zip(labels, values, strict=True))
