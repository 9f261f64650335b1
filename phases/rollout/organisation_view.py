"""Read model of the organisation page: the supervision team, the tiers and their policies, the training plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from accounts.models import BusinessUnit
from core.extensions import db
from phases.rollout.enums import SupervisorRole, TrainingAudience, UnitTier
from phases.rollout.models import Supervisor, TierPolicy, TrainingSession
from phases.rollout.read_model import Rollout


@dataclass(frozen=True)
class SupervisorRow:
    """A seat on the supervision team."""

    id: int
    name: str
    role: SupervisorRole
    region: str


@dataclass(frozen=True)
class TierRow:
    """A tier with how many units are in it and the policy agreed for it (empty texts until agreed)."""

    tier: UnitTier
    unit_count: int
    agreed: bool
    criteria: str
    incentives: str
    penalties: str


@dataclass(frozen=True)
class TrainingRow:
    """One row of the training plan: an audience of one unit."""

    id: int
    unit_name: str
    audience: TrainingAudience
    participants: int
    sessions: int
    planned_date: date | None
    trainer: str  # "" when no trainer is named
    done_on: date | None


@dataclass(frozen=True)
class TrainingUnit:
    """A unit's rows of the training plan."""

    name: str
    sessions: tuple[TrainingRow, ...]


@dataclass(frozen=True)
class TrainingRegion:
    """The units of one region that have training planned."""

    region: str
    units: tuple[TrainingUnit, ...]


@dataclass(frozen=True)
class TrainingTotals:
    """How many people and sessions the training plan holds, and how many sessions were held."""

    participants: int
    sessions: int
    held: int


@dataclass(frozen=True)
class OrganisationView:
    """Supervision team, tiers and the training plan of a rollout."""

    supervisors: tuple[SupervisorRow, ...]
    tiers: tuple[TierRow, ...]
    training: tuple[TrainingRegion, ...]
    training_totals: TrainingTotals


def organisation_view(rollout: Rollout) -> OrganisationView:
    """Load the supervision team, the tier policies and the training plan grouped by region and unit."""
    supervisors = tuple(
        SupervisorRow(seat.id, seat.user.name, seat.role, seat.region)
        for seat in db.session.scalars(
            select(Supervisor)
            .options(joinedload(Supervisor.user))
            .where(Supervisor.project_id == rollout.project_id)
            .order_by(Supervisor.role, Supervisor.region, Supervisor.id)
        )
    )
    policies = {
        policy.tier: policy
        for policy in db.session.scalars(select(TierPolicy).where(TierPolicy.project_id == rollout.project_id))
    }
    tiers = tuple(_tier_row(rollout, tier, policies.get(tier)) for tier in UnitTier)
    sessions: dict[int, list[TrainingRow]] = {}
    names = {unit.id: unit.name for unit in rollout.units}
    for session in db.session.scalars(
        select(TrainingSession)
        .options(joinedload(TrainingSession.trainer))
        .where(TrainingSession.project_id == rollout.project_id)
        .order_by(TrainingSession.unit_id, TrainingSession.id)
    ):
        sessions.setdefault(session.unit_id, []).append(_training_row(session, names.get(session.unit_id, "")))
    planned = [row for rows in sessions.values() for row in rows]
    totals = TrainingTotals(
        sum(row.participants for row in planned),
        sum(row.sessions for row in planned),
        sum(row.sessions for row in planned if row.done_on),
    )
    return OrganisationView(supervisors, tiers, _training_by_region(rollout, sessions), totals)


def _tier_row(rollout: Rollout, tier: UnitTier, policy: TierPolicy | None) -> TierRow:
    units = sum(1 for unit in rollout.units if unit.tier is tier)
    if policy is None:
        return TierRow(tier, units, False, "", "", "")
    return TierRow(tier, units, True, policy.criteria, policy.incentives, policy.penalties)


def _training_by_region(rollout: Rollout, sessions: dict[int, list[TrainingRow]]) -> tuple[TrainingRegion, ...]:
    """Group the training rows by region and unit, in the units' order, leaving out units with none planned."""
    regions = []
    for region in rollout.regions:
        units = tuple(
            TrainingUnit(unit.name, tuple(sessions[unit.id]))
            for unit in rollout.units
            if unit.region == region and sessions.get(unit.id)
        )
        if units:
            regions.append(TrainingRegion(region, units))
    return tuple(regions)


def _training_row(session: TrainingSession, unit_name: str) -> TrainingRow:
    return TrainingRow(
        session.id,
        unit_name,
        session.audience,
        session.participants,
        session.sessions,
        session.planned_date,
        session.trainer.name if session.trainer else "",
        session.done_on,
    )


def training_row(session: TrainingSession) -> TrainingRow:
    """Return one row of the training plan, for its own page."""
    unit = db.session.get(BusinessUnit, session.unit_id)
    return _training_row(session, unit.name if unit else "")
