"""Sign-in for real: two replicas behind nginx with ``[auth]`` pointing at a real OpenID Connect
provider (``oidc-provider-mock``) on loopback, headless Chromium through ``st.login()``. Two coaches
each see, change and delete only their own athletes and logs; a signed-out visitor sees only the
sign-in page; sign-out works."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from core.io import store
from core.planner.models import PlanInputs
from deploy import local
from tests.deploy.conftest import auth_secrets, deployment, main_text, oidc_provider, wait_idle, wait_script

pytestmark = [pytest.mark.deploy, pytest.mark.e2e]

ANA, BEN = "ana@example.com", "ben@example.com"
SIGN_IN = "Sign in to plan and to see your athletes."
PAGES = ["/", "/week", "/log", "/load", "/deloads", "/strength", "/gear", "/checkin", "/compare", "/athletes"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    port = local.free_port()
    url = f"http://127.0.0.1:{port}"
    folder = tmp_path_factory.mktemp("signin")
    with oidc_provider() as issuer:
        secrets = auth_secrets(folder / "secrets.toml", url, issuer)
        with deployment(folder / "run", "--replicas", "2", "--secrets", str(secrets), "--port", str(port)) as info:
            assert info["url"] == url
            engine = store.create_engine(info["database_url"])
            store.ensure_schema(engine)  # what the first replica to open the Athletes page does
            yield info, engine
            engine.dispose()


def sign_in(browser, url: str, email: str):
    """A fresh browser that signs in as ``email`` through the provider's own form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/athletes")
    page.locator(".st-key-sign_in_None button").click()
    page.wait_for_selector("input[name=sub]", timeout=20_000)  # the provider's authorization form
    assert page.url.startswith("http://127.0.0.1:") and "/oauth2/authorize" in page.url
    page.fill("input[name=sub]", email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=20_000)
    wait_idle(page)  # back on the app, signed in: the plan shows
    go(page, f"{url}/athletes")
    return page


def go(page, url: str) -> str:
    page.goto(url)
    wait_idle(page)
    return main_text(page)


def choices(page) -> list[str]:
    """The names the Athletes page's chooser offers."""
    page.locator(".st-key-athlete_choice").click()
    names = [o.inner_text().strip() for o in page.get_by_role("option").all()]
    page.keyboard.press("Escape")
    return names


def save(page, name: str, note: str) -> None:
    page.locator(".st-key-save_name input").fill(name)
    page.locator(".st-key-save_note textarea").fill(note)
    page.locator(".st-key-save_athlete_btn button").click()
    page.wait_for_function("(t) => document.querySelector(\"[data-testid='stMain']\").innerText.includes(t)",
                           arg=f"Saved new athlete {name}.", timeout=20_000)
    wait_idle(page)


def log_session(page, distance: str, note: str) -> None:
    page.locator(".st-key-log_session_distance input").fill(distance)
    page.locator(".st-key-log_session_note input").fill(note)
    page.locator(".st-key-log_session_save button").click()
    page.wait_for_function("() => document.querySelector(\"[data-testid='stMain']\").innerText.includes('Logged:')",
                           timeout=20_000)
    wait_idle(page)


def logged(engine, coach: str) -> list[tuple[float, str]]:
    """(distance, note) of every session logged for any of this coach's athletes."""
    return [(s.session.distance_km, s.session.note) for a in store.list_athletes(engine, coach)
            for s in store.logged_sessions(engine, coach, a.id)[0]]


def test_a_signed_out_visitor_sees_only_the_sign_in_page(site, browser):
    info, engine = site
    store.save(engine, ANA, "Hidden runner", PlanInputs(), "a private note", now=dt.datetime.now(dt.UTC))
    hidden = store.find_athlete(engine, ANA, "Hidden runner")
    context = browser.new_context()
    page = context.new_page()
    links = [*PAGES, f"/athletes?athlete={hidden.id}", f"/log?open_athlete={hidden.id}&bodyweight_kg=90"]
    for link in links:
        page.goto(info["url"] + link)
        page.locator(".st-key-sign_in_None button").wait_for(timeout=30_000)
        wait_script(page)
        text = main_text(page)
        assert SIGN_IN in text, link
        assert "Hidden runner" not in text and "a private note" not in text, link
        assert page.locator(".st-key-bodyweight_kg").count() == 0, link  # no sidebar, no plan
        assert page.locator("[data-testid='stException']").count() == 0, link
    context.close()
    store.delete(engine, ANA, hidden.id)


def test_two_coaches_see_change_and_delete_only_their_own(site, browser):
    info, engine = site
    url = info["url"]
    ana, ben = sign_in(browser, url, ANA), sign_in(browser, url, BEN)
    assert f"Signed in as {ANA}." in main_text(ana) and f"Signed in as {BEN}." in main_text(ben)

    save(ana, "Runner of Ana", "Ana's private note")
    save(ben, "Runner of Ben", "Ben's private note")
    ana_athlete = store.find_athlete(engine, ANA, "Runner of Ana")
    ben_athlete = store.find_athlete(engine, BEN, "Runner of Ben")
    with engine.connect() as conn:  # each row is its coach's, and only those two rows exist
        rows = conn.execute(sa.select(store.athletes.c.owner, store.athletes.c.name)).all()
    assert sorted(map(tuple, rows)) == [(ANA, "Runner of Ana"), (BEN, "Runner of Ben")]
    assert choices(ana) == ["Runner of Ana"] and choices(ben) == ["Runner of Ben"]

    # A link crafted with the other coach's athlete id opens nothing of theirs.
    for link in (f"/athletes?athlete={ana_athlete.id}&open_athlete={ana_athlete.id}",
                 f"/log?athlete={ana_athlete.id}&open_athlete={ana_athlete.id}"):
        text = go(ben, url + link)
        assert "Runner of Ana" not in text and "Ana's private note" not in text
        assert ben.locator("[data-testid='stException']").count() == 0

    # Logs: each coach logs on their own open athlete; neither sees the other's session.
    go(ana, f"{url}/log")
    log_session(ana, "7.3", "Ana's hill session")
    go(ben, f"{url}/log")
    assert "7.3" not in main_text(ben) and "hill session" not in main_text(ben)
    log_session(ben, "4.2", "Ben's flat session")
    # (A page loaded afresh has no athlete open: the session goes to the coach's own log.)
    assert logged(engine, ANA) == [(7.3, "Ana's hill session")]
    assert logged(engine, BEN) == [(4.2, "Ben's flat session")]
    for athlete in store.list_athletes(engine, ANA):
        with pytest.raises(store.AthleteNotFound):
            store.logged_sessions(engine, BEN, athlete.id)

    # A change (a second version) and a delete reach only the coach's own athlete.
    go(ana, f"{url}/athletes")
    ana.locator(".st-key-save_name input").fill("Runner of Ana")
    ana.locator(".st-key-save_athlete_btn button").click()
    ana.wait_for_function("() => document.querySelector(\"[data-testid='stMain']\").innerText"
                          ".includes('Saved version 2 of Runner of Ana.')", timeout=20_000)
    wait_idle(ana)
    ana.locator(".st-key-delete_btn button").click()
    ana.locator(".st-key-delete_confirm button").click()
    ana.wait_for_function("() => document.querySelector(\"[data-testid='stMain']\").innerText"
                          ".includes('Deleted Runner of Ana')", timeout=20_000)
    assert "Runner of Ana" not in {a.name for a in store.list_athletes(engine, ANA)}
    assert [(a.name, a.versions) for a in store.list_athletes(engine, BEN) if a.id == ben_athlete.id] == [
        ("Runner of Ben", 1)]
    assert logged(engine, BEN) == [(4.2, "Ben's flat session")]
    ana.context.close()
    ben.context.close()


def test_sign_out(site, browser):
    info, _engine = site
    url = info["url"]
    page = sign_in(browser, url, ANA)
    go(page, f"{url}/athletes")
    page.locator(".st-key-sign_out button").click()
    # The provider's end-session page, then back to the app, signed out.
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{url}/**", timeout=20_000)
    page.locator(".st-key-sign_in_None button").wait_for(timeout=30_000)
    assert SIGN_IN in main_text(page)
    page.goto(f"{url}/athletes")
    page.locator(".st-key-sign_in_None button").wait_for(timeout=30_000)
    assert SIGN_IN in main_text(page) and "Signed in as" not in main_text(page)
    page.context.close()
