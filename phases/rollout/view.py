"""Read models of the rollout pages: the matrix, its progress and late units, pilot ranking; a fixed number of queries."""
from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from accounts.models import BusinessUnit
from charts.matrix import MatrixCell, MatrixRow, stage_matrix
from charts.svg import fonts_for
from core.content import localized
from core.extensions import db
from core.labels import label
from phases.rollout.enums import CellStage, DeviationStatus, UnitTier
from phases.rollout.matrix import (
    TEMPLATE_STAGES,
    TRANSITIONS,
    Candidate,
    CellMove,
    CellFact,
    CoverageFinding,
    GroupProgress,
    LateKind,
    MoveRefusal,
    RankedCandidate,
    cell_lateness,
    coverage_check,
    evaluation_refusal,
    late_units,
    move_refusal,
    progress_by,
    propose_pilots,
    rank_candidates,
    run_period_ends,
)
from phases.rollout.settings import rollout_content
from phases.projects.models import Milestone, Project
from phases.rollout.models import (
    Deviation,
    Evaluation,
    RolloutCell,
    RolloutFunction,
    RolloutProgramme,
    RolloutUnit,
    RolloutWave,
    Supervisor,
    TierPolicy,
    TrainingSession,
)
from phases.rollout.services import SCORE_FIELDS, WEIGHT_FIELDS, refusal_message


@dataclass(frozen=True)
class UnitRow:
    """A client unit with its place in the programme."""

    id: int
    name: str
    region: str
    headcount: int | None
    is_pilot: bool
    tier: UnitTier | None
    wave_id: int | None
    scores: tuple[int | None, ...]


@dataclass(frozen=True)
class FunctionColumn:
    """A function of the rollout, named in the reader's language."""

    id: int
    name: str
    template_reference: str
    template_ready_on: date | None


@dataclass(frozen=True)
class CellRow:
    """A cell as the pages read it (loaded as plain columns: a large matrix has thousands)."""

    id: int
    unit_id: int
    function_id: int
    stage: CellStage
    planned_start: date | None
    planned_live: date | None
    actual_start: date | None
    actual_live: date | None


@dataclass
class Rollout:
    """What every rollout page starts from: the programme, its units, functions, cells and waves."""

    project: Project
    programme: RolloutProgramme
    units: list[UnitRow]
    functions: list[FunctionColumn]
    cells: dict[tuple[int, int], CellRow]
    waves: list[RolloutWave]

    @property
    def weights(self) -> tuple[int, ...]:
        """Return the pilot criteria weights, in the order of the criteria."""
        return tuple(getattr(self.programme, name) for name in WEIGHT_FIELDS)

    @property
    def regions(self) -> list[str]:
        """Return the client's regions, in order."""
        return sorted({unit.region for unit in self.units})

    def fact(self, unit_id: int, function_id: int) -> CellFact:
        """Return a cell's facts; a cell never touched is not started and unplanned."""
        cell = self.cells.get((unit_id, function_id))
        if cell is None:
            return CellFact(unit_id, function_id, CellStage.NOT_STARTED)
        return CellFact(unit_id, function_id, cell.stage, cell.planned_start, cell.planned_live)

    def facts(self) -> list[CellFact]:
        """Return the facts of every unit × function cell."""
        return [self.fact(unit.id, function.id) for unit in self.units for function in self.functions]

    def unit(self, unit_id: int) -> UnitRow | None:
        """Return a unit of the programme by id."""
        return next((unit for unit in self.units if unit.id == unit_id), None)

    def function(self, function_id: int) -> FunctionColumn | None:
        """Return a function of the programme by id."""
        return next((function for function in self.functions if function.id == function_id), None)


def programme_of(project_id: int) -> RolloutProgramme | None:
    """Return a project's rollout programme, if it has one."""
    return db.session.scalars(select(RolloutProgramme).where(RolloutProgramme.project_id == project_id)).first()


def load_rollout(project: Project, programme: RolloutProgramme, locale: str) -> Rollout:
    """Load a rollout in four queries, whatever the number of units and functions."""
    placed = db.session.execute(
        select(BusinessUnit, RolloutUnit)
        .outerjoin(RolloutUnit, (RolloutUnit.unit_id == BusinessUnit.id) & (RolloutUnit.project_id == project.id))
        .where(BusinessUnit.client_id == project.client_id).order_by(BusinessUnit.region, BusinessUnit.name)
    ).all()
    units = [UnitRow(unit.id, unit.name, unit.region, unit.headcount, bool(row and row.is_pilot), row.tier if row else None,
                     row.wave_id if row else None,
                     tuple(getattr(row, name) for name in SCORE_FIELDS) if row else (None,) * len(SCORE_FIELDS))
             for unit, row in placed]
    names = {item["key"]: item["name"] for item in rollout_content()["functions"]}
    functions = [FunctionColumn(item.id, localized(names[item.template_key], locale) if item.template_key in names else item.name,
                                item.template_reference, item.template_ready_on)
                 for item in db.session.scalars(select(RolloutFunction).where(RolloutFunction.project_id == project.id)
                                                .order_by(RolloutFunction.position))]
    cells = {(row.unit_id, row.function_id): CellRow(*row) for row in db.session.execute(
        select(RolloutCell.id, RolloutCell.unit_id, RolloutCell.function_id, RolloutCell.stage, RolloutCell.planned_start,
               RolloutCell.planned_live, RolloutCell.actual_start, RolloutCell.actual_live)
        .where(RolloutCell.project_id == project.id))}
    waves = list(db.session.scalars(select(RolloutWave).where(RolloutWave.project_id == project.id)
                                    .order_by(RolloutWave.position)))
    return Rollout(project, programme, units, functions, cells, waves)


# ---- the matrix page ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressRow:
    """Progress of one function, region or wave, with its name."""

    name: str
    progress: GroupProgress


@dataclass(frozen=True)
class LateRow:
    """A late unit with its name, region and overdue milestones."""

    unit: UnitRow
    late_cells: int
    worst_days: int
    overdue_milestones: int


@dataclass(frozen=True)
class DeviationRow:
    """A deviation with the cell it personalises."""

    deviation: Deviation
    unit_id: int
    function_id: int
    unit_name: str
    function_name: str


@dataclass
class MatrixView:
    """Everything the matrix page shows."""

    rollout: Rollout
    heatmap_svg: Markup
    by_function: list[ProgressRow]
    by_region: list[ProgressRow]
    by_wave: list[ProgressRow]
    overall: GroupProgress
    late: list[LateRow]
    deviations: list[DeviationRow]
    unit_milestones: list[tuple[Milestone, str]] = field(default_factory=list)


def stage_legend() -> list[tuple[str, str]]:
    """Return the matrix legend: every stage with its name in the reader's language."""
    return [(stage.value, label(stage)) for stage in CellStage]


def _cell_url(project_id: int) -> Callable[[int, int], str]:
    """Return a maker of cell page addresses: url_for once, not once per cell of a large matrix."""
    unit_mark, function_mark = 987654321, 123456789
    pattern = url_for("rollout.rollout_cell", project_id=project_id, unit_id=unit_mark, function_id=function_mark)
    head, rest = pattern.split(str(unit_mark))
    middle, tail = rest.split(str(function_mark))
    return lambda unit_id, function_id: f"{head}{unit_id}{middle}{function_id}{tail}"


def matrix_svg(rollout: Rollout, today: date, links: bool = True) -> Markup:
    """Draw the matrix of units × functions, coloured by stage, late cells outlined."""
    cell_url = _cell_url(rollout.project.id) if links else None
    stage_names = {stage: label(stage) for stage in CellStage}
    rows = []
    for unit in rollout.units:
        cells = []
        for function in rollout.functions:
            fact = rollout.fact(unit.id, function.id)
            cells.append(MatrixCell(fact.stage.value, cell_lateness(fact, today) is not None,
                                    cell_url(unit.id, function.id) if cell_url else "",
                                    f"{unit.name} · {function.name}: {stage_names[fact.stage]}"))
        rows.append(MatrixRow(f"{unit.name} ★" if unit.is_pilot else unit.name, unit.region, tuple(cells)))
    return stage_matrix([function.name for function in rollout.functions], rows, legend=stage_legend(),
                        late_label=_("Late"), title=_("Rollout matrix"))


def matrix_view(rollout: Rollout, today: date, links: bool = True) -> MatrixView:
    """Build the matrix page: heatmap, progress per function, region and wave, late units, open deviations."""
    facts = rollout.facts()
    unit_region = {unit.id: unit.region for unit in rollout.units}
    unit_wave = {unit.id: (-1 if unit.is_pilot else unit.wave_id) for unit in rollout.units}
    wave_names: dict[Hashable, str] = {-1: _("Pilots"), **{wave.id: wave.name for wave in rollout.waves},
                                       None: _("No wave yet")}
    overdue = dict(db.session.execute(
        select(Milestone.unit_id, func.count(Milestone.id))
        .where(Milestone.project_id == rollout.project.id, Milestone.unit_id.is_not(None), Milestone.planned_date < today,
               Milestone.actual_date.is_(None), Milestone.percent_done < 100)
        .group_by(Milestone.unit_id)
    ).all())
    late_found = {item.unit_id: item for item in late_units(facts, today)}
    late = [LateRow(unit, late_found[unit.id].late_cells if unit.id in late_found else 0,
                    late_found[unit.id].worst_days if unit.id in late_found else 0, overdue.get(unit.id, 0))
            for unit in rollout.units if unit.id in late_found or overdue.get(unit.id)]
    late.sort(key=lambda row: (-row.worst_days, -row.overdue_milestones, row.unit.name))
    wave_order = [-1, *[wave.id for wave in rollout.waves], None]
    with fonts_for(str(get_locale())):
        svg = matrix_svg(rollout, today, links)
    return MatrixView(
        rollout=rollout,
        heatmap_svg=svg,
        by_function=[ProgressRow(function.name, progress) for function, progress in zip(
            rollout.functions, progress_by(facts, lambda fact: fact.function_id, [f.id for f in rollout.functions]))],
        by_region=[ProgressRow(str(progress.key), progress)
                   for progress in progress_by(facts, lambda fact: unit_region[fact.unit_id], rollout.regions)],
        by_wave=[ProgressRow(wave_names[progress.key], progress)
                 for progress in progress_by(facts, lambda fact: unit_wave[fact.unit_id], wave_order) if progress.total],
        overall=progress_by(facts, lambda _fact: "all", ["all"])[0],
        late=late,
        deviations=_deviations(rollout),
        unit_milestones=_unit_milestones(rollout),
    )


def _deviations(rollout: Rollout) -> list[DeviationRow]:
    cells = {cell.id: key for key, cell in rollout.cells.items()}
    names = {unit.id: unit.name for unit in rollout.units}
    functions = {function.id: function.name for function in rollout.functions}
    found = db.session.scalars(
        select(Deviation).options(joinedload(Deviation.requested_by), joinedload(Deviation.decided_by))
        .where(Deviation.project_id == rollout.project.id)
        .order_by(Deviation.status != DeviationStatus.PROPOSED, Deviation.requested_at.desc())
    ).all()
    return [DeviationRow(item, *cells[item.cell_id], names.get(cells[item.cell_id][0], ""),
                         functions.get(cells[item.cell_id][1], "")) for item in found]


def _unit_milestones(rollout: Rollout) -> list[tuple[Milestone, str]]:
    names = {unit.id: unit.name for unit in rollout.units}
    found = db.session.scalars(
        select(Milestone).options(joinedload(Milestone.owner))
        .where(Milestone.project_id == rollout.project.id, Milestone.unit_id.is_not(None))
        .order_by(Milestone.planned_date.is_(None), Milestone.planned_date, Milestone.id)
    ).all()
    return [(milestone, names.get(milestone.unit_id, "")) for milestone in found]  # type: ignore[arg-type]


# ---- the pilot page -----------------------------------------------------------------------------------------------


@dataclass
class PilotView:
    """The ranking of candidate units, the proposal and the coverage check of the current or proposed pilots."""

    ranked: list[RankedCandidate]
    proposal: tuple[int, ...]
    chosen: tuple[int, ...]
    coverage: list[CoverageFinding]
    proposal_coverage: list[CoverageFinding]
    scores: dict[int, float | None]


def pilot_view(rollout: Rollout) -> PilotView:
    """Rank the candidates on the weighted criteria, propose pilots and check the plane coverage."""
    content = rollout_content()
    ranked = rank_candidates([Candidate(unit.id, unit.name, unit.region, unit.scores) for unit in rollout.units],
                             rollout.weights, float(content["core_score"]))
    proposal = propose_pilots(ranked, int(content["proposed_pilots"]))
    chosen = tuple(unit.id for unit in rollout.units if unit.is_pilot)
    limit = rollout.programme.max_pilots_per_region
    return PilotView(ranked, proposal, chosen, coverage_check(ranked, chosen, limit) if chosen else [],
                     coverage_check(ranked, proposal, limit), {item.unit_id: item.score for item in ranked})


# ---- the organisation page ----------------------------------------------------------------------------------------


@dataclass
class OrganisationView:
    """Supervision team, tier policies and the training plan of a rollout."""

    supervisors: list[Supervisor]
    policies: dict[UnitTier, TierPolicy]
    training: list[tuple[str, list[tuple[UnitRow, list[TrainingSession]]]]]  # per region, per unit
    training_totals: dict[str, int]


def organisation_view(rollout: Rollout) -> OrganisationView:
    """Load the supervision team, the tier policies and the training plan grouped by region and unit."""
    supervisors = list(db.session.scalars(
        select(Supervisor).options(joinedload(Supervisor.user)).where(Supervisor.project_id == rollout.project.id)
        .order_by(Supervisor.role, Supervisor.region, Supervisor.id)))
    policies = {policy.tier: policy for policy in db.session.scalars(
        select(TierPolicy).where(TierPolicy.project_id == rollout.project.id))}
    sessions: dict[int, list[TrainingSession]] = {}
    for session in db.session.scalars(select(TrainingSession).options(joinedload(TrainingSession.trainer))
                                      .where(TrainingSession.project_id == rollout.project.id)
                                      .order_by(TrainingSession.unit_id, TrainingSession.id)):
        sessions.setdefault(session.unit_id, []).append(session)
    by_region = [(region, [(unit, sessions.get(unit.id, [])) for unit in rollout.units if unit.region == region])
                 for region in rollout.regions]
    planned = [session for rows in sessions.values() for session in rows]
    totals = {"participants": sum(item.participants for item in planned), "sessions": sum(item.sessions for item in planned),
              "held": sum(item.sessions for item in planned if item.done_on)}
    return OrganisationView(supervisors, policies, by_region, totals)


# ---- one cell -----------------------------------------------------------------------------------------------------


@dataclass
class CellView:
    """One function in one unit: its stage, what it may move to, lateness, deviations and evaluations."""

    cell: CellRow | None
    stage: CellStage
    moves: tuple[CellStage, ...]   # the stages a cell in this stage moves on to by hand
    blocked: dict[CellStage, str]  # the moves the rules refuse here, with the reason
    lateness: tuple[LateKind, int] | None
    template_ready: bool
    template_from: list[str]  # the pilot units that modelled this function
    evaluation_blocked: MoveRefusal | None
    run_period_ends: date | None
    deviations: list[Deviation]
    evaluations: list[Evaluation]


def cell_view(rollout: Rollout, unit: UnitRow, function: FunctionColumn, today: date) -> CellView:
    """Build the cell page."""
    cell = rollout.cells.get((unit.id, function.id))
    fact = rollout.fact(unit.id, function.id)
    template_ready = function.template_ready_on is not None
    deviations: list[Deviation] = []
    evaluations: list[Evaluation] = []
    if cell is not None:
        deviations = list(db.session.scalars(
            select(Deviation).options(joinedload(Deviation.requested_by), joinedload(Deviation.decided_by))
            .where(Deviation.cell_id == cell.id).order_by(Deviation.requested_at.desc())))
        evaluations = list(db.session.scalars(
            select(Evaluation).options(joinedload(Evaluation.evaluated_by)).where(Evaluation.cell_id == cell.id)
            .order_by(Evaluation.evaluated_on.desc())))
    pilots = {item.id: item.name for item in rollout.units if item.is_pilot}
    modelled = [pilots[key[0]] for key, item in rollout.cells.items()
                if key[1] == function.id and item.stage in TEMPLATE_STAGES and key[0] in pilots]
    actual_live = cell.actual_live if cell else None
    moves = tuple(stage for stage in TRANSITIONS[fact.stage] if stage is not CellStage.OPTIMISING)
    refusals = {stage: move_refusal(CellMove(fact.stage, stage, unit.is_pilot, template_ready)) for stage in moves}
    return CellView(
        cell=cell, stage=fact.stage, moves=moves,
        blocked={stage: refusal_message(refusal, function.name) for stage, refusal in refusals.items() if refusal},
        lateness=cell_lateness(fact, today), template_ready=template_ready, template_from=sorted(modelled),
        evaluation_blocked=evaluation_refusal(fact.stage, actual_live, rollout.programme.run_period_days, today),
        run_period_ends=run_period_ends(actual_live, rollout.programme.run_period_days),
        deviations=deviations, evaluations=evaluations,
    )
