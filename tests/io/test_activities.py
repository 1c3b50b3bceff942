"""The watch-file import (``core.io.activities``) on real files from public repositories (listed in
tests/data/README.md), each checked against an independent reading: Garmin's own FIT SDK for FIT, and
for GPX and TCX the XML read here with ``xml.etree`` (haversine sums and moving time, the laps' own
totals). Durations are the moving (timer) time: the same files with a pause put in show it. Then a
Strava-style activities.csv and zips built here, every kind of bad input, and arbitrary bytes."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import math
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import gpxpy.gpx
import pytest
from garmin_fit_sdk import Decoder, Stream
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import Activity, read_activities
from core.io import activities as module
from core.io.activities import sport_name, strava_date

DATA = Path(__file__).resolve().parent.parent / "data"
UTC = dt.UTC

ORIGINAL_SHA256 = {  # as listed in tests/data/README.md
    "2013-02-06-12-11-14.fit": "e72c0dcc3b0ad535f35ddd5db16ca057b04c96d8c5987c5b1dc546cdd9802d48",
    "garmin-fenix-5-run.fit": "db12d0986f3b707802480d6a79bc6bf5d3061010ffe98a1b99115dd44e75f5be",
    "garmin-fenix-5-walk.fit": "1a3e05a7379efc24c458080a3659b21c64b352ca1c5f7de13c687b3783835f38",
    "WorkoutIndividualSteps.fit": "bb46dcfbb60b6b069cc624ecd2899c83dda7188c65b4d33332d699bcfca21e54",
    "run_gpxtpx.gpx": "eca8163d69ad52aa2446d4426cf59125c60b9a9e699e18e2072306e7e6416848",
    "test.tcx": "75ef1eb3aad7a906471f17a1f5cf9c34af151b00f368625fae3921139dd48071",
}
FIT_FILES = ["2013-02-06-12-11-14.fit", "garmin-fenix-5-run.fit", "garmin-fenix-5-walk.fit"]

DISTANCE_TOLERANCE = 0.01  # GPX: 1 % between gpxpy's distance and a plain haversine sum
SECONDS_TOLERANCE = 1.0  # durations read two ways agree to a second
PAUSE_S = 600  # the pause put into a real file here: the watch stopped for 10 minutes


def original(name: str) -> bytes:
    """A test file as its repository holds it (the .gz copies unpacked)."""
    path = DATA / name
    return path.read_bytes() if path.exists() else gzip.decompress((DATA / f"{name}.gz").read_bytes())


def only(data: bytes, filename: str) -> Activity:
    found, messages = read_activities(data, filename)
    assert messages == [] and len(found) == 1, messages
    return found[0]


@pytest.mark.parametrize("name", sorted(ORIGINAL_SHA256))
def test_the_test_files_are_the_published_ones(name):
    assert hashlib.sha256(original(name)).hexdigest() == ORIGINAL_SHA256[name]


# ------------------------------------------------------------------ FIT, against Garmin's SDK


def garmin_session(data: bytes) -> dict:
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    (session,) = messages["session_mesgs"]
    return session


@pytest.mark.parametrize("name", FIT_FILES)
def test_fit_agrees_with_garmins_sdk(name):
    data = original(name)
    ours, sdk = only(data, name), garmin_session(data)
    assert ours.start == sdk["start_time"] and ours.start.utcoffset() == dt.timedelta(0)
    assert ours.distance_km == pytest.approx(sdk["total_distance"] / 1000, abs=0.001)
    assert ours.minutes * 60 == pytest.approx(sdk["total_timer_time"], abs=0.01)  # timer time, to its 1 ms
    assert ours.avg_heart_rate == sdk["avg_heart_rate"]
    assert ours.sport == {"running": "run", "walking": "walk"}[sdk["sport"]]
    assert ours.source == name


def test_fit_values():
    long_run = only(original("2013-02-06-12-11-14.fit"), "2013-02-06-12-11-14.fit")
    assert long_run == Activity(start=dt.datetime(2013, 2, 6, 12, 11, 14, tzinfo=UTC), sport="run",
                                distance_km=4.83538, minutes=pytest.approx(43.7523, abs=1e-3),
                                avg_heart_rate=147, rpe=None, name="", source="2013-02-06-12-11-14.fit")
    assert only(original("garmin-fenix-5-run.fit"), "r.fit").name == "Run"  # the sport message's name
    walk = only(original("garmin-fenix-5-walk.fit"), "w.fit")
    assert (walk.sport, walk.name, walk.avg_heart_rate) == ("walk", "Walk", 75)


def test_fit_session_rpe_and_names():
    """Recent Garmin files carry the session RPE as ``workout_rpe`` (0-100, ten times the 0-10 scale)."""
    session = {"start_time": dt.datetime(2026, 3, 1, 7, 0, tzinfo=UTC), "sport": "training",
               "sub_sport": "strength_training", "total_elapsed_time": 2400.0, "total_timer_time": 2100.0,
               "workout_rpe": 70, "avg_heart_rate": 118}
    activity = module._fit_activity(session, "Leg day", "s.fit", None)
    assert activity == Activity(start=session["start_time"], sport="strength", distance_km=0.0, minutes=35.0,
                                avg_heart_rate=118, rpe=7.0, name="Leg day", source="s.fit")
    assert module._fit_activity({**session, "workout_rpe": None}, "", "s.fit", None).rpe is None
    assert module._fit_activity({**session, "start_time": None}, "", "s.fit", None) is None


def garmin_laps(data: bytes) -> list[dict]:
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages["lap_mesgs"]


def fit_laps_with_a_pause(with_session: bool) -> bytes:
    """The 4.8 km run's laps (as Garmin's SDK reads them from the real file) in a FIT file built here,
    whose session has no timer time and whose elapsed time has a 10-minute pause added; without a
    session, two records span the run and the pause. Some apps write FIT files like these."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.lap_message import LapMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

    def millis(moment: dt.datetime) -> int:
        return round(moment.timestamp() * 1000)

    real = garmin_laps(original("2013-02-06-12-11-14.fit"))
    start, timer_s = real[0]["start_time"], sum(lap["total_timer_time"] for lap in real)
    end = real[-1]["timestamp"] + dt.timedelta(seconds=PAUSE_S)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 0x1234
    file_id.time_created = millis(start)
    messages: list = [file_id]
    for moment, metres in ((start, 0.0), (end, sum(lap["total_distance"] for lap in real))):
        record = RecordMessage()
        record.timestamp = millis(moment)
        record.distance = metres
        messages.append(record)
    for lap in real:
        message = LapMessage()
        message.start_time = millis(lap["start_time"])
        message.timestamp = millis(lap["timestamp"])
        message.total_elapsed_time = lap["total_elapsed_time"]
        message.total_timer_time = lap["total_timer_time"]
        message.total_distance = lap["total_distance"]
        messages.append(message)
    if with_session:
        session = SessionMessage()
        session.start_time = millis(start)
        session.timestamp = millis(end)
        session.sport = Sport.RUNNING
        session.total_elapsed_time = timer_s + PAUSE_S
        session.total_distance = sum(lap["total_distance"] for lap in real)
        session.first_lap_index = 0
        session.num_laps = len(real)
        messages.append(session)
    activity = ActivityMessage()
    activity.timestamp = millis(end)
    activity.num_sessions = int(with_session)
    messages.append(activity)
    builder = FitFileBuilder(auto_define=True)
    builder.add_all(messages)
    return bytes(builder.build().to_bytes())


@pytest.mark.parametrize("with_session", [True, False], ids=["session without timer time", "no session"])
def test_fit_without_a_session_timer_time_sums_its_laps(with_session):
    data = fit_laps_with_a_pause(with_session)
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == [] and len(messages.get("session_mesgs", [])) == int(with_session)
    if with_session:
        assert "total_timer_time" not in messages["session_mesgs"][0]
    laps_s = sum(lap["total_timer_time"] for lap in messages["lap_mesgs"])
    real_session_s = garmin_session(original("2013-02-06-12-11-14.fit"))["total_timer_time"]
    ours = only(data, "laps.fit")
    assert ours.minutes * 60 == pytest.approx(laps_s, abs=0.01)
    assert ours.minutes * 60 == pytest.approx(real_session_s, abs=0.01)  # what the real file's session says
    assert ours.distance_km == pytest.approx(4.83538, abs=0.001)


# ------------------------------------------------------------------ GPX, against a haversine sum

GPX_NS = {"g": "http://www.topografix.com/GPX/1/1"}


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def moving_seconds(root: ET.Element, stopped_kmh: float) -> float:
    """The time between consecutive points of each segment covered faster than stopped_kmh, read from
    the XML with haversine distances (with the climb where both points have an elevation, as gpxpy
    does); an interval over which the position did not change at all is neither moving nor stopped."""
    total = 0.0
    for segment in root.iterfind(".//g:trkseg", GPX_NS):
        points = [((float(p.get("lat")), float(p.get("lon"))), p.findtext("g:ele", namespaces=GPX_NS),
                   iso(p.findtext("g:time", namespaces=GPX_NS))) for p in segment.iterfind("g:trkpt", GPX_NS)]
        for (a, a_ele, a_time), (b, b_ele, b_time) in zip(points, points[1:], strict=False):
            seconds = (b_time - a_time).total_seconds()
            metres = haversine_m(a, b)
            if a_ele and b_ele:
                metres = math.hypot(metres, float(b_ele) - float(a_ele))
            if seconds > 0 and metres > 0 and metres / seconds * 3.6 > stopped_kmh:
                total += seconds
    return total


def test_gpx_threshold_is_gpxpys_own():
    assert module.GPX_STOPPED_KMH == gpxpy.gpx.DEFAULT_STOPPED_SPEED_THRESHOLD


def test_gpx_agrees_with_the_xml_itself():
    data = original("run_gpxtpx.gpx")
    ours = only(data, "run_gpxtpx.gpx")
    points = ET.fromstring(data).findall(".//g:trkpt", GPX_NS)
    where = [(float(p.get("lat")), float(p.get("lon"))) for p in points]
    when = [iso(p.findtext("g:time", namespaces=GPX_NS)) for p in points]
    beats = [int(e.text) for e in ET.fromstring(data).iter("{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}hr")]
    independent_m = sum(haversine_m(a, b) for a, b in zip(where, where[1:], strict=False))
    assert ours.distance_km * 1000 == pytest.approx(independent_m, rel=DISTANCE_TOLERANCE)
    assert ours.start == min(when)
    elapsed_s = (max(when) - min(when)).total_seconds()
    moving_s = moving_seconds(ET.fromstring(data), module.GPX_STOPPED_KMH)
    assert ours.minutes * 60 == pytest.approx(moving_s, abs=SECONDS_TOLERANCE)
    assert ours.minutes * 60 < elapsed_s - 60  # the run has stops (one of 140 s), which are left out
    assert 3 < ours.minutes / ours.distance_km < 8  # minutes a km: a running pace
    assert ours.avg_heart_rate == round(sum(beats) / len(beats))
    assert ours.name == "Greeting SF with a dumb, dumb route"
    assert ours.sport == "unknown"  # a 2015 Strava GPX has no <type>


def test_gpx_types_and_times():
    track = ('<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Lunch Run</name>'
             "<type>{kind}</type><trkseg><trkpt lat=\"52.0\" lon=\"13.0\"><time>2024-05-01T12:00:00+02:00</time>"
             '</trkpt><trkpt lat="52.01" lon="13.0"><time>2024-05-01T12:06:00+02:00</time></trkpt>'
             "</trkseg></trk></gpx>")
    strava = only(track.format(kind="9").encode(), "lunch.gpx")
    assert strava.sport == "run" and strava.start == dt.datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    assert strava.minutes == 6 and strava.distance_km == pytest.approx(1.112, abs=0.01)
    assert only(track.format(kind="running").encode(), "g.gpx").sport == "run"
    assert only(track.format(kind="hiking").encode(), "g.gpx").sport == "hike"
    assert only(b"   \n" + track.format(kind="1").encode(), "g.gpx").sport == "ride"  # leading blanks


def test_gpx_stops_are_left_out_and_a_track_that_never_moves_keeps_its_span():
    def gpx(*points: tuple[float, str]) -> bytes:
        return ('<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
                + "".join(f'<trkpt lat="{lat}" lon="13.0"><time>2024-05-01T12:{clock}Z</time></trkpt>'
                          for lat, clock in points)
                + "</trkseg></trk></gpx>").encode()

    # 1.1 km in 6 minutes, then 10 minutes drifting 5 m (0.03 km/h) while waiting at a crossing
    stop = only(gpx((52.0, "00:00"), (52.01, "06:00"), (52.010045, "16:00")), "stop.gpx")
    assert stop.minutes == 6
    treadmill = only(gpx((52.0, "00:00"), (52.0, "15:00"), (52.0, "30:00")), "treadmill.gpx")  # one position
    assert treadmill.minutes == 30


# ------------------------------------------------------------------ TCX, against its own laps

TCX_NS = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}


def lap_seconds(root: ET.Element) -> float:
    return sum(float(lap.findtext("t:TotalTimeSeconds", namespaces=TCX_NS)) for lap in root.iterfind(".//t:Lap", TCX_NS))


def track_span_seconds(root: ET.Element) -> float:
    times = [iso(t.text) for t in root.iterfind(".//t:Trackpoint/t:Time", TCX_NS)]
    return (max(times) - min(times)).total_seconds()


def test_tcx_agrees_with_its_laps():
    data = original("test.tcx")
    ours = only(data, "test.tcx")
    root = ET.fromstring(data)
    laps = root.findall(".//t:Lap", TCX_NS)
    lap_m = sum(float(lap.findtext("t:DistanceMeters", namespaces=TCX_NS)) for lap in laps)
    beats = [int(v.text) for v in root.findall(".//t:Trackpoint/t:HeartRateBpm/t:Value", TCX_NS)]
    assert len(laps) == 3
    assert ours.distance_km * 1000 == pytest.approx(lap_m, abs=0.5)
    assert ours.minutes * 60 == pytest.approx(lap_seconds(root), abs=1e-6)  # the laps' timer time
    assert ours.minutes * 60 == pytest.approx(track_span_seconds(root), abs=SECONDS_TOLERANCE)  # no pauses
    assert ours.start == iso(root.findtext(".//t:Activity/t:Id", namespaces=TCX_NS))
    assert ours.avg_heart_rate == round(sum(beats) / len(beats))
    assert ours.sport == "run" and ours.name == ""


def tcx_edited(edit) -> bytes:
    """The real TCX file, edited by edit(root) and written out again."""
    ET.register_namespace("", TCX_NS["t"])
    root = ET.fromstring(original("test.tcx"))
    edit(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def test_tcx_duration_is_the_timer_time_not_the_span():
    """The last lap's points moved 10 minutes later, as a watch paused at a crossing writes them: the
    laps' timer time stays, the span between the first and last point grows by the pause."""
    def pause_before_the_last_lap(root: ET.Element) -> None:
        last = root.findall(".//t:Lap", TCX_NS)[-1]
        for time in last.iterfind(".//t:Time", TCX_NS):
            time.text = (iso(time.text) + dt.timedelta(seconds=PAUSE_S)).strftime("%Y-%m-%dT%H:%M:%SZ")

    data = tcx_edited(pause_before_the_last_lap)
    root = ET.fromstring(data)
    ours = only(data, "paused.tcx")
    assert track_span_seconds(root) == pytest.approx(track_span_seconds(ET.fromstring(original("test.tcx"))) + PAUSE_S)
    assert ours.minutes * 60 == pytest.approx(lap_seconds(root), abs=1e-6)
    assert ours.minutes * 60 < track_span_seconds(root) - PAUSE_S + SECONDS_TOLERANCE


@pytest.mark.parametrize("laps_without", [slice(None), slice(1, 2)], ids=["no lap", "one lap"])
def test_tcx_without_lap_times_falls_back_to_the_span(laps_without):
    def drop_lap_times(root: ET.Element) -> None:
        for lap in root.findall(".//t:Lap", TCX_NS)[laps_without]:
            lap.remove(lap.find("t:TotalTimeSeconds", TCX_NS))

    data = tcx_edited(drop_lap_times)
    assert only(data, "old.tcx").minutes * 60 == pytest.approx(track_span_seconds(ET.fromstring(data)), abs=1e-6)


def test_strava_tcx_with_leading_spaces_reads():
    """Strava's TCX exports begin with blanks before the XML declaration, which XML parsers refuse."""
    assert only(b"          " + original("test.tcx"), "strava.tcx").distance_km == pytest.approx(4.689, abs=0.001)


# ------------------------------------------------------------------ Strava's activities.csv

STRAVA_HEADER_LINE = (DATA / "strava_activities_header.csv").read_text().strip()
"""The real header of a Strava bulk export's activities.csv, in its order (names repeat)."""
STRAVA_HEADER = next(csv.reader([STRAVA_HEADER_LINE]))


def strava_row(**cells: str) -> list[str]:
    """A row under STRAVA_HEADER; a repeated column is named with its occurrence (Distance_2 is the
    second Distance column, in metres)."""
    row = [""] * len(STRAVA_HEADER)
    for key, value in cells.items():
        words = key.split("_")
        occurrence = int(words.pop()) if words[-1].isdigit() else 1
        positions = [i for i, column in enumerate(STRAVA_HEADER) if column == " ".join(words)]
        row[positions[occurrence - 1]] = value
    return row


STRAVA_ROWS = [
    strava_row(Activity_ID="101", Activity_Date="Jan 5, 2024, 7:02:11 AM", Activity_Name="Vest run, 10 kg",
               Activity_Type="Run", Elapsed_Time_1="3000", Distance_1="8.02", Elapsed_Time_2="3000.0",
               Moving_Time="2880.0", Distance_2="8021.5", Average_Heart_Rate="151.4", Perceived_Exertion="6",
               Filename="activities/garmin-fenix-5-walk.fit"),
    strava_row(Activity_ID="102", Activity_Date="Jan 6, 2024, 6:30:00\u202fPM", Activity_Name="Hills",
               Activity_Type="Trail Run", Elapsed_Time_1="4200", Distance_1="12.5"),  # an older row: km only
    strava_row(Activity_ID="103", Activity_Date="Jan 7, 2024, 5:00:00 PM", Activity_Name="Deadlifts",
               Activity_Type="Weight Training", Elapsed_Time_1="2700", Elapsed_Time_2="2700.0",
               Moving_Time="2700.0", Perceived_Exertion="8"),
    strava_row(Activity_ID="104", Activity_Date="Jan 8, 2024, 12:15:00 PM", Activity_Name="Commute",
               Activity_Type="Ride", Elapsed_Time_1="1500", Distance_1="9.96", Elapsed_Time_2="1500.0",
               Moving_Time="1380.0", Distance_2="9960.0"),
    strava_row(Activity_ID="105", Activity_Date="sometime in January", Activity_Name="Lost", Activity_Type="Run"),
    [""] * len(STRAVA_HEADER),  # a blank line: not an activity, and nothing wrong
    strava_row(Activity_ID="106", Activity_Date="Jan 9, 2024, 6:00:00 AM", Activity_Name="Treadmill",
               Activity_Type="Virtual Run", Elapsed_Time_1="1800", Distance_1="5.0", Distance_2="5000.0"),
]


def strava_csv(rows=STRAVA_ROWS, header=STRAVA_HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def test_strava_header_has_its_repeated_columns():
    assert STRAVA_HEADER.count("Distance") == 2 and STRAVA_HEADER.count("Elapsed Time") == 2
    assert strava_row(Distance_2="5000.0")[17] == "5000.0" and strava_row(Distance="5.0")[6] == "5.0"


def test_strava_csv():
    found, messages = read_activities(strava_csv(), "activities.csv")
    assert [a.name for a in found] == ["Vest run, 10 kg", "Hills", "Deadlifts", "Commute", "Treadmill"]
    run, hills, lifts, ride, treadmill = found
    assert run == Activity(start=dt.datetime(2024, 1, 5, 7, 2, 11, tzinfo=UTC), sport="run", distance_km=8.0215,
                           minutes=48.0, avg_heart_rate=151, rpe=6.0, name="Vest run, 10 kg", source="activities.csv")
    assert (hills.sport, hills.distance_km, hills.minutes) == ("run", 12.5, 70.0)  # first Distance, in km
    assert hills.start == dt.datetime(2024, 1, 6, 18, 30, tzinfo=UTC)  # a narrow no-break space before PM
    assert (lifts.sport, lifts.distance_km, lifts.minutes, lifts.rpe) == ("strength", 0.0, 45.0, 8.0)
    assert (ride.sport, ride.distance_km, ride.minutes) == ("ride", 9.96, 23.0)
    assert treadmill.sport == "run"
    assert messages == ["activities.csv: 1 row could not be read and was left out (row 6): each row needs an "
                        "Activity Date like 'Jan 5, 2024, 7:02:11 AM'."]


def test_strava_csv_saved_by_a_spreadsheet():
    """Excel in much of Europe saves with ';' between cells and ',' in numbers."""
    header = ["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Elapsed Time", "Distance"]
    text = ";".join(header) + "\r\n" + '7;"Feb 1, 2024, 7:00:00 AM";Easy;Run;1800;5,25\r\n'
    (activity,) = read_activities(("\ufeff" + text).encode("utf-8"), "export.csv")[0]
    assert (activity.distance_km, activity.minutes, activity.name) == (5.25, 30.0, "Easy")


@pytest.mark.parametrize(("text", "expected"), [
    ("Jan 5, 2024, 7:02:11 AM", dt.datetime(2024, 1, 5, 7, 2, 11, tzinfo=UTC)),
    ("Dec 31, 2023, 11:59:59 PM", dt.datetime(2023, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ("Oct 7, 2020, 2:43:11\u202fPM", dt.datetime(2020, 10, 7, 14, 43, 11, tzinfo=UTC)),
    ("2024-01-05 07:02:11", dt.datetime(2024, 1, 5, 7, 2, 11, tzinfo=UTC)),
    ("", None), ("Jan 32, 2024, 7:02:11 AM", None),
])
def test_strava_dates(text, expected):
    assert strava_date(text) == expected


@pytest.mark.parametrize(("said", "ours"), [
    ("Run", "run"), ("Trail Run", "run"), ("Virtual Run", "run"), ("VirtualRun", "run"), ("running", "run"),
    ("treadmill_running", "run"), ("Ride", "ride"), ("cycling", "ride"), ("Walk", "walk"), ("walking", "walk"),
    ("Hike", "hike"), ("Swim", "swim"), ("lap_swimming", "swim"), ("Weight Training", "strength"),
    ("strength_training", "strength"), ("Rowing", "row"), ("Yoga", "yoga"), ("Alpine Ski", "alpine_ski"),
    ("", "unknown"), (None, "unknown"), (42, "unknown"),
])
def test_sport_names(said, ours):
    assert sport_name(said) == ours


# ------------------------------------------------------------------ a bulk export as a zip

JUNK_SENTENCE = "export.zip: 3 files that are not activities were left out (notes.txt, media/photo.jpg, profile.csv)."


def bulk_export() -> bytes:
    """A Strava-style export: activities.csv, real activity files (plain and .gz), and junk."""
    fit = original("2013-02-06-12-11-14.fit")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", strava_csv())
        archive.writestr("activities/2013-02-06-12-11-14.fit", fit)
        archive.writestr("activities/garmin-fenix-5-run.fit.gz", gzip.compress(original("garmin-fenix-5-run.fit")))
        archive.writestr("activities/garmin-fenix-5-walk.fit", original("garmin-fenix-5-walk.fit"))  # row 101's file
        archive.writestr("activities/run_gpxtpx.gpx.gz", (DATA / "run_gpxtpx.gpx.gz").read_bytes())
        archive.writestr("activities/test.tcx.gz", (DATA / "test.tcx.gz").read_bytes())
        archive.writestr("activities/half.fit", fit[: len(fit) // 2])
        archive.writestr("activities/noise.gpx.gz", b"\x1f\x8b\x08\x00 not really gzip")
        archive.writestr("activities/empty.tcx", b"")
        archive.writestr("notes.txt", b"remember the vest")
        archive.writestr("media/photo.jpg", b"\xff\xd8\xff\xe0 jpeg")
        archive.writestr("profile.csv", b"Athlete ID,Email\n1,a@b.c\n")
        archive.writestr("__MACOSX/activities/._test.tcx.gz", b"resource fork")
        archive.writestr("activities/", b"")
    return buffer.getvalue()


def test_bulk_export_zip():
    calls: list[float] = []
    found, messages = read_activities(bulk_export(), "export.zip", progress=calls.append)
    by_source = {a.source: a for a in found}
    assert sorted(a.source for a in found) == sorted([
        *["export.zip/activities.csv"] * 5,
        "export.zip/activities/2013-02-06-12-11-14.fit",
        "export.zip/activities/garmin-fenix-5-run.fit.gz",
        "export.zip/activities/run_gpxtpx.gpx.gz",
        "export.zip/activities/test.tcx.gz",
    ])  # the CSV's five rows and four files: the walk is row 101's own file, so its row stands for it
    assert "export.zip/activities/garmin-fenix-5-walk.fit" not in by_source
    assert by_source["export.zip/activities/garmin-fenix-5-run.fit.gz"].distance_km == pytest.approx(0.15756)
    assert by_source["export.zip/activities/test.tcx.gz"].sport == "run"
    assert [a.start for a in found] == sorted(a.start for a in found)
    assert messages == [
        "activities.csv (in export.zip): 1 row could not be read and was left out (row 6): each row needs an "
        "Activity Date like 'Jan 5, 2024, 7:02:11 AM'.",
        "activities/half.fit (in export.zip) could not be read: it is not a complete FIT file "
        "(it may be damaged or cut short).",
        "activities/noise.gpx.gz (in export.zip) could not be read: it is not a complete gzip file "
        "(it may be damaged or cut short).",
        "activities/empty.tcx (in export.zip) is empty.",
        JUNK_SENTENCE,
    ]
    assert calls and calls[-1] == 1.0 and calls == sorted(calls) and all(0 <= c <= 1 for c in calls)
    assert len(calls) >= 5  # one step per member at least


def test_a_row_that_cannot_be_read_leaves_its_file_to_be_read():
    rows = [strava_row(Activity_Date="not a date", Activity_Type="Walk", Filename="activities/walk.fit")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export_1/activities.csv", strava_csv(rows))
        archive.writestr("export_1/activities/walk.fit", original("garmin-fenix-5-walk.fit"))
    found, messages = read_activities(buffer.getvalue(), "export_1.zip")
    assert [a.sport for a in found] == ["walk"] and len(messages) == 1


def test_garmin_export_zip_in_a_zip():
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        for name in FIT_FILES:
            archive.writestr(name, original(name))
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue())
    found, messages = read_activities(outer.getvalue(), "garmin.zip")
    assert messages == [] and sorted(a.sport for a in found) == ["run", "run", "walk"]


# ------------------------------------------------------------------ bad input: words, never a traceback


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
BAD_FILES = {
    "damaged": (lambda: original("2013-02-06-12-11-14.fit")[:8962], "morning.fit",
                "morning.fit could not be read: it is not a complete FIT file (it may be damaged or cut short)."),
    "gpx named .fit": (lambda: original("run_gpxtpx.gpx"), "morning.fit",
                       "morning.fit could not be read: it is not a FIT file."),
    "png named .tcx": (lambda: PNG, "laps.tcx", "laps.tcx could not be read: it is not a TCX file."),
    "tcx named .gpx": (lambda: original("test.tcx"), "track.gpx", "track.gpx could not be read: it is not a GPX file."),
    "empty": (lambda: b"", "empty.gpx", "empty.gpx is empty."),
    "unknown extension": (lambda: b"some text", "week.docx",
                          "week.docx is not a file this app imports: it reads FIT, GPX and TCX files, Strava's "
                          "activities.csv, and .zip exports holding them."),
    "not a zip": (lambda: PNG, "export.zip",
                  "export.zip could not be read: it is not a complete zip file (it may be damaged or cut short)."),
    "cut-short zip": (lambda: bulk_export()[:-200], "export.zip",
                      "export.zip could not be read: it is not a complete zip file (it may be damaged or cut short)."),
    "not a strava csv": (lambda: b"Athlete ID,Email\n1,a@b.c\n", "profile.csv",
                         "profile.csv could not be read: it is not a Strava activities.csv (it has no "
                         "'Activity Date' and 'Activity Type' columns)."),
    "header only": (lambda: strava_csv(rows=[]), "activities.csv",
                    "activities.csv has no activities in it: it holds only its header row."),
    "bad gzip": (lambda: b"\x1f\x8b\x08\x00\x00", "run.gpx.gz",
                 "run.gpx.gz could not be read: it is not a complete gzip file (it may be damaged or cut short)."),
    "gpx with no times": (lambda: b'<gpx version="1.1"><rte><rtept lat="1" lon="2"/></rte></gpx>', "route.gpx",
                          "route.gpx has no timed track points, so it cannot be placed on a date (it may be a "
                          "planned route rather than a recorded activity)."),
    "workout fit": (lambda: original("WorkoutIndividualSteps.fit"), "intervals.fit",
                    "intervals.fit has no recorded activity in it (it may be a workout, course or settings file)."),
    "empty zip": (lambda: zipped({}), "export.zip", "export.zip has no files in it."),
    "zip of junk": (lambda: zipped({"notes.txt": b"x", "media/photo.jpg": PNG, "profile.csv": b"a,b\n"}),
                    "export.zip", JUNK_SENTENCE),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_get_one_sentence_of_ours(case):
    make, filename, sentence = BAD_FILES[case]
    found, messages = read_activities(make(), filename)
    assert found == [] and messages == [sentence]
    assert filename in sentence


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_in_a_zip_leave_the_good_ones(case):
    make, filename, sentence = BAD_FILES[case]
    data = make()
    good = original("garmin-fenix-5-run.fit")
    name = f"bad/{filename}"
    found, messages = read_activities(zipped({"good/run.fit": good, name: data}), "upload.zip")
    assert [a.source for a in found] == ["upload.zip/good/run.fit"]
    assert len(messages) == 1 and name in messages[0] and "upload.zip" in messages[0]


def test_oversize_file(monkeypatch):
    monkeypatch.setattr(module, "MAX_FILE_BYTES", 8192)
    assert read_activities(original("2013-02-06-12-11-14.fit"), "big.fit") == (
        [], ["big.fit is too large to import (it is over 8,192 bytes)."])
    members = {"activities/big.fit": original("2013-02-06-12-11-14.fit"),
               "activities/big.tcx.gz": (DATA / "test.tcx.gz").read_bytes(),  # 12 KB packed, 184 KB unpacked
               "activities/small.fit": original("garmin-fenix-5-run.fit")}
    found, messages = read_activities(zipped(members), "export.zip")
    assert [a.source for a in found] == ["export.zip/activities/small.fit"]
    assert messages == [
        "activities/big.fit (in export.zip) is too large to import (it unpacks to over 8,192 bytes).",
        "activities/big.tcx.gz (in export.zip) is too large to import (it unpacks to over 8,192 bytes).",
    ]


def test_zip_bomb_stops_at_the_budget(monkeypatch):
    """A member whose header understates its size, or many that add up: reading stops at the cap."""
    monkeypatch.setattr(module, "MAX_UNCOMPRESSED_BYTES", 3 * module.MB)
    zeros = bytes(2 * module.MB)  # compresses to about 2 KB
    found, messages = read_activities(zipped({"a/run.fit": original("garmin-fenix-5-run.fit"), "a/1.gpx": zeros,
                                              "a/2.gpx": zeros, "a/3.gpx": zeros}), "bomb.zip")
    assert [a.source for a in found] == ["bomb.zip/a/run.fit"]
    assert messages == [
        "a/1.gpx (in bomb.zip) could not be read: it is not a GPX file.",
        "The upload unpacks to more than 3 MB, so a/2.gpx (in bomb.zip) and anything after it were not read.",
    ]


def test_a_zip_whose_header_lies_about_sizes(monkeypatch):
    monkeypatch.setattr(module, "MAX_FILE_BYTES", 64 * 1024)
    data = bytearray(zipped({"a/bomb.gpx": bytes(1024 * 1024)}))
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # claim 100 bytes in both the local and central headers
        at = data.index(header)
        size_at = at + (22 if header == b"PK\x03\x04" else 24)
        data[size_at:size_at + 4] = (100).to_bytes(4, "little")
    found, messages = read_activities(bytes(data), "liar.zip")
    assert found == [] and len(messages) == 1 and "a/bomb.gpx (in liar.zip)" in messages[0]


def test_too_many_members(monkeypatch):
    monkeypatch.setattr(module, "MAX_MEMBERS", 2)
    members = {f"activities/{i}.fit": original("garmin-fenix-5-run.fit") for i in range(4)}
    found, messages = read_activities(zipped(members), "many.zip")
    assert len(found) == 2 and messages == ["many.zip holds 4 files; only the first 2 were read."]


def test_password_protected_member():
    data = bytearray(zipped({"good.fit": original("garmin-fenix-5-run.fit"), "secret.fit": bytes(40)}))
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):  # local, central
        at = data.index(signature, data.index(signature) + 1)  # the second member's header
        assert data[at + name_at:at + name_at + 10] == b"secret.fit"
        data[at + flag_at] |= 0x1  # the encryption bit, as a password-protected export carries it
    found, messages = read_activities(bytes(data), "locked.zip")
    assert len(found) == 1 and messages == ["secret.fit (in locked.zip) could not be read: it is password-protected."]


def test_zips_nested_too_deep():
    deepest = zipped({"run.fit": original("garmin-fenix-5-run.fit")})
    found, messages = read_activities(zipped({"b.zip": zipped({"c.zip": deepest})}), "a.zip")
    assert found == [] and messages == [
        "c.zip (in b.zip (in a.zip)) was not read: zips nested more than 2 deep are not opened."]


def test_a_fit_header_alone():
    header = original("garmin-fenix-5-run.fit")[:14]
    assert read_activities(header, "settings.fit") == (
        [], ["settings.fit could not be read: it is not a complete FIT file (it may be damaged or cut short)."])


def test_no_library_text_reaches_the_user():
    damaged = original("2013-02-06-12-11-14.fit")
    for data, name in ((damaged[:100], "a.fit"), (damaged[:5000] + bytes(5000), "b.fit"), (b"<gpx", "c.gpx"),
                       (b"<TrainingCenterDatabase>", "d.tcx"), (b"\x00" * 10, "e.csv"), (b"PK\x05\x06" + bytes(18), "f.zip")):
        for message in read_activities(data, name)[1]:
            assert message.startswith(name) and message.endswith(".")
            assert not any(word in message for word in ("Error", "Exception", "expected", "@", "line 1", "Traceback"))


def test_progress_reports_rows_of_a_big_csv():
    rows = [strava_row(Activity_Date="Jan 5, 2024, 7:02:11 AM", Activity_Type="Run", Distance_1="5")] * 500
    calls: list[float] = []
    found, _ = read_activities(strava_csv(rows), "activities.csv", progress=calls.append)
    assert len(found) == 500 and len(calls) >= 5 and calls == sorted(calls) and calls[-1] == 1.0


def test_a_failing_progress_callback_is_not_blamed_on_the_file():
    def broken(fraction: float) -> None:
        raise ValueError("the caller's own bug")

    with pytest.raises(ValueError, match="caller's own bug"):
        read_activities(bulk_export(), "export.zip", progress=broken)


# ------------------------------------------------------------------ whatever the bytes

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENSIONS = [".fit", ".gpx", ".tcx", ".csv", ".zip", ".txt"]


def check_answer(found, messages) -> None:
    assert isinstance(found, list) and all(isinstance(a, Activity) for a in found)
    assert isinstance(messages, list) and all(isinstance(m, str) and m for m in messages)
    for activity in found:
        assert activity.start.tzinfo is not None
        assert math.isfinite(activity.distance_km) and activity.distance_km >= 0
        assert math.isfinite(activity.minutes) and activity.minutes >= 0


@SETTINGS
@given(data=st.binary(max_size=4096), extension=st.sampled_from(EXTENSIONS))
def test_any_bytes_never_raise(data, extension):
    check_answer(*read_activities(data, f"upload{extension}"))


REAL = [original(name) for name in (*FIT_FILES, "test.tcx")] + [strava_csv()]


@SETTINGS
@given(base=st.sampled_from(REAL), cut=st.integers(0, 20_000), flips=st.lists(st.integers(0, 20_000), max_size=4),
       extension=st.sampled_from(EXTENSIONS))
def test_damaged_real_files_never_raise(base, cut, flips, extension):
    data = bytearray(base[: cut or None])
    for at in flips:
        if data:
            data[at % len(data)] ^= 0xFF
    check_answer(*read_activities(bytes(data), f"upload{extension}"))


@SETTINGS
@given(members=st.dictionaries(st.sampled_from(["a.fit", "b.gpx", "c.tcx.gz", "activities.csv", "d.zip", "e.txt",
                                                "f/g.fit.gz", "../h.fit", "/abs.gpx"]),
                               st.one_of(st.binary(max_size=512), st.sampled_from(REAL)), max_size=5))
def test_any_zip_never_raises(members):
    check_answer(*read_activities(zipped(members), "upload.zip"))
