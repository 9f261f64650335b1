"""Read model of the cell page: one function in one unit, its stage and moves, lateness, deviations and evaluations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core.extensions import db
from phases.rollout.enums import CellStage
from phases.rollout.matrix import (
    TEMPLATE_STAGES,
    USING_TEMPLATE,
    CellMove,
    MoveRefusal,
    cell_lateness,
    evaluation_refusal,
    manual_moves,
    move_refusal,
    run_period_ends,
    shown_path,
)
from phases.rollout.messages import move_refusal_message
from phases.rollout.models import Evaluation
from phases.rollout.read_model import CellRow, DeviationRow, FunctionColumn, Rollout, UnitRow, cell_deviations


@dataclass(frozen=True)
class StageStep:
    """A stage on the cell's path, and whether the cell is there or past it."""

    stage: CellStage
    is_current: bool
    is_passed: bool


@dataclass(frozen=True)
class EvaluationRow:
    """An evaluation of the cell after its run period."""

    score: int
    evaluated_on: date
    evaluated_by: str  # "" when unknown
    notes: str
    actions: str


@dataclass(frozen=True)
class CellView:
    """One function in one unit: its stage, what it may move to, lateness, deviations and evaluations."""

    unit: UnitRow
    function: FunctionColumn
    cell: CellRow | None  # None until the cell is first touched
    stage: CellStage
    path: tuple[StageStep, ...]
    moves: tuple[CellStage, ...]  # the stages a cell in this stage moves on to by hand
    blocked: tuple[tuple[CellStage, str], ...]  # the moves the rules refuse here, with the reason
    asks_template_reference: bool  # one of the moves produces the template, which must be named
    days_late: int  # 0 when on time
    template_ready: bool
    template_from: tuple[str, ...]  # the pilot units that modelled this function
    uses_template: bool  # the unit runs the template and may ask to deviate from it
    is_live: bool
    in_run_period: bool  # live, but not long enough to be evaluated
    run_period_ends: date | None
    deviations: tuple[DeviationRow, ...]
    evaluations: tuple[EvaluationRow, ...]


def cell_view(rollout: Rollout, unit: UnitRow, function: FunctionColumn, today: date) -> CellView:
    """Build the cell page."""
    cell = rollout.cells.get((unit.id, function.id))
    fact = rollout.fact(unit.id, function.id)
    template_ready = function.template_ready_on is not None
    actual_live = cell.actual_live if cell else None
    moves = manual_moves(fact.stage)
    refusals = {stage: move_refusal(CellMove(fact.stage, stage, unit.is_pilot, template_ready)) for stage in moves}
    lateness = cell_lateness(fact, today)
    return CellView(
        unit=unit,
        function=function,
        cell=cell,
        stage=fact.stage,
        path=_path(fact.stage, unit.is_pilot),
        moves=moves,
        blocked=tuple(
            (stage, move_refusal_message(refusal, function.name)) for stage, refusal in refusals.items() if refusal
        ),
        asks_template_reference=CellStage.TEMPLATE_READY in moves,
        days_late=lateness[1] if lateness else 0,
        template_ready=template_ready,
        template_from=_template_from(rollout, function),
        uses_template=fact.stage in USING_TEMPLATE,
        is_live=fact.stage is CellStage.LIVE,
        in_run_period=evaluation_refusal(fact.stage, actual_live, rollout.programme.run_period_days, today)
        is MoveRefusal.RUN_PERIOD,
        run_period_ends=run_period_ends(actual_live, rollout.programme.run_period_days),
        deviations=cell_deviations(rollout, cell.id) if cell else (),
        evaluations=_evaluations(cell.id) if cell else (),
    )


def _path(stage: CellStage, unit_is_pilot: bool) -> tuple[StageStep, ...]:
    path = shown_path(stage, unit_is_pilot)
    position = path.index(stage)
    return tuple(StageStep(step, index == position, index < position) for index, step in enumerate(path))


def _template_from(rollout: Rollout, function: FunctionColumn) -> tuple[str, ...]:
    """Return the pilot units that modelled the function's template, by name."""
    pilots = {unit.id: unit.name for unit in rollout.units if unit.is_pilot}
    return tuple(
        sorted(
            pilots[unit_id]
            for (unit_id, function_id), cell in rollout.cells.items()
            if function_id == function.id and cell.stage in TEMPLATE_STAGES and unit_id in pilots
        )
    )


def _evaluations(cell_id: int) -> tuple[EvaluationRow, ...]:
    found = db.session.scalars(
        select(Evaluation)
        .options(joinedload(Evaluation.evaluated_by))
        .where(Evaluation.cell_id == cell_id)
        .order_by(Evaluation.evaluated_on.desc())
    )
    return tuple(
        EvaluationRow(
            item.score, item.evaluated_on, item.evaluated_by.name if item.evaluated_by else "", item.notes, item.actions
        )
        for item in found
    )
