"""Typed models of a group rollout: the units × functions matrix, pilots, waves, tiers, supervision and training."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import BusinessUnit, TenantOwned, User
from core.db import str_enum, utcnow
from core.extensions import db
from phases.rollout.enums import CellStage, DeviationStatus, SupervisorRole, TrainingAudience, UnitTier
from phases.rollout.matrix import CRITERIA

# The columns holding each pilot criterion's weight (on the programme) and score (on a unit), in CRITERIA order.
WEIGHT_FIELDS = tuple(f"weight_{key}" for key in CRITERIA)
SCORE_FIELDS = tuple(f"score_{key}" for key in CRITERIA)


class RolloutProgramme(TenantOwned, db.Model):
    """The rollout programme of a group project: pilot criteria weights and the rules every unit runs by."""

    __tablename__ = "rollout_programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    weight_typical: Mapped[int] = mapped_column(Integer, default=3)
    weight_management: Mapped[int] = mapped_column(Integer, default=2)
    weight_staff: Mapped[int] = mapped_column(Integer, default=2)
    weight_foundation: Mapped[int] = mapped_column(Integer, default=3)
    run_period_days: Mapped[int] = mapped_column(Integer, default=90)
    max_pilots_per_region: Mapped[int] = mapped_column(Integer, default=1)
    pilots_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    pilots_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    pilot_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    pilots_confirmed_by: Mapped[User | None] = relationship()

    @property
    def weights(self) -> tuple[int, ...]:
        """Return the pilot criteria weights, in the order of the criteria."""
        return tuple(getattr(self, name) for name in WEIGHT_FIELDS)


class RolloutFunction(TenantOwned, db.Model):
    """A function being implemented across the units (customer data, sales process, service…): a matrix column."""

    __tablename__ = "rollout_functions"
    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    template_key: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    template_reference: Mapped[str] = mapped_column(Text, default="")
    template_ready_on: Mapped[date | None] = mapped_column(Date)


class RolloutWave(TenantOwned, db.Model):
    """A wave of units that take the pilots' templates over together."""

    __tablename__ = "rollout_waves"
    __table_args__ = (UniqueConstraint("project_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_end: Mapped[date | None] = mapped_column(Date)


class RolloutUnit(TenantOwned, db.Model):
    """A unit's place in the programme: its pilot scores, whether it pilots, its wave and its tier."""

    __tablename__ = "rollout_units"
    __table_args__ = (UniqueConstraint("project_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("business_units.id", ondelete="CASCADE"), index=True)
    score_typical: Mapped[int | None] = mapped_column(Integer)
    score_management: Mapped[int | None] = mapped_column(Integer)
    score_staff: Mapped[int | None] = mapped_column(Integer)
    score_foundation: Mapped[int | None] = mapped_column(Integer)
    is_pilot: Mapped[bool] = mapped_column(Boolean, default=False)
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("rollout_waves.id", ondelete="SET NULL"), index=True)
    tier: Mapped[UnitTier | None] = mapped_column(str_enum(UnitTier))

    unit: Mapped[BusinessUnit] = relationship()

    @property
    def scores(self) -> tuple[int | None, ...]:
        """Return the unit's pilot criterion scores, in the order of the criteria (None = not scored)."""
        return tuple(getattr(self, name) for name in SCORE_FIELDS)


class RolloutCell(TenantOwned, db.Model):
    """One function in one unit: its stage and its planned and actual dates (a row exists once it was touched)."""

    __tablename__ = "rollout_cells"
    __table_args__ = (UniqueConstraint("unit_id", "function_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("business_units.id", ondelete="CASCADE"), index=True)
    function_id: Mapped[int] = mapped_column(ForeignKey("rollout_functions.id", ondelete="CASCADE"), index=True)
    stage: Mapped[CellStage] = mapped_column(str_enum(CellStage), default=CellStage.NOT_STARTED)
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_live: Mapped[date | None] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    actual_live: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class TierPolicy(TenantOwned, db.Model):
    """The incentives and penalties agreed for the units of one tier."""

    __tablename__ = "rollout_tier_policies"
    __table_args__ = (UniqueConstraint("project_id", "tier"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    tier: Mapped[UnitTier] = mapped_column(str_enum(UnitTier))
    criteria: Mapped[str] = mapped_column(Text, default="")
    incentives: Mapped[str] = mapped_column(Text, default="")
    penalties: Mapped[str] = mapped_column(Text, default="")


class Supervisor(TenantOwned, db.Model):
    """A seat on the supervision team: its lead, business leads and regional leads (督導推廣)."""

    __tablename__ = "rollout_supervisors"
    __table_args__ = (UniqueConstraint("project_id", "user_id", "role", "region"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[SupervisorRole] = mapped_column(str_enum(SupervisorRole))
    region: Mapped[str] = mapped_column(String(80), default="")

    user: Mapped[User] = relationship()


class Deviation(TenantOwned, db.Model):
    """A unit's personalisation of a function's template, allowed only once the supervision team approves it."""

    __tablename__ = "rollout_deviations"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("rollout_cells.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[DeviationStatus] = mapped_column(str_enum(DeviationStatus), default=DeviationStatus.PROPOSED)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str] = mapped_column(Text, default="")

    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class Evaluation(TenantOwned, db.Model):
    """The evaluation of a unit's function after its run period (持續優化): score, notes and actions."""

    __tablename__ = "rollout_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("rollout_cells.id", ondelete="CASCADE"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    evaluated_on: Mapped[date] = mapped_column(Date)
    evaluated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    evaluated_by: Mapped[User | None] = relationship()


class TrainingSession(TenantOwned, db.Model):
    """Planned training of one audience in one unit: how many people, in how many sessions, when."""

    __tablename__ = "rollout_trainings"
    __table_args__ = (UniqueConstraint("project_id", "unit_id", "audience"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("business_units.id", ondelete="CASCADE"), index=True)
    audience: Mapped[TrainingAudience] = mapped_column(str_enum(TrainingAudience))
    participants: Mapped[int] = mapped_column(Integer)
    sessions: Mapped[int] = mapped_column(Integer)
    planned_date: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    trainer: Mapped[User | None] = relationship()
