"""Watch files are untrusted: the import (``read_activities`` and ``sessions_from_files``) at its real
size limits, with memory measured. A zip bomb, an oversized file, a truncated or mislabelled one
gives our sentence, imports nothing wrong alongside the good files, and stays within a memory bound.
(``tests/io/test_activities.py`` has the same cases with the limits shrunk, and the byte fuzzing.)"""

from __future__ import annotations

import gzip
import io
import tracemalloc
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.io import activities
from core.io.activities import read_activities
from core.io.log_import import sessions_from_files

DATA = Path(__file__).resolve().parents[1] / "data"
RUN = (DATA / "garmin-fenix-5-run.fit").read_bytes()
MB = 1024 * 1024
PEAK_LIMIT = 3 * activities.MAX_FILE_BYTES + 10 * MB
"""One file at a time, at most MAX_FILE_BYTES, held with the copies decoding it makes (measured: 136 MB
for a 45 MB member): never the whole unpacked upload."""


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bomb(members: int, each_mb: int) -> bytes:
    """A zip whose members are ``each_mb`` MB of zeros each (deflate packs them about 1000:1)."""
    buffer = io.BytesIO()
    block = bytes(MB)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities/run.fit", RUN)
        for number in range(members):
            with archive.open(f"activities/{number}.gpx", "w", force_zip64=True) as member:
                for _ in range(each_mb):
                    member.write(block)
    return buffer.getvalue()


def measured(function, *args):
    tracemalloc.start()
    try:
        result = function(*args)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def test_a_zip_bomb_at_the_real_limits_stays_small():
    data = bomb(members=5, each_mb=45)  # 225 MB unpacked, past the 200 MB budget, from under 1 MB
    assert len(data) < MB
    (found, messages), peak = measured(read_activities, data, "bomb.zip")
    assert [a.source for a in found] == ["bomb.zip/activities/run.fit"]  # the good file still imports
    assert messages[-1] == ("The upload unpacks to more than 200 MB, so activities/4.gpx (in bomb.zip) and "
                            "anything after it were not read.")
    assert all("could not be read: it is not a GPX file." in m for m in messages[:-1])
    assert peak < PEAK_LIMIT, f"{peak / MB:.0f} MB"


def test_an_oversized_member_and_gzip_are_refused_without_unpacking_them():
    huge = gzip.compress(bytes(80 * MB), compresslevel=1)
    data = zipped({"activities/run.fit": RUN, "activities/big.gpx.gz": huge})
    (read, peak) = measured(sessions_from_files, [("export.zip", data), ("big.tcx.gz", huge)])
    assert [s.source for s in read.sessions] == ["export.zip/activities/run.fit"]
    assert list(read.messages[:2]) == [
        "activities/big.gpx.gz (in export.zip) is too large to import (it unpacks to over 50 MB).",
        "big.tcx.gz is too large to import (it unpacks to over 50 MB).",
    ]
    assert peak < PEAK_LIMIT, f"{peak / MB:.0f} MB"


NAMES = st.sampled_from(["run.fit", "run.gpx", "run.tcx", "activities.csv", "run.zip", "run.fit.gz", "run.txt",
                         "run.FIT", "run", "run.pdf.fit", ".fit"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, len(RUN)), name=NAMES, wrong=NAMES)
def test_truncated_or_mislabelled_files_import_only_what_they_are(cut, name, wrong):
    # A real run, cut short and/or under the wrong extension, beside the same run intact.
    read = sessions_from_files([(wrong, RUN[:cut]), ("intact.fit", RUN)])
    assert [s.source for s in read.sessions if s.source == "intact.fit"] == ["intact.fit"]
    for session in read.sessions:  # anything else imported is the real run, read whole
        assert session.distance_km == read.sessions[-1].distance_km
    for message in read.messages:
        assert message.endswith(".") and "Traceback" not in message and "Error" not in message
