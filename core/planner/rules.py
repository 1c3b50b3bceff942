"""Every number that shapes a plan, named once, with its source.

The rules these numbers belong to are written up in ``docs/rules.md``: each section below
names its section there. Sources are the articles in ``shared/seeds`` (000-004) and the
training literature, all listed in ``SOURCES``; numbers that are product choices say so.
Sentences the app shows format these constants in (``core.planner.units`` has the small
formatters), so a number is changed here or nowhere.
"""

from __future__ import annotations

# --- docs/rules.md §1 Screening: who should wait ----------------------------------------------
AGE_BONE_DENSITY_INFO = 50
"""From 50, note that loaded impact can support bone density (002: vest walking study)."""

BONE_DENSITY_STUDY_YEARS = 5
"""The weighted-vest walking study behind that note ran for 5 years (002: 'a 5-year study in
post-menopausal women maintained hip bone mineral density')."""

JOINT_LOAD_BW_MULTIPLE = (2, 3)
"""Running already loads the joints with 2-3 times bodyweight every stride (002)."""

MILEAGE_RULE_FRACTION = 0.10
"""The 10% mileage rule: while a runner builds weekly distance by it, they don't add load (002:
'the 10% mileage rule and weighted running place simultaneous stress on the same connective
tissue')."""

RECHECK_AFTER_WEEKS = 8
"""When a runner blocked for unsettled form or for building mileage should check again: after this
many weeks of consistent unloaded running (or of a steady weekly distance). Product choice: 002
names the condition ("consistent unloaded running form", mileage "stable") but no number."""

DISCLAIMER = (
    "Informational only, not medical advice. See a clinician for persistent pain, swelling "
    "or unexplained symptoms."
)
"""Shown wherever a plan is (000, 004; docs/rules.md §1)."""

# --- docs/rules.md §2 Carriers ----------------------------------------------------------------
TRAIL_VEST_LITRES = (5, 10)
"""A trail vest with 5-10 L capacity is the starting point for light loads (002)."""

# --- docs/rules.md §3 Start load and ceiling --------------------------------------------------
START_FRACTION_BW = 0.05
"""Start at 5% of bodyweight (002: 'Starting weight: 5% of bodyweight')."""

VEST_START_MAX_KG = 10 * 0.45359237  # 10 lb; the same factor as units.KG_PER_LB
"""A vest starts at no more than 10 lb (000): 4.536 kg, shown as 4.5 kg in metric and 10 lb in imperial."""

CEILING_FRACTION_BW_MAX = 0.15
"""Never above 15% of bodyweight for running (002: 'Never exceed 15% for running'); the
ceiling only for pack-event goals."""

CEILING_FRACTION_BW_GENERAL = 0.10
"""Working ceiling for general fitness, calorie burn and strength goals: 10% of bodyweight
(002: 'a weighted vest at 5-10% bodyweight'; 001: past 10% expect real fatigue)."""

# --- docs/rules.md §4 Progression: one variable at a time -------------------------------------
MAX_LOAD_STEP_KG = 1.0
"""At most +1 kg per step (002: 'add weight (1kg maximum every 2-3 weeks)')."""

LOAD_STEP_WEEKS = (2, 3)
"""A load step at most every 2-3 weeks (002); the runner picks 2 or 3."""

PROGRESSION_WEEKS_DEFAULT = 3
"""Product choice: by default a step every 3 weeks, the conservative end of 002's 2-3."""

# --- docs/rules.md §5 Loaded distance ---------------------------------------------------------
DISTANCE_STEP_FRACTION = 0.10
"""A loaded session is at most 10% longer than the longest before it (002: '10% per session')."""

FIRST_LOADED_FRACTION_OF_EASY = 0.5
"""Product choice: the first loaded session is half the usual easy run."""

DISTANCE_RESOLUTION_KM = 0.1
"""Product choice: loaded distances are in 0.1 km and increases round down."""

# --- docs/rules.md §6 Placement of loaded runs and lifts --------------------------------------
LOADED_RUNS_MIN_PER_WEEK = 1
LOADED_RUNS_MAX_PER_WEEK = 2
"""1-2 loaded runs a week (002); 001 says never more than 3, stick to 2."""

# --- docs/rules.md §7 Strength dosing ---------------------------------------------------------
STRENGTH_SESSIONS_PER_WEEK = 2
"""Two full-body sessions a week (004)."""

STRENGTH_MINUTES = {"minimal": 20, "standard": 30, "advanced": 30}
"""Sessions last 20-30 minutes (004); minimal at the short end, standard/advanced at the long end."""

EXERCISES_PER_LEVEL = {"minimal": 5, "standard": 6, "advanced": 6}
"""Minimal: the five key movements; standard: 6-8 exercises, adding upper-body push/pull (004);
product choice: 6 at standard and advanced (the menu has six patterns)."""

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

HOLD_SECONDS = (20, 30)
"""A timed hold (side plank, calf isometric hold: 004's regression for Achilles history) is held for
this many seconds a set, not counted in reps (product choice)."""

HOLD_ADDED_SECONDS = 10
"""The cycle's 'add reps' week adds this many seconds to a hold instead (product choice)."""

# --- docs/rules.md §8 Deloads -----------------------------------------------------------------
DELOAD_EVERY_WEEKS = 4
"""Every 4th week is a deload (004's 4-week cycle); the default of the setting."""

DELOAD_EVERY_RANGE = (3, 6)
"""Product choice: the deload interval is a setting from 3 to 6 weeks, so it can match the
runner's own running plan (deloads every ~5-6 weeks in strength athletes: Rogerson 2024)."""

DELOAD_LOADED_RUNS = 1
"""A deload week keeps one loaded run (product choice, read from 004's 'reduce volume')."""

DELOAD_LOADED_DISTANCE_FRACTION = 0.6
"""In a deload week the one loaded run is about 60% of the previous week's distance
(volume cuts of 40-60% with intensity kept: Bosquet 2007)."""

DELOAD_STRENGTH_FRACTION = 0.6
"""Strength keeps its sessions with about 40% fewer sets and minutes (Bosquet 2007; 004 week 4)."""

TAPER_VOLUME_CUT = (0.40, 0.60)
"""Tapers that cut training volume by about 40-60% while keeping intensity worked best
(Bosquet 2007, which reports 41-60%; docs/rules.md §8)."""

# --- docs/rules.md §9 Training load science ---------------------------------------------------
SESSION_RPE_DELAY_MINUTES = 30
"""Session RPE (CR-10) is asked about 30 minutes after the session (Foster 2001)."""

ACWR_ACUTE_DAYS = 7
ACWR_CHRONIC_DAYS = 28
"""EWMA acute:chronic with N = 7 and 28, lambda = 2 / (N + 1) (Williams 2017)."""

ACWR_BAND = (0.8, 1.3)
"""The 0.8-1.3 'sweet spot' (Gabbett 2016): contested (Lolli 2019; Impellizzeri 2020), a guide only."""

CTL_DAYS = 42
ATL_DAYS = 7
"""Fitness (CTL) and fatigue (ATL) time constants in days (Banister 1975; TrainingPeaks convention)."""

SPIKE_FRACTION = 0.10
SPIKE_WINDOW_DAYS = 30
"""A run >10% longer than the longest of the previous 30 days raised injury risk (Frandsen 2025)."""

SPIKE_HR_UPPER_FRACTION = 0.30
SPIKE_HAZARD_RATIO = 1.64
"""Spikes of 10-30% over the 30-day longest run: hazard ratio 1.64 (Frandsen 2025)."""

SPIKE_STUDY_RUNNERS = 5205
"""Runners in Frandsen 2025's cohort (the paper's title rounds it to '5200-person')."""

LOAD_CAVEAT = (
    "These ratios guide a plan; they do not predict injury: the acute:chronic ratio and its band "
    "are disputed (Lolli 2019; Impellizzeri 2020)."
)

# --- docs/rules.md §10 Energy (ACSM) ----------------------------------------------------------
RESTING_VO2 = 3.5
"""Resting oxygen uptake, mL/kg/min (1 MET; ACSM)."""

HORIZONTAL_COST = 0.2
"""mL O2 per kg per metre of horizontal running (ACSM running equation)."""

VERTICAL_COST = 0.9
"""mL O2 per kg per metre of vertical rise when running (ACSM running equation)."""

KCAL_PER_LITRE_O2 = 5.0
"""About 5 kcal per litre of oxygen (ACSM)."""

ACSM_ERROR = 0.07
"""About ±7% standard error of the estimate (shown in the app as the energy caveat; ACSM)."""

ACSM_MIN_RUNNING_SPEED_M_PER_MIN = 134.0
"""The running equation is meant for speeds above ~134 m/min (8 km/h, 5 mph) or true jogging
below it (ACSM)."""

# --- docs/rules.md §11 Readiness check-in -----------------------------------------------------
REVIEW_EVERY_WEEKS = 2
"""Review the tracked signals every two weeks, not after one workout (004)."""

# --- docs/rules.md §12 Plan length ------------------------------------------------------------
PLAN_WEEKS = (4, 52)
"""Product choice: a plan is 4 to 52 weeks long."""

# --- docs/rules.md §14 The plan adapts to the log --------------------------------------------

FATIGUE_GATE_DAYS = 3
"""Check-ins in a row with most answers "no" before the plan lightens the next sessions. 004: act
when the signals trend down "for several days", not on a single bad day; three is our reading of
"several" (product choice)."""

FATIGUE_LIGHTER_DISTANCE_FRACTION = 0.8
"""The next loaded run after the fatigue gate keeps its load and runs this share of its planned
distance (product choice, within 004's "reduce volume" advice)."""

PAIN_RECOVERY_DAYS = 3
"""While the last logged session hurt and no pain-free session has been logged since, the next
this-many days from today are recovery: no loaded, hard or long run, and mobility instead of the
lift (004: "severe soreness or pain: mobility or recovery instead"). The window moves with today
until a pain-free session is logged (product choice: three days ahead keeps the next key sessions
visibly off the plan without blanking the whole plan)."""

PAIN_FREE_SESSIONS_TO_RESUME = 2
"""Pain-free sessions (on different days) after the last painful one before loaded running
resumes; until then every run is easy. Product choice, the most conservative reading of the
pain-monitoring model (Silbernagel 2007: the response over the next 24 hours decides whether a load
may be repeated), asking for it twice."""

PAIN_REPEAT_WINDOW_DAYS = 42
"""Pain that comes back (a new painful session after a pain-free one) within this many days of the
last episode stops loaded running until this many days after the latest pain, with the advice to
see a clinician (000, 004: see a clinician for persistent pain; six weeks is a product choice)."""

MISSED_WEEK_CREDIT = 1
"""A plan week with a loaded run planned and none done takes this many weeks of credit toward the
next load step away (002: time at a weight counts only what was done; product choice: the credit
decays one week per missed week rather than being kept)."""

LOADED_RESTART_DAYS = 30
"""No loaded run done for this many days: loaded runs start again at the first loaded run's
distance (half the easy run) instead of the longest done (product choice, on the spike window of
Frandsen 2025)."""

RETURN_AFTER_MISSED_WEEKS = 2
"""Weeks in a row with nothing logged that count as a break: the running week ramps back instead of
resuming at once."""

RETURN_FRACTIONS = (0.5, 0.75)
"""After a break, spend as long as the break at reduced running: the first half at 50% of the
planned distances, the second at 75%, every run easy ("Return guide 2015", the most conservative
of the coaching guides we found; others say 60% or 75%; keeping every run easy at first is
getsalis.com's advice)."""

ACWR_HOLD_MARGIN = 0.02
"""A week re-planned from the log is held when its projected acute:chronic ratio exceeds both the
guide band's top and the plan's own ratio for that week by more than this (rounding of logged
minutes and RPE; Williams 2017; Gabbett 2016; the band is a guide, Impellizzeri 2020)."""

LOG_COVERS_WEEKS = 4
"""The logged session loads replace the typed routine in the acute:chronic averages only when each
of the last this-many weeks before today holds a logged session: a thin or old log would read as a
huge spike (the chronic average spans ``ACWR_CHRONIC_DAYS`` = 28 days)."""


# --- docs/rules.md §15 Target paces on the watch ----------------------------------------------
PACE_BAND_FRACTION = 0.05
"""Product choice: a run's target on the watch is its pace give or take 5%: room for hills, wind and
GPS wobble, narrow enough that an easy run stays easy (004: hard days hard, easy days easy)."""

HARD_PACE_FASTER_FRACTION = 0.10
"""Product choice: a hard run (tempo or intervals) targets a pace 10% quicker than the easy pace
(6:00 -> 5:24 /km), the gentle end of a tempo, so the watch never asks for more than the runner's
easy pace makes plausible; the effort (RPE) decides the rest."""


# --- docs/rules.md §16 Events and periodisation ----------------------------------------------
EVENT_KINDS_WITH_PACK = ("trail_ultra", "ruck", "fastpacking", "obstacle")
"""Events that involve carrying a pack: the one case where a backpack earns its place (002). An
entered event of one of these kinds counts as the pack-event goal (ceiling 15%)."""

_lb = 0.45359237  # kg per lb (the same factor as units.KG_PER_LB)

EVENT_SPLIT_BODYWEIGHT_KG = 150 * _lb
"""GORUCK's events split the required weight at 150 lb of bodyweight ("If You Are Under 150 lbs." /
"If You Are 150 lbs. and Over", goruck.com's Light page)."""

EVENT_STANDARDS_KG: dict[str, tuple[float, float]] = {
    "goruck_light": (10 * _lb, 20 * _lb),
    "goruck_tough": (20 * _lb, 30 * _lb),
    "foot_march": (35 * _lb, 35 * _lb),
}
"""The load each standard requires: (under the split, from the split). GORUCK Light: 10 lb under
150 lb bodyweight, 20 lb from 150 lb; GORUCK Tough: 20/30 lb ("GORUCK 2024": the organiser's pages
give the split; the figures are those of the organiser's own published division rules). The US Army's
Expert Infantryman Badge foot march: 12 miles carrying a 35-pound rucksack in under three hours
("Army EIB")."""

EVENT_STANDARD_DISTANCE_KM: dict[str, float] = {"goruck_light": 7 * 1.609344, "goruck_tough": 15 * 1.609344,
                                                "foot_march": 12 * 1.609344}
"""The distance a standard's event covers, as a starting value for the distance field (GORUCK Light
7-10 miles, Tough 15-20 miles: the organiser's pages, lower end; the EIB march 12 miles)."""

PREPARATION_WEEKS = 4
"""Product choice: an event plan opens with one of 004's 4-week cycles of lifting without carried
load (a strength base first; 002: prepare the posterior chain before adding regular loaded
sessions). Shorter plans shrink it to a third of the weeks before the taper."""

PREPARATION_PART_OF_SHORT_PLAN = 3
"""A short plan's preparation is at most a third (1 / this) of its weeks before the taper: a product
choice, so the build keeps most of the weeks."""

SPECIFIC_WEEKS = 6
"""Product choice: the last six weeks before the taper of a pack-event plan are its specific phase,
with the pack on the long run (001: "increase the amount of time you run with the vest")."""

SPECIFIC_PART_OF_SHORT_PLAN = 2
"""A short pack-event plan's specific phase is at most half (1 / this) of the weeks left before the
taper after preparation: a product choice, so the build is never shorter than the specific phase."""

HEAVY_CARRY_MIN_DAYS = 10
"""Heavy load-carrying no more often than every 10-14 days (military guidance quoted in 002). The
plan's heavy carry is the loaded long run, every ``HEAVY_CARRY_EVERY_WEEKS`` weeks."""

HEAVY_CARRY_EVERY_WEEKS = 2
"""A loaded long run every second week: 14 days apart, the conservative end of 002's 10-14."""

TAPER_VOLUME_KEPT = (0.55, 0.45)
"""The final two weeks (the week before the event's and the event's week) keep 55% and then 45% of
the peak week's running: cuts of 45% and 55%, inside the 41-60% that worked best, with intensity and
frequency kept (Bosquet 2007)."""

WEEKLY_VOLUME_STEP = MILEAGE_RULE_FRACTION
"""Built running adds at most 10% a week (002's 10% rule). The evidence for the exact figure is weak
(Buist 2008: a graded programme did no better than 10% in novices; Nielsen 2014: more than 30% over
two weeks raised injury risk): 10% is the most conservative of them."""

DELOAD_RUNNING_FRACTION = 2 / 3
"""A deload week of built running keeps two-thirds of the week before it ("Karp 2012": decrease
mileage by about a third; other coaches say 20-30%: the bigger cut is the safer one)."""

LONG_RUN_SHARE_MAX = 0.25
"""Built running grows the long run only while it stays within 25% of the week's running, and never
beyond ``LONG_RUN_MINUTES_MAX`` ("Daniels 2014": long runs at most 25% of weekly mileage or 150
minutes, whichever is less). A long run already above that share is kept, not cut."""

LONG_RUN_MINUTES_MAX = 150
"""The long run of built running stops growing at 150 minutes at the easy pace ("Daniels 2014")."""

# --- docs/rules.md §17 Age ------------------------------------------------------------------------
YOUTH_AGE_BELOW = 18
OLDER_AGE_FROM = 65
"""Dosing by age: adolescents under 18 and runners from 65."""

AGE_CEILING_FRACTION = 0.10
"""Under 18 and from 65 the ceiling is 10% of bodyweight whatever the goal. Under 18: the most
conservative of the school-backpack guides, 10% (AOTA; the AAP says 10-20%). From 65: the same as
every goal but pack events, as older runners progress gradually ("ACSM 2009"; 001: the
effects of carried impact show with age)."""

AGE_STEP_WEEKS = 3
"""Under 18 and from 65 a load step comes every 3 weeks, the slow end of 002's 2-3 (product choice on
"Faigenbaum 2009" and "ACSM 2009": gradual progression)."""


# --- docs/rules.md §13 Sources ----------------------------------------------------------------
SOURCES: dict[str, str] = {
    "000": "Running with weights: the benefits and risks (certified strength coach)",
    "001": "Running with a weighted backpack: what you need to know (runner's blog)",
    "002": "Running with a weighted backpack: benefits and how to do it right (coaching guide)",
    "003": "What's causing heavy legs on my runs?",
    "004": "Strength training for runners (RUN-LIFT FIT framework)",
    # The training literature (docs/rules.md §8-§10)
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
                     "sessions in a 5200-person cohort study. Br J Sports Med 2025 "
                     f"({SPIKE_STUDY_RUNNERS:,} runners)",
    "Bosquet 2007": "Bosquet L, Montpetit J, Arvisais D, Mujika I. Effects of tapering on performance: "
                    "a meta-analysis. Med Sci Sports Exerc 2007;39(8):1358-65",
    "Rogerson 2024": "Rogerson D et al. Deloading practices in strength and physique sports: a "
                     "cross-sectional survey. Sports Med Open 2024;10:26",
    "Taylor 1980": "Taylor CR, Heglund NC, McMahon TA, Looney TR. Energetic cost of generating muscular "
                   "force during running: a comparison of large and small animals. J Exp Biol 1980;86:9-18",
    "Teunissen 2007": "Teunissen LPJ, Grabowski A, Kram R. Effects of independently altering body weight "
                      "and body mass on the metabolic cost of running. J Exp Biol 2007;210:4418-27",
    "Silbernagel 2007": "Silbernagel KG, Thomee R, Eriksson BI, Karlsson J. Continued sports activity, using a "
                        "pain-monitoring model, during rehabilitation in patients with Achilles tendinopathy. "
                        "Am J Sports Med 2007;35:897-906",
    "Return guide 2015": "Running Coach Carl, Tips to get back into running (runningcoachcarl.com, May 2015): "
                         "as long at reduced mileage as the time off; 2 weeks off = 1 week at 50%, 1 week at "
                         "75% of pre-break mileage. Other guides say 60% (active.com) or 75% (getsalis.com)",
    "GORUCK 2024": "GORUCK, Light and Tough event pages (goruck.com): the weight requirement split at 150 lb "
                   "of bodyweight; figures as in GORUCK division rules published by event partners (10/20 lb "
                   "Light, 20/30 lb Tough)",
    "Army EIB": "U.S. Army, Expert Infantryman Badge (army.mil): a 12-mile foot march with a 35-pound "
                "rucksack in under three hours",
    "Daniels 2014": "Daniels J. Daniels' Running Formula, 3rd ed. Human Kinetics 2014: long runs at most "
                    "25-30% of weekly mileage or 150 minutes",
    "Karp 2012": "Karp J. Recovery week (revo2lutionrunning.com): after a few weeks of the same mileage, "
                 "decrease it by about a third for one week",
    "Buist 2008": "Buist I et al. No effect of a graded training program on the number of running-related "
                  "injuries in novice runners. Am J Sports Med 2008;36:33-9",
    "Nielsen 2014": "Nielsen RO et al. Excessive progression in weekly running distance and risk of "
                    "running-related injuries. J Orthop Sports Phys Ther 2014;44:739-47",
    "AOTA": "American Occupational Therapy Association, School Backpack Awareness: a loaded backpack "
            "should weigh no more than 10% of a child's bodyweight (the AAP says 10-20%)",
    "Faigenbaum 2009": "Faigenbaum AD et al. Youth resistance training: updated position statement paper "
                       "from the NSCA. J Strength Cond Res 2009;23(5 Suppl):S60-79",
    "ACSM 2009": "Chodzko-Zajko WJ et al. ACSM position stand: exercise and physical activity for "
                          "older adults. Med Sci Sports Exerc 2009;41:1510-30",
    "ACSM": "American College of Sports Medicine. ACSM's Guidelines for Exercise Testing and "
            "Prescription: metabolic equations (running)",
}


def cited_sources(source: str) -> list[str]:
    """The parts of a citation: a ``SOURCES`` key where one matches, else the part as written.

    Parts are separated by commas, semicolons or parentheses; a part like '001 disagrees' is
    known by its first word.

    >>> cited_sources("000, 002 (001 disagrees)")
    ['000', '002', '001']
    >>> cited_sources("Williams 2017; Gabbett 2016")
    ['Williams 2017', 'Gabbett 2016']
    """
    parts = []
    for code in source.replace("(", ",").replace(")", ",").replace(";", ",").split(","):
        code = code.strip()
        if not code:
            continue
        first = code.split(" ")[0]
        parts.append(first if code not in SOURCES and first in SOURCES else code)
    return parts


def source_text(source: str) -> str:
    """'002, 000' or 'Williams 2017; Lolli 2019' -> the titles, so a coach can say where a rule
    comes from.

    >>> source_text("004")
    'Source: 004: Strength training for runners (RUN-LIFT FIT framework)'
    """
    parts = [f"{key}: {SOURCES[key]}" if key in SOURCES else key for key in cited_sources(source)]
    return "Source: " + "; ".join(parts)
