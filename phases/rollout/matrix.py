"""Pure rollout rules: pilot ranking and plane coverage, cell stage moves, rollout progress, late units, training needs."""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from phases.rollout.enums import CellStage

CRITERIA = ("typical", "management", "staff", "foundation")
MIN_SCORE, MAX_SCORE = 1, 5

# The ranges the rollout's numbers keep to (forms show them as the inputs' bounds; the services enforce them).
SCORE_RANGE = range(MIN_SCORE, MAX_SCORE + 1)  # a criterion score, and an evaluation's score
WEIGHT_RANGE = range(11)  # a criterion's weight; 0 leaves the criterion out
PILOTS_PER_REGION_RANGE = range(1, 21)
RUN_PERIOD_DAYS_RANGE = range(7, 731)  # how long a unit runs live before it is evaluated
PARTICIPANTS_RANGE = range(1, 100_001)  # people in one training row
SESSIONS_RANGE = range(1, 1_001)  # sessions in one training row

DONE_STAGES = (CellStage.LIVE, CellStage.OPTIMISING)
TEMPLATE_STAGES = (CellStage.TEMPLATE_READY, CellStage.LIVE, CellStage.OPTIMISING)
PILOTING_STAGES = (CellStage.PILOT, CellStage.TEMPLATE_READY)  # a unit here is modelling the function's template
STARTING_STAGES = (CellStage.PILOT, CellStage.ROLLING_OUT)  # moving here starts the work on a cell
USING_TEMPLATE = (CellStage.ROLLING_OUT, CellStage.LIVE, CellStage.OPTIMISING)  # a unit here may ask to deviate


# ---- pilot selection --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A unit as pilot selection sees it: its region and its 1–5 score on each criterion (None = not scored)."""

    unit_id: int
    name: str
    region: str
    scores: tuple[int | None, ...]  # in the order of CRITERIA


@dataclass(frozen=True)
class RankedCandidate:
    """A candidate with its weighted pilot score and rank (unscored candidates have neither)."""

    unit_id: int
    name: str
    region: str
    score: float | None
    rank: int | None
    core: bool  # scores at least the core score: a core point of its region


def pilot_score(scores: Sequence[int | None], weights: Sequence[int]) -> float | None:
    """Return the weighted mean of a candidate's criterion scores, or None until every criterion is scored."""
    if len(scores) != len(weights):
        raise ValueError("one weight per criterion")
    if any(score is None for score in scores) or sum(weights) <= 0:
        return None
    return sum(score * weight for score, weight in zip(scores, weights)) / sum(weights)  # type: ignore[operator]


def rank_candidates(
    candidates: Iterable[Candidate], weights: Sequence[int], core_score: float
) -> list[RankedCandidate]:
    """Rank candidates best first (ties by name); unscored candidates come last, unranked."""
    scored = [(candidate, pilot_score(candidate.scores, weights)) for candidate in candidates]
    scored.sort(key=lambda pair: (pair[1] is None, -(pair[1] or 0.0), pair[0].name))
    ranked = []
    for index, (candidate, score) in enumerate(scored, start=1):
        ranked.append(
            RankedCandidate(
                candidate.unit_id,
                candidate.name,
                candidate.region,
                score,
                index if score is not None else None,
                score is not None and score >= core_score,
            )
        )
    return ranked


def propose_pilots(ranked: Sequence[RankedCandidate], limit: int = 2) -> tuple[int, ...]:
    """Propose up to `limit` pilots: the best unit, then the best core points of regions not covered yet."""
    proposal: list[RankedCandidate] = []
    for candidate in ranked:
        if candidate.score is None or len(proposal) >= limit:
            break
        if not proposal or (candidate.core and candidate.region not in {chosen.region for chosen in proposal}):
            proposal.append(candidate)
    return tuple(candidate.unit_id for candidate in proposal)


class CoverageKind(enum.StrEnum):
    """What the plane-coverage check can find wrong with a set of pilots."""

    NO_PILOT = "no_pilot"
    UNCOVERED_REGION = "uncovered_region"  # a region with core points has no pilot
    CROWDED_REGION = "crowded_region"  # a region has more pilots than allowed


@dataclass(frozen=True)
class CoverageFinding:
    """One finding of the coverage check."""

    kind: CoverageKind
    region: str = ""
    count: int = 0

    @property
    def is_no_pilot(self) -> bool:
        """Return whether the finding is that no pilot is chosen at all."""
        return self.kind is CoverageKind.NO_PILOT

    @property
    def is_uncovered_region(self) -> bool:
        """Return whether the finding is a region with core points but no pilot."""
        return self.kind is CoverageKind.UNCOVERED_REGION


def coverage_check(
    ranked: Sequence[RankedCandidate], pilot_ids: Iterable[int], max_per_region: int
) -> list[CoverageFinding]:
    """Check the plane: every region with core points gets a pilot, and no region gets more than its share."""
    chosen = set(pilot_ids)
    if not chosen:
        return [CoverageFinding(CoverageKind.NO_PILOT)]
    pilots_per_region: dict[str, int] = {}
    core_regions: list[str] = []
    for candidate in ranked:
        if candidate.unit_id in chosen:
            pilots_per_region[candidate.region] = pilots_per_region.get(candidate.region, 0) + 1
        if candidate.core and candidate.region not in core_regions:
            core_regions.append(candidate.region)
    findings = [
        CoverageFinding(CoverageKind.UNCOVERED_REGION, region)
        for region in sorted(core_regions)
        if region not in pilots_per_region
    ]
    findings += [
        CoverageFinding(CoverageKind.CROWDED_REGION, region, count)
        for region, count in sorted(pilots_per_region.items())
        if count > max_per_region
    ]
    return findings


class PilotRefusal(enum.StrEnum):
    """Why a choice of pilot units may not be confirmed."""

    NONE_CHOSEN = "none_chosen"  # no unit is ticked
    NOT_SCORED = "not_scored"  # a chosen unit is missing a criterion score
    COVERAGE_UNEXPLAINED = "coverage_unexplained"  # the coverage check warns and no reason is given
    STILL_PILOTING = "still_piloting"  # a unit piloting a function would stop being a pilot


def pilot_choice_refusal(
    ranked: Sequence[RankedCandidate], chosen: Iterable[int], max_per_region: int, note: str, piloting: Iterable[int]
) -> PilotRefusal | None:
    """Return why the chosen pilots may not be confirmed, or None: a coverage warning needs a stated reason."""
    chosen_ids = set(chosen)
    if not chosen_ids:
        return PilotRefusal.NONE_CHOSEN
    scores = {candidate.unit_id: candidate.score for candidate in ranked}
    if any(scores.get(unit_id) is None for unit_id in chosen_ids):
        return PilotRefusal.NOT_SCORED
    if coverage_check(ranked, chosen_ids, max_per_region) and not note.strip():
        return PilotRefusal.COVERAGE_UNEXPLAINED
    if set(piloting) - chosen_ids:
        return PilotRefusal.STILL_PILOTING
    return None


# ---- stage moves ------------------------------------------------------------------------------------------------

# Allowed moves of a cell. A pilot unit models the template and goes live on it; the other units roll it out.
TRANSITIONS: dict[CellStage, tuple[CellStage, ...]] = {
    CellStage.NOT_STARTED: (CellStage.PILOT, CellStage.ROLLING_OUT),
    CellStage.PILOT: (CellStage.TEMPLATE_READY,),
    CellStage.TEMPLATE_READY: (CellStage.LIVE,),
    CellStage.ROLLING_OUT: (CellStage.LIVE,),
    CellStage.LIVE: (CellStage.OPTIMISING,),
    CellStage.OPTIMISING: (),
}


class MoveRefusal(enum.StrEnum):
    """Why a cell may not move to the stage asked for."""

    NOT_ALLOWED = "not_allowed"  # no such move from the current stage
    NOT_A_PILOT = "not_a_pilot"  # only a confirmed pilot unit pilots
    NO_TEMPLATE = "no_template"  # the function's pilot has not produced a template yet
    NEEDS_EVALUATION = "needs_evaluation"  # a cell becomes "optimising" only through an evaluation
    RUN_PERIOD = "run_period"  # the unit has not run live long enough to be evaluated


@dataclass(frozen=True)
class CellMove:
    """A requested move of one cell, with the facts the rules need."""

    current: CellStage
    target: CellStage
    unit_is_pilot: bool
    template_ready: bool
    by_evaluation: bool = False


def move_refusal(move: CellMove) -> MoveRefusal | None:
    """Return why the move is refused, or None when it may happen."""
    if move.target not in TRANSITIONS[move.current]:
        return MoveRefusal.NOT_ALLOWED
    if move.target is CellStage.PILOT and not move.unit_is_pilot:
        return MoveRefusal.NOT_A_PILOT
    if move.target is CellStage.ROLLING_OUT and not move.template_ready:
        return MoveRefusal.NO_TEMPLATE
    if move.target is CellStage.OPTIMISING and not move.by_evaluation:
        return MoveRefusal.NEEDS_EVALUATION
    return None


def manual_moves(stage: CellStage) -> tuple[CellStage, ...]:
    """Return the stages a cell moves on to by hand; "optimising" is reached only by recording an evaluation."""
    return tuple(target for target in TRANSITIONS[stage] if target is not CellStage.OPTIMISING)


def stage_path(unit_is_pilot: bool) -> tuple[CellStage, ...]:
    """Return the stages a cell passes through: a pilot unit models the template, the others roll it out."""
    if unit_is_pilot:
        return (CellStage.NOT_STARTED, CellStage.PILOT, CellStage.TEMPLATE_READY, CellStage.LIVE, CellStage.OPTIMISING)
    return (CellStage.NOT_STARTED, CellStage.ROLLING_OUT, CellStage.LIVE, CellStage.OPTIMISING)


def shown_path(stage: CellStage, unit_is_pilot: bool) -> tuple[CellStage, ...]:
    """Return the stages to show a cell passing through: its unit's path, or every stage when it left that path."""
    path = stage_path(unit_is_pilot)
    return path if stage in path else tuple(CellStage)


def run_period_ends(actual_live: date | None, run_period_days: int) -> date | None:
    """Return the day from which a live cell may be evaluated."""
    return actual_live + timedelta(days=run_period_days) if actual_live else None


def evaluation_refusal(
    stage: CellStage, actual_live: date | None, run_period_days: int, today: date
) -> MoveRefusal | None:
    """Return why a cell may not be evaluated yet, or None: it must be live and past its run period."""
    if stage is not CellStage.LIVE:
        return MoveRefusal.NOT_ALLOWED
    ends = run_period_ends(actual_live, run_period_days)
    if ends is not None and today < ends:
        return MoveRefusal.RUN_PERIOD
    return None


# ---- progress ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellFact:
    """What progress figures need of one cell (a cell never touched is NOT_STARTED without dates)."""

    unit_id: int
    function_id: int
    stage: CellStage
    planned_start: date | None = None
    planned_live: date | None = None


@dataclass(frozen=True)
class GroupProgress:
    """Rollout progress of a group of cells (one function, region or wave)."""

    key: Hashable
    total: int
    by_stage: tuple[int, ...]  # counts in the order of CellStage
    done: int  # live or optimising
    started: int  # anything past "not started"

    @property
    def percent_done(self) -> float:
        """Return the share of cells live or optimising, in percent."""
        return 100.0 * self.done / self.total if self.total else 0.0


def progress_by(
    cells: Iterable[CellFact], key: Callable[[CellFact], Hashable], order: Sequence[Hashable]
) -> list[GroupProgress]:
    """Return progress per group, in the given order of group keys (groups with no cells count zero)."""
    stages = list(CellStage)
    counts: dict[Hashable, list[int]] = {group: [0] * len(stages) for group in order}
    for cell in cells:
        counts.setdefault(key(cell), [0] * len(stages))[stages.index(cell.stage)] += 1
    result = []
    for group in order:
        row = counts[group]
        done = sum(row[stages.index(stage)] for stage in DONE_STAGES)
        result.append(GroupProgress(group, sum(row), tuple(row), done, sum(row) - row[0]))
    return result


class LateKind(enum.StrEnum):
    """How a cell is late."""

    NOT_STARTED = "not_started"  # its planned start has passed and it has not started
    NOT_LIVE = "not_live"  # its planned go-live has passed and it is not live


def cell_lateness(cell: CellFact, today: date) -> tuple[LateKind, int] | None:
    """Return how a cell is late and by how many days, or None when it is on time."""
    if cell.stage in DONE_STAGES:
        return None
    if cell.planned_live is not None and cell.planned_live < today:
        return LateKind.NOT_LIVE, (today - cell.planned_live).days
    if cell.stage is CellStage.NOT_STARTED and cell.planned_start is not None and cell.planned_start < today:
        return LateKind.NOT_STARTED, (today - cell.planned_start).days
    return None


@dataclass(frozen=True)
class LateUnit:
    """A unit with late cells: how many and by how much the worst one is late."""

    unit_id: int
    late_cells: int
    worst_days: int


def late_units(cells: Iterable[CellFact], today: date) -> list[LateUnit]:
    """Return the units with late cells, the most late first."""
    found: dict[int, list[int]] = {}
    for cell in cells:
        lateness = cell_lateness(cell, today)
        if lateness is not None:
            found.setdefault(cell.unit_id, []).append(lateness[1])
    units = [LateUnit(unit_id, len(days), max(days)) for unit_id, days in found.items()]
    return sorted(units, key=lambda unit: (-unit.worst_days, -unit.late_cells, unit.unit_id))


# ---- training ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingNeed:
    """How many people of one audience a unit trains, in how many sessions."""

    audience: str
    participants: int
    sessions: int


def training_needs(headcount: int | None, shares: Sequence[tuple[str, float]], class_size: int) -> list[TrainingNeed]:
    """Return the training a unit needs per audience, from its size: at least one person and one session each."""
    if class_size <= 0:
        raise ValueError("class_size must be positive")
    people = max(headcount or 0, 0)
    needs = []
    for audience, share in shares:
        participants = max(1, math.ceil(people * share))
        needs.append(TrainingNeed(audience, participants, math.ceil(participants / class_size)))
    return needs
