"""Median time of read_activities on a synthetic Strava bulk export of 1,000 activities
(target: under 10 s for 1,000 activities).

    python benchmarks/bench_import.py [--rows 1000] [--files 200] [--runs 5]

The export is a zip holding an activities.csv of ``--rows`` rows (Strava's real header, with its two
Distance columns) and ``--files`` copies of the real activity files in tests/data (FIT, .fit.gz, GPX and
.tcx.gz, in turn), as Strava lays them out under activities/. Two cases are timed:

* as exported: the first ``--files`` rows name their files, so each such row stands for its file and
  the file is not parsed again (what a real Strava export costs);
* every file parsed: no row names a file, so all ``--files`` files are parsed as well as the rows
  (``--rows`` + ``--files`` activities; the worst case, and what a Garmin export of files costs).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import statistics
import time
import zipfile
from pathlib import Path

from core import read_activities

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
HEADER_LINE = (DATA / "strava_activities_header.csv").read_text().strip()  # Strava's header, in its order
HEADER = next(csv.reader([HEADER_LINE]))
SPORTS = ["Run", "Run", "Trail Run", "Weight Training", "Ride", "Walk"]


def _files() -> list[tuple[str, bytes]]:
    """The real test files as Strava stores them: (suffix, bytes)."""
    gpx = gzip.decompress((DATA / "run_gpxtpx.gpx.gz").read_bytes())
    return [(".fit.gz", gzip.compress((DATA / "2013-02-06-12-11-14.fit").read_bytes())),
            (".fit", (DATA / "garmin-fenix-5-run.fit").read_bytes()),
            (".gpx", gpx),
            (".tcx.gz", (DATA / "test.tcx.gz").read_bytes())]


def _cell(row: list[str], name: str, value: str, occurrence: int = 0) -> None:
    row[[i for i, column in enumerate(HEADER) if column == name][occurrence]] = value


def build_export(rows: int, files: int, rows_name_files: bool) -> bytes:
    """A zip like Strava's bulk export: activities.csv plus activities/<id><suffix> files."""
    kinds = _files()
    start = dt.datetime(2021, 1, 1, 6, 0)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    names: list[str] = []
    for i in range(rows):
        row = [""] * len(HEADER)
        moment = start + dt.timedelta(hours=19 * i)
        sport = SPORTS[i % len(SPORTS)]
        km = 0.0 if sport == "Weight Training" else 5 + (i % 17)
        seconds = 1800 + 37 * (i % 90)
        _cell(row, "Activity ID", str(4_000_000_000 + i))
        _cell(row, "Activity Date", moment.strftime("%b %-d, %Y, %-I:%M:%S %p"))
        _cell(row, "Activity Name", f"{sport} {i}")
        _cell(row, "Activity Type", sport)
        _cell(row, "Elapsed Time", str(seconds))
        _cell(row, "Distance", f"{km:.2f}")
        _cell(row, "Elapsed Time", f"{seconds}.0", 1)
        _cell(row, "Moving Time", f"{seconds - 60}.0")
        _cell(row, "Distance", f"{km * 1000:.1f}", 1)
        _cell(row, "Average Heart Rate", str(130 + i % 40))
        if i < files:
            name = f"activities/{4_000_000_000 + i}{kinds[i % len(kinds)][0]}"
            names.append(name)
            if rows_name_files:
                _cell(row, "Filename", name)
        writer.writerow(row)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", out.getvalue())
        for i, name in enumerate(names):
            archive.writestr(name, kinds[i % len(kinds)][1])
    return buffer.getvalue()


def median_seconds(data: bytes, runs: int) -> tuple[float, int, int]:
    samples, found, messages = [], [], []
    for _ in range(runs):
        began = time.perf_counter()
        found, messages = read_activities(data, "export.zip", progress=lambda fraction: None)
        samples.append(time.perf_counter() - began)
    return statistics.median(samples), len(found), len(messages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for label, rows_name_files in (("as exported (rows name their files)", True), ("every file parsed", False)):
        data = build_export(args.rows, min(args.files, args.rows), rows_name_files)
        seconds, activities, messages = median_seconds(data, args.runs)
        print(f"{label:38s} {len(data) / 1e6:5.1f} MB zip, {activities:5,d} activities, {messages} messages: "
              f"median {seconds:.2f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
