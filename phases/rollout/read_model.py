"""What every rollout page starts from: programme, units, functions, cells and waves as frozen rows, in fixed queries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from accounts.models import BusinessUnit, User
from core.extensions import db
from phases.projects.models import Project
from phases.rollout.enums import CellStage, DeviationStatus, UnitTier
from phases.rollout.matrix import Candidate, CellFact, RankedCandidate, rank_candidates
from phases.rollout.models import (
    SCORE_FIELDS,
    WEIGHT_FIELDS,
    Deviation,
    RolloutCell,
    RolloutFunction,
    RolloutProgramme,
    RolloutUnit,
    RolloutWave,
)
from phases.rollout.records import function_name
from phases.rollout.settings import rollout_content


@dataclass(frozen=True)
class ProgrammeRow:
    """The rollout's rules and the confirmation of its pilots."""

    id: int
    weights: tuple[int, ...]  # in the order of the criteria
    max_pilots_per_region: int
    run_period_days: int
    pilots_confirmed_at: datetime | None
    pilots_confirmed_by: str  # who confirmed the pilots ("" before they are confirmed)
    pilot_note: str

    def rule_values(self) -> dict[str, int]:
        """Return the rules under the names the rules form gives them."""
        return {
            **dict(zip(WEIGHT_FIELDS, self.weights)),
            "max_pilots_per_region": self.max_pilots_per_region,
            "run_period_days": self.run_period_days,
        }


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

    def candidate(self) -> Candidate:
        """Return the unit as pilot selection sees it."""
        return Candidate(self.id, self.name, self.region, self.scores)


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


@dataclass(frozen=True)
class WaveRow:
    """A rollout wave with how many units it takes."""

    id: int
    name: str
    planned_start: date | None
    planned_end: date | None
    unit_count: int


@dataclass(frozen=True)
class Rollout:
    """What every rollout page starts from: the programme, its units, functions, cells and waves."""

    project_id: int
    programme: ProgrammeRow
    units: tuple[UnitRow, ...]
    functions: tuple[FunctionColumn, ...]
    cells: Mapping[tuple[int, int], CellRow]  # by (unit id, function id); a cell never touched has none
    waves: tuple[WaveRow, ...]
    regions: tuple[str, ...]  # the client's regions, in order

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

    def training_scope(self, scope: str) -> tuple[UnitRow, ...]:
        """Return the units a training plan is for: "all", "pilots", or a wave's id."""
        return tuple(
            unit
            for unit in self.units
            if scope == "all" or (scope == "pilots" and unit.is_pilot) or str(unit.wave_id) == scope
        )


def has_rollout(project_id: int) -> bool:
    """Return whether the project's rollout is set up."""
    return db.session.scalar(select(RolloutProgramme.id).where(RolloutProgramme.project_id == project_id)) is not None


def load_rollout(project: Project, locale: str) -> Rollout | None:
    """Load a project's rollout in five queries whatever its size; None before the rollout is set up."""
    found = db.session.execute(
        select(RolloutProgramme, User.name)
        .outerjoin(User, User.id == RolloutProgramme.pilots_confirmed_by_id)
        .where(RolloutProgramme.project_id == project.id)
    ).first()
    if found is None:
        return None
    programme, confirmed_by = found
    units = unit_rows(project)
    functions = tuple(
        FunctionColumn(
            item.id,
            function_name(item.template_key, item.name, locale),
            item.template_reference,
            item.template_ready_on,
        )
        for item in db.session.scalars(
            select(RolloutFunction).where(RolloutFunction.project_id == project.id).order_by(RolloutFunction.position)
        )
    )
    cells = {
        (row.unit_id, row.function_id): CellRow(*row)
        for row in db.session.execute(
            select(
                RolloutCell.id,
                RolloutCell.unit_id,
                RolloutCell.function_id,
                RolloutCell.stage,
                RolloutCell.planned_start,
                RolloutCell.planned_live,
                RolloutCell.actual_start,
                RolloutCell.actual_live,
            ).where(RolloutCell.project_id == project.id)
        )
    }
    waves = tuple(
        WaveRow(
            wave.id,
            wave.name,
            wave.planned_start,
            wave.planned_end,
            sum(1 for unit in units if unit.wave_id == wave.id),
        )
        for wave in db.session.scalars(
            select(RolloutWave).where(RolloutWave.project_id == project.id).order_by(RolloutWave.position)
        )
    )
    return Rollout(
        project.id,
        _programme_row(programme, confirmed_by),
        units,
        functions,
        MappingProxyType(cells),  # read-only, like the rest of the frozen model
        waves,
        tuple(sorted({unit.region for unit in units})),
    )


def _programme_row(programme: RolloutProgramme, confirmed_by: str | None) -> ProgrammeRow:
    return ProgrammeRow(
        programme.id,
        programme.weights,
        programme.max_pilots_per_region,
        programme.run_period_days,
        programme.pilots_confirmed_at,
        confirmed_by or "",
        programme.pilot_note,
    )


def unit_rows(project: Project) -> tuple[UnitRow, ...]:
    """Return the client's units with their place in the project's programme, by region and name."""
    placed = db.session.execute(
        select(BusinessUnit, RolloutUnit)
        .outerjoin(RolloutUnit, (RolloutUnit.unit_id == BusinessUnit.id) & (RolloutUnit.project_id == project.id))
        .where(BusinessUnit.client_id == project.client_id)
        .order_by(BusinessUnit.region, BusinessUnit.name)
    ).all()
    unscored = (None,) * len(SCORE_FIELDS)
    return tuple(
        UnitRow(
            unit.id,
            unit.name,
            unit.region,
            unit.headcount,
            bool(row and row.is_pilot),
            row.tier if row else None,
            row.wave_id if row else None,
            row.scores if row else unscored,
        )
        for unit, row in placed
    )


def ranked_candidates(units: Sequence[UnitRow], weights: Sequence[int]) -> list[RankedCandidate]:
    """Rank the units as pilot candidates on the weighted criteria, with the content's core score."""
    return rank_candidates([unit.candidate() for unit in units], weights, float(rollout_content()["core_score"]))


# ---- deviations ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviationRow:
    """A unit's personalisation of a template, with the cell it personalises and the decision on it."""

    id: int
    unit_id: int
    function_id: int
    unit_name: str
    function_name: str
    description: str
    reason: str
    status: DeviationStatus
    requested_by: str  # names; "" when unknown
    requested_at: datetime
    decided_by: str
    decided_at: datetime | None
    decision_note: str

    @property
    def is_proposed(self) -> bool:
        """Return whether the deviation awaits the supervision team's decision."""
        return self.status is DeviationStatus.PROPOSED

    @property
    def is_approved(self) -> bool:
        """Return whether the supervision team approved the deviation."""
        return self.status is DeviationStatus.APPROVED


def project_deviations(rollout: Rollout) -> tuple[DeviationRow, ...]:
    """Return every deviation of the rollout, those awaiting a decision first, newest first."""
    return _deviation_rows(
        rollout,
        select(Deviation)
        .where(Deviation.project_id == rollout.project_id)
        .order_by(Deviation.status != DeviationStatus.PROPOSED, Deviation.requested_at.desc()),
    )


def cell_deviations(rollout: Rollout, cell_id: int) -> tuple[DeviationRow, ...]:
    """Return the deviations of one cell, newest first."""
    return _deviation_rows(
        rollout, select(Deviation).where(Deviation.cell_id == cell_id).order_by(Deviation.requested_at.desc())
    )


def _deviation_rows(rollout: Rollout, statement: Select[Any]) -> tuple[DeviationRow, ...]:
    cells = {cell.id: key for key, cell in rollout.cells.items()}
    units = {unit.id: unit.name for unit in rollout.units}
    functions = {function.id: function.name for function in rollout.functions}
    found = db.session.scalars(statement.options(joinedload(Deviation.requested_by), joinedload(Deviation.decided_by)))
    rows = []
    for item in found:
        unit_id, function_id = cells[item.cell_id]
        rows.append(
            DeviationRow(
                item.id,
                unit_id,
                function_id,
                units.get(unit_id, ""),
                functions.get(function_id, ""),
                item.description,
                item.reason,
                item.status,
                item.requested_by.name if item.requested_by else "",
                item.requested_at,
                item.decided_by.name if item.decided_by else "",
                item.decided_at,
                item.decision_note,
            )
        )
    return tuple(rows)
