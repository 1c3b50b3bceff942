"""The JSON profile: every input behind a plan, written so that ``read_profile`` reads it back
into the same inputs; and reading an untrusted file that claims to be one."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from core.io.files import APP_NAME
from core.planner.models import PlanInputs
from core.present.grids import GRIDS
from core.present.links import link_params
from core.present.problems import in_app_order, problem_reason, resolve_inputs
from core.present.text import field_label, value_text

PROFILE_FORMAT = "loaded-running-planner/profile"
PROFILE_VERSION = 1
MAX_PROFILE_BYTES = 64 * 1024
"""A profile is about 1 KB; anything far larger is the wrong file (or an attack on memory)."""


def profile_json(inputs: PlanInputs) -> str:
    """The inputs as a JSON profile that ``read_profile`` turns back into the same inputs."""
    document = {
        "format": PROFILE_FORMAT,
        "version": PROFILE_VERSION,
        "app": APP_NAME,
        "inputs": inputs.model_dump(mode="json"),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a profile can hold")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key '{key[:40]}' appears twice in one object")
        seen[key] = value
    return seen


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text[:40] + ("…" if len(text) > 40 else "")


def read_profile(data: bytes | str) -> tuple[PlanInputs | None, list[str]]:
    """Inputs from an uploaded profile, and one sentence per thing that could not be used.

    Never raises. ``None`` when the file is not a usable profile at all (too large, not UTF-8,
    not JSON, not an object, another format or a newer version). A profile with some bad
    fields opens with those fields at their defaults, each named in a message; clashing days
    are repaired as in the sidebar (``core.present.problems.resolve_inputs``).

    >>> read_profile(b"[1, 2]")
    (None, ['The file holds a JSON array, not a planner profile (an object with "format" and "inputs").'])
    """
    size = len(data)
    if size > MAX_PROFILE_BYTES:
        return None, [f"The file is {size / 1024:,.0f} KB; a planner profile is at most "
                      f"{MAX_PROFILE_BYTES // 1024} KB. Is it the right file?"]
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            return None, [f"The file is not UTF-8 text (byte {error.start + 1} cannot be read): "
                          "a planner profile is a .json file saved by this app."]
    else:
        text = data
    if not text.strip():
        return None, ["The file is empty: a planner profile is a .json file saved by this app."]
    try:
        document = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        return None, [f"The file is not valid JSON: it breaks off or goes wrong at line {error.lineno}, "
                      f"column {error.colno}. A planner profile is a .json file saved by this app."]
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "it is nested too deeply"
        return None, [f"The file is not a usable JSON profile: {reason[:120]}."]
    if not isinstance(document, dict):
        kind = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}.get(
            type(document), "a number")
        kind = "a JSON array" if kind == "an array" else f"JSON {kind}"
        return None, [f'The file holds {kind}, not a planner profile (an object with "format" and "inputs").']
    marker = document.get("format")
    if marker != PROFILE_FORMAT:
        found = "no \"format\"" if marker is None else f'"format" {_shown(marker)}'
        return None, [f"This is not a {APP_NAME} profile: it has {found}, expected '{PROFILE_FORMAT}'."]
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, [f'The profile\'s "version" is {_shown(version)}; expected a whole number such as '
                      f"{PROFILE_VERSION}."]
    if version > PROFILE_VERSION:
        return None, [f"The profile was saved by a newer version of the app (profile version {version}); "
                      f"this app reads version {PROFILE_VERSION}. Update the app to open it."]
    raw = document.get("inputs")
    if not isinstance(raw, dict):
        return None, ['The profile has no "inputs" object, so there is nothing to open.']
    messages = [f"'{key[:40]}' at the top of the file is not part of a profile and was ignored."
                for key in document if key not in ("format", "version", "app", "inputs")]
    return _inputs_from(raw, messages)


def _inputs_from(raw: dict[str, Any], messages: list[str]) -> tuple[PlanInputs, list[str]]:
    fields = PlanInputs.model_fields
    data: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in fields:
            messages.append(f"'{key[:40]}' is not a planner setting and was ignored.")
            continue
        if fields[key].annotation is int and isinstance(value, float) and value.is_integer():
            value = int(value)  # 12.0 weeks is 12 weeks
        data[key] = value
    missing = [name for name in fields if name not in raw]
    for _ in range(len(data) + 1):
        try:
            PlanInputs.model_validate_json(json.dumps(data), strict=True)
            break
        except ValidationError as error:
            located = [p for p in in_app_order(error.errors()) if p["loc"] and p["loc"][0] in data]
            if not located:
                break  # a clash between fields: repaired below, with its own message
            for problem in located:
                name = str(problem["loc"][0])
                if name not in data:
                    continue
                messages.append(_field_message(name, data.pop(name), problem, raw.get("units")))
    inputs, repairs = resolve_inputs(data)
    messages.extend(repairs)
    if missing:
        defaults = PlanInputs()
        units = inputs.units
        shown = "; ".join(f"{field_label(n)} ({value_text(n, getattr(defaults, n), units)})"
                          for n in missing)
        messages.append(f"Not in the file, so the default is used: {shown}.")
    return inputs, messages


def _field_message(name: str, value: Any, problem: Mapping[str, Any], units: Any) -> str:
    units = units if units in ("metric", "imperial") else "metric"
    where = problem["loc"][1:]
    item = f" (item {where[0] + 1})" if where and isinstance(where[0], int) else ""
    default = PlanInputs.model_fields[name].get_default()
    return (f"{field_label(name, with_key=True)}{item}: {_shown(value)} cannot be used; it "
            f"{problem_reason(problem, units)}. Using the default, {value_text(name, default, units)}.")


def sidebar_params(inputs: PlanInputs) -> tuple[dict[str, list[str]], list[str]]:
    """``inputs`` as the link parameters the sidebar reads (``core.present.links.link_params``), and a
    sentence for each number on neither unit system's grid, which the sidebar moves the safe way
    (a hand-edited 71.23 kg is used as 71.2 kg)."""
    messages: list[str] = []
    for name, grids in GRIDS.items():
        value = getattr(inputs, name)
        if grids["metric"].holds(value) or grids["imperial"].holds(value):
            continue
        moved = grids["metric"].snap(value)
        how = {"down": "the sidebar's step below it, the safe side", "nearest": "the nearest step the sidebar offers",
               "up": "the next plate up: loads round down to it, the safe side"}[grids["metric"].safe]
        given = value_text(name, value, "metric") if name.endswith("_per_km") else f"{value:g} {GRIDS[name]['metric'].unit}"
        messages.append(f"{field_label(name)}: {given} is used as "
                        f"{value_text(name, moved, 'metric')}, {how}.")
    return link_params(inputs), messages
