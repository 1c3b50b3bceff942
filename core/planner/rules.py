"""Every number that shapes a plan, named once, with its source.

Sources are the articles in ``shared/seeds`` (000-004, see DOMAIN.md) and the training
literature. Numbers that are product choices say so.
"""

from __future__ import annotations

# --- Sources ---------------------------------------------------------------------------
SOURCES: dict[str, str] = {
    "000": "Running with weights: the benefits and risks (certified strength coach)",
    "001": "Running with a weighted backpack: what you need to know (runner's blog)",
    "002": "Running with a weighted backpack: benefits and how to do it right (coaching guide)",
    "003": "What's causing heavy legs on my runs?",
    "004": "Strength training for runners (RUN-LIFT FIT framework)",
    # The training literature behind DOMAIN.md §8
    "Foster 2001": "Foster C et al. A new approach to monitoring exercise training. J Strength Cond Res 2001;15:109-15",
    "Williams 2017": "Williams S et al. Better way to determine the acute:chronic workload ratio? "
                     "Br J Sports Med 2017;51:209-10",
    "Gabbett 2016": "Gabbett TJ. The training-injury prevention paradox. Br J Sports Med 2016;50:273-80",
    "Lolli 2019": "Lolli L et al. Mathematical coupling causes spurious correlation within the conventional "
                  "acute-to-chronic workload ratio calculations. Br J Sports Med 2019;53:921-2",
    "Impellizzeri 2020": "Impellizzeri FM et al. Acute:chronic workload ratio: conceptual issues and "
                         "fundamental pitfalls. Int J Sports Physiol Perform 2020;15:907-13",
    "Banister 1975": "Banister EW et al. A systems model of training for athletic performance. "
                     "Aust J Sports Med 1975 (fitness-fatigue model; CTL/ATL as used by TrainingPeaks)",
    "Frandsen 2025": "Frandsen JSB et al. How much running is too much? Identifying high-risk running "
                     "sessions in a 5200-person cohort study. Br J Sports Med 2025",
    "ACSM": "American College of Sports Medicine. ACSM's Guidelines for Exercise Testing and "
            "Prescription: metabolic equations (running)",
}

# --- Load: how much (DOMAIN.md §3) -------------------------------------------------------
START_FRACTION_BW = 0.05
"""Start at 5% of bodyweight (002: 'Starting weight: 5% of bodyweight')."""

VEST_START_MAX_KG = 4.5
"""A vest starts at no more than 10 lb = 4.5 kg (000)."""

CEILING_FRACTION_BW_MAX = 0.15
"""Never above 15% of bodyweight for running (002: 'Never exceed 15% for running')."""

CEILING_FRACTION_BW_GENERAL = 0.10
"""Working ceiling for general fitness, calorie burn and strength goals: 10% of bodyweight
(002: 'a weighted vest at 5-10% bodyweight'; 001: past 10% expect real fatigue)."""

MAX_LOAD_STEP_KG = 1.0
"""At most +1 kg per step (002: 'add weight (1kg maximum every 2-3 weeks)')."""

DISTANCE_STEP_FRACTION = 0.10
"""A loaded session is at most 10% longer than the longest before it (002: '10% per session')."""

FIRST_LOADED_FRACTION_OF_EASY = 0.5
"""Product choice: the first loaded session is half the usual easy run."""

DISTANCE_RESOLUTION_KM = 0.1
"""Product choice: loaded distances are in 0.1 km and increases round down."""

LOADED_RUNS_MAX_PER_WEEK = 2
"""1-2 loaded runs a week (002); 001 says never more than 3, stick to 2."""

# --- Deload (DOMAIN.md §6) ---------------------------------------------------------------
DELOAD_LOADED_DISTANCE_FRACTION = 0.6
"""In a deload week the one loaded run is about 60% of the previous week's distance
(volume cuts of 40-60% with intensity kept: Bosquet 2007)."""

DELOAD_STRENGTH_FRACTION = 0.6
"""Strength keeps its sessions with about 40% fewer sets and minutes (Bosquet 2007; 004 week 4)."""

# --- Strength (DOMAIN.md §4, source 004) ---------------------------------------------------
STRENGTH_SESSIONS_PER_WEEK = 2
"""Two full-body sessions a week (004)."""

STRENGTH_MINUTES = {"minimal": 20, "standard": 30, "advanced": 30}
"""Sessions last 20-30 minutes (004); minimal at the short end, standard/advanced at the long end."""

PLYO_MINUTES = 10
"""Product choice: a plyometric micro-dose is about 10 minutes of low-contact drills (004)."""

STRENGTH_RPE = "6-8"
"""Most sets at RPE 6-8 (004)."""

REPS_IN_RESERVE = "1-3"
"""Finish with 1-3 reps in reserve, never to failure (004)."""

BASE_SETS = {"minimal": 2, "standard": 3, "advanced": 3}
"""Minimal: 2-3 sets per movement (004); product choice: 2 at minimal, 3 otherwise."""

BASE_REPS = 8
"""Product choice: controlled sets of 8 in the establishing week (low-moderate volume, 004)."""

ADDED_REPS = 2
"""Week 2 of the cycle 'adds a few repetitions' (004); product choice: +2."""

# --- Who may run loaded (DOMAIN.md §2) ------------------------------------------------------
AGE_BONE_DENSITY_INFO = 50
"""From 50, note that loaded impact can support bone density (002: vest walking study)."""

# --- Training load science (DOMAIN.md §8) ----------------------------------------------------
ACWR_ACUTE_DAYS = 7
ACWR_CHRONIC_DAYS = 28
"""EWMA acute:chronic with N = 7 and 28, lambda = 2 / (N + 1) (Williams 2017)."""

ACWR_BAND = (0.8, 1.3)
"""The 0.8-1.3 'sweet spot' (Gabbett 2016): contested (Lolli 2019; Impellizzeri 2020), a guide only."""

CTL_DAYS = 42
ATL_DAYS = 7
"""Fitness (CTL) and fatigue (ATL) time constants in days (Banister; TrainingPeaks convention)."""

SPIKE_FRACTION = 0.10
SPIKE_WINDOW_DAYS = 30
"""A run >10% longer than the longest of the previous 30 days raised injury risk (Frandsen 2025)."""

LOAD_CAVEAT = (
    "These ratios guide a plan; they do not predict injury: the acute:chronic ratio and its band "
    "are disputed (Lolli 2019; Impellizzeri 2020)."
)

KCAL_PER_LITRE_O2 = 5.0
"""About 5 kcal per litre of oxygen (ACSM)."""

DISCLAIMER = (
    "Informational only, not medical advice. See a clinician for persistent pain, swelling "
    "or unexplained symptoms."
)


def source_text(source: str) -> str:
    """'002, 000' or 'Williams 2017; Lolli 2019' -> the titles, so a coach can say where a rule
    comes from.

    >>> source_text("004")
    'Source: 004: Strength training for runners (RUN-LIFT FIT framework)'
    """
    parts = []
    for code in source.replace("(", ",").replace(")", ",").replace(";", ",").split(","):
        code = code.strip()
        key = code if code in SOURCES else code.split(" ")[0]
        parts.append(f"{key}: {SOURCES[key]}" if key in SOURCES else code)
    return "Source: " + "; ".join(p for p in parts if p)
