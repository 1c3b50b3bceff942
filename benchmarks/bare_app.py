"""The latency floor: a bare Streamlit page with two sliders and Plotly charts, no planning.

    streamlit run benchmarks/bare_app.py     # then open /?shape=<json>

``bench_latency.py`` starts it next to the app and tells it, per app page, the shape of each chart
the app draws (``shape``: a JSON list of charts, each ``{"h": height, "w": share of the main width,
"s": shapes, "t": [[trace type, points], ...], "f": 1 if the app does not redraw it for the
measured slider}``), and, for the "spec" floor (bench_latency.py's default), ``specs``: the path of a
JSON file with each chart's own spec as the app's page holds it (data and layout); the floor then
draws the app's chart itself, every y (or z) scaled with the sliders. The sidebar holds two sliders
(``weeks``, the one pressed, as in the app), nothing else: what Streamlit and Plotly cost for those
charts. Every chart's data follows the sliders, so each press draws new data. No plan and no
validation; a spec's figure is cached per press value, as the app caches its figures. A page with no charts
shows one line of text that follows the sliders instead (the main-block change the benchmark
waits for). ``sliders=N`` adds fillers, to mimic an older checkout's sidebar.

For ``bench_structure.py`` only, two switches add the app's shared structure to the floor, without
any of its code: ``nav=N`` runs the page through ``st.navigation`` with N pages in the top bar (with
icons, as the app's), and ``sidebar=app`` puts the app's sidebar elements there instead of the second
slider (a units radio with captions, four number inputs, two select boxes, the plan-length slider, a
button and a caption, each with help text), all inert but the slider.
"""

from __future__ import annotations

import json
import math

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Latency floor", layout="wide")



def _shape() -> list[dict]:
    try:
        charts = json.loads(st.query_params.get("shape", "[]"))
        return [c for c in charts if isinstance(c, dict)]
    except ValueError:
        return []


def _specs() -> list[dict | None]:
    """The app's own chart specs (bench_latency.py's "spec" floor), one per chart, from the file the
    address names; none when it names none."""
    path = st.query_params.get("specs")
    if not path:
        return []
    try:
        with open(path, encoding="utf-8") as file:
            specs = json.load(file)
    except (OSError, ValueError):
        return []
    return [s if isinstance(s, dict) else None for s in specs] if isinstance(specs, list) else []


charts = _shape()
specs = _specs()
try:
    slider_count = max(2, min(int(st.query_params.get("sliders", "2")), 40))
except ValueError:
    slider_count = 2

try:
    nav_pages = max(0, min(int(st.query_params.get("nav", "0")), 20))
except ValueError:
    nav_pages = 0
app_sidebar = st.query_params.get("sidebar") == "app"


def _app_like_sidebar() -> tuple[int, int]:
    """The app's sidebar elements (bench_structure.py): only the plan length does anything."""
    st.radio("Units", ["Metric", "Imperial"], horizontal=True, captions=["kg, km", "lb, mi"], key="units", help="h")
    st.number_input("Bodyweight (kg)", 30.0, 250.0, 70.0, 0.1, format="%.1f", key="bodyweight_kg", help="h")
    st.selectbox("Goal", ["General fitness", "Hiking", "Rucking", "Race"], key="goal", help="h")
    st.selectbox("What you would carry", ["Weighted vest", "Backpack", "Nothing"], key="carrier", help="h")
    weeks = st.slider("Plan length (weeks)", 4, 52, 12, key="weeks", help="h")
    for name in ("easy_run_km", "long_run_km", "hard_run_km"):
        st.number_input(f"{name} (km)", 0.0, 60.0, 8.0, 0.1, format="%.1f", key=name, help="h")
    st.button("Edit profile", icon=":material/tune:", width="stretch", key="edit_profile", help="h")
    st.caption("Age 35 · intermediate · no injuries  \nVest up to 10 kg · steps of 0.5 kg  \n"
               "Long run Sunday · hard Tuesday  \nStrength twice a week at the gym")
    return weeks, 50


def _page() -> None:
    with st.sidebar:  # two sliders, nothing else (the floor); ``weeks`` is the one pressed
        if app_sidebar:
            weeks, other = _app_like_sidebar()
        else:
            weeks = st.slider("Plan length (weeks)", 4, 52, 12, key="weeks")
            other = st.slider("Another slider", 0, 100, 50, key="filler_0")
        for i in range(slider_count - 2):  # only when asked for more (an older checkout's sidebar)
            st.slider(f"Filler {i + 1}", 0, 100, 50, key=f"filler_{i + 1}")
    st.title("Latency floor")
    _draw(weeks, other)


def _draw(weeks: int, other: int) -> None:
    moved = other / 10 + weeks / 7
    if not charts:
        st.write(f"{weeks} weeks, {other}.")
    for n, chart in enumerate(charts):
        width = float(chart.get("w", 1.0))
        target = st.columns([width, 1 - width])[0] if 0.1 < width < 0.95 else st.container()
        with target:
            has_spec = n < len(specs) and specs[n] is not None
            figure = _spec_figure(st.query_params.get("specs", ""), n, 0.0 if chart.get("f") else moved) if has_spec else _figure(chart, moved)
            st.plotly_chart(figure, key=f"floor_chart_{n}", config={"displayModeBar": False})


def _scaled(values: object, factor: float) -> object:
    if isinstance(values, list):
        return [_scaled(v, factor) for v in values]
    if isinstance(values, (int, float)) and not isinstance(values, bool):
        return round(values * factor, 3)
    return values


@st.cache_resource(max_entries=64)
def _spec_figure(path: str, n: int, moved: float) -> go.Figure:
    """The app's chart ``n`` as its page holds it, every trace's y (or z) scaled with the sliders: the
    same chart, new numbers at each press. The browser's copy carries Streamlit's theme, which
    Plotly's validation partly refuses ("transparent"): those values are skipped (the theme is
    applied again in the browser). Cached per file, chart and press value, as the app caches its figures."""
    spec = specs[n] or {}
    factor = 1 + moved / 20
    data = [{**trace, **{axis: _scaled(trace[axis], factor) for axis in ("y", "z") if axis in trace}}
            for trace in spec.get("data", [])]
    return go.Figure({"data": data, "layout": spec.get("layout", {})}, skip_invalid=True)


def _figure(chart: dict, moved: float) -> go.Figure:
    phase = 0.0 if chart.get("f") else moved  # a fixed chart is one the app does not redraw for this slider
    fig = go.Figure()
    for kind, points in chart.get("t", []):
        points = max(1, min(int(points), 5000))
        if kind == "heatmap":
            rows = max(1, math.ceil(points / 7))
            z = [[round((math.sin(phase + r * 7 + c) + 1) * 1.5) for c in range(7)] for r in range(rows)]
            fig.add_trace(go.Heatmap(z=z, x=[f"D{c}" for c in range(7)], y=[f"W{r + 1}" for r in range(rows)],
                                     text=[[f"{v}" for v in row] for row in z], texttemplate="%{text}",
                                     showscale=False, xgap=2, ygap=2))
            continue
        x = list(range(1, points + 1))
        y = [round(phase + math.sin(phase + i) * 3 + i * 0.1, 2) for i in x]
        if kind == "bar":
            fig.add_trace(go.Bar(x=x, y=y, name=f"bar {len(fig.data)}", hovertext=[f"{v}" for v in y]))
        else:
            fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=f"line {len(fig.data)}",
                                     hovertext=[f"{v}" for v in y], hoverinfo="text"))
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": i * 4 + 3.5, "x1": i * 4 + 4.5, "y0": 0, "y1": 1,
               "fillcolor": "rgba(154,163,175,0.22)", "line": {"width": 0}, "layer": "below"}
              for i in range(max(0, min(int(chart.get("s", 0)), 200)))]
    fig.update_layout(title={"text": f"Floor chart at {phase:.2f}", "x": 0}, shapes=shapes,
                      height=max(150, min(int(chart.get("h", 420)), 2000)), margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      hovermode="x unified", legend={"orientation": "h", "y": -0.18, "x": 0})
    return fig


if nav_pages:  # the app's navigation: N pages in the top bar, the first is this one
    st.navigation([st.Page(_page, title="Floor", icon=":material/show_chart:", url_path="floor", default=True)]
                  + [st.Page(lambda: None, title=f"Page {i}", icon=":material/backpack:", url_path=f"page{i}")
                     for i in range(1, nav_pages)], position="top").run()
else:
    _page()
