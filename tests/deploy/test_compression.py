"""What a browser downloads through the proxy: the frontend's JavaScript, CSS and HTML go gzipped when
the browser accepts it, and the hashed assets under /static/ are cached for a year (``deploy/nginx.conf``).
One replica behind nginx from ``deploy.local``; plain HTTP requests, no browser."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest
import streamlit

from tests.deploy.conftest import deployment

pytestmark = pytest.mark.deploy

STATIC = Path(streamlit.__file__).parent / "static"
YEAR = "max-age=31536000"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with deployment(tmp_path_factory.mktemp("compression") / "run", "--replicas", "1") as info:
        yield info["url"]


def fetch(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    """GET ``url`` with that Accept-Encoding (or none); headers lower-cased, the body as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def asset(folder: str, suffix: str) -> Path:
    """The largest file of that kind the installed Streamlit serves (the Plotly chunk for JS)."""
    files = sorted((STATIC / "static" / folder).glob(f"*{suffix}"), key=lambda p: p.stat().st_size)
    assert files, f"no {suffix} file in {STATIC / 'static' / folder}"
    return files[-1]


@pytest.mark.parametrize(("folder", "suffix"), [("js", ".js"), ("css", ".css")])
def test_a_hashed_asset_goes_gzipped_and_is_cached_for_a_year(site, folder, suffix):
    file = asset(folder, suffix)
    headers, body = fetch(f"{site}/static/{folder}/{file.name}", "gzip")
    assert headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body) == file.read_bytes()
    assert len(body) < file.stat().st_size / 2
    cache = [part.strip() for part in headers.get("cache-control", "").split(",")]
    assert sorted(cache) == sorted(["public", YEAR, "immutable"])  # one header, not Streamlit's and ours
    assert "accept-encoding" in headers.get("vary", "").lower()  # a shared cache keeps both versions apart


def test_a_browser_that_does_not_accept_gzip_gets_the_file_as_it_is(site):
    file = asset("js", ".js")
    headers, body = fetch(f"{site}/static/js/{file.name}", None)
    assert "content-encoding" not in headers
    assert body == file.read_bytes()
    assert YEAR in headers.get("cache-control", "")


def test_the_page_itself_goes_gzipped_and_is_never_cached_long(site):
    headers, body = fetch(f"{site}/", "gzip")
    assert headers.get("content-encoding") == "gzip"
    assert b"<html" in gzip.decompress(body).lower()
    assert YEAR not in headers.get("cache-control", "")  # a new version's page names new assets


def test_a_path_under_static_without_a_file_is_never_cached_long(site):
    # Streamlit answers it with its page (the frontend then says the page does not exist), so the
    # proxy must not mark that answer as a year-long, immutable asset.
    headers, body = fetch(f"{site}/static/js/no-such-file.js", "gzip")
    assert headers.get("content-type", "").startswith("text/html")
    assert YEAR not in headers.get("cache-control", "")
    assert "no-cache" in headers.get("cache-control", "")
