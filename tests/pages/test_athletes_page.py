"""AppTest of the Athletes page: save, list, open (sidebar and URL), rename, delete with a
confirmation, history and restore, bad stored rows, text that looks like HTML, and sign-in scoping."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from core.io import store
from core.planner.models import PlanInputs
from pages._ui.wording import NO_SUCH_NAME, OPEN_BY_NAME, PRESENTING_NO_ROSTER, SAME_NAME_TWICE
from tests.apptest import APP, headline_values, open_app, open_hand_over, page_path
from tests.clock import NOW

MONDAY = dt.date(2026, 11, 23)

SAVE = "save_athlete_btn"
AUTH_SECRETS = {"auth": {
    "redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-only-secret",
    "client_id": "planner", "client_secret": "test-only", "server_metadata_url":
        "https://id.example.com/.well-known/openid-configuration",
}}


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'athletes.db'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    return url


def athletes_page(user: dict | None = None, **params) -> AppTest:
    return open_app("athletes", secrets=AUTH_SECRETS if user is not None else None, user=user, **params)


def texts(at: AppTest) -> str:
    """What a person reads: the page's text with Markdown escapes removed."""
    parts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success", "text",
                                  "subheader", "header", "title") for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", " ".join(str(p) for p in parts))


def listed(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["Name"]) if at.dataframe else []


def save_on_page(at: AppTest, name: str, note: str = "") -> AppTest:
    at.text_input(key="save_name").input(name)
    at.text_area(key="save_note").input(note)
    at.button(key=SAVE).click().run()
    assert not at.exception, at.exception
    return at


def test_empty_state_and_local_mode_notice(db_url):
    at = athletes_page()
    assert "No athletes saved yet" in texts(at)
    assert "Single-user local mode" in texts(at)
    assert not at.dataframe


def test_saving_lists_the_athlete_and_adds_versions(engine):
    at = save_on_page(athletes_page(bodyweight_kg="80"), "Ana Ruiz", "First consultation")
    assert "Saved new athlete Ana Ruiz" in texts(at)
    table = at.dataframe[0].value
    assert list(table["Name"]) == ["Ana Ruiz"] and list(table["Versions"]) == [1]
    assert list(table["Note"]) == ["First consultation"]
    [athlete] = store.list_athletes(engine, store.LOCAL_OWNER)
    assert store.load(engine, store.LOCAL_OWNER, athlete.id).inputs.bodyweight_kg == 80
    at = save_on_page(at, "Ana Ruiz", "Second")
    assert "Saved version 2 of Ana Ruiz" in texts(at)
    assert list(at.dataframe[0].value["Versions"]) == [2]
    assert "First save" in texts(at) and "Version 2" in texts(at)


def test_opening_an_athlete_sets_the_sidebar_and_the_url(engine):
    store.save(engine, store.LOCAL_OWNER, "Ana",
               PlanInputs(bodyweight_kg=82, carrier="backpack", pack_hip_belt=True, weeks=20), now=NOW)
    at = athletes_page()
    assert at.text_input(key="bodyweight_kg").value == "70"
    at.button(key="open_athlete_btn").click().run()
    assert not at.exception, at.exception
    assert "Opened Ana" in texts(at)
    assert at.text_input(key="bodyweight_kg").value == "82"
    assert at.selectbox(key="carrier").value == "backpack"
    assert at.session_state["inputs"].pack_hip_belt is True  # behind Edit profile now
    assert at.slider(key="weeks").value == 20
    link = at.query_params
    assert (link["bodyweight_kg"], link["carrier"], link["pack_hip_belt"], link["weeks"]) == ("82", "Backpack", "true", "20")
    at.switch_page(page_path("plan")).run()
    assert headline_values(at)["Plan length"] == "20 weeks"


def test_delete_asks_for_confirmation_first(engine):
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(), now=NOW)
    store.save(engine, store.LOCAL_OWNER, "Ben", PlanInputs(), now=NOW)
    at = athletes_page()
    at.selectbox(key="athlete_choice").select_index(0).run()
    at.button(key="delete_btn").click().run()
    assert "Delete this athlete?" in texts(at) and "Ana: 1 saved version will be deleted" in texts(at)
    assert len(store.list_athletes(engine, store.LOCAL_OWNER)) == 2  # nothing deleted yet
    at.button(key="delete_cancel").click().run()
    assert "Delete this athlete?" not in texts(at) and listed(at) == ["Ana", "Ben"]
    at.button(key="delete_btn").click().run()
    at.button(key="delete_confirm").click().run()
    assert not at.exception, at.exception
    assert listed(at) == ["Ben"] and "Deleted Ana" in texts(at)
    assert [a.name for a in store.list_athletes(engine, store.LOCAL_OWNER)] == ["Ben"]


def test_rename_and_restore_from_the_history(engine):
    first = store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(bodyweight_kg=70), now=NOW)
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(bodyweight_kg=74), note="heavier", now=NOW)
    at = athletes_page()
    assert "Bodyweight: 70 → 74 kg" in texts(at)
    at.text_input(key=f"rename_{first.athlete_id}").input("Ana Ruiz")
    at.button(key=f"rename_btn_{first.athlete_id}").click().run()
    assert listed(at) == ["Ana Ruiz"]
    at.button(key=f"restore_{first.id}").click().run()
    assert "Restored version 1 as version 3" in texts(at)
    assert store.load(engine, store.LOCAL_OWNER, first.athlete_id).inputs.bodyweight_kg == 70
    assert "Bodyweight: 74 → 70 kg" in texts(at)


def test_names_and_notes_that_look_like_html_are_shown_as_text(engine):
    name = "<b>Bold</b><script>alert(1)</script> **x** :red[y]"
    store.save(engine, store.LOCAL_OWNER, name, PlanInputs(), note="<img src=x onerror=alert(1)>", now=NOW)
    at = athletes_page()
    at.button(key="open_athlete_btn").click().run()
    assert at.dataframe[0].value["Name"][0] == name  # a data grid cell: plain text
    assert at.dataframe[0].value["Note"][0] == "<img src=x onerror=alert(1)>"
    markdown_like = [*at.markdown, *at.caption, *at.success, *at.info, *at.error, *at.warning]
    assert not any(e.proto.allow_html for e in at.markdown)  # no unsafe_allow_html anywhere
    for element in markdown_like:
        body = element.value
        assert "<script>" not in body and "<b>" not in body and "**x**" not in body and ":red[y]" not in body
    assert any(r"\<script\>" in e.value for e in at.success)  # the name is there, escaped


def test_a_stored_row_that_no_longer_validates_is_explained_and_kept(engine):
    version = store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(), now=NOW)
    broken = version.inputs_json.replace('"bodyweight_kg":70.0', '"bodyweight_kg":500')
    with engine.begin() as conn:
        conn.execute(store.plan_versions.update().where(store.plan_versions.c.id == version.id)
                     .values(inputs_json=broken))
    at = athletes_page()
    assert "Bodyweight (bodyweight_kg) must be at most 200 kg (stored: 500)." in texts(at)
    assert "The saved row is kept unchanged" in texts(at)
    assert not at.button(key="open_repaired_btn").disabled
    at.button(key="open_repaired_btn").click().run()
    assert not at.exception and at.text_input(key="bodyweight_kg").value == "70"
    with engine.connect() as conn:
        stored = conn.execute(sa.select(store.plan_versions.c.inputs_json)).scalars().all()
    assert stored == [broken]  # opening never rewrote the row


def test_sign_in_is_required_when_auth_is_configured(db_url):
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets.update(AUTH_SECRETS)
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.sidebar.text_input and not at.dataframe and not at.get("plotly_chart")


def test_signed_in_coaches_see_only_their_own_athletes(engine):
    store.save(engine, "ben@example.com", "Ben's runner", PlanInputs(bodyweight_kg=90), now=NOW)
    ana = {"is_logged_in": True, "email": "ana@example.com", "name": "Ana"}
    at = athletes_page(user=ana)
    assert "Signed in as ana@example" in texts(at) and "Single-user local mode" not in texts(at)
    assert "No athletes saved yet" in texts(at)
    save_on_page(at, "Ana's runner")
    assert listed(at) == ["Ana's runner"]
    assert [a.name for a in store.list_athletes(engine, "ana@example.com")] == ["Ana's runner"]
    assert [a.name for a in store.list_athletes(engine, "ben@example.com")] == ["Ben's runner"]
    at_ben = athletes_page(user={"is_logged_in": True, "email": "Ben@Example.com"})
    assert listed(at_ben) == ["Ben's runner"]
    assert store.list_athletes(engine, store.LOCAL_OWNER) == []


def test_every_page_shows_whose_plan_it_is_and_the_hand_over_uses_the_name(engine):
    at = athletes_page()
    assert "Unsaved plan: no athlete is open" in texts(at)
    at = save_on_page(at, "Ana *Ruiz*")
    for page in ("plan", "week", "gear"):
        at.switch_page(page_path(page)).run()
        # The name is shown literally (escaped Markdown), on every page.
        assert any("Plan of **Ana \\*Ruiz\\***" in c.value for c in at.caption), page
    at.switch_page(page_path("plan")).run()
    open_hand_over(at)
    assert at.text_input(key="handover_athlete").value == "Ana *Ruiz*"


def test_restore_as_newest_shows_the_restored_inputs_in_the_sidebar_at_once(engine):
    first = store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(bodyweight_kg=70, weeks=16), now=NOW)
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(bodyweight_kg=74, weeks=16), now=NOW)
    at = athletes_page()
    at.button(key="open_athlete_btn").click().run()
    assert at.text_input(key="bodyweight_kg").value == "74"
    at.button(key=f"restore_{first.id}").click().run()
    assert not at.exception, at.exception
    assert "Restored version 1 as version 3: the sidebar and the address bar now show it." in texts(at)
    assert at.text_input(key="bodyweight_kg").value == "70" and at.slider(key="weeks").value == 16
    assert at.query_params["weeks"] == "16"
    assert any("Plan of **Ana** (saved on the Athletes page)" in c.value for c in at.caption)


def open_ana_and_change_bodyweight(engine) -> AppTest:
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(bodyweight_kg=70, start_date=MONDAY), now=NOW)
    store.save(engine, store.LOCAL_OWNER, "Ben", PlanInputs(bodyweight_kg=90, weeks=20, start_date=MONDAY), now=NOW)
    at = athletes_page()
    at.selectbox(key="athlete_choice").set_value(store.find_athlete(engine, store.LOCAL_OWNER, "Ana").id).run()
    at.button(key="open_athlete_btn").click().run()
    at.text_input(key="bodyweight_kg").set_value("72.0").run()
    assert any("Plan of **Ana** (1 unsaved change: save them on the Athletes page)" in c.value for c in at.caption)
    at.selectbox(key="athlete_choice").set_value(store.find_athlete(engine, store.LOCAL_OWNER, "Ben").id).run()
    at.button(key="open_athlete_btn").click().run()
    assert not at.exception, at.exception
    return at


def test_opening_another_athlete_with_unsaved_changes_asks_first_and_cancel_keeps_them(engine):
    at = open_ana_and_change_bodyweight(engine)
    assert "**Unsaved changes.** Opening Ben replaces the sidebar's inputs. It would lose 1 change to the plan " \
           "of **Ana**:" in texts(at)
    assert "Bodyweight: 70 → 72 kg" in texts(at)
    assert at.text_input(key="bodyweight_kg").value == "72"  # nothing replaced yet
    at.button(key="unsaved_cancel").click().run()
    assert "Unsaved changes" not in texts(at)
    assert at.text_input(key="bodyweight_kg").value == "72"
    assert at.session_state["open_athlete_name"] == "Ana"


def test_discard_opens_the_other_athlete_and_save_keeps_a_version_first(engine):
    at = open_ana_and_change_bodyweight(engine)
    at.button(key="unsaved_discard").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="bodyweight_kg").value == "90" and "Opened Ben" in texts(at)
    ana = store.find_athlete(engine, store.LOCAL_OWNER, "Ana")
    assert store.load(engine, store.LOCAL_OWNER, ana.id).inputs.bodyweight_kg == 70  # discarded: not saved

    at = open_ana_and_change_bodyweight_again(engine)
    at.button(key="unsaved_save").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="bodyweight_kg").value == "90" and "Opened Ben" in texts(at)
    versions = store.history(engine, store.LOCAL_OWNER, ana.id)
    assert len(versions) == 2 and versions[0].changes == ("Bodyweight: 70 → 72 kg",)
    assert versions[0].version.note == "Saved before: Opening Ben replaces the sidebar's inputs."


def open_ana_and_change_bodyweight_again(engine) -> AppTest:
    at = athletes_page()
    at.selectbox(key="athlete_choice").set_value(store.find_athlete(engine, store.LOCAL_OWNER, "Ana").id).run()
    at.button(key="open_athlete_btn").click().run()
    at.text_input(key="bodyweight_kg").set_value("72.0").run()
    at.selectbox(key="athlete_choice").set_value(store.find_athlete(engine, store.LOCAL_OWNER, "Ben").id).run()
    at.button(key="open_athlete_btn").click().run()
    assert "Unsaved changes" in texts(at)
    return at


def test_a_plan_without_an_athlete_asks_before_it_is_replaced_and_can_be_saved_by_name(engine):
    store.save(engine, store.LOCAL_OWNER, "Ben", PlanInputs(bodyweight_kg=90), now=NOW)
    at = athletes_page(weeks="20")  # a plan from a link, not saved anywhere
    at.button(key="open_athlete_btn").click().run()
    assert "It would lose 1 change to the sidebar's plan (no athlete is open):" in texts(at)
    assert "Plan length (weeks): 12 → 20" in texts(at)
    at.text_input(key="unsaved_save_name").input("Cleo")
    at.button(key="unsaved_save").click().run()
    assert not at.exception, at.exception
    cleo = store.find_athlete(engine, store.LOCAL_OWNER, "Cleo")
    assert store.load(engine, store.LOCAL_OWNER, cleo.id).inputs.weeks == 20
    assert at.text_input(key="bodyweight_kg").value == "90" and at.session_state["open_athlete_name"] == "Ben"


def test_new_athlete_starts_from_the_defaults_not_from_who_was_open(engine):
    store.save(engine, store.LOCAL_OWNER, "Ben", PlanInputs(bodyweight_kg=90, weeks=20, carrier="backpack",
                                                           pack_hip_belt=True), now=NOW)
    at = athletes_page()
    at.button(key="open_athlete_btn").click().run()
    assert at.slider(key="weeks").value == 20
    at.radio(key="units").set_value("imperial").run()  # how numbers read: not a change to save first
    at.button(key="new_athlete_btn").click().run()
    assert not at.exception, at.exception
    assert "New athlete: the sidebar is back to the defaults." in texts(at)
    defaults = PlanInputs()
    shown = at.session_state["inputs"]  # the plan every page shows
    assert shown.model_dump(exclude={"units", "start_date"}) == defaults.model_dump(exclude={"units", "start_date"})
    assert shown.units == "imperial" and at.radio(key="units").value == "imperial"  # the coach's units stay
    assert "Unsaved plan: no athlete is open" in texts(at) and at.text_input(key="save_name").value == ""
    save_on_page(at, "Cleo")
    cleo = store.find_athlete(engine, store.LOCAL_OWNER, "Cleo")
    assert store.load(engine, store.LOCAL_OWNER, cleo.id).inputs.weeks == defaults.weeks


def test_new_athlete_asks_first_when_the_open_one_has_unsaved_changes(engine):
    store.save(engine, store.LOCAL_OWNER, "Ben", PlanInputs(bodyweight_kg=90), now=NOW)
    at = athletes_page()
    at.button(key="open_athlete_btn").click().run()
    at.slider(key="weeks").set_value(30).run()
    at.button(key="new_athlete_btn").click().run()
    assert "Starting a new athlete puts the defaults in the sidebar." in texts(at)
    assert at.slider(key="weeks").value == 30
    at.button(key="unsaved_discard").click().run()
    assert at.slider(key="weeks").value == PlanInputs().weeks and at.text_input(key="bodyweight_kg").value == "70"


@pytest.mark.parametrize(("timezone", "shown"), [
    ("Europe/Madrid", "2026-11-20 10:30 CET"), ("America/Los_Angeles", "2026-11-20 01:30 PST"),
    (None, "2026-11-20 09:30 UTC"),
])
def test_saved_times_show_in_the_coach_time_zone(engine, timezone, shown):
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(), now=NOW)  # 09:30 UTC
    at = open_app("athletes", context={"timezone": timezone})
    assert list(at.dataframe[0].value["Last saved"]) == [shown]
    assert f"**Version 1** · {shown} · latest" in texts(at)


def test_presentation_mode_shows_only_the_open_athlete(engine):
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(), note="Ana's private note", now=NOW)
    store.save(engine, store.LOCAL_OWNER, "Ben", PlanInputs(), note="Ben's private note", now=NOW)
    at = athletes_page()
    at.toggle(key="presentation_mode").set_value(True).run()
    assert "No athlete is open." in texts(at)
    assert not at.table and not at.dataframe and "private note" not in texts(at)
    at.toggle(key="presentation_mode").set_value(False).run()
    at.selectbox(key="athlete_choice").set_value(store.find_athlete(engine, store.LOCAL_OWNER, "Ben").id).run()
    at.button(key="open_athlete_btn").click().run()
    at.toggle(key="presentation_mode").set_value(True).run()
    shown = at.table[0].value
    assert list(shown["Name"]) == ["Ben"] and list(shown["Note"]) == ["Ben's private note"]
    assert [o for o in at.selectbox(key="athlete_choice").options] == ["Ben"]
    assert "Ana" not in texts(at)
    assert PRESENTING_NO_ROSTER in texts(at)


def open_by_name(at: AppTest, name: str) -> AppTest:
    at.text_input(key="present_open_name").input(name)
    at.button(key="present_open_btn").click().run()
    assert not at.exception, at.exception
    return at


def test_while_presenting_an_athlete_opens_by_name_and_the_roster_is_never_drawn(engine):
    store.save(engine, store.LOCAL_OWNER, "Ana Ruiz", PlanInputs(bodyweight_kg=64), note="Ana's private note", now=NOW)
    store.save(engine, store.LOCAL_OWNER, "Ben", PlanInputs(bodyweight_kg=90), note="Ben's private note", now=NOW)
    at = athletes_page()
    at.toggle(key="presentation_mode").set_value(True).run()
    assert at.text_input(key="present_open_name").label == OPEN_BY_NAME

    def nothing_of_the_roster(*names: str) -> None:
        """No data grid, and neither these athletes' names nor their notes anywhere on the page."""
        page = texts(at) + " ".join(str(w.value) for w in at.text_input)
        assert not at.dataframe
        for name in names:
            assert name not in page and f"{name}'s private note" not in page, (name, page)

    open_by_name(at, "An")  # a part of a name opens nothing and lists nothing
    assert NO_SUCH_NAME in texts(at) and not at.table
    nothing_of_the_roster("Ana", "Ben")
    assert "private note" not in texts(at)
    at = open_by_name(at, "  ana   RUIZ ")  # the whole name, capitals and spaces aside
    assert "Opened Ana Ruiz (version 1)" in texts(at)
    assert at.session_state["open_athlete_name"] == "Ana Ruiz"
    assert at.text_input(key="bodyweight_kg").value == "64"
    assert list(at.table[0].value["Name"]) == ["Ana Ruiz"]  # only the open athlete
    assert at.toggle(key="presentation_mode").value
    nothing_of_the_roster("Ben")
    assert NO_SUCH_NAME not in texts(at)


def test_while_presenting_names_that_differ_only_in_capitals_need_the_exact_one(engine):
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(bodyweight_kg=64), now=NOW)
    store.save(engine, store.LOCAL_OWNER, "ANA", PlanInputs(bodyweight_kg=66), now=NOW)
    at = athletes_page()
    at.toggle(key="presentation_mode").set_value(True).run()
    assert SAME_NAME_TWICE in texts(open_by_name(at, "ana"))
    assert at.text_input(key="bodyweight_kg").value == "70"
    at = open_by_name(at, "ANA")
    assert at.session_state["open_athlete_name"] == "ANA" and at.text_input(key="bodyweight_kg").value == "66"


def test_while_presenting_opening_by_name_asks_before_unsaved_changes_are_lost(engine):
    store.save(engine, store.LOCAL_OWNER, "Ben", PlanInputs(bodyweight_kg=90), now=NOW)
    at = athletes_page()
    at.slider(key="weeks").set_value(30).run()
    at.button(key="new_athlete_btn").click().run()
    at.button(key="unsaved_discard").click().run()
    at.slider(key="weeks").set_value(30).run()
    at.toggle(key="presentation_mode").set_value(True).run()
    at = open_by_name(at, "Ben")
    assert "Opening Ben replaces the sidebar's inputs." in texts(at)
    at.button(key="unsaved_discard").click().run()
    assert at.session_state["open_athlete_name"] == "Ben" and at.text_input(key="bodyweight_kg").value == "90"
