"""Watch and app exports read into activities: FIT, GPX and TCX files, Strava's bulk-export
``activities.csv``, and ``.zip`` (or ``.gz``) bundles of them, such as a Strava or Garmin export.

This module owns turning uploaded bytes into ``Activity`` rows, and the one plain sentence per file
that could not be used. The formats are read by their libraries (fitdecode, gpxpy, tcxreader and the
csv module; a TCX file's lap timer times, which tcxreader does not keep, with xml.etree); what is ours
is the mapping onto our fields, the limits that keep a hostile upload (a zip bomb, a huge file) from
exhausting memory, and the words: a library's exception text never reaches the user.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import math
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import fitdecode  # type: ignore[import-untyped]
import gpxpy
import gpxpy.gpx
from tcxreader.tcxreader import TCXReader  # type: ignore[import-untyped]

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
"""One activity file (after unpacking): a long ultra's FIT file is a few MB, its GPX some tens."""
MAX_UNCOMPRESSED_BYTES = 200 * MB
"""Everything one upload unpacks to, zip members and gzip contents together (the zip-bomb guard)."""
MAX_MEMBERS = 20_000
"""Files read from one zip: years of daily activities, with room for the export's other files."""
MAX_ZIP_DEPTH = 2
"""A zip, and zips inside it (Garmin's export packs its FIT files in zips inside the zip)."""

GPX_STOPPED_KMH = 1.0
"""A GPX's moving time counts the time between consecutive points of a segment whose speed is above
this (km/h): gpxpy's own default (``gpxpy.gpx.DEFAULT_STOPPED_SPEED_THRESHOLD``), named here so that it
is ours to see. gpxpy leaves out, from moving and stopped time alike, intervals over which the position
did not change at all; the gaps between segments are not counted either."""

UNKNOWN_SPORT = "unknown"
"""The sport of an activity whose file does not say (a GPX track without a type, say)."""

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".csv", ".zip")
_KINDS = {".fit": "FIT", ".gpx": "GPX", ".tcx": "TCX", ".csv": "CSV", ".zip": "zip"}
_SKIPPED_NAMES = ("__macosx/", ".ds_store", "thumbs.db")
_NAMED_JUNK = 5  # how many left-out zip members a message names


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded session, in our units, whatever file it came from.

    ``start`` is timezone-aware (UTC where the file gives UTC, as exports do); ``rpe`` is the session
    RPE (0-10) when the file holds one; ``source`` names the file it came from
    (``export.zip/activities/1.fit.gz`` for a zip member), for messages and de-duplication.

    ``minutes`` is the moving (timer) time, not the elapsed span, wherever the file allows:

    - FIT: the session's ``total_moving_time``, else its ``total_timer_time``, else the sum of its
      laps' ``total_timer_time``, else its ``total_elapsed_time``; a file without a session message:
      its laps' timer time, else the span of its records.
    - TCX: the sum of the laps' ``TotalTimeSeconds`` (the timer time the watch wrote), when every lap
      has it; else the span from the first to the last track point.
    - GPX (points only): gpxpy's moving time, the time between consecutive points of a segment moving
      faster than ``GPX_STOPPED_KMH``; the span from the first to the last point when nothing moved.
    - Strava's activities.csv: its ``Moving Time``, else its ``Elapsed Time``.
    """

    start: dt.datetime
    sport: str
    distance_km: float
    minutes: float
    avg_heart_rate: int | None = None
    rpe: float | None = None
    name: str = ""
    source: str = ""


class _Refused(Exception):
    """A file we will not import, with the sentence that says why (ours, never a library's)."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


# ------------------------------------------------------------------ small pure helpers


def _utc(moment: dt.datetime) -> dt.datetime:
    """A moment as timezone-aware UTC; a naive one is taken to be UTC already, as exports store it.

    >>> _utc(dt.datetime(2024, 1, 5, 7, 2)).isoformat()
    '2024-01-05T07:02:00+00:00'
    >>> _utc(dt.datetime(2024, 1, 5, 8, 2, tzinfo=dt.timezone(dt.timedelta(hours=1)))).isoformat()
    '2024-01-05T07:02:00+00:00'
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _words(text: str) -> str:
    """A sport as the file spells it, in snake case: 'Trail Run' and 'TrailRun' -> 'trail_run'.

    >>> _words("TrailRun"), _words("Weight Training"), _words("open_water_swimming")
    ('trail_run', 'weight_training', 'open_water_swimming')
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text.strip())
    return re.sub(r"[^a-z0-9]+", "_", spaced.lower()).strip("_")


_SPORTS = {
    "run": ("run", "running", "trail_run", "trail_running", "virtual_run", "virtual_running", "treadmill",
            "treadmill_running", "track_running", "indoor_running", "street_running", "ultra_run"),
    "walk": ("walk", "walking", "casual_walking", "speed_walking", "indoor_walking", "virtual_walk"),
    "hike": ("hike", "hiking"),
    "ride": ("ride", "cycling", "biking", "virtual_ride", "virtual_biking", "e_bike_ride", "ebike_ride",
             "e_biking", "mountain_bike_ride", "e_mountain_bike_ride", "gravel_ride", "road_biking",
             "mountain_biking", "indoor_cycling", "gravel_cycling", "cyclocross", "commuting"),
    "swim": ("swim", "swimming", "lap_swimming", "open_water_swimming", "pool_swim", "open_water_swim"),
    "strength": ("strength", "weight_training", "strength_training", "weightlifting"),
    "row": ("row", "rowing", "indoor_rowing", "virtual_row"),
}
_SPORT_OF = {spelling: sport for sport, spellings in _SPORTS.items() for spelling in spellings}

_STRAVA_GPX_TYPES = {
    "1": "ride", "2": "alpine_skiing", "3": "backcountry_skiing", "4": "hike", "5": "ice_skating",
    "6": "inline_skating", "7": "cross_country_skiing", "8": "roller_skiing", "9": "run", "10": "walk",
    "11": "workout", "12": "snowboarding", "13": "snowshoeing", "14": "kitesurfing", "15": "windsurfing",
    "16": "swim", "17": "ride", "18": "ride", "19": "velomobile", "21": "paddling", "22": "kayaking",
    "23": "row", "24": "stand_up_paddling", "25": "surfing", "26": "crossfit", "27": "elliptical",
    "28": "rock_climbing", "29": "stair_stepper", "30": "strength", "31": "yoga", "51": "handcycling",
    "52": "wheelchair", "53": "run",
}
"""Strava writes a GPX track's type as a number; the same numbers rainbow-roads reads."""


def sport_name(text: object) -> str:
    """Our sport for what a file calls it: 'run' for any running, else the file's word, normalised.

    >>> [sport_name(s) for s in ("Run", "Trail Run", "VirtualRun", "running", "Ride", "cycling")]
    ['run', 'run', 'run', 'run', 'ride', 'ride']
    >>> [sport_name(s) for s in ("Weight Training", "Walk", "Alpine Ski", "", None)]
    ['strength', 'walk', 'alpine_ski', 'unknown', 'unknown']
    """
    if not isinstance(text, str):
        return UNKNOWN_SPORT
    words = _words(text)
    return _SPORT_OF.get(words, words) or UNKNOWN_SPORT


def _fit_sport(sport: object, sub_sport: object) -> str:
    """A FIT session's sport; a generic or equipment sport is named by its sub-sport.

    >>> _fit_sport("running", "trail"), _fit_sport("training", "strength_training")
    ('run', 'strength')
    >>> _fit_sport("fitness_equipment", "indoor_rowing"), _fit_sport("training", "generic")
    ('row', 'training')
    """
    name = sport_name(sport)
    vague = name in ("generic", "training", "fitness_equipment", UNKNOWN_SPORT)
    if vague and isinstance(sub_sport, str) and sub_sport not in ("generic", "all"):
        return sport_name(sub_sport)
    return name


def _finite(value: object, low: float = 0.0, high: float = math.inf) -> float | None:
    """A number in [low, high], or None for anything else (text, NaN, infinity, out of range).

    >>> _finite(5), _finite("5"), _finite(float("nan")), _finite(-1), _finite(True)
    (5.0, None, None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and low <= number <= high else None


def _heart_rate(value: object) -> int | None:
    """A plausible average heart rate in beats a minute, or None.

    >>> _heart_rate(147.6), _heart_rate(0), _heart_rate(None)
    (148, None, None)
    """
    bpm = _finite(value, 20, 260)
    return None if bpm is None else int(round(bpm))


def _rpe(value: object) -> float | None:
    """A session RPE on the 0-10 scale, or None.

    >>> _rpe(7), _rpe(11), _rpe(None)
    (7.0, None, None)
    """
    return _finite(value, 0, 10)


def _minutes(*seconds: object) -> float:
    """The first positive duration of those given (moving before elapsed), in minutes; 0 if none.

    >>> _minutes(None, 0, 2625.14), _minutes()
    (43.75233333333333, 0.0)
    """
    for value in seconds:
        number = _finite(value)
        if number:
            return number / 60
    return 0.0


def _number(text: str, decimal_comma: bool = False) -> float | None:
    """A number from a CSV cell ('5601', '5601.0', '1,234.5'; '18,96' where commas are decimal).

    >>> _number("5601.0"), _number("1,234.5"), _number("18,96", decimal_comma=True), _number(""), _number("nan")
    (5601.0, 1234.5, 18.96, None, None)
    """
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    text = text.replace(",", ".") if decimal_comma else text.replace(",", "")
    try:
        return _finite(float(text))
    except ValueError:
        return None


_STRAVA_DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%b %d, %Y %I:%M:%S %p", "%d %b %Y, %H:%M:%S",
                        "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z")


def strava_date(text: str) -> dt.datetime | None:
    """The UTC start in a Strava ``Activity Date`` cell ('Jan 5, 2024, 7:02:11 AM'), or None.

    Newer exports put a narrow no-break space before AM/PM; it reads the same.

    >>> strava_date("Jan 5, 2024, 7:02:11 AM").isoformat()
    '2024-01-05T07:02:11+00:00'
    >>> strava_date("Oct 7, 2020, 2:43:11\u202fPM").isoformat(), strava_date("yesterday")
    ('2020-10-07T14:43:11+00:00', None)
    """
    cleaned = re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()
    for pattern in _STRAVA_DATE_FORMATS:
        try:
            return _utc(dt.datetime.strptime(cleaned, pattern))
        except ValueError:
            continue
    return None


def _kind(name: str) -> str:
    """The format a file name says it holds ('.fit' ... '.zip'), looking through one '.gz'.

    >>> _kind("Morning.FIT"), _kind("activities/1.fit.gz"), _kind("notes.txt")
    ('.fit', '.fit', '')
    """
    lower = name.lower().removesuffix(".gz")
    return next((suffix for suffix in ACTIVITY_SUFFIXES if lower.endswith(suffix)), "")


def _size_text(limit_bytes: int) -> str:
    """
    >>> _size_text(200 * MB), _size_text(1000)
    ('200 MB', '1,000 bytes')
    """
    return f"{limit_bytes // MB:,} MB" if limit_bytes >= MB else f"{limit_bytes:,} bytes"


# ------------------------------------------------------------------ progress and the byte budget


class _Progress:
    """Reports a fraction 0..1 that never goes back, at most once per percent.

    An error raised by the callback is the caller's, not the file's: it is kept, no more reports are
    made, and ``read_activities`` raises it at the end rather than blaming the file being read.
    """

    def __init__(self, callback: Callable[[float], None] | None) -> None:
        self._callback = callback
        self._shown = -1.0
        self.error: Exception | None = None

    def report(self, fraction: float) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if self._callback is None or fraction <= self._shown:
            return
        if fraction < 1.0 and fraction - self._shown < 0.01:
            return
        self._shown = fraction
        try:
            self._callback(fraction)
        except Exception as error:  # the caller's bug; Streamlit's stop and rerun are BaseExceptions and pass
            self.error, self._callback = error, None


@dataclass
class _Upload:
    """What one call has read so far: the byte budget left, the sentences, the progress bar."""

    remaining_bytes: int
    progress: _Progress
    messages: list[str] = field(default_factory=list)
    over_budget: bool = False


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _take(upload: _Upload, stream: _Readable, display: str) -> bytes:
    """Read a stream within the per-file cap and the upload's budget, or refuse with a sentence."""
    cap = min(MAX_FILE_BYTES, upload.remaining_bytes)
    data = stream.read(cap + 1)
    if len(data) > cap:
        if cap < MAX_FILE_BYTES:
            upload.over_budget = True
            raise _Refused(f"The upload unpacks to more than {_size_text(MAX_UNCOMPRESSED_BYTES)}, so "
                           f"{display} and anything after it were not read.")
        raise _Refused(f"{display} is too large to import (it unpacks to over {_size_text(MAX_FILE_BYTES)}).")
    upload.remaining_bytes -= len(data)
    return data


# ------------------------------------------------------------------ FIT


def _fit_fields(frame: Any) -> dict[str, Any]:
    return {item.name: item.value for item in frame.fields}


@dataclass
class _FitTrack:
    """What a FIT file's records say, for files without a session message."""

    first: dt.datetime | None = None
    last: dt.datetime | None = None
    distance_m: float = 0.0
    heart_beats: float = 0.0
    heart_samples: int = 0

    def add(self, frame: Any) -> None:
        moment = frame.get_value("timestamp", fallback=None)
        if isinstance(moment, dt.datetime):
            self.first = self.first or moment
            self.last = moment
        distance = _finite(frame.get_value("distance", fallback=None))
        if distance is not None:
            self.distance_m = max(self.distance_m, distance)
        bpm = _heart_rate(frame.get_value("heart_rate", fallback=None))
        if bpm is not None:
            self.heart_beats += bpm
            self.heart_samples += 1


def _lap_seconds(lap_timer_times: list[object], session: Mapping[str, Any], only_session: bool) -> float | None:
    """The summed timer time of a FIT session's laps (those ``first_lap_index`` and ``num_laps`` name,
    or every lap of a file with one session), or None unless each of them has one.

    >>> _lap_seconds([600.0, 700.5], {}, only_session=True), _lap_seconds([600.0, None], {}, only_session=True)
    (1300.5, None)
    >>> _lap_seconds([1.0, 600.0, 60.0], {"first_lap_index": 1, "num_laps": 1}, only_session=False)
    600.0
    """
    first, count = session.get("first_lap_index"), session.get("num_laps")
    if isinstance(first, int) and isinstance(count, int) and count > 0 and 0 <= first <= len(lap_timer_times) - count:
        chosen = lap_timer_times[first:first + count]
    elif only_session:
        chosen = lap_timer_times
    else:
        return None
    seconds = [_finite(value) for value in chosen]
    if not seconds or any(value is None for value in seconds):
        return None
    return sum(value for value in seconds if value is not None)


def _fit_activity(session: Mapping[str, Any], name: str, source: str, fallback_start: object,
                  lap_seconds: float | None = None) -> Activity | None:
    start = session.get("start_time")
    start = start if isinstance(start, dt.datetime) else fallback_start
    if not isinstance(start, dt.datetime):
        return None
    workout_rpe = _finite(session.get("workout_rpe"), 0, 100)
    return Activity(
        start=_utc(start),
        sport=_fit_sport(session.get("sport"), session.get("sub_sport")),
        distance_km=(_finite(session.get("total_distance")) or 0.0) / 1000,
        minutes=_minutes(session.get("total_moving_time"), session.get("total_timer_time"), lap_seconds,
                         session.get("total_elapsed_time")),
        avg_heart_rate=_heart_rate(session.get("avg_heart_rate")),
        rpe=None if workout_rpe is None else workout_rpe / 10,
        name=name or str(session.get("sport_profile_name") or "").strip(),
        source=source,
    )


def _read_fit(data: bytes, display: str, source: str) -> list[Activity]:
    """One activity per session of a FIT activity file (a multisport file has several)."""
    sessions: list[dict[str, Any]] = []
    lap_timer_times: list[object] = []
    names: dict[str, str] = {}
    created: object = None
    track = _FitTrack()
    try:
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE,
                                 error_handling=fitdecode.ErrorHandling.IGNORE) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                kind = frame.name
                if kind == "record":
                    track.add(frame)
                elif kind == "session":
                    sessions.append(_fit_fields(frame))
                elif kind == "lap":
                    lap_timer_times.append(frame.get_value("total_timer_time", fallback=None))
                elif kind in ("workout", "sport"):
                    value = frame.get_value("wkt_name" if kind == "workout" else "name", fallback=None)
                    if isinstance(value, str) and value.strip():
                        names.setdefault(kind, value.strip())
                elif kind == "file_id" and created is None:
                    created = frame.get_value("time_created", fallback=None)
    except fitdecode.FitHeaderError:
        raise _Refused(f"{display} could not be read: it is not a FIT file.") from None
    except Exception:  # fitdecode raises EOF, CRC and parse errors, and others on malformed input
        raise _Refused(f"{display} could not be read: it is not a complete FIT file "
                       "(it may be damaged or cut short).") from None
    name = names.get("workout") or names.get("sport") or ""
    fallback_start = track.first or created
    found = [a for a in (_fit_activity(s, name, source, fallback_start,
                                       _lap_seconds(lap_timer_times, s, only_session=len(sessions) == 1))
                         for s in sessions) if a]
    if not found and not sessions and track.first and track.last:
        found = [Activity(
            start=_utc(track.first), sport=UNKNOWN_SPORT, distance_km=track.distance_m / 1000,
            minutes=_minutes(_lap_seconds(lap_timer_times, {}, only_session=True),
                             (track.last - track.first).total_seconds()),
            avg_heart_rate=_heart_rate(track.heart_beats / track.heart_samples) if track.heart_samples else None,
            name=name, source=source)]
    if not found:
        raise _Refused(f"{display} has no recorded activity in it (it may be a workout, course or settings file).")
    return found


# ------------------------------------------------------------------ GPX and TCX


def _xml_text(data: bytes) -> str:
    """XML bytes as text: UTF-8 (with or without a byte-order mark), else Latin-1, leading blanks dropped
    (Strava's TCX files start with spaces, which XML parsers refuse)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.lstrip()


def _has_root(text: str, tag: str) -> bool:
    """Whether XML text opens an element named tag near its start, with or without a namespace prefix
    (a sniff to tell a TCX named .gpx from a GPX, before the parser is trusted with it).

    >>> _has_root('<?xml version="1.0"?><gpx version="1.1">', "gpx"), _has_root("<TrainingCenterDatabase>", "gpx")
    (True, False)
    """
    return re.search(rf"<([A-Za-z_][\w.-]*:)?{tag}[\s>/]", text[:65536]) is not None


def _gpx_points(gpx: gpxpy.gpx.GPX) -> Iterator[gpxpy.gpx.GPXTrackPoint]:
    for track in gpx.tracks:
        for segment in track.segments:
            yield from segment.points


def _gpx_heart_rate(points: Iterable[gpxpy.gpx.GPXTrackPoint]) -> int | None:
    """The mean of the Garmin track-point extension's heart rates (``gpxtpx:hr``), if any."""
    total, count = 0.0, 0
    for point in points:
        for extension in point.extensions:
            for element in extension.iter():
                if element.tag.rsplit("}", 1)[-1] == "hr" and element.text:
                    try:
                        bpm = _heart_rate(float(element.text))
                    except ValueError:
                        bpm = None
                    if bpm is not None:
                        total, count = total + bpm, count + 1
    return _heart_rate(total / count) if count else None


def _gpx_sport(gpx: gpxpy.gpx.GPX) -> str:
    kinds = (str(track.type).strip() for track in gpx.tracks if track.type is not None)  # gpxpy types it None
    kind = next((k for k in kinds if k), "")
    if kind in _STRAVA_GPX_TYPES and "strava" in (gpx.creator or "").lower():
        return _STRAVA_GPX_TYPES[kind]
    return sport_name(kind)


def _gpx_moving_seconds(gpx: gpxpy.gpx.GPX) -> float | None:
    """The time spent moving, by gpxpy's reading of the points (see ``GPX_STOPPED_KMH``)."""
    return _finite(gpx.get_moving_data(stopped_speed_threshold=GPX_STOPPED_KMH).moving_time)


def _read_gpx(data: bytes, display: str, source: str) -> list[Activity]:
    """One activity per GPX file: its recorded track points, the moving time between them."""
    text = _xml_text(data)
    if not _has_root(text, "gpx"):
        raise _Refused(f"{display} could not be read: it is not a GPX file.")
    try:
        gpx = gpxpy.parse(text)
    except Exception:  # gpxpy raises its own, XML and value errors on malformed files
        raise _Refused(f"{display} could not be read: it is not a GPX file (or it is damaged).") from None
    times = [p.time for p in _gpx_points(gpx) if isinstance(p.time, dt.datetime)]
    if not times:
        raise _Refused(f"{display} has no timed track points, so it cannot be placed on a date "
                       "(it may be a planned route rather than a recorded activity).")
    start, end = _utc(min(times)), _utc(max(times))
    distance_m = _finite(gpx.length_2d()) or 0.0
    name = next((t.name.strip() for t in gpx.tracks if t.name and t.name.strip()), (gpx.name or "").strip())
    return [Activity(start=start, sport=_gpx_sport(gpx), distance_km=distance_m / 1000,
                     minutes=_minutes(_gpx_moving_seconds(gpx), (end - start).total_seconds()),
                     avg_heart_rate=_gpx_heart_rate(_gpx_points(gpx)), name=name, source=source)]


_TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"  # the namespace tcxreader reads


def _tcx_timer_seconds(text: str) -> float | None:
    """The summed ``TotalTimeSeconds`` of a TCX file's activity laps (the watch's timer time, pauses
    left out), or None unless every lap has one. tcxreader does not keep it: its durations are spans
    between track points, so the XML is read here for it."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return None
    seconds: list[float | None] = []
    for lap in root.iterfind(f"{_TCX}Activities/{_TCX}Activity/{_TCX}Lap"):
        try:
            seconds.append(_finite(float(lap.findtext(f"{_TCX}TotalTimeSeconds") or "")))
        except ValueError:
            seconds.append(None)
    if not seconds or any(value is None for value in seconds):
        return None
    return sum(value for value in seconds if value is not None)


def _read_tcx(data: bytes, display: str, source: str) -> list[Activity]:
    """One activity per TCX file, from tcxreader's summary of its laps and the laps' own timer time."""
    text = _xml_text(data)
    if not _has_root(text, "TrainingCenterDatabase"):
        raise _Refused(f"{display} could not be read: it is not a TCX file.")
    try:
        exercise = TCXReader().read(io.StringIO(text), only_gps=False)
    except Exception:  # tcxreader raises XML, key, value and zero-division errors on malformed files
        raise _Refused(f"{display} could not be read: it is not a TCX file (or it is damaged).") from None
    start = exercise.start_time
    if not isinstance(start, dt.datetime):
        raise _Refused(f"{display} has no recorded laps in it (it may be a course or a planned workout).")
    return [Activity(start=_utc(start), sport=sport_name(exercise.activity_type),
                     distance_km=(_finite(exercise.distance) or 0.0) / 1000,
                     minutes=_minutes(_tcx_timer_seconds(text), exercise.duration),
                     avg_heart_rate=_heart_rate(exercise.hr_avg),
                     source=source)]


# ------------------------------------------------------------------ Strava's activities.csv


class _Columns:
    """A CSV header by position, so that Strava's repeated names ('Distance' twice) stay apart."""

    def __init__(self, header: list[str]) -> None:
        self.positions: dict[str, list[int]] = {}
        for index, name in enumerate(header):
            self.positions.setdefault(name.strip().lstrip("\ufeff"), []).append(index)

    def cell(self, row: list[str], name: str, occurrence: int = 0) -> str:
        """The text under the occurrence-th column of that name ('' when absent)."""
        positions = self.positions.get(name, [])
        if occurrence >= len(positions) or positions[occurrence] >= len(row):
            return ""
        return row[positions[occurrence]].strip()

    def count(self, name: str) -> int:
        return len(self.positions.get(name, []))


def _csv_rows(data: bytes, display: str) -> tuple[list[list[str]], str]:
    """The rows of a CSV file and its delimiter (',' as Strava writes it; ';' once a spreadsheet saved it)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise _Refused(f"{display} could not be read: it is not a CSV file (or it is damaged).") from None
    return rows, delimiter


def _strava_row(columns: _Columns, row: list[str], source: str, decimal_comma: bool) -> Activity | None:
    start = strava_date(columns.cell(row, "Activity Date"))
    if start is None:
        return None

    def number(name: str, occurrence: int = 0) -> float | None:
        return _number(columns.cell(row, name, occurrence), decimal_comma)

    metres = number("Distance", 1) if columns.count("Distance") > 1 else None
    km = metres / 1000 if metres is not None else number("Distance")
    return Activity(
        start=start, sport=sport_name(columns.cell(row, "Activity Type")), distance_km=km or 0.0,
        minutes=_minutes(number("Moving Time"), number("Elapsed Time"), number("Elapsed Time", 1)),
        avg_heart_rate=_heart_rate(number("Average Heart Rate")), rpe=_rpe(number("Perceived Exertion")),
        name=columns.cell(row, "Activity Name"), source=source)


def _read_strava_csv(data: bytes, display: str, source: str, upload: _Upload, span: tuple[float, float],
                     ) -> tuple[list[Activity], set[str]]:
    """The activities of a Strava bulk export's activities.csv, and the activity files its rows name.

    A row whose date cannot be read is left out; all such rows share one sentence.
    """
    rows, delimiter = _csv_rows(data, display)
    columns = _Columns(rows[0] if rows else [])
    if not columns.count("Activity Date") or not columns.count("Activity Type"):
        raise _Refused(f"{display} could not be read: it is not a Strava activities.csv "
                       "(it has no 'Activity Date' and 'Activity Type' columns).")
    activities: list[Activity] = []
    named_files: set[str] = set()
    bad_rows: list[int] = []
    low, high = span
    body = rows[1:]
    for number, row in enumerate(body, start=2):
        if number % 50 == 0:
            upload.progress.report(low + (high - low) * (number - 1) / max(1, len(body)))
        if not any(cell.strip() for cell in row):
            continue
        try:
            activity = _strava_row(columns, row, source, decimal_comma=delimiter == ";")
        except Exception:  # a row of a hand-edited file can hold anything; it is left out with the others
            activity = None
        if activity is None:
            bad_rows.append(number)
            continue
        activities.append(activity)
        filename = columns.cell(row, "Filename")
        if filename:
            named_files.add(filename)
    if not activities and not bad_rows:
        raise _Refused(f"{display} has no activities in it: it holds only its header row.")
    if bad_rows:
        shown = ", ".join(str(n) for n in bad_rows[:10]) + (f" and {len(bad_rows) - 10} more" if len(bad_rows) > 10 else "")
        plural = "s" if len(bad_rows) > 1 else ""
        upload.messages.append(
            f"{display}: {len(bad_rows)} row{plural} could not be read and {'were' if plural else 'was'} left out "
            f"(row{plural} {shown}): each row needs an Activity Date like 'Jan 5, 2024, 7:02:11 AM'.")
    return activities, named_files


# ------------------------------------------------------------------ zips, gzip, and the dispatch


def _member_path(name: str) -> str:
    """A zip member's or a CSV row's file path, compared without './', doubled slashes or case.

    >>> _member_path("./activities//123.FIT.gz")
    'activities/123.fit.gz'
    """
    return posixpath.normpath(name.replace("\\", "/")).lstrip("/").lower()


def _is_system_file(name: str) -> bool:
    """Files that archivers add (macOS resource forks, Finder and Explorer caches): never mentioned.

    >>> _is_system_file("__MACOSX/activities/._1.fit"), _is_system_file("activities/1.fit")
    (True, False)
    """
    lower = name.lower()
    return any(part in lower for part in _SKIPPED_NAMES) or posixpath.basename(lower).startswith("._")


def _is_activity_member(name: str) -> bool:
    """Whether a zip member is read: FIT, GPX, TCX, zips, and only the CSV named activities.csv
    (a Strava export's other CSVs are about bikes, clubs and comments)."""
    kind = _kind(name)
    if kind == ".csv":
        return posixpath.basename(name.lower().removesuffix(".gz")) == "activities.csv"
    return bool(kind)


def _junk_sentence(display: str, junk: list[str]) -> str:
    """
    >>> _junk_sentence("export.zip", ["profile.csv", "media/1.jpg"])
    'export.zip: 2 files that are not activities were left out (profile.csv, media/1.jpg).'
    """
    shown = ", ".join(junk[:_NAMED_JUNK]) + (f" and {len(junk) - _NAMED_JUNK} more" if len(junk) > _NAMED_JUNK else "")
    if len(junk) == 1:
        return f"{display}: 1 file that is not an activity was left out ({shown})."
    return f"{display}: {len(junk):,} files that are not activities were left out ({shown})."


def _open_zip(data: bytes, display: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # BadZipFile, and OSError, ValueError or EOFError on a mangled directory
        raise _Refused(f"{display} could not be read: it is not a complete zip file "
                       "(it may be damaged or cut short).") from None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, display: str, upload: _Upload) -> bytes:
    if info.flag_bits & 0x1:
        raise _Refused(f"{display} could not be read: it is password-protected.")
    if info.file_size > MAX_FILE_BYTES:
        raise _Refused(f"{display} is too large to import (it unpacks to over {_size_text(MAX_FILE_BYTES)}).")
    try:
        with archive.open(info) as stream:
            return _take(upload, stream, display)
    except _Refused:
        raise
    except NotImplementedError:
        raise _Refused(f"{display} could not be read: it is packed with a compression method this app "
                       "cannot open (zip it again with ordinary compression).") from None
    except Exception:  # BadZipFile on a bad CRC, zlib.error, EOFError on a cut-short member
        raise _Refused(f"{display} could not be read: it is damaged inside the zip.") from None


def _read_zip(data: bytes, display: str, source: str, upload: _Upload, span: tuple[float, float],
              depth: int) -> list[Activity]:
    """Every activity in a zip: its activities.csv first, then the files that no CSV row stands for."""
    archive = _open_zip(data, display)
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir() and not _is_system_file(info.filename)]
        if len(infos) > MAX_MEMBERS:
            upload.messages.append(f"{display} holds {len(infos):,} files; only the first {MAX_MEMBERS:,} were read.")
            infos = infos[:MAX_MEMBERS]
        junk = [info.filename for info in infos if not _is_activity_member(info.filename)]
        wanted = [info for info in infos if _is_activity_member(info.filename)]
        wanted.sort(key=lambda info: _kind(info.filename) != ".csv")  # stable: CSVs first, else archive order
        activities: list[Activity] = []
        covered: set[str] = set()
        low, high = span
        for index, info in enumerate(wanted):
            if upload.over_budget:
                break
            member_span = (low + (high - low) * index / len(wanted), low + (high - low) * (index + 1) / len(wanted))
            upload.progress.report(member_span[0])
            member = info.filename
            if _member_path(member) in covered:
                continue
            member_display = f"{member} (in {display})"
            try:
                member_data = _read_member(archive, info, member_display, upload)
            except _Refused as refused:
                upload.messages.append(refused.sentence)
                continue
            found, named = _read_any(member_data, member, member_display, f"{source}/{member}", upload,
                                     member_span, depth + 1)
            activities.extend(found)
            folder = posixpath.dirname(member)
            covered.update(_member_path(posixpath.join(folder, name)) for name in named)
    if junk:
        upload.messages.append(_junk_sentence(display, junk))
    elif not wanted:
        upload.messages.append(f"{display} has no files in it.")
    return activities


def _gunzip(data: bytes, display: str, upload: _Upload) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return _take(upload, stream, display)
    except _Refused:
        raise
    except Exception:  # BadGzipFile, EOFError, zlib.error
        raise _Refused(f"{display} could not be read: it is not a complete gzip file "
                       "(it may be damaged or cut short).") from None


_READERS: dict[str, Callable[[bytes, str, str], list[Activity]]] = {
    ".fit": _read_fit, ".gpx": _read_gpx, ".tcx": _read_tcx,
}


def _parse(data: bytes, name: str, display: str, source: str, upload: _Upload, span: tuple[float, float],
           depth: int) -> tuple[list[Activity], set[str]]:
    """The activities in one file (and, for a CSV, the files its rows name); raises _Refused."""
    kind = _kind(name)
    if not kind or name.lower().removesuffix(".gz").endswith(".gz"):
        raise _Refused(f"{display} is not a file this app imports: it reads FIT, GPX and TCX files, "
                       "Strava's activities.csv, and .zip exports holding them.")
    if not data:
        raise _Refused(f"{display} is empty.")
    if name.lower().endswith(".gz"):
        data = _gunzip(data, display, upload)
        if not data:
            raise _Refused(f"{display} is empty.")
    if kind == ".zip":
        if depth >= MAX_ZIP_DEPTH:
            raise _Refused(f"{display} was not read: zips nested more than {MAX_ZIP_DEPTH} deep are not opened.")
        return _read_zip(data, display, source, upload, span, depth), set()
    if kind == ".csv":
        return _read_strava_csv(data, display, source, upload, span)
    return _READERS[kind](data, display, source), set()


def _read_any(data: bytes, name: str, display: str, source: str, upload: _Upload, span: tuple[float, float],
              depth: int) -> tuple[list[Activity], set[str]]:
    """``_parse``, with a refusal or any library failure turned into the file's one sentence."""
    try:
        return _parse(data, name, display, source, upload, span, depth)
    except _Refused as refused:
        upload.messages.append(refused.sentence)
    except Exception:  # a library failing in a way we did not foresee: still words, never a traceback
        upload.messages.append(f"{display} could not be read: it is not a {_KINDS.get(_kind(name), 'activity')} "
                               "file this app can read (it may be damaged).")
    return [], set()


def read_activities(data: bytes, filename: str, progress: Callable[[float], None] | None = None,
                    ) -> tuple[list[Activity], list[str]]:
    """The activities in an uploaded file, earliest first, and one sentence per file that could not be used.

    Reads FIT, GPX and TCX files, a Strava bulk export's ``activities.csv``, and ``.zip`` (or ``.gz``)
    files holding them. In a zip, a file that a row of its activities.csv names is not read again: the
    row stands for it. Never raises for what is in the file; a damaged file is named in a sentence and
    the rest of the upload still imports. ``progress``, if given, is called with a fraction 0..1 as the
    files and rows are read.

    >>> read_activities(b"", "morning.fit")
    ([], ['morning.fit is empty.'])
    >>> read_activities(b"hello", "notes.txt")[1]
    ["notes.txt is not a file this app imports: it reads FIT, GPX and TCX files, Strava's activities.csv, and .zip exports holding them."]
    """
    upload = _Upload(remaining_bytes=MAX_UNCOMPRESSED_BYTES, progress=_Progress(progress))
    name = filename or "The file"
    limit = MAX_UNCOMPRESSED_BYTES if _kind(name) == ".zip" else MAX_FILE_BYTES
    activities: list[Activity] = []
    if len(data) > limit:
        upload.messages.append(f"{name} is too large to import (it is over {_size_text(limit)}).")
    else:
        activities, _ = _read_any(bytes(data), name, name, name, upload, (0.0, 1.0), 0)
    upload.progress.report(1.0)
    if upload.progress.error is not None:
        raise upload.progress.error
    return sorted(activities, key=lambda a: (a.start, a.source)), upload.messages
