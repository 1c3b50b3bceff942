"""The shared inputs. Their values live in session state (``INPUT_VALUES``: metric, as the runner
meant them), not in the widgets: the sidebar shows the few a runner explores with, "Edit profile"
opens the rest in a dialog, and the app writes the address bar itself from the values, in one
canonical form (``core.present.links.link_params``). Fewer widgets per rerun keep every page quick.

A widget's key is the link parameter of what it shows (``bodyweight_kg`` in metric,
``bodyweight_lb`` in imperial): each unit system has its own grid, and switching units never
changes a value that was not touched."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from core.planner.event import plan_monday
from core.planner.models import FIRST_START_DATE, LAST_EVENT_DATE, LAST_START_DATE, PlanInputs, next_monday
from core.planner.rules import PLAN_WEEKS
from core.present.compare import is_b_param
from core.present.grids import GRIDS, param_name
from core.present.links import check_query, link_params
from core.present.problems import resolve_inputs
from core.present.specs import (
    KEY_INPUTS,
    SECTIONS,
    SPEC_BY_NAME,
    SPECS,
    UNITS_NAMES,
    FieldSpec,
    field_help,
    option_label,
    widget_label,
)
from core.present.text import profile_summary
from core.present.typed import read_typed, typed_text
from pages._ui.clock import today
from pages._ui.keys import (
    EDITING_PROFILE,
    INPUT_MESSAGES,
    INPUT_VALUES,
    INPUTS,
    PENDING_INPUTS,
    TYPED_NOTES,
    TYPED_PENDING,
    URL_MESSAGES,
)
from pages._ui.presentation import presenting

DEFAULTS = PlanInputs()
PROFILE_PREFIX = "profile_"
TYPED = ("bodyweight_kg", "equipment_max_kg", "easy_run_km", "long_run_km", "hard_run_km", "event_distance_km",
         "event_load_kg")
"""Numbers typed as text (faster than a slider for a jump like 70 to 55 kg) and read by
``core.present.typed.read_typed``: a decimal comma, a number between two steps, out of range or
not a number gets a sentence next to the input, and the input always shows what the plan uses.
(A browser's number input reads "80,5" as 805 and keeps showing a refused 500.)"""


def widget_key(name: str, units: str, prefix: str = "") -> str:
    return prefix + param_name(name, units)  # type: ignore[arg-type]


def shown(spec: FieldSpec, value: Any, units: str) -> Any:
    """What the widget for ``spec`` holds for the metric ``value``."""
    if spec.name in TYPED:
        return typed_text(spec.name, value, units)  # type: ignore[arg-type]
    if spec.kind == "multi":
        return list(value)
    return value


def from_widget(spec: FieldSpec, value: Any, units: str) -> Any:
    """The metric value a widget's value means, on its unit system's grid (the safe way)."""
    if spec.name in TYPED:
        grid = GRIDS[spec.name][units]  # type: ignore[index]
        reading = read_typed(spec.name, str(value), units, grid.metric(grid.low))  # type: ignore[arg-type]
        if reading.value is None:
            raise ValueError(reading.note)
        return reading.value
    if spec.kind == "multi":
        return tuple(value or ())
    return value


def _options(spec: FieldSpec, value: Any, units: str) -> list[Any]:
    """A select widget's options, metric: its unit system's grid, plus the current value if it is
    on the other's (a 0.5 kg plate stays 0.5 kg in imperial until the runner picks another)."""
    if spec.name not in GRIDS:
        return list(spec.options)
    grid = GRIDS[spec.name][units]  # type: ignore[index]
    options = [grid.metric(v) for v in grid.shown_values()]
    if value is not None and not grid.holds(value):
        options = sorted([*options, value])
    elif value is not None:
        options = [value if abs(o - value) <= 1e-9 * max(1, abs(value)) else o for o in options]
    return options


def input_widget(spec: FieldSpec, units: str, *, value: Any, prefix: str = "",
                 on_change: Callable[..., None] | None = None, args: tuple = (), note: bool = True,
                 help_icon: bool = True) -> str:
    """The one widget for a ``PlanInputs`` field (the sidebar, the profile dialog, Compare's
    scenario B), showing the metric ``value`` in ``units``. Read it back with ``widget_value``;
    ``on_change(metric_value, *args)`` runs when it changes (not inside a form). A typed number's
    sentence goes right under it (unless ``note`` is False: the caller shows it, ``typed_note``).
    Without ``help_icon`` its help text is left to the caller (``inputs_explained``): each help
    icon is a tab stop of its own. Returns its key."""
    key = widget_key(spec.name, units, prefix)
    want = shown(spec, value, units)
    pending = st.session_state.get(TYPED_PENDING, {}).pop(key, None)
    if pending is not None:  # the profile dialog's Apply found a typed number to show differently
        st.session_state[key] = pending
    # Set before the widget exists (no default, so no stale value). A live widget follows the value
    # whenever it changes elsewhere (a link, an athlete opened); a form's widget only starts there,
    # or the form would lose what was typed before its submit.
    try:
        held = st.session_state[key]
        stale = on_change is not None and held != want
    except KeyError:  # (``key in st.session_state`` copies the whole state: slower)
        stale = True
    if stale:
        st.session_state[key] = want
        if on_change is not None:  # set elsewhere (a link, an athlete): the sentence no longer applies
            st.session_state.get(TYPED_NOTES, {}).pop(key, None)
    label = widget_label(spec, units)  # type: ignore[arg-type]
    common: dict[str, Any] = {"key": key, "help": field_help(spec, units) if help_icon else None}  # type: ignore[arg-type]
    if on_change is not None and spec.name in TYPED:
        common |= {"on_change": lambda: _typed_changed(spec, units, key, value, on_change, args)}
    elif on_change is not None:
        common |= {"on_change": lambda: on_change(widget_value(spec, units, prefix), *args)}

    def fmt(option: Any) -> str:
        return option_label(spec, option, units)  # type: ignore[arg-type]

    if spec.name in TYPED:
        st.text_input(label, **common)
        if note:
            typed_note(key)
    elif spec.name == "load_step_kg" or spec.name in ("goal", "carrier", "long_run_day"):
        st.selectbox(label, _options(spec, value, units), format_func=fmt, **common)
    elif spec.kind == "pace":
        st.select_slider(label, _options(spec, value, units), format_func=fmt, **common)
    elif spec.name == "age":
        st.number_input(label, spec.options[0], spec.options[1], step=1, **common)
    elif spec.kind == "int":
        st.slider(label, spec.options[0], spec.options[1], **common)
    elif spec.kind == "choice":
        st.radio(label, spec.options, format_func=fmt, horizontal=True, **common)
    elif spec.kind == "multi" and spec.name.endswith("_days"):
        st.pills(label, spec.options, selection_mode="multi", format_func=fmt, **common)
    elif spec.kind == "multi":
        st.multiselect(label, spec.options, format_func=fmt, placeholder="None", **common)
    elif spec.kind == "bool":
        st.checkbox(label, **common)
    elif spec.name == "event_date":  # optional: empty is no event
        st.date_input(label, format="YYYY-MM-DD", min_value=FIRST_START_DATE, max_value=LAST_EVENT_DATE, **common)
    else:
        st.date_input(label, format="YYYY-MM-DD", min_value=FIRST_START_DATE, max_value=LAST_START_DATE, **common)
    return key


def widget_value(spec: FieldSpec, units: str, prefix: str = "") -> Any:
    return from_widget(spec, st.session_state[widget_key(spec.name, units, prefix)], units)


def _typed_changed(spec: FieldSpec, units: str, key: str, kept: Any,
                   on_change: Callable[..., None], args: tuple) -> None:
    """A typed number changed: the input shows what the plan uses, the sentence says why when
    that is not what was typed, and ``on_change`` gets the value (not when the plan keeps its own)."""
    reading = read_typed(spec.name, str(st.session_state[key]), units, kept)  # type: ignore[arg-type]
    st.session_state[key] = reading.text
    note_typed(key, reading.note, reading.refused)
    if reading.value is not None:
        on_change(reading.value, *args)


def note_typed(key: str, note: str | None, refused: bool = False) -> None:
    notes: dict[str, tuple[str, bool]] = st.session_state.setdefault(TYPED_NOTES, {})
    if note:
        notes[key] = (note, refused)
    else:
        notes.pop(key, None)


def typed_note(key: str, label: str = "") -> None:
    """The sentence about what was typed into the input ``key``, right under it (in a container
    keyed ``<key>_note``), after the input's ``label`` when given: a warning when the plan kept its
    value, a note when it read it."""
    note = st.session_state.get(TYPED_NOTES, {}).get(key)
    if note:
        text, refused = note
        text = f"{label}: {text}" if label else text
        with st.container(key=f"{key}_note"):
            if refused:
                st.warning(text, icon=":material/keyboard:")
            else:
                st.info(text, icon=":material/keyboard:")


def forget_typed_notes(prefix: str = "") -> None:
    """Drop the sentences of the inputs whose key starts with ``prefix`` (all with none)."""
    notes = st.session_state.get(TYPED_NOTES, {})
    for key in [k for k in notes if k.startswith(prefix)]:
        del notes[key]


# --- The values, and what fills them: a link, a page's request, the widgets -----------------------

def _values() -> dict[str, Any]:
    return st.session_state.setdefault(INPUT_VALUES, {"units": "metric"})


def _take(params: dict[str, list[str]], *, keep: bool = False) -> list[str]:
    """Set the values ``params`` (link parameters) hold, the others back to their defaults (or,
    with ``keep``, as they are); the sentences about what could not be used."""
    check = check_query(params)
    kept = _values() if keep else {}
    st.session_state[INPUT_VALUES] = {"units": "metric", **kept, **check.values}
    return check.messages


def check_url_once() -> None:
    """A session's first run reads the address bar it was opened with, once: every value it can
    use, and one sentence per value it cannot (shown at the top of the page). From then on the app
    writes the address bar (``write_link``)."""
    if URL_MESSAGES in st.session_state:
        return
    st.session_state[URL_MESSAGES] = _take({key: st.query_params.get_all(key) for key in st.query_params
                                            if not is_b_param(key)})


def open_in_sidebar(params: dict[str, list[str]]) -> None:
    """Make the shared inputs (and so the address bar and the plan) hold ``params`` (link
    parameters, e.g. ``core.present.links.link_params(inputs)``; inputs it leaves out stay as
    they are), from the next run on."""
    st.session_state[PENDING_INPUTS] = params
    st.rerun()


def apply_pending_inputs() -> None:
    pending = st.session_state.pop(PENDING_INPUTS, None)
    if pending is not None:
        _take(pending, keep=True)


def date_the_plan() -> None:
    """A plan without a start date starts the Monday after today: set it, so the address bar
    always carries the date and a link opened a month later is the same plan."""
    values = _values()
    if values.get("start_date") is None:
        values["start_date"] = next_monday(today())


def set_value(value: Any, name: str) -> None:
    _values()[name] = value


def write_link(inputs: PlanInputs) -> None:
    """The address bar holds every input that differs from its default (and the start date), in
    the canonical form ``check_query`` reads back exactly. Only what changed is written."""
    wanted = link_params(inputs, changed_only=True)
    for key in [k for k in st.query_params if k not in wanted and not is_b_param(k)]:  # B's: Compare's
        del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get_all(key) != value:
            st.query_params[key] = value


# --- Where the inputs are shown -------------------------------------------------------------------

def _units_changed() -> None:
    set_value(st.session_state["units"], "units")
    forget_typed_notes()  # each sentence was about a number in the other units


def _units_radio(values: dict[str, Any]) -> str:
    if st.session_state.get("units") != values["units"]:
        st.session_state["units"] = values["units"]
    return st.radio("Units", list(UNITS_NAMES), format_func=UNITS_NAMES.get, horizontal=True, key="units",
                    captions=["kg, km", "lb, mi"], on_change=_units_changed)


UNITS_HELP = "Changes how numbers are shown, never the plan."


def _weeks_to_event(values: dict[str, Any]) -> bool:
    """With an event the plan runs to its week: the length slider gives way to a line that says so."""
    event, start = values.get("event_date"), values.get("start_date")
    if event is None or start is None:
        return False
    weeks = (plan_monday(event) - plan_monday(start)).days // 7 + 1
    if not PLAN_WEEKS[0] <= weeks <= PLAN_WEEKS[1]:
        return False  # out of reach: the plan keeps its length and says why
    st.container(key="plan_length_event").markdown(
        f"**Plan length**  \nTo your event's week ({event:%a %d %b %Y}). Clear the event date for a set length.")
    return True


def _key_inputs(values: dict[str, Any], units: str) -> None:
    for name in KEY_INPUTS:
        if name == "weeks" and _weeks_to_event(values):
            continue
        input_widget(SPEC_BY_NAME[name], units, value=values.get(name, getattr(DEFAULTS, name)),
                     on_change=set_value, args=(name,), help_icon=False)


def inputs_explained(units: str) -> None:
    """The sidebar inputs' help texts together, in one expander (keyed ``inputs_explained``): one
    tab stop, where a help icon per input made eight, each before its input."""
    with st.expander("What these inputs mean", icon=":material/help:", key="inputs_explained"):
        lines = [f"**Units**: {UNITS_HELP}"] + [
            f"**{widget_label(SPEC_BY_NAME[n], units)}**: {field_help(SPEC_BY_NAME[n], units)}"  # type: ignore[arg-type]
            for n in KEY_INPUTS]
        st.markdown("\n".join(f"- {line}" for line in lines))


def _open_editor() -> None:
    st.session_state[EDITING_PROFILE] = True
    for key in [k for k in st.session_state if str(k).startswith(PROFILE_PREFIX)]:
        del st.session_state[key]  # the dialog opens on the current values
    forget_typed_notes(PROFILE_PREFIX)


def _close_editor() -> None:
    st.session_state[EDITING_PROFILE] = False


def _edit_button() -> None:
    st.button("Edit profile", key="edit_profile", icon=":material/tune:", on_click=_open_editor, width="stretch",
              help="Age, experience, injuries, equipment, the running week, start date, strength and "
                   "progression settings, paces and efforts.")


def sidebar(values: dict[str, Any], inputs: PlanInputs) -> None:
    """Edit profile first (on a 720 px tall screen it was below the fold at the end), then the key
    inputs, what the profile holds and what the inputs mean."""
    with st.sidebar:
        _edit_button()
        units = _units_radio(values)
        _key_inputs(values, units)
        st.caption("**Edit profile holds:**  \n" + "  \n".join(profile_summary(inputs)))
        inputs_explained(units)


def key_input_bar(values: dict[str, Any]) -> None:
    """Presentation mode: the key inputs in a bar at the top of the page, in the large type, so a
    coach changes them without leaving presentation mode (and without showing every setting)."""
    units = values["units"]
    with st.container(border=True, key="key_inputs_bar"):
        top = st.columns(4, vertical_alignment="bottom")
        bottom = st.columns(5, vertical_alignment="bottom")
        for column, name in zip([*top, *bottom], KEY_INPUTS, strict=False):
            with column:
                if name == "weeks" and _weeks_to_event(values):
                    continue
                input_widget(SPEC_BY_NAME[name], units, value=values.get(name, getattr(DEFAULTS, name)),
                             on_change=set_value, args=(name,), note=False)
        with bottom[4]:
            _edit_button()
        for name in (n for n in KEY_INPUTS if n in TYPED):  # under the bar: the rows stay aligned
            typed_note(widget_key(name, units), widget_label(SPEC_BY_NAME[name], units))  # type: ignore[arg-type]


@st.dialog("Edit profile", width="large", on_dismiss=_close_editor)
def profile_dialog() -> None:
    values = _values()
    units = values["units"]
    fields = [spec for spec in SPECS if spec.name not in KEY_INPUTS
              and (values.get("carrier", DEFAULTS.carrier) == "backpack" or not spec.name.startswith("pack_"))]
    with st.form("profile_form", border=False):
        # Apply and Cancel above the tabs: at 720 px tall the Plan tab's last input ends below the
        # fold, and so did the buttons under it.
        with st.container(horizontal=True, key="profile_buttons"):
            apply = st.form_submit_button("Apply", type="primary", key="profile_apply", icon=":material/check:")
            cancel = st.form_submit_button("Cancel", key="profile_cancel")
        for section, tab in zip(SECTIONS, st.tabs(list(SECTIONS)), strict=True):
            with tab:
                for spec in (s for s in fields if s.section == section):
                    input_widget(spec, units, value=values.get(spec.name, getattr(DEFAULTS, spec.name)),
                                 prefix=PROFILE_PREFIX)
    if apply and _typed_in_dialog_read_as_typed(fields, values, units):
        # only what was changed: an untouched 10 kg stays 10 kg, not the 22 lb it shows as
        for spec in fields:
            value = values.get(spec.name, getattr(DEFAULTS, spec.name))
            if st.session_state[widget_key(spec.name, units, PROFILE_PREFIX)] != shown(spec, value, units):
                values[spec.name] = widget_value(spec, units, PROFILE_PREFIX)
    elif apply:  # the dialog stays open, each typed number showing what the plan would use, and why
        st.rerun()
    if apply or cancel:
        _close_editor()
        st.rerun()


def _typed_in_dialog_read_as_typed(fields: list[FieldSpec], values: dict[str, Any], units: str) -> bool:
    """Whether every number typed in the dialog is used as typed. If not, nothing is applied: each
    such input is set (on the next run) to what the plan would use, with its sentence."""
    exact = True
    for spec in (s for s in fields if s.name in TYPED):
        key = widget_key(spec.name, units, PROFILE_PREFIX)
        value = values.get(spec.name, getattr(DEFAULTS, spec.name))
        if st.session_state[key] == shown(spec, value, units):
            note_typed(key, None)
            continue
        reading = read_typed(spec.name, str(st.session_state[key]), units, value)  # type: ignore[arg-type]
        note_typed(key, reading.note, reading.refused)
        if reading.note:
            st.session_state.setdefault(TYPED_PENDING, {})[key] = reading.text
            exact = False
    return exact


def shared_inputs() -> PlanInputs:
    """The run's inputs: a link read once, a page's pending inputs applied, the plan dated; the
    sidebar (or, presenting, the bar) and the profile dialog; then the address bar written. Kept
    in session state for the page."""
    check_url_once()
    apply_pending_inputs()
    date_the_plan()
    values = _values()  # widget callbacks ran before this run: the values are current
    inputs, messages = resolve_inputs(values)
    if presenting():
        key_input_bar(values)
    else:
        sidebar(values, inputs)
    if st.session_state.get(EDITING_PROFILE):
        profile_dialog()
    st.session_state[INPUT_MESSAGES] = messages  # shown on the page, where the runner looks
    inputs = inputs.dated(today())
    write_link(inputs)
    st.session_state[INPUTS] = inputs
    return inputs

