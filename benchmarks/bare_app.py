"""The latency floor: a bare Streamlit page with two sliders and Plotly charts, no planning.

    streamlit run benchmarks/bare_app.py     # then open /?shape=<json>

``bench_latency.py`` starts it next to the app and tells it, per app page, the shape of each chart
the app draws (``shape``: a JSON list of charts, each ``{"h": height, "w": share of the main width,
"s": shapes, "t": [[trace type, points], ...], "f": 1 if the app does not redraw it for the
measured slider}``). The sidebar holds two sliders (``weeks``, the one pressed, as in the app),
nothing else: what Streamlit and Plotly cost for those charts. Every chart's data follows the
sliders, so each press draws new data. No plan, no cache, no validation. A page with no charts
shows one line of text that follows the sliders instead (the main-block change the benchmark
waits for). ``sliders=N`` adds fillers, to mimic an older checkout's sidebar.
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


charts = _shape()
try:
    slider_count = max(2, min(int(st.query_params.get("sliders", "2")), 40))
except ValueError:
    slider_count = 2

with st.sidebar:  # two sliders, nothing else (the floor); ``weeks`` is the one pressed
    weeks = st.slider("Plan length (weeks)", 4, 52, 12, key="weeks")
    other = st.slider("Another slider", 0, 100, 50, key="filler_0")
    for i in range(slider_count - 2):  # only when asked for more (an older checkout's sidebar)
        st.slider(f"Filler {i + 1}", 0, 100, 50, key=f"filler_{i + 1}")

st.title("Latency floor")
moved = other / 10 + weeks / 7


def _figure(chart: dict) -> go.Figure:
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


if not charts:
    st.write(f"{weeks} weeks, {other}.")
for n, chart in enumerate(charts):
    width = float(chart.get("w", 1.0))
    target = st.columns([width, 1 - width])[0] if 0.1 < width < 0.95 else st.container()
    with target:
        st.plotly_chart(_figure(chart), key=f"floor_chart_{n}", config={"displayModeBar": False})
